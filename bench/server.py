"""A disposable Neo4j for benchmarks: its own temporary home, a free loopback port."""

from __future__ import annotations

import contextlib
import os
import platform
import subprocess
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from starlette.applications import Starlette

from graph.access.account_changes import ensure_account
from graph.store.bootstrap import ensure_schema
from graph.store.connection import Neo4jTarget, local_server, managed_target
from graph.store.install import install
from graph.store.local_server import LocalNeo4j, free_port
from server.app import create_app
from server.settings import Settings
from server.tokens import issue_token


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


BENCH_KEY = b"benchmark-signing-key-0123456789abcdef"
BENCH_ACCOUNT = "bench-admin"


def bench_token(
    target: Neo4jTarget, account: str, key: bytes, *, role: str, scope: str | None
) -> str:
    """A bearer token of ``account`` (created with ``role`` and ``scope`` if need be)."""
    with target.sync_driver() as driver:
        ensure_account(
            driver,
            database=target.database,
            account_id=account,
            role=role,
            scope=scope,
            person_id=None,
        )
    return issue_token(account_id=account, key=key, ttl=timedelta(hours=6), now=datetime.now(UTC))


def signed_app(target: Neo4jTarget, settings: Settings) -> tuple[Starlette, dict[str, str]]:
    """The service, and the headers of an admin signed in to it (created if need be)."""
    token = bench_token(target, BENCH_ACCOUNT, BENCH_KEY, role="admin", scope=None)
    app = create_app(target, settings, key=BENCH_KEY)
    return app, {"authorization": f"Bearer {token}"}


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
