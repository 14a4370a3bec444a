"""Who may see whom (2 of 6): the analyses (support networks, coverage gaps, what-ifs and
suggestions) by every role, and what a planner may not ask of them.

The world and the order of the ``test_access_*`` modules: :mod:`tests.schema.access_world`.
"""

from __future__ import annotations

import re

import pytest

from tests.schema.access_world import (
    DETAILS,
    PLACES,
    ROLES,
    SEES,
    World,
    all_ids,
    ancestors,
    as_role,
    at,
    codes,
    forbidden_paths,
)
from tests.support.gql import GraphQLClient


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("place", PLACES)
def test_support_network(app: GraphQLClient, world: World, role: str, place: str) -> None:
    query = at(
        """query($id: ID!) { supportNetwork(residentId: $id, asOf: "%s") {
        size committeePaths resident { residentId name ageBand age vulnerableBecause
        helpers { personId name } } } }"""
    )
    rid = world.subject[place]
    body = as_role(app, role).raw(query, {"id": rid})
    nobody = as_role(app, role).raw(query, {"id": "R999999"})
    if place not in SEES[role]:
        assert body["data"] is None and codes(body) == ["NOT_FOUND"]
        assert body["errors"][0]["message"].replace(rid, "X") == nobody["errors"][0][
            "message"
        ].replace("R999999", "X")
        return
    network = body["data"]["supportNetwork"]
    admin = as_role(app, "admin").data(query, {"id": rid})["supportNetwork"]
    assert network["resident"]["residentId"] == rid
    assert network["size"] == admin["size"]
    assert [h["personId"] for h in network["resident"]["helpers"]] == [
        h["personId"] for h in admin["resident"]["helpers"]
    ]
    if role in DETAILS:
        assert "errors" not in body and network["resident"]["age"] == admin["resident"]["age"]
    else:
        assert network["resident"]["age"] is None
        assert network["resident"]["vulnerableBecause"] is None
        assert forbidden_paths(body) == {
            ("supportNetwork", "resident", "age"),
            ("supportNetwork", "resident", "vulnerableBecause"),
        }


def test_a_planner_reads_no_exact_age_in_the_paths(app: GraphQLClient, world: World) -> None:
    """A household member's age is part of the path that found them: an age band for planners."""
    query = at("""{ coverageGaps(scope: "QS-P1", asOf: "%s") { underSupported(first: 100) {
        nodes { helpers { paths { via explanation } } } }
        vulnerableElders(first: 100) { nodes { helpers { paths { via explanation } } } } } }""")
    texts = {
        role: [
            p["explanation"]
            for key in ("underSupported", "vulnerableElders")
            for n in as_role(app, role).in_language("en").data(query)["coverageGaps"][key]["nodes"]
            for h in n["helpers"]
            for p in h["paths"]
            if p["via"] == "HOUSEHOLD"
        ]
        for role in ("planner", "committee")
    }
    assert texts["committee"] and len(texts["planner"]) == len(texts["committee"])
    assert all(re.search(r"\(aged \d+\)", t) for t in texts["committee"])
    assert not any(re.search(r"\(aged \d+\)", t) for t in texts["planner"])
    assert all(re.search(r"\(aged (\d+-\d+|90\+)\)", t) for t in texts["planner"])
    chinese = as_role(app, "planner").data(query)["coverageGaps"]["underSupported"]["nodes"]
    worded = [p["explanation"] for n in chinese for h in n["helpers"] for p in h["paths"]]
    assert not any(re.search(r"（\d+ 岁）", t) for t in worded)


@pytest.mark.parametrize(
    ("arguments", "planner_may"),
    [
        ("filter: {minAge: 80}", True),
        ("filter: {minAge: 60, maxAge: 69}", True),
        ("filter: {minAge: 85}", False),
        ("filter: {minAge: 60, maxAge: 84}", False),
        ('filter: {tags: ["残疾"]}', False),
        ("filter: {mobility: [DEPENDENT]}", False),
        ("filter: {livingAlone: true}", False),
        ("filter: {party: [DOUBLE]}", False),
        ("sort: {field: AGE}", False),
    ],
)
def test_a_planner_cannot_select_people_by_their_details(
    app: GraphQLClient, arguments: str, planner_may: bool
) -> None:
    """Masks would mean little if a filter could ask "who is exactly 85" or "who is disabled"."""
    query = f"{{ residents({arguments}) {{ totalCount }} }}"
    planner = as_role(app, "planner").raw(query)
    assert codes(planner) == ([] if planner_may else ["FORBIDDEN"]), planner
    assert codes(as_role(app, "grid_worker").raw(query)) == []


