"""The managed local Neo4j, driven through the real ``louzhi neo4j`` command."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from graph.errors import JavaMissing, LoadTooLarge, PortTaken
from graph.records.roster_store import LOAD_RETRY_SECONDS
from graph.store.connection import Neo4jTarget
from graph.store.install import java_major_version
from graph.store.local_server import LocalNeo4j, free_port, new_password
from seeds.demo.street import street
from seeds.load import load_roster
from tests.conftest import shared_lib


def louzhi(home: Path, port: int, *args: str, **settings: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LOUZHI_HOME": str(home), "LOUZHI_NEO4J_PORT": str(port), **settings}
    env["LOUZHI_NEO4J_LIB"] = str(shared_lib())
    env["LOUZHI_NEO4J_HEAP"] = "512m"
    env.pop("NEO4J_URI", None)
    return subprocess.run(
        [sys.executable, "-m", "server.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def java_processes_for(home: Path) -> list[str]:
    out = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True, check=True)
    return [line for line in out.stdout.splitlines() if f"--home-dir={home}" in line]


def test_start_twice_is_harmless_and_data_survives_a_restart(tmp_path: Path) -> None:
    home, port = tmp_path / "louzhi", free_port()
    first = louzhi(home, port, "neo4j", "start")
    assert first.returncode == 0, first.stderr
    assert "started" in first.stdout
    try:
        again = louzhi(home, port, "neo4j", "start")
        assert again.returncode == 0, again.stderr
        assert "already running" in again.stdout
        assert louzhi(home, port, "neo4j", "status").returncode == 0

        server = LocalNeo4j(home=home / "neo4j", lib=shared_lib(), port=port)
        assert oct((server.password_file.stat().st_mode) & 0o777) == "0o600"
        with server_driver(server) as driver:
            driver.execute_query("CREATE (:Probe {value: 42})")

        assert louzhi(home, port, "neo4j", "stop").returncode == 0
        assert java_processes_for(home / "neo4j") == []
        assert louzhi(home, port, "neo4j", "status").returncode == 3

        # Restarted with a cap on one transaction's memory, which a community's load exceeds.
        cap = {"LOUZHI_NEO4J_TRANSACTION_MEMORY": "4m"}
        assert louzhi(home, port, "neo4j", "start", **cap).returncode == 0
        with server_driver(server) as driver:
            records, _, _ = driver.execute_query("MATCH (p:Probe) RETURN p.value AS v")
        assert [r["v"] for r in records] == [42]
        refused_for_memory_once(Neo4jTarget(server.uri, server.user, server.password))
        with server_driver(server) as driver:
            records, _, _ = driver.execute_query("MATCH (n) RETURN count(n) AS n")
        assert [r["n"] for r in records] == [1]  # the probe alone: nothing of the load
    finally:
        louzhi(home, port, "neo4j", "stop")
    assert java_processes_for(home / "neo4j") == []


def refused_for_memory_once(target: Neo4jTarget) -> None:
    """A load Neo4j refuses for memory is not retried, and says so (not "Neo4j stopped")."""
    (roster,) = street(communities=1, seed=2, today=date(2026, 11, 1), sizes=[400])
    with pytest.raises(LoadTooLarge):  # the first also creates the schema of the fresh database
        load_roster(target, roster, today=date(2026, 11, 1))
    started = time.monotonic()
    with pytest.raises(LoadTooLarge) as caught:
        load_roster(target, roster, today=date(2026, 11, 1))
    assert time.monotonic() - started < LOAD_RETRY_SECONDS  # refused once, not retried
    assert "memory" in str(caught.value) and "内存" in str(caught.value)


def server_driver(server: LocalNeo4j):  # type: ignore[no-untyped-def]
    from neo4j import GraphDatabase

    return GraphDatabase.driver(server.uri, auth=(server.user, server.password))


def test_a_taken_port_is_reported_with_what_to_do(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        server = LocalNeo4j(home=tmp_path / "neo4j", lib=shared_lib(), port=port)
        with pytest.raises(PortTaken, match="LOUZHI_NEO4J_PORT"):
            server.start()
        result = louzhi(tmp_path / "cli", port, "neo4j", "start")
    assert result.returncode == 2
    assert "already in use" in result.stderr
    assert "Traceback" not in result.stderr


def test_java_version_is_read_and_a_missing_java_is_explained() -> None:
    assert java_major_version() >= 17
    with pytest.raises(JavaMissing, match="Java 17"):
        java_major_version("no-such-java-binary")


def test_generated_passwords_can_never_be_read_as_an_option() -> None:
    passwords = {new_password() for _ in range(2000)}
    assert len(passwords) == 2000
    assert all(len(p) == 48 and not p.startswith("-") and p.isalnum() for p in passwords)
