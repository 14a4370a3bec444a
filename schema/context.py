"""What every resolver may reach: the graph driver and the database name, per request."""

from __future__ import annotations

from dataclasses import dataclass

from neo4j import AsyncDriver
from strawberry.types import Info as StrawberryInfo


@dataclass
class Context:
    driver: AsyncDriver
    database: str


Info = StrawberryInfo[Context, None]
