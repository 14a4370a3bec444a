"""The GraphQL schema: the product's contract with the web UI and the planners."""

from __future__ import annotations

import strawberry

from schema.health import Health, resolve_health


@strawberry.type
class Query:
    health: Health = strawberry.field(
        resolver=resolve_health, description="Whether Neo4j answers, and its version."
    )


def build_schema() -> strawberry.Schema:
    return strawberry.Schema(query=Query)


schema = build_schema()
