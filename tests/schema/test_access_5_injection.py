"""No Cypher through any string argument (5 of 6): every root field's every text argument, with
injections, as a floor chief and as the committee.

The world and the order of the ``test_access_*`` modules: :mod:`tests.schema.access_world`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import graphql
import pytest

from graph.store.connection import Neo4jTarget
from tests.conftest import ROOT
from tests.schema.access_world import AS_OF, World, as_role
from tests.support.gql import GraphQLClient

INJECTIONS = (
    "' OR 1=1 //",
    "x'}) MATCH (n) DETACH DELETE n //",
    '"}) RETURN 1 UNION MATCH (p:Person) RETURN p.phone //',
    "$scope",
)
KNOWN = {"BAD_USER_INPUT", "NOT_FOUND", "FORBIDDEN", "UNAUTHENTICATED", "COST_LIMIT_EXCEEDED"}


def _sample(kind: graphql.GraphQLInputType, world: World) -> Any:
    """A value of ``kind`` that type-checks (the injection goes into one field at a time)."""
    if isinstance(kind, graphql.GraphQLNonNull):
        return _sample(kind.of_type, world)
    if isinstance(kind, graphql.GraphQLList):
        return [_sample(kind.of_type, world)]
    if isinstance(kind, graphql.GraphQLEnumType):
        return next(iter(kind.values))
    if isinstance(kind, graphql.GraphQLInputObjectType):
        return {name: _sample(f.type, world) for name, f in kind.fields.items()}
    return {
        "ID": world.subject["corridor"],
        "String": "x",
        "Int": 1,
        "Float": 1.0,
        "Boolean": False,
        "Date": AS_OF,
        "DateTime": "2026-11-01T00:00:00+00:00",
    }[kind.name]


def _text_paths(kind: graphql.GraphQLInputType, path: tuple[Any, ...]) -> Iterator[tuple[Any, ...]]:
    """The paths, inside one argument's value, of every String or ID."""
    while isinstance(kind, graphql.GraphQLNonNull | graphql.GraphQLList):
        if isinstance(kind, graphql.GraphQLList):
            path = (*path, 0)
        kind = kind.of_type
    if isinstance(kind, graphql.GraphQLInputObjectType):
        for name, f in kind.fields.items():
            yield from _text_paths(f.type, (*path, name))
    elif isinstance(kind, graphql.GraphQLScalarType) and kind.name in ("String", "ID"):
        yield path


def _put(value: Any, path: tuple[Any, ...], text: str) -> Any:
    if not path:
        return text
    copy = list(value) if isinstance(value, list) else dict(value)
    copy[path[0]] = _put(value[path[0]], path[1:], text)
    return copy


def injection_requests(world: World) -> Iterator[tuple[str, dict[str, Any]]]:
    schema = graphql.build_schema((ROOT / "schema" / "schema.graphql").read_text("utf-8"))
    for keyword, root in (("query", schema.query_type), ("mutation", schema.mutation_type)):
        assert root is not None
        for name, field in root.fields.items():
            if not field.args:
                continue
            defs = ", ".join(f"${a}: {t.type}" for a, t in field.args.items())
            call = ", ".join(f"{a}: ${a}" for a in field.args)
            query = f"{keyword}({defs}) {{ {name}({call}) {{ __typename }} }}"
            base = {a: _sample(t.type, world) for a, t in field.args.items()}
            for arg, spec in field.args.items():
                for path in _text_paths(spec.type, ()):
                    for text in INJECTIONS:
                        yield query, {**base, arg: _put(base[arg], path, text)}


def _snapshot(target: Neo4jTarget) -> tuple[set[str], int, int]:
    with target.sync_driver() as driver:
        records, _, _ = driver.execute_query(
            """MATCH (p:Person) WITH collect(p.id) AS ids
               MATCH (n) WHERE NOT n:AuditEntry WITH ids, count(n) AS nodes
               MATCH ()-[r]->() RETURN ids, nodes, count(r) AS ties""",
            database_=target.database,
        )
    return set(records[0]["ids"]), records[0]["nodes"], records[0]["ties"]


@pytest.mark.parametrize("role", ["floor_chief", "committee"])
def test_cypher_cannot_be_injected_through_any_string_argument(
    app: GraphQLClient, world: World, neo4j_target: Neo4jTarget, role: str
) -> None:
    ids, nodes, ties = _snapshot(neo4j_target)
    client = as_role(app, role)
    requests = list(injection_requests(world))
    assert len(requests) > 100  # every root field's every text argument, four times
    for query, variables in requests:
        response = client.http.post(
            "/graphql", json={"query": query, "variables": variables}, headers=client.headers()
        )
        assert response.status_code == 200, (query, variables, response.text[:300])
        body = response.json()
        assert {e["extensions"]["code"] for e in body.get("errors", [])} <= KNOWN, body
        for phone in world.phones:
            assert phone not in response.text
    after_ids, after_nodes, after_ties = _snapshot(neo4j_target)
    # Text went in as data (a visit's note, a new worker's name), never as Cypher: nothing
    # disappeared, and nothing outside what the role may add appeared.
    assert ids <= after_ids and after_nodes >= nodes and after_ties >= ties
    if role == "floor_chief":
        assert after_ids == ids
