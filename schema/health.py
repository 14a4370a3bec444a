"""``health``: whether the service can reach Neo4j, answered from the live database."""

from __future__ import annotations

import strawberry

from graph.store.health import probe
from schema.context import Info


@strawberry.type(description="Neo4j as the service sees it right now.")
class Neo4jStatus:
    reachable: bool
    version: str | None = strawberry.field(description="Server version, e.g. 5.26.30.")
    edition: str | None


@strawberry.type(description="Health of the service and its dependencies.")
class Health:
    neo4j: Neo4jStatus


async def resolve_health(info: Info) -> Health:
    ctx = info.context
    found = await probe(ctx.driver, database=ctx.database)
    return Health(
        neo4j=Neo4jStatus(reachable=found.reachable, version=found.version, edition=found.edition)
    )
