"""What a role may not read as a field it cannot read any other way: not by moving ``asOf``, not
in a sentence, not through a neighbour who lives elsewhere, not in an old home.

Each test attacks as a planner (names and age bands only) and checks the same request as an
admin, which must see the difference: so the test fails if the attack could not tell anything.
Real Neo4j, the demo community, the real ASGI app.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from graph.store.connection import Neo4jTarget
from seeds.rows import Roster
from tests.support.gql import GraphQLClient, ensure_account, graphql_client

pytestmark = pytest.mark.neo4j

PLANNER = "privacy-planner"
SCOPE = "QS-P1"
TODAY = date.today()
# The turn of a year: every age moves by one, nothing else changes.
EVE, NEW_YEAR = f"{TODAY.year}-12-31", f"{TODAY.year + 1}-01-01"


@pytest.fixture(scope="module")
def admin(demo_graph: Roster, neo4j_target: Neo4jTarget) -> Iterator[GraphQLClient]:
    ensure_account(neo4j_target, PLANNER, role="planner", scope=SCOPE)
    with graphql_client(neo4j_target) as client:
        yield client


@pytest.fixture(scope="module")
def planner(admin: GraphQLClient) -> GraphQLClient:
    return admin.as_account(PLANNER)


def in_scope(roster: Roster) -> dict[str, Any]:
    area_of = {g.corridor: g.area for g in roster.grid}
    return {r.resident_id: r for r in roster.residents if area_of[r.corridor] == SCOPE}


def turning(roster: Roster, age: int) -> str:
    """A resident of the scope who turns ``age`` at the new year."""
    return next(rid for rid, r in in_scope(roster).items() if r.birth_year == TODAY.year + 1 - age)


def elders(client: GraphQLClient, as_of: str) -> set[str]:
    found: set[str] = set()
    after = None
    while True:
        page = client.raw(
            """query($d: Date, $after: String) { coverageGaps(scope: "QS-P1", asOf: $d) {
                 vulnerableElders(first: 100, after: $after) {
                   nodes { residentId } pageInfo { hasNextPage endCursor } } } }""",
            {"d": as_of, "after": after},
        )["data"]["coverageGaps"]["vulnerableElders"]
        found |= {n["residentId"] for n in page["nodes"]}
        if not page["pageInfo"]["hasNextPage"]:
            return found
        after = page["pageInfo"]["endCursor"]


# -- 1. an age band cannot be narrowed by moving asOf -------------------------------------------


def test_aliased_age_bands_over_many_days_tell_one_band(
    demo_graph: Roster, admin: GraphQLClient, planner: GraphQLClient
) -> None:
    rid = turning(demo_graph, 60)
    days = [f"{y}-{md}" for y in range(TODAY.year - 1, TODAY.year + 3) for md in ("01-01", "12-31")]
    fields = " ".join(f'b{i}: ageBand(asOf: "{d}")' for i, d in enumerate(days))
    query = f'{{ resident(id: "{rid}") {{ {fields} }} }}'
    assert len(set(admin.data(query)["resident"].values())) > 1  # the attack works on ages
    bands = set(planner.data(query)["resident"].values())
    assert bands == {"18-59"}  # today's band, whatever the day asked


def test_age_filters_over_a_year_end_select_the_same_people(
    admin: GraphQLClient, planner: GraphQLClient
) -> None:
    query = """query($d: Date) { residents(filter: {area: "QS-P1", minAge: 60}, asOf: $d) {
                 totalCount } }"""

    def total(client: GraphQLClient, day: str) -> int:
        return client.data(query, {"d": day})["residents"]["totalCount"]

    assert total(admin, EVE) != total(admin, NEW_YEAR)
    assert total(planner, EVE) == total(planner, NEW_YEAR)


def test_area_counts_do_not_move_ages_with_as_of(
    admin: GraphQLClient, planner: GraphQLClient
) -> None:
    query = '{ area(code: "QS-P1") { a: counts(asOf: "%s") { aged60Plus aged80Plus } b: counts(asOf: "%s") { aged60Plus aged80Plus } } }'  # noqa: E501
    moved = admin.data(query % (EVE, NEW_YEAR))["area"]
    assert moved["a"] != moved["b"]
    kept = planner.data(query % (EVE, NEW_YEAR))["area"]
    assert kept["a"] == kept["b"]


def test_the_elders_of_an_analysis_do_not_change_at_a_year_end(
    admin: GraphQLClient, planner: GraphQLClient
) -> None:
    assert elders(admin, EVE) != elders(admin, NEW_YEAR)
    assert elders(planner, EVE) == elders(planner, NEW_YEAR)


def test_a_refusal_does_not_depend_on_the_day_or_the_age(
    demo_graph: Roster, admin: GraphQLClient, planner: GraphQLClient
) -> None:
    rid = turning(demo_graph, 60)
    query = '{ supportNetwork(residentId: "%s", asOf: "%s") { size } }'
    assert admin.error_codes(query % (rid, EVE)) == ["BAD_USER_INPUT"]
    assert admin.error_codes(query % (rid, NEW_YEAR)) == []  # an elder from the new year
    answers = [planner.raw(query % (rid, day)) for day in (EVE, NEW_YEAR)]
    assert answers[0] == answers[1]
    [error] = answers[0]["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert str(TODAY.year) not in error["message"] and "younger" not in error["message"]


# -- 2. a reachable resident who lives elsewhere: id and name only --------------------------------


def test_a_helper_living_outside_the_scope_shows_id_and_name_only(
    demo_graph: Roster, planner: GraphQLClient
) -> None:
    inside = in_scope(demo_graph)
    residents = {r.resident_id for r in demo_graph.residents}
    outside_helpers = sorted(
        h.helper_id
        for h in demo_graph.helpers
        if h.resident_id in inside and h.helper_id in residents and h.helper_id not in inside
    )
    assert outside_helpers, "the demo pairs some elders with residents of other areas"
    helper = outside_helpers[0]
    body = planner.raw(f'{{ person(id: "{helper}") {{ id name ... on Resident {{ ageBand }} }} }}')
    assert body["data"]["person"]["name"]
    assert body["data"]["person"]["ageBand"] is None
    assert [e["path"] for e in body["errors"]] == [["person", "ageBand"]]
    assert {e["extensions"]["code"] for e in body["errors"]} == {"FORBIDDEN"}


# -- 4. nothing masked as a field is readable inside a sentence ----------------------------------

GAPS = """{ coverageGaps(scope: "QS-P1", asOf: "%s") {
    underSupported(first: 100) { nodes {
        residentId reasons { code detail } lastContact { on visitorId }
        helpers { personId lastVisit { on } paths { steps explanation } } } } } }"""


def _texts(body: dict[str, Any]) -> list[str]:
    nodes = body["data"]["coverageGaps"]["underSupported"]["nodes"]
    out = [r["detail"] for n in nodes for r in n["reasons"]]
    for n in nodes:
        for h in n["helpers"]:
            for p in h["paths"]:
                out += [p["explanation"], *p["steps"]]
    return out


def test_households_and_visits_stay_masked_inside_analyses(
    admin: GraphQLClient, planner: GraphQLClient
) -> None:
    from tests.conftest import DEMO_TODAY

    day = DEMO_TODAY.isoformat()
    admin, planner = admin.in_language("en"), planner.in_language("en")  # the words matched
    seen = _texts(admin.raw(GAPS % day))
    households, visits = re.compile(r"Household H\d"), re.compile(r"last on \d")
    assert any(households.search(t) for t in seen) and any(visits.search(t) for t in seen)
    body = planner.raw(GAPS % day)
    told = _texts(body)
    assert told and not any(households.search(t) or visits.search(t) for t in told)
    assert not any(re.search(r"aged \d+\)", t) for t in told)
    nodes = body["data"]["coverageGaps"]["underSupported"]["nodes"]
    assert all(n["lastContact"] is None for n in nodes)
    assert all(h["lastVisit"] is None for n in nodes for h in n["helpers"])
    masked = {tuple(p for p in e["path"] if not isinstance(p, int)) for e in body["errors"]}
    assert masked == {
        ("coverageGaps", "underSupported", "nodes", "lastContact"),
        ("coverageGaps", "underSupported", "nodes", "helpers", "lastVisit"),
    }
    assert {e["extensions"]["code"] for e in body["errors"]} == {"FORBIDDEN"}


def test_a_support_network_masks_its_last_contact(
    demo_graph: Roster, admin: GraphQLClient, planner: GraphQLClient
) -> None:
    from tests.conftest import DEMO_TODAY

    elder = sorted(elders(admin, DEMO_TODAY.isoformat()))[0]
    day = DEMO_TODAY.isoformat()
    query = f'{{ supportNetwork(residentId: "{elder}", asOf: "{day}") {{ lastContact {{ on }} }} }}'

    assert admin.error_codes(query) == []
    body = planner.raw(query)
    assert body["data"]["supportNetwork"]["lastContact"] is None
    assert [e["path"] for e in body["errors"]] == [["supportNetwork", "lastContact"]]