def test_a_planner_cannot_move_the_rules(app: GraphQLClient) -> None:
    query = at("""{ coverageGaps(asOf: "%s", rules: {elderAge: 85}) {
        vulnerableElders { totalCount } } }""")
    assert codes(as_role(app, "planner").raw(query)) == ["FORBIDDEN"]
    assert codes(as_role(app, "committee").raw(query)) == []


GAPS = at(
    """query($scope: ID) { coverageGaps(scope: $scope, asOf: "%s") { scope
    underSupported(first: 100) { totalCount nodes { residentId ageBand } } } }"""
)
SCOPES = {
    "admin": None,
    "committee": "QS",
    "grid_worker": "QS-MG1",
    "floor_chief": "QS-B01-C1",
    "planner": "QS-P1",
}


@pytest.mark.parametrize("role", ROLES)
def test_coverage_gaps_default_to_the_scope_and_refuse_beyond(
    app: GraphQLClient, role: str
) -> None:
    mine = as_role(app, role).data(GAPS, {"scope": None})["coverageGaps"]
    scope = SCOPES[role]
    if scope is not None:
        assert mine["scope"] == [scope]
        admin = as_role(app, "admin").data(GAPS, {"scope": scope})["coverageGaps"]
        assert mine["underSupported"] == admin["underSupported"]
        inside = set(all_ids(app, role))
        assert {n["residentId"] for n in mine["underSupported"]["nodes"]} <= inside
    beyond = as_role(app, role).raw(GAPS, {"scope": "QS-B23-R1"})
    if role in ("admin", "committee"):
        assert "errors" not in beyond
    else:
        assert codes(beyond) == ["FORBIDDEN"] and beyond["data"] is None


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("place", PLACES)
def test_what_if(app: GraphQLClient, world: World, role: str, place: str) -> None:
    query = at("""query($ids: [ID!]!) { whatIf(removePersonIds: $ids, asOf: "%s") {
        removedPersonIds report { scope } newlyUnderSupported { nodes { residentId } } } }""")
    rid = world.subject[place]
    body = as_role(app, role).raw(query, {"ids": [rid]})
    if place not in SEES[role]:
        assert codes(body) == ["NOT_FOUND"], body
        return
    report = body["data"]["whatIf"]
    assert report["removedPersonIds"] == [rid]
    if SCOPES[role]:
        assert report["report"]["scope"] == [SCOPES[role]]
        inside = set(all_ids(app, role))
        assert {n["residentId"] for n in report["newlyUnderSupported"]["nodes"]} <= inside


def _reachable(world: World, scope: str | None, untied: bool) -> set[str]:
    """The oracle of graph/scope.py's reach, from the roster rows."""
    roster, up = world.roster, ancestors(world.roster)

    def inside(corridor: str) -> bool:
        return scope is None or scope in (corridor, *up[corridor], roster.community)

    living = {r.resident_id for r in roster.residents if inside(r.corridor)}
    chain = set()
    for corridor, above in up.items():
        if scope in (corridor, *above):
            chain |= {corridor, *above, roster.community}
    serving = {r.person_id for r in roster.roles if r.scope in chain or scope is None}
    serving |= {r.person_id for r in roster.roles if scope == roster.community}
    helping = {h.helper_id for h in roster.helpers if h.resident_id in living}
    doctors = {r.family_doctor for r in roster.residents if r.family_doctor and inside(r.corridor)}
    tied = {r.person_id for r in roster.roles} | {h.helper_id for h in roster.helpers}
    tied |= {r.family_doctor for r in roster.residents if r.family_doctor}
    free = {p.person_id for p in roster.people if p.person_id not in tied} if untied else set()
    return living | serving | helping | doctors | free


@pytest.mark.parametrize("role", ["admin", "committee", "grid_worker", "planner"])
def test_suggestions_stay_in_reach(app: GraphQLClient, world: World, role: str) -> None:
    query = at(
        """{ assignmentSuggestions(asOf: "%s") { scope
        proposals(first: 100) { nodes { helperId residentId } } } }"""
    )
    plan = as_role(app, role).data(query)["assignmentSuggestions"]
    nodes = plan["proposals"]["nodes"]
    if role != "admin":
        assert plan["scope"] == [SCOPES[role]]
    inside = set(all_ids(app, role))
    reach = _reachable(world, SCOPES[role], untied=role in ("admin", "committee"))
    assert {n["residentId"] for n in nodes} <= inside
    assert {n["helperId"] for n in nodes} <= reach


def test_a_floor_chief_gets_no_suggestions(app: GraphQLClient) -> None:
    body = as_role(app, "floor_chief").raw("{ assignmentSuggestions { totalCost } }")
    assert codes(body) == ["FORBIDDEN"] and body["data"] is None
