"""A load that dies midway leaves the graph as it was: the process killed, or Neo4j killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver

from graph.store.connection import Neo4jTarget, managed_target
from graph.store.local_server import LocalNeo4j, free_port
from seeds.demo import generate
from seeds.load import load_path
from seeds.writer import write_csv_folder
from tests.conftest import shared_lib
from tests.seeds.rosters import TODAY, minimal_valid_sheets, write_xlsx
from tests.support.graph_counts import snapshot

BIG_HOUSEHOLDS = 3000  # ~8,500 residents: enough batches to be caught midway


@pytest.fixture(scope="module")
def big_roster(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("big") / "roster"
    write_csv_folder(generate(seed=3, households=BIG_HOUSEHOLDS, today=TODAY), folder)
    return folder


def start_cli_load(target: Neo4jTarget, path: Path) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "NEO4J_URI": target.uri,
        "NEO4J_USER": target.user,
        "NEO4J_PASSWORD": target.password,
    }
    return subprocess.Popen(
        [sys.executable, "-m", "server.cli", "load", str(path)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_until_writing(process: subprocess.Popen[str], timeout: float = 120) -> str:
    """Block until the load reports progress past its first batch, inside its transaction."""
    assert process.stderr is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line:
            break
        if line.startswith("写入 writing") and not line.rstrip().endswith(" 0%"):
            return line
    process.kill()
    raise AssertionError(f"the load never reported progress: {process.communicate()}")


def test_killing_the_load_process_midway_leaves_the_graph_as_before(
    empty_graph: Driver, neo4j_target: Neo4jTarget, tmp_path: Path, big_roster: Path
) -> None:
    load_path(neo4j_target, write_xlsx(tmp_path / "r.xlsx", minimal_valid_sheets()), today=TODAY)
    before = snapshot(empty_graph)
    process = start_cli_load(neo4j_target, big_roster)
    wait_until_writing(process)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert snapshot(empty_graph) == before


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[LocalNeo4j]:
    server = LocalNeo4j(home=tmp_path / "neo4j", lib=shared_lib(), port=free_port(), heap="768m")
    server.start()
    try:
        yield server
    finally:
        server.stop()


def test_killing_neo4j_midway_leaves_the_graph_as_before(
    own_server: LocalNeo4j, tmp_path: Path, big_roster: Path
) -> None:
    target = managed_target(own_server, env={})
    load_path(target, write_xlsx(tmp_path / "r.xlsx", minimal_valid_sheets()), today=TODAY)
    with target.sync_driver() as driver:
        before = snapshot(driver)
    process = start_cli_load(target, big_roster)
    wait_until_writing(process)
    own_server.kill()
    _, err = process.communicate(timeout=120)
    assert process.returncode != 0
    assert "Traceback" not in err, err
    own_server.start()
    with target.sync_driver() as driver:
        assert snapshot(driver) == before


def test_a_broken_roster_on_the_command_line_is_explained_in_both_languages(
    neo4j_target: Neo4jTarget, tmp_path: Path
) -> None:
    from tests.seeds.rosters import set_cell

    sheets = set_cell(minimal_valid_sheets(), "居民", 3, "出生年份", 1848)
    sheets = set_cell(sheets, "职务", 2, "范围", "Z9")
    process = start_cli_load(neo4j_target, write_xlsx(tmp_path / "名册.xlsx", sheets))
    _, err = process.communicate(timeout=120)
    assert process.returncode == 1
    assert "nothing was written" in err and "未写入任何数据" in err
    assert "名册.xlsx, sheet 居民, row 3, column 出生年份" in err
    assert "名册.xlsx, sheet 职务, row 2, column 范围" in err
