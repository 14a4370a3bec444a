"""Fixtures shared by the whole suite.

Integration tests ask for ``neo4j_target``: one disposable Neo4j per run (a fresh temporary data
folder, a random loopback port), started here and stopped at the end. If it cannot start, the run
fails: integration tests never skip.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from neo4j import Driver

from graph.store.bootstrap import ensure_schema
from graph.store.connection import Neo4jTarget, local_server, managed_target
from graph.store.install import install
from graph.store.local_server import LocalNeo4j, free_port
from seeds.demo import generate
from seeds.load import load_roster
from seeds.rows import Roster

ROOT = Path(__file__).resolve().parent.parent


def shared_lib() -> Path:
    """The jars of the project's managed server, installed once and reused by every test run."""
    env = {**os.environ, "LOUZHI_HOME": os.environ.get("LOUZHI_HOME", str(ROOT / ".louzhi"))}
    return install(local_server(env).lib)


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalNeo4j]:
    server = LocalNeo4j(
        home=tmp_path_factory.mktemp("neo4j"),
        lib=shared_lib(),
        port=free_port(),
        heap="768m",
        pagecache="128m",
    )
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def neo4j_target(neo4j_server: LocalNeo4j) -> Iterator[Neo4jTarget]:
    target = managed_target(neo4j_server, env={})
    with target.sync_driver() as driver:
        ensure_schema(driver, database=target.database)
    yield target


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_target: Neo4jTarget) -> Iterator[Driver]:
    with neo4j_target.sync_driver() as driver:
        yield driver


@pytest.fixture
def empty_graph(neo4j_driver: Driver, neo4j_target: Neo4jTarget) -> Driver:
    """The shared server with every node removed (constraints and indexes stay)."""
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n", database_=neo4j_target.database)
    return neo4j_driver


DEMO_TODAY = date(2026, 11, 1)  # the demo's "today": its dates are relative to it


@pytest.fixture(scope="module")
def demo_graph(neo4j_driver: Driver, neo4j_target: Neo4jTarget) -> Roster:
    """The demo community (seed 1), loaded fresh for the module that asks for it."""
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n", database_=neo4j_target.database)
    roster = generate(seed=1, today=DEMO_TODAY)
    load_roster(neo4j_target, roster, today=DEMO_TODAY)
    return roster


@pytest.fixture(scope="module")
def photo_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A folder of its own for the module's project photos (``LOUZHI_PHOTOS``)."""
    folder = tmp_path_factory.mktemp("photos")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LOUZHI_PHOTOS", str(folder))
        yield folder
