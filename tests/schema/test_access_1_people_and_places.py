"""Who may see whom (1 of 6): residents and areas, read by every role inside and outside its scope.

The world and the order of the ``test_access_*`` modules: :mod:`tests.schema.access_world`.
"""

from __future__ import annotations

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

RESIDENT = at("""query($id: ID!) { resident(id: $id) {
    id name ageBand(asOf: "%s") phone age(asOf: "%s") tags mobility visits { on } } }""")
DETAIL_FIELDS = ("phone", "age", "tags", "mobility", "visits")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("place", PLACES)
def test_a_resident_by_id(app: GraphQLClient, world: World, role: str, place: str) -> None:
    rid = world.subject[place]
    body = as_role(app, role).raw(RESIDENT, {"id": rid})
    admin = as_role(app, "admin").data(RESIDENT, {"id": rid})["resident"]
    found = body["data"]["resident"]
    if place not in SEES[role]:
        # Refused as if nobody had the id: no error that would tell someone is there.
        assert found is None and "errors" not in body, body
        return
    assert found["id"] == rid and found["name"] == admin["name"]
    assert found["ageBand"] == admin["ageBand"] and found["ageBand"].endswith(("9", "+"))
    if role in DETAILS:
        assert "errors" not in body, body
        assert found == admin
    else:
        assert all(found[f] is None for f in DETAIL_FIELDS), found
        assert forbidden_paths(body) == {("resident", f) for f in DETAIL_FIELDS}
        assert all("姓名和年龄段" in e["message"] for e in body["errors"])


@pytest.mark.parametrize("role", ROLES)
def test_the_residents_list_is_the_scope(app: GraphQLClient, world: World, role: str) -> None:
    """Every page, walked with its cursors, holds exactly the residents of the scope."""
    query = """query($after: String) { residents(first: 100, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } nodes { id corridor { code } } } }"""
    client, seen, after = as_role(app, role), [], None
    while True:
        page = client.data(query, {"after": after})["residents"]
        seen += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    scope = {"admin": None, "committee": "QS", "grid_worker": "QS-MG1"}.get(role)
    scope = scope or {"floor_chief": "QS-B01-C1", "planner": "QS-P1"}.get(role)
    expected_query = """query($area: ID) { residents(filter: {area: $area}) { totalCount } }"""
    expected = as_role(app, "admin").data(expected_query, {"area": scope})["residents"]
    assert len(seen) == len({n["id"] for n in seen}) == expected["totalCount"] == page["totalCount"]
    up = ancestors(world.roster)
    for node in seen:
        corridor = node["corridor"]["code"]
        assert scope is None or scope in (corridor, *up[corridor], world.roster.community), node
    for place in PLACES:
        assert (world.subject[place] in {n["id"] for n in seen}) == (place in SEES[role])


@pytest.mark.parametrize("role", ["floor_chief", "grid_worker", "planner"])
def test_a_cursor_from_a_wider_listing_reaches_nothing_more(app: GraphQLClient, role: str) -> None:
    query = """query($after: String) { residents(first: 50, after: $after) {
        totalCount nodes { id } } }"""
    wide = as_role(app, "admin").data("""{ residents(first: 100) { pageInfo { endCursor } } }""")[
        "residents"
    ]["pageInfo"]["endCursor"]
    page = as_role(app, role).data(query, {"after": wide})["residents"]
    mine = as_role(app, role).data(query, {"after": None})["residents"]
    assert page["totalCount"] == mine["totalCount"]
    assert {n["id"] for n in page["nodes"]} <= set(all_ids(app, role))


@pytest.mark.parametrize("role", ["floor_chief", "grid_worker", "planner"])
def test_nested_fields_do_not_leave_the_scope(app: GraphQLClient, world: World, role: str) -> None:
    """From a resident in scope out through helpers, their other pairings, households, roles."""
    query = """query($id: ID!) { resident(id: $id) {
        household { members { id } }
        helpers(includeEnded: true) { helper { id name phone
            helping(includeEnded: true) { resident { id name } }
            roles(includeEnded: true) { area { code inScope } } } }
        corridor { code parent { code inScope parent { code inScope
            children { code } counts { residents } } } } } }"""
    body = as_role(app, role).raw(query, {"id": world.subject["corridor"]})
    inside = set(all_ids(app, role))
    text = repr(body["data"])
    for place in PLACES:
        if place not in SEES[role]:
            assert world.subject[place] not in text
    resident = body["data"]["resident"]
    helpers = resident["helpers"] or []
    for pairing in helpers:
        helper = pairing["helper"]
        if helper is None:
            continue
        for other in helper["helping"]:
            assert other["resident"] is None or other["resident"]["id"] in inside
    chain = resident["corridor"]["parent"]
    if role == "floor_chief":  # the block and the micro-grid are above the corridor
        assert chain["inScope"] is False and chain["parent"]["inScope"] is False
        assert chain["parent"]["children"] is None and chain["parent"]["counts"] is None
        assert {
            ("resident", "corridor", "parent", "parent", f) for f in ("children", "counts")
        } <= {tuple(p) for p in (e["path"] for e in body.get("errors", []))}
    if role == "planner":
        assert resident["household"] is None  # a personal detail


AREA = at(
    """query($code: ID!) { area(code: $code) { code inScope counts(asOf: "%s") { residents }
    dwellings { households { members { id } } } } }"""
)


@pytest.mark.parametrize("role", ROLES)
def test_areas_outside_are_invisible_and_above_are_closed(app: GraphQLClient, role: str) -> None:
    scope = {
        "committee": "QS",
        "grid_worker": "QS-MG1",
        "floor_chief": "QS-B01-C1",
        "planner": "QS-P1",
    }.get(role)
    elsewhere = as_role(app, role).raw(AREA, {"code": "QS-B23-R1"})
    if role in ("admin", "committee"):
        assert elsewhere["data"]["area"]["counts"]["residents"] > 0
    else:
        assert elsewhere == {"data": {"area": None}}
    if scope is None:
        return
    own = as_role(app, role).data(AREA, {"code": scope})["area"]
    admin = as_role(app, "admin").data(AREA, {"code": scope})["area"]
    assert own["inScope"] and own["counts"] == admin["counts"]
    assert as_role(app, role).data("{ communities { code inScope } }")["communities"] == [
        {"code": "QS", "inScope": role == "committee"}
    ]


@pytest.mark.parametrize("role", ROLES)
def test_filtering_by_an_area_outside_is_forbidden(app: GraphQLClient, role: str) -> None:
    query = """query($area: ID) { residents(filter: {area: $area}) { totalCount } }"""
    body = as_role(app, role).raw(query, {"area": "QS-B23-R1"})
    if role in ("admin", "committee"):
        assert body["data"]["residents"]["totalCount"] > 0
    else:
        assert codes(body) == ["FORBIDDEN"]
    assert codes(as_role(app, role).raw(query, {"area": "NO-SUCH-AREA"})) == ["NOT_FOUND"]
