"""The real service in a subprocess (``louzhi serve``) against the suite's Neo4j, and a small
GraphQL client that speaks to it over HTTP with a bearer token, as the page does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.store.connection import Neo4jTarget
from graph.store.local_server import free_port


@dataclass(frozen=True)
class Service:
    base: str  # e.g. http://127.0.0.1:41234
    pid: int = 0  # of the louzhi serve process (with --workers: uvicorn's supervisor)

    def post(self, path: str, body: dict[str, Any], token: str | None) -> tuple[int, Any]:
        headers = {"content-type": "application/json"}
        if token is not None:
            headers["authorization"] = f"Bearer {token}"
        request = urllib.request.Request(
            self.base + path, data=json.dumps(body).encode(), headers=headers, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as exc:
            with exc:
                return exc.code, json.loads(exc.read())

    def graphql(
        self, query: str, variables: dict[str, Any] | None = None, *, token: str | None
    ) -> dict[str, Any]:
        """The data of a query; FORBIDDEN errors (masked fields) are allowed, others fail."""
        status, body = self.post("/graphql", {"query": query, "variables": variables or {}}, token)
        assert status == 200, body
        fatal = [e for e in body.get("errors", []) if e["extensions"]["code"] != "FORBIDDEN"]
        assert not fatal, fatal
        return body["data"]


def _wait_healthy(base: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"louzhi serve exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"louzhi serve did not become healthy: {log.read_text()[-2000:]}")


@contextmanager
def running_service(
    target: Neo4jTarget,
    *,
    key: str,
    log: Path,
    args: tuple[str, ...] = (),
    env: dict[str, str] | None = None,
) -> Iterator[Service]:
    """``louzhi serve`` (with ``args``, and ``env`` added to the environment) on a free loopback
    port, stopped (and waited for, with its workers) on exit."""
    port = free_port()
    env = {
        **os.environ,
        **target.env(),
        "LOUZHI_SECRET_KEY": key,
        "LOUZHI_HOST": "127.0.0.1",
        **(env or {}),
    }
    command = [sys.executable, "-m", "server.cli", "serve", "--port", str(port), *args]
    with log.open("wb") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(base, process, log)
        yield Service(base, process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
