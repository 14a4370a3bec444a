"""``louzhi load`` on a terminal: a live bar of each step (rich) and the summary as a table;
off a terminal, plain lines (tests/seeds/test_load_faults.py reads those)."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph.store.connection import Neo4jTarget
from seeds.demo import generate
from seeds.writer import write_csv_folder
from tests.conftest import DEMO_TODAY

pytestmark = pytest.mark.neo4j


def _on_a_terminal(target: Neo4jTarget, path: Path, timeout: float = 180) -> tuple[int, str]:
    """Run ``louzhi load path`` with stdout and stderr on a pseudo-terminal; its exit code and
    everything it drew."""
    leader, follower = pty.openpty()
    env = {
        **os.environ,
        "NEO4J_URI": target.uri,
        "NEO4J_USER": target.user,
        "NEO4J_PASSWORD": target.password,
        "COLUMNS": "160",
        "TERM": "xterm",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "server.cli", "load", str(path)],
        env=env, stdin=subprocess.DEVNULL, stdout=follower, stderr=follower,
    )  # fmt: skip
    os.close(follower)
    drawn = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed: the process is done
                break
            if not chunk:
                break
            drawn += chunk
        elif process.poll() is not None:
            break
    os.close(leader)
    return process.wait(timeout=30), drawn.decode("utf-8", errors="replace")


def test_a_load_on_a_terminal_shows_each_step_and_a_summary_table(
    neo4j_target: Neo4jTarget, tmp_path: Path, demo_graph: object
) -> None:
    folder = tmp_path / "roster"
    write_csv_folder(generate(seed=1, today=DEMO_TODAY), folder)
    code, drawn = _on_a_terminal(neo4j_target, folder)
    assert code == 0, drawn
    for step in ("读取 reading", "检查 checking", "比对 planning", "写入 writing"):
        assert step in drawn, drawn
    assert "\x1b[" in drawn  # drawn live, not printed as lines
    for column in ("新增 created", "变更 changed", "不变 unchanged", "缺少 missing"):
        assert column in drawn
    assert "居民 residents" in drawn and "Traceback" not in drawn
