"""Finding people by name on the page, in Debian's chromium: by characters and by pinyin
initials, and only within the caller's scope."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from graph.names import name_keys
from seeds.rows import Roster
from tests.web.conftest import SignIn
from tests.web.pages import PLANNER_AREA
from tests.web.service import Service

pytestmark = pytest.mark.neo4j

FIND = """query($n: String!, $a: ID) { residents(filter: { name: $n, area: $a }, first: 100,
    sort: { field: NAME }) { totalCount nodes { id } } }"""


def found(
    service: Service, token: str, name: str, area: str | None = None
) -> tuple[int, list[str]]:
    answer = service.graphql(FIND, {"n": name, "a": area}, token=token)["residents"]
    return answer["totalCount"], [n["id"] for n in answer["nodes"]]


def test_a_planner_finds_residents_of_their_area_by_characters_and_by_initials(
    sign_in: SignIn, service: Service, tokens: dict[str, str], demo_graph: Roster
) -> None:
    planner, admin = tokens["demo-planner"], tokens["demo-admin"]
    # Initials that residents inside and outside the planner's area share.
    shared = None
    for r in sorted(demo_graph.residents, key=lambda r: r.resident_id):
        initials = name_keys(r.name)[1]
        total, _ = found(service, admin, initials)
        inside, _ = found(service, admin, initials, PLANNER_AREA)
        if 0 < inside < total and inside <= 10:
            shared = (initials, inside)
            break
    assert shared is not None
    initials, inside = shared
    count, ids = found(service, planner, initials)
    assert count == inside  # the planner finds only those of their area

    page = sign_in(planner)
    expect(page.get_by_test_id("overview")).to_be_visible()
    page.get_by_test_id("find").fill(initials)
    results = page.get_by_test_id("find-result")
    expect(results).to_have_count(inside)
    assert [results.nth(i).get_attribute("data-id") for i in range(inside)] == ids

    # By characters: the given name of one of them finds them.
    someone = next(r for r in demo_graph.residents if r.resident_id == ids[0].split("/")[-1])
    page.get_by_test_id("find").fill(someone.name[1:])
    expect(page.locator(f'[data-testid=find-result][data-id="{ids[0]}"]')).to_be_visible()
    page.get_by_test_id("find").fill("zzzzqqq")
    expect(page.get_by_test_id("find-results")).to_contain_text("范围内没有")
