"""Where the graph lives: your own Neo4j (``NEO4J_URI``) or the managed local one.

When ``NEO4J_URI`` is set, Louzhi uses that server (Docker, Aura, a cluster through
``neo4j://``) with ``NEO4J_USER``/``NEO4J_PASSWORD``/``NEO4J_DATABASE`` and never starts its own.
Otherwise it uses the managed server in ``LOUZHI_HOME`` (default ``.louzhi`` in the working
folder), on ``LOUZHI_NEO4J_PORT`` (default 7687).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from neo4j import AsyncDriver, AsyncGraphDatabase, Driver, GraphDatabase

from graph.store.install import install
from graph.store.local_server import LocalNeo4j

__all__ = [
    "Neo4jTarget",
    "external_target",
    "local_server",
    "louzhi_home",
    "managed_target",
    "resolve_target",
    "started_target",
]


@dataclass(frozen=True)
class Neo4jTarget:
    """How to reach one Neo4j database."""

    uri: str
    user: str
    password: str
    database: str = "neo4j"
    managed: bool = False  # True when it is the local server Louzhi starts and stops

    def env(self) -> dict[str, str]:
        """The environment that points another process (``louzhi serve``, a peer) at it."""
        return {
            "NEO4J_URI": self.uri,
            "NEO4J_USER": self.user,
            "NEO4J_PASSWORD": self.password,
            "NEO4J_DATABASE": self.database,
        }

    # Server notifications (e.g. "property key does not exist" on an empty graph) are about the
    # data, not the code; they would flood the logs on every fresh database.
    def sync_driver(self, **config: Any) -> Driver:
        return GraphDatabase.driver(
            self.uri, auth=(self.user, self.password), notifications_min_severity="OFF", **config
        )

    def async_driver(self, **config: Any) -> AsyncDriver:
        return AsyncGraphDatabase.driver(
            self.uri, auth=(self.user, self.password), notifications_min_severity="OFF", **config
        )


def louzhi_home(env: Mapping[str, str] = os.environ) -> Path:
    return Path(env.get("LOUZHI_HOME", ".louzhi")).resolve()


def local_server(env: Mapping[str, str] = os.environ) -> LocalNeo4j:
    """The managed local server as configured by the environment."""
    root = louzhi_home(env) / "neo4j"
    return LocalNeo4j(
        home=root,
        lib=Path(env.get("LOUZHI_NEO4J_LIB", str(root / "lib"))),
        port=int(env.get("LOUZHI_NEO4J_PORT", "7687")),
        heap=env.get("LOUZHI_NEO4J_HEAP", "1g"),
        pagecache=env.get("LOUZHI_NEO4J_PAGECACHE", "512m"),
        transaction_memory=env.get("LOUZHI_NEO4J_TRANSACTION_MEMORY", "0"),
    )


def external_target(env: Mapping[str, str] = os.environ) -> Neo4jTarget | None:
    """The user's own Neo4j when ``NEO4J_URI`` names one, else None."""
    uri = env.get("NEO4J_URI", "").strip()
    if not uri:
        return None
    return Neo4jTarget(
        uri=uri,
        user=env.get("NEO4J_USER", "neo4j"),
        password=env.get("NEO4J_PASSWORD", ""),
        database=env.get("NEO4J_DATABASE", "neo4j"),
    )


def managed_target(server: LocalNeo4j, env: Mapping[str, str] = os.environ) -> Neo4jTarget:
    return Neo4jTarget(
        uri=server.uri,
        user=server.user,
        password=env.get("NEO4J_PASSWORD") or server.password,
        database="neo4j",
        managed=True,
    )


def resolve_target(env: Mapping[str, str] = os.environ) -> Neo4jTarget:
    """The configured target: the external server if named, else the managed local one."""
    return external_target(env) or managed_target(local_server(env), env)


def started_target(env: Mapping[str, str] = os.environ) -> Neo4jTarget:
    """The configured target; the managed server is installed and started first when it is the
    target (harmless when it already runs)."""
    if external_target(env) is None:
        server = local_server(env)
        install(server.lib)
        server.start()
    return resolve_target(env)
