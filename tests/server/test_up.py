"""`louzhi up --demo` (what `make demo` runs): serves the demo, and Ctrl-C leaves nothing behind."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from graph.local_server import free_port
from tests.conftest import shared_lib
from tests.graph.test_local_server import java_processes_for


def get(url: str, body: dict[str, object] | None = None) -> tuple[int, dict[str, object]]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers={"content-type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, json.loads(response.read())


def test_up_serves_the_demo_and_ctrl_c_stops_neo4j_too(tmp_path: Path) -> None:
    home, api_port = tmp_path / "louzhi", free_port()
    env = {**os.environ, "LOUZHI_HOME": str(home), "LOUZHI_NEO4J_PORT": str(free_port()),
           "LOUZHI_NEO4J_LIB": str(shared_lib()), "LOUZHI_NEO4J_HEAP": "768m"}  # fmt: skip
    env.pop("NEO4J_URI", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "server.cli", "up", "--demo", "--port", str(api_port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{api_port}"
    try:
        deadline = time.monotonic() + 240
        while True:
            assert process.poll() is None, process.communicate()[0]
            try:
                status, health = get(f"{base}/healthz")
                break
            except OSError:
                assert time.monotonic() < deadline, "the service never answered"
                time.sleep(1)
        assert status == 200 and health["neo4j"]["reachable"] is True  # type: ignore[index]
        _, body = get(f"{base}/graphql", {"query": "{ communities { code counts { residents } } }"})
        [community] = body["data"]["communities"]  # type: ignore[index]
        assert community["counts"]["residents"] > 3600
    finally:
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=120)
    assert process.returncode == 0, output
    assert "Stopped Neo4j" in output
    assert java_processes_for(home / "neo4j") == []
