"""`louzhi up --demo` (what `make demo` runs): serves the demo, and Ctrl-C leaves nothing behind."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

from graph.store.local_server import free_port
from server.tokens import issue_token, signing_key, verify_token
from tests.conftest import shared_lib
from tests.graph.store.test_local_server import java_processes_for


def get(
    url: str, body: dict[str, object] | None = None, token: str | None = None
) -> tuple[int, dict[str, object]]:
    data = None if body is None else json.dumps(body).encode()
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, data=data, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, json.loads(response.read())


def token_for(env: dict[str, str]) -> str:
    """A token for the demo committee, signed with the key the service generated in its home."""
    key = signing_key(env, host="127.0.0.1")
    return issue_token(
        account_id="demo-committee", key=key, ttl=timedelta(minutes=5), now=datetime.now(UTC)
    )


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
        query = {"query": "{ communities { code counts { residents } } }"}
        _, anonymous = get(f"{base}/graphql", query)
        assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"  # type: ignore[index]
        _, body = get(f"{base}/graphql", query, token_for(env))
        [community] = body["data"]["communities"]  # type: ignore[index]
        assert community["counts"]["residents"] > 3600
    finally:
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=120)
    assert process.returncode == 0, output
    assert "Stopped Neo4j" in output
    printed = dict(re.findall(r"^  (demo-[a-z-]+) .*\n    (\S+)$", output, re.MULTILINE))
    assert set(printed) == {
        "demo-admin", "demo-committee", "demo-grid-worker", "demo-floor-chief", "demo-planner"
    }  # fmt: skip
    for account, printed_token in printed.items():
        now = datetime.now(UTC)
        key = signing_key(env, host="127.0.0.1")
        assert verify_token(printed_token, key=key, now=now).account_id == account
    assert java_processes_for(home / "neo4j") == []
