"""The coverage fields through the ASGI app, on the demo community."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from graph.store.connection import Neo4jTarget
from seeds.demo import planted_gaps
from seeds.rows import Roster
from tests.conftest import DEMO_TODAY
from tests.support.gql import GraphQLClient, graphql_client

AS_OF = DEMO_TODAY.isoformat()
REPORT = """
    scope asOf removedPersonIds rules { minHelpers minKinds contactDays }
    summary { code level corridorsWithBothChiefs { actual expected ratio }
              eldersSupported { actual expected } overloadedHelpers singlePointsOfFailure }
    areas(first: 100) { totalCount nodes { code level eldersSupported { actual expected } } }
    areaGaps(first: 100) { totalCount nodes { code level rule detail } }
    underSupported(first: 100) { totalCount nodes {
        residentId name age corridor vulnerableBecause underSupported
        reasons { code detail } helperCount kinds lastContact { visitorId on mode }
        helpers { personId name kinds lastVisit { on } paths { via kind steps explanation } } } }
    overloadedHelpers(first: 100) { totalCount nodes {
        personId name capacity capacitySource load elderIds detail message { code params } } }
    singlePointsOfFailure(first: 100) { totalCount nodes { personId name elderIds detail } }
"""
GAPS = (
    f"query($scope: ID, $asOf: Date) {{ coverageGaps(scope: $scope, asOf: $asOf) {{ {REPORT} }} }}"
)
WHAT_IF = f"""query($ids: [ID!]!, $scope: ID, $asOf: Date) {{
  whatIf(removePersonIds: $ids, scope: $scope, asOf: $asOf) {{
    removedPersonIds
    report {{ {REPORT} }}
    newlyUnderSupported(first: 100) {{ totalCount nodes {{ residentId reasons {{ code }} }} }}
    newAreaGaps(first: 100) {{ totalCount nodes {{ code rule detail }} }}
  }}
}}"""
NETWORK = """query($id: ID!, $asOf: Date) {
  supportNetwork(residentId: $id, asOf: $asOf) {
    asOf size kindDiversity redundancy independentPathsToCommittee committeePaths
    singlePointsOfFailure { personId kinds }
    lastContact { visitorId on }
    resident { residentId underSupported vulnerableBecause helpers { personId kinds
               paths { via steps explanation } } }
  }
}"""


@pytest.fixture(scope="module")
def api(demo_graph: Roster, neo4j_target: Neo4jTarget) -> Iterator[GraphQLClient]:
    with graphql_client(neo4j_target) as client:
        yield client


@pytest.fixture(scope="module")
def gaps(api: GraphQLClient) -> dict[str, Any]:
    return api.data(GAPS, {"asOf": AS_OF})["coverageGaps"]


def test_coverage_gaps_reports_the_planted_gaps_with_reasons(
    demo_graph: Roster, gaps: dict[str, Any]
) -> None:
    planted = planted_gaps(demo_graph, today=DEMO_TODAY)
    assert gaps["scope"] == ["QS"] and gaps["asOf"] == AS_OF
    assert gaps["rules"] == {"minHelpers": 2, "minKinds": 2, "contactDays": 14}
    summary = gaps["summary"]
    assert summary["corridorsWithBothChiefs"]["expected"] == 58
    assert summary["corridorsWithBothChiefs"]["ratio"] == pytest.approx(
        summary["corridorsWithBothChiefs"]["actual"] / 58
    )
    under = {e["residentId"]: e for e in gaps["underSupported"]["nodes"]}
    assert {k: tuple(r["code"] for r in e["reasons"]) for k, e in under.items()} == dict(
        planted.under_supported
    )
    assert gaps["underSupported"]["totalCount"] == len(under) == 5
    for elder in under.values():
        assert elder["underSupported"] and elder["vulnerableBecause"]
        assert all(r["detail"] for r in elder["reasons"])
        for helper in elder["helpers"]:
            assert helper["paths"] and all(
                p["steps"][0].startswith("Resident") for p in helper["paths"]
            )
            assert all(p["explanation"] for p in helper["paths"])
    overloaded = gaps["overloadedHelpers"]["nodes"]
    assert [(o["personId"], o["load"], o["capacity"]) for o in overloaded] == [
        (pid, load, 5) for pid, load in planted.overloaded_helpers
    ]
    assert all(o["detail"].startswith(f"帮扶 {o['load']} 位困难老人") for o in overloaded)
    spofs = {s["personId"]: tuple(s["elderIds"]) for s in gaps["singlePointsOfFailure"]["nodes"]}
    assert spofs == dict(planted.single_points_of_failure)
    assert {(g["code"], g["rule"]) for g in gaps["areaGaps"]["nodes"]} >= {
        (c, "NO_FIRST_FLOOR_CHIEF") for c in planted.corridors_without_first_floor_chief
    }
    assert all(g["detail"] for g in gaps["areaGaps"]["nodes"])


def test_lists_are_paginated_and_counted_exactly(api: GraphQLClient, gaps: dict[str, Any]) -> None:
    query = """query($after: String) { coverageGaps(asOf: "DAY") {
        areaGaps(first: 4, after: $after) {
            totalCount pageInfo { hasNextPage endCursor } nodes { code rule } } } }""".replace(
        "DAY", AS_OF
    )
    seen: list[tuple[str, str]] = []
    after = None
    while True:
        page = api.data(query, {"after": after})["coverageGaps"]["areaGaps"]
        seen += [(n["code"], n["rule"]) for n in page["nodes"]]
        assert page["totalCount"] == gaps["areaGaps"]["totalCount"]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == [(n["code"], n["rule"]) for n in gaps["areaGaps"]["nodes"]]
    levels = api.data(
        "query($asOf: Date) { coverageGaps(asOf: $asOf) {"
        " areas(level: MICRO_GRID) { totalCount nodes { code } } } }",
        {"asOf": AS_OF},
    )["coverageGaps"]["areas"]
    assert levels["totalCount"] == 6 and levels["nodes"][0]["code"] == "QS-MG1"


def test_what_if_nobody_leaves_is_the_coverage_report(api: GraphQLClient) -> None:
    for scope in (None, "QS-MG2"):
        plain = api.data(GAPS, {"asOf": AS_OF, "scope": scope})["coverageGaps"]
        same = api.data(WHAT_IF, {"ids": [], "asOf": AS_OF, "scope": scope})["whatIf"]
        assert same["report"] == plain
        assert same["newlyUnderSupported"]["totalCount"] == same["newAreaGaps"]["totalCount"] == 0


def test_removing_a_single_point_of_failure_makes_exactly_its_elders_under_supported(
    api: GraphQLClient, gaps: dict[str, Any]
) -> None:
    spofs = gaps["singlePointsOfFailure"]["nodes"]
    assert spofs
    for spof in spofs:
        after = api.data(WHAT_IF, {"ids": [spof["personId"]], "asOf": AS_OF})["whatIf"]
        newly = {e["residentId"] for e in after["newlyUnderSupported"]["nodes"]}
        assert newly == set(spof["elderIds"])
        assert after["removedPersonIds"] == [spof["personId"]]
        assert after["report"]["removedPersonIds"] == [spof["personId"]]


def test_what_if_a_floor_chief_leaves_opens_a_corridor_gap(
    demo_graph: Roster, api: GraphQLClient
) -> None:
    chief = next(
        r for r in demo_graph.roles
        if r.role == "second_floor_chief" and r.since <= DEMO_TODAY and r.until is None
    )  # fmt: skip
    after = api.data(WHAT_IF, {"ids": [chief.person_id], "asOf": AS_OF})["whatIf"]
    new = {(g["code"], g["rule"]): g["detail"] for g in after["newAreaGaps"]["nodes"]}
    name = next(r.name for r in demo_graph.residents if r.resident_id == chief.person_id)
    assert new[(chief.scope, "NO_SECOND_FLOOR_CHIEF")] == (
        f"第二楼组长：{name}（{chief.person_id}）在此推演中被移除"
    )


def test_support_network_of_the_thin_elder(demo_graph: Roster, api: GraphQLClient) -> None:
    (chief, (elder,)), (worker, _) = sorted(
        planted_gaps(demo_graph, today=DEMO_TODAY).single_points_of_failure,
        key=lambda s: s[0].startswith("G"),
    )
    net = api.data(NETWORK, {"id": elder, "asOf": AS_OF})["supportNetwork"]
    assert (net["size"], net["kindDiversity"], net["redundancy"]) == (2, 2, 1)
    assert {s["personId"]: s["kinds"] for s in net["singlePointsOfFailure"]} == {
        chief: ["FLOOR_CHIEF"],
        worker: ["GRID_STAFF"],
    }
    assert net["independentPathsToCommittee"] == len(net["committeePaths"]) >= 1
    assert net["lastContact"]["visitorId"] in {chief, worker}
    assert net["resident"]["vulnerableBecause"][0] == "独居"


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ('{ coverageGaps(scope: "QS-NOWHERE") { scope } }', "NOT_FOUND"),
        ('{ whatIf(removePersonIds: ["V01", "NOBODY"]) { removedPersonIds } }', "NOT_FOUND"),
        ('{ supportNetwork(residentId: "NOBODY") { size } }', "NOT_FOUND"),
        ('{ supportNetwork(residentId: "V01") { size } }', "NOT_FOUND"),
        ('{ assignmentSuggestions(scope: "QS-NOWHERE") { totalCost } }', "NOT_FOUND"),
        ("{ coverageGaps(rules: {minHelpers: -1}) { scope } }", "BAD_USER_INPUT"),
        ("{ coverageGaps(rules: {householdMinAge: 80}) { scope } }", "BAD_USER_INPUT"),
        ("{ coverageGaps { areaGaps(first: 500) { totalCount } } }", "BAD_USER_INPUT"),
        ('{ coverageGaps { areaGaps(after: "bogus") { totalCount } } }', "BAD_USER_INPUT"),
        ('{ coverageGaps(asOf: "2025-02-30") { scope } }', "GRAPHQL_VALIDATION_FAILED"),
    ],
)
def test_mistakes_are_coded_errors_without_internals(
    api: GraphQLClient, query: str, code: str
) -> None:
    body = api.raw(query)
    assert [e["extensions"]["code"] for e in body["errors"]] == [code]
    assert "Traceback" not in str(body) and "neo4j" not in str(body).lower()


def test_a_young_resident_has_no_support_network(demo_graph: Roster, api: GraphQLClient) -> None:
    young = next(r for r in demo_graph.residents if DEMO_TODAY.year - r.birth_year < 40)
    body = api.raw(NETWORK, {"id": young.resident_id, "asOf": AS_OF})
    assert [e["extensions"]["code"] for e in body["errors"]] == ["BAD_USER_INPUT"]


def test_rules_can_be_changed_per_request(api: GraphQLClient, gaps: dict[str, Any]) -> None:
    query = """query($rules: RulesInput) { coverageGaps(asOf: "DAY", rules: $rules) {
        rules { minHelpers minKinds contactDays vulnerableTags }
        underSupported(first: 100) { nodes { residentId reasons { code } } } } }""".replace(
        "DAY", AS_OF
    )
    lenient = api.data(query, {"rules": {"minHelpers": 1, "minKinds": 1}})["coverageGaps"]
    assert lenient["rules"]["minHelpers"] == lenient["rules"]["minKinds"] == 1
    codes = {r["code"] for e in lenient["underSupported"]["nodes"] for r in e["reasons"]}
    assert codes == {"NO_RECENT_CONTACT"}
    unseen = {
        e["residentId"]
        for e in gaps["underSupported"]["nodes"]
        if any(r["code"] == "NO_RECENT_CONTACT" for r in e["reasons"])
    }
    assert {e["residentId"] for e in lenient["underSupported"]["nodes"]} == unseen
    strict = api.data(query, {"rules": {"minHelpers": 30}})["coverageGaps"]
    assert len(strict["underSupported"]["nodes"]) == 100  # every vulnerable elder (first page)


def test_as_of_defaults_to_today(api: GraphQLClient) -> None:
    body = api.data('{ coverageGaps(scope: "QS-B01-C1") { asOf scope } }')["coverageGaps"]
    assert body == {"asOf": date.today().isoformat(), "scope": ["QS-B01-C1"]}


# Last in the module: it changes the graph.
def test_the_demo_suggestion_applied_with_add_helper_closes_its_gap(api: GraphQLClient) -> None:
    plan = api.data(
        """{ assignmentSuggestions(asOf: "DAY") {
            underSupportedBefore underSupportedAfter eldersBroughtToThreshold
            notAssignable { residentId reason }
            proposals { totalCount nodes { helperId residentId kind cost proximity explanation } }
        } }""".replace("DAY", AS_OF)
    )["assignmentSuggestions"]
    assert plan["underSupportedBefore"] == 5 and plan["underSupportedAfter"] == 4
    assert len(plan["notAssignable"]) == 4  # they need a visit, not a pairing
    (proposal,) = plan["proposals"]["nodes"]
    assert proposal["residentId"] == plan["eldersBroughtToThreshold"][0]
    assert proposal["explanation"].startswith(proposal["proximity"])
    result = api.data(
        """mutation($input: AddHelperInput!) { addHelper(input: $input) { errors { code } } }""",
        {"input": {"helperId": proposal["helperId"], "residentId": proposal["residentId"],
                   "kind": proposal["kind"], "since": AS_OF}},
    )  # fmt: skip
    assert result["addHelper"]["errors"] == []
    after = api.data(GAPS, {"asOf": AS_OF})["coverageGaps"]
    assert after["underSupported"]["totalCount"] == plan["underSupportedAfter"]
    assert proposal["residentId"] not in {e["residentId"] for e in after["underSupported"]["nodes"]}


EXPLAINED = """query($asOf: Date) { coverageGaps(asOf: $asOf) {
    areaGaps(first: 100) { nodes { code detail
        message { code params text en: text(language: EN) } } }
    underSupported(first: 100) { nodes { residentId vulnerableBecause
        vulnerableReasons { code params }
        reasons { code detail message { code params } }
        helpers { paths { explanation message { code params } } } } }
    overloadedHelpers(first: 100) { nodes { load capacity detail message { code params } } }
    singlePointsOfFailure(first: 100) { nodes { personId name elderIds detail
        message { code params } } } } }"""


def test_explanations_are_data_and_words_in_the_readers_language(api: GraphQLClient) -> None:
    zh = api.data(EXPLAINED, {"asOf": AS_OF})["coverageGaps"]
    en = api.in_language("en-GB,en;q=0.9,zh;q=0.5").data(EXPLAINED, {"asOf": AS_OF})
    en = en["coverageGaps"]
    assert zh != en
    for o in zh["overloadedHelpers"]["nodes"]:
        params = o["message"]["params"]
        assert o["message"]["code"] == "OVERLOADED"
        assert (params["load"], params["capacity"]) == (o["load"], o["capacity"])
        assert params["source"] in {"roster", "volunteer default", "floor chief default"}
    for o in en["overloadedHelpers"]["nodes"]:
        assert o["detail"].startswith(f"helps {o['load']} vulnerable elders, capacity ")
    for s in zh["singlePointsOfFailure"]["nodes"]:
        assert s["message"]["params"]["person"] == {"id": s["personId"], "name": s["name"]}
        assert (
            s["detail"]
            == f"若{s['name']}（{s['personId']}）离开，{len(s['elderIds'])} 位老人将变为帮扶不足"
        )
    for gap in zh["areaGaps"]["nodes"]:
        assert gap["message"]["text"] == gap["detail"] != gap["message"]["en"]
        assert gap["message"]["code"] in {
            "ROLE_HOLDER_LEFT", "ROLE_NOT_YET", "ROLE_ENDED", "ROLE_NEVER_HELD",
            "NO_DOUBLE_PARTY_MEMBER",
        }  # fmt: skip
    ended = [g for g in zh["areaGaps"]["nodes"] if g["message"]["code"] == "ROLE_ENDED"]
    assert ended, "the demo plants ended terms"
    for gap in ended:
        until = date.fromisoformat(gap["message"]["params"]["until"])
        assert f"{until.year}年{until.month}月{until.day}日" in gap["detail"]
    for elder in zh["underSupported"]["nodes"]:
        codes = [m["code"] for m in elder["vulnerableReasons"]]
        assert codes and set(codes) <= {"LIVES_ALONE", "AGED", "MOBILITY", "TAGGED"}
        assert len(elder["vulnerableBecause"]) == len(codes)
        for reason in elder["reasons"]:
            assert reason["message"]["code"] == reason["code"]
        for helper in elder["helpers"]:
            for path in helper["paths"]:
                assert path["message"]["code"].startswith("PATH_") and path["explanation"]
    words = " ".join(
        [g["detail"] for g in zh["areaGaps"]["nodes"]]
        + [x for e in zh["underSupported"]["nodes"] for x in e["vulnerableBecause"]]
        + [r["detail"] for e in zh["underSupported"]["nodes"] for r in e["reasons"]]
        + [p["explanation"] for e in zh["underSupported"]["nodes"] for h in e["helpers"]
           for p in h["paths"]]
    )  # fmt: skip
    latin = re.findall(r"[A-Za-z]{2,}", re.sub(r"[A-Za-z0-9/-]*[0-9][A-Za-z0-9/-]*", "", words))
    assert latin == [], f"English words in the Chinese explanations: {sorted(set(latin))}"
