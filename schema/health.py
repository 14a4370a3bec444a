"""``health``: whether the service can reach Neo4j, from a probe at most a second old (shared by
every caller: :class:`graph.store.health.HealthWatch`). ``/healthz`` probes live."""

from __future__ import annotations

import strawberry

from graph.store.health import current_health
from schema.context import Info


@strawberry.type(description="Neo4j as the service saw it at its last probe (at most ~1 s ago).")
class Neo4jStatus:
    reachable: bool
    version: str | None = strawberry.field(description="Server version, e.g. 5.26.30.")
    edition: str | None


@strawberry.type(description="Health of the service and its dependencies.")
class Health:
    neo4j: Neo4jStatus


async def resolve_health(info: Info) -> Health:
    ctx = info.context
    found = await current_health(ctx.driver, database=ctx.database)
    return Health(
        neo4j=Neo4jStatus(reachable=found.reachable, version=found.version, edition=found.edition)
    )
