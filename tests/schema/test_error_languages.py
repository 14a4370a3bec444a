"""Every error in both languages: ``message`` in the reader's (Chinese unless the request's
Accept-Language prefers English), ``extensions.zh`` and ``extensions.en`` always; graphql-core's
own English put into Chinese."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.store.connection import Neo4jTarget
from schema.error_words import in_chinese
from seeds.rows import Roster
from tests.conftest import ROOT
from tests.support.gql import GraphQLClient, graphql_client

pytestmark = pytest.mark.neo4j

CJK = re.compile(r"[\u4e00-\u9fff]")
BAD = [
    ("{ residents { nope } }", "GRAPHQL_VALIDATION_FAILED", "没有字段 nope"),
    ("{ residents(", "GRAPHQL_VALIDATION_FAILED", "语法错误"),
    ("{ resident { id } }", "GRAPHQL_VALIDATION_FAILED", "必填"),
    ("{ residents(first: 0) { totalCount } }", "BAD_USER_INPUT", "first 须在"),
    ('{ supportNetwork(residentId: "NOBODY") { size } }', "NOT_FOUND", "没有在册居民"),
    ('{ coverageGaps(scope: "NOWHERE") { scope } }', "NOT_FOUND", "没有编号为 NOWHERE 的地点"),
    ("{ residents { nodes { id } } residents { totalCount } }", None, None),
    ("{ __schema { types { name } } }", "GRAPHQL_VALIDATION_FAILED", "内省查询"),
]


@pytest.fixture(scope="module")
def api(demo_graph: Roster, neo4j_target: Neo4jTarget) -> Iterator[GraphQLClient]:
    with graphql_client(neo4j_target, development=False) as client:
        yield client


@pytest.mark.parametrize(("query", "code", "words"), BAD)
def test_every_error_reads_in_both_languages(
    api: GraphQLClient, query: str, code: str | None, words: str | None
) -> None:
    zh = api.raw(query).get("errors", [])
    en = api.in_language("en-US,en;q=0.9").raw(query).get("errors", [])
    assert len(zh) == len(en)
    for z, e in zip(zh, en, strict=True):
        assert z["extensions"] == e["extensions"]
        assert z["message"] == z["extensions"]["zh"] and e["message"] == e["extensions"]["en"]
        assert CJK.search(z["message"]) and not z["message"].startswith("请求无效")
        assert not CJK.search(e["message"])
    if code is not None:
        assert zh and zh[0]["extensions"]["code"] == code
        assert words in zh[0]["message"], zh[0]
    else:
        assert zh == []


def test_an_anonymous_caller_is_told_to_sign_in_in_chinese(api: GraphQLClient) -> None:
    (error,) = api.as_account(None).raw("{ residents { totalCount } }")["errors"]
    assert (error["extensions"]["code"], error["message"]) == ("UNAUTHENTICATED", "请先登录。")
    assert error["extensions"]["en"].startswith("Sign in")


def test_graphql_cores_common_messages_have_their_own_chinese() -> None:
    assert in_chinese("Cannot query field 'nope' on type 'Query'.") == "类型 Query 没有字段 nope。"
    assert in_chinese("Unknown argument 'x' on field 'Query.residents'.") == (
        "字段 Query.residents 没有参数 x。"
    )
    assert in_chinese("Syntax Error: Expected Name, found <EOF>.") == (
        "GraphQL 语法错误：应为 Name，实为 <EOF>。"
    )
    assert in_chinese("Something new.") == "请求无效：Something new."


def test_every_error_the_api_raises_is_given_in_both_languages() -> None:
    """Each raise of a LouzhiError names its English and its Chinese (two arguments)."""
    kinds = {"LouzhiError", "BadInput", "NotFound", "Forbidden", "Unauthenticated"}
    found = 0
    for path in (ROOT / "schema").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in kinds:
                found += 1
                given = len(node.args) + sum(isinstance(a, ast.Starred) for a in node.args)
                assert given >= 2, f"{path.name}:{node.lineno}: one language only"
    assert found >= 15
    assert Path(ROOT / "schema" / "errors.py").is_file()


def test_answers_are_utf8_as_it_is_not_escaped(api: GraphQLClient) -> None:
    query = '{ coverageGaps(asOf: "2026-11-01") { areaGaps(first: 5) { nodes { detail } } } }'
    response = api.http.post("/graphql", json={"query": query}, headers=api.headers())
    assert response.status_code == 200
    assert "\\u" not in response.text and CJK.search(response.text)
    assert response.content.decode("utf-8") == response.text
