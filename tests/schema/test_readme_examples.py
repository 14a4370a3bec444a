"""Every GraphQL example in the README runs against the demo community without an error."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.store.connection import Neo4jTarget
from seeds.rows import Roster
from tests.support.gql import GraphQLClient, graphql_client

README = Path(__file__).resolve().parents[2] / "README.md"
EXAMPLES = re.findall(r"```graphql\n(.*?)```", README.read_text(), flags=re.DOTALL)


@pytest.fixture(scope="module")
def api(demo_graph: Roster, neo4j_target: Neo4jTarget) -> Iterator[GraphQLClient]:
    with graphql_client(neo4j_target) as client:
        yield client


def test_the_readme_has_examples() -> None:
    assert len(EXAMPLES) >= 7


def leaves(value: object) -> list[object]:
    if isinstance(value, dict):
        return [x for v in value.values() for x in leaves(v)]
    if isinstance(value, list):
        return [x for v in value for x in leaves(v)]
    return [value]


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"example-{i}" for i in range(len(EXAMPLES))])
def test_readme_example_answers(api: GraphQLClient, example: str) -> None:
    data = api.data(example)
    assert any(v not in (None, [], False) for v in leaves(data)), data
    for payload in data.values():
        if isinstance(payload, dict) and "errors" in payload:
            assert payload["errors"] == [], payload
