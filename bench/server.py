"""A disposable Neo4j for benchmarks: its own temporary home, a free loopback port."""

from __future__ import annotations

import contextlib
import os
import platform
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from graph.bootstrap import ensure_schema
from graph.connection import Neo4jTarget, local_server, managed_target
from graph.local_server import LocalNeo4j, free_port, install


@contextlib.contextmanager
def bench_neo4j(*, heap: str = "3g", pagecache: str = "1g") -> Iterator[Neo4jTarget]:
    with tempfile.TemporaryDirectory(prefix="louzhi-bench-") as home:
        server = LocalNeo4j(
            home=Path(home),
            lib=install(local_server().lib),
            port=free_port(),
            heap=heap,
            pagecache=pagecache,
        )
        server.start()
        try:
            target = managed_target(server, env={})
            with target.sync_driver() as driver:
                ensure_schema(driver, database=target.database)
            yield target
        finally:
            server.stop()


def wipe(target: Neo4jTarget) -> None:
    """Remove every node, in batches (an implicit transaction, as CALL … IN TRANSACTIONS needs)."""
    with target.sync_driver() as driver, driver.session(database=target.database) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS").consume()


def machine() -> str:
    """The machine the figures come from, for the README."""
    model = ""
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
        model = next(
            (ln.split(":", 1)[1].strip() for ln in out.splitlines() if "Model name" in ln), ""
        )
    cpu = model or platform.processor()
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"
