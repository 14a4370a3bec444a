"""The planner's page in Debian's chromium (3 of 3): the views that change the graph, a
suggestion applied after confirming and a visit recorded by a floor chief on a phone, each read
back through the API."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from graph.identity import local
from seeds.demo_accounts import ResolvedAccount
from tests.conftest import DEMO_TODAY
from tests.web.browser import PHONE
from tests.web.conftest import SignIn
from tests.web.pages import expect_viewer, set_as_of
from tests.web.service import Service

pytestmark = pytest.mark.neo4j


SUGGESTED = """query($asOf: Date) {
  assignmentSuggestions(asOf: $asOf) {
    underSupportedBefore underSupportedAfter proposals { totalCount }
  }
}"""
HELPERS_OF = """query($id: ID!) { resident(id: $id) { helpers { kind helper { id } } } }"""


def test_apply_a_suggestion_after_confirming(
    sign_in: SignIn, service: Service, tokens: dict[str, str]
) -> None:
    # On the demo's own day the bare corridor's elder can be helped by a pairing; later, every
    # under-supported elder lacks a visit, which no pairing mends, and there is nothing to apply.
    day = DEMO_TODAY.isoformat()
    token = tokens["demo-planner"]
    page = sign_in(token)
    set_as_of(page, day)
    api = service.graphql(SUGGESTED, {"asOf": day}, token=token)["assignmentSuggestions"]
    assert api["proposals"]["totalCount"] > 0
    page.get_by_test_id("tab-suggestions").click()
    expect(page.get_by_test_id("suggest-before")).to_have_text(str(api["underSupportedBefore"]))
    expect(page.get_by_test_id("suggest-after")).to_have_text(str(api["underSupportedAfter"]))
    proposals = page.locator("[data-testid^=proposal-]")
    expect(proposals).to_have_count(api["proposals"]["totalCount"])

    first = page.get_by_test_id("proposal-0")
    helper, resident = first.get_attribute("data-helper"), first.get_attribute("data-resident")
    assert helper and resident
    admin = tokens["demo-admin"]
    before = service.graphql(HELPERS_OF, {"id": resident}, token=admin)["resident"]["helpers"]
    assert helper not in {h["helper"]["id"] for h in before}

    # Cancel first: nothing is written.
    page.get_by_test_id("apply-0").click()
    page.get_by_test_id("confirm-cancel").click()
    after_cancel = service.graphql(HELPERS_OF, {"id": resident}, token=admin)["resident"]
    assert len(after_cancel["helpers"]) == len(before)

    page.get_by_test_id("apply-0").click()
    expect(page.get_by_test_id("confirm-text")).to_contain_text(day)
    page.get_by_test_id("confirm-ok").click()
    expect(page.get_by_test_id("applied-0")).to_be_visible()
    after = service.graphql(HELPERS_OF, {"id": resident}, token=admin)["resident"]["helpers"]
    assert helper in {h["helper"]["id"] for h in after}


VISITS = """query($id: ID!) { resident(id: $id) { visits { on mode note visitor { id } } } }"""
CORRIDOR_RESIDENTS = """query($area: ID!) {
  residents(filter: { area: $area }, sort: { field: NAME }, first: 100) { nodes { id } }
}"""


def test_floor_chief_records_a_visit_on_a_phone(
    sign_in: SignIn,
    service: Service,
    tokens: dict[str, str],
    accounts: dict[str, ResolvedAccount],
    screenshots: Path,
) -> None:
    token = tokens["demo-floor-chief"]
    chief = local("QS", accounts["demo-floor-chief"].person_id or "")  # as the API shows it
    assert chief is not None
    admin = tokens["demo-admin"]
    corridor = accounts["demo-floor-chief"].scope
    residents = service.graphql(CORRIDOR_RESIDENTS, {"area": corridor}, token=admin)
    resident = residents["residents"]["nodes"][-1]["id"]

    page = sign_in(token, viewport=PHONE)
    page.get_by_test_id("tab-visit").click()  # a floor chief lands on 我的老人; the form is a tab
    expect(page.get_by_test_id("visit-form")).to_be_visible()
    expect_viewer(page, service, token, "楼组长")
    # The residents of the chief's corridor to pick from; the visitor is the chief.
    picker = page.get_by_test_id("visit-resident")
    options = picker.locator("option:not([value=''])")
    expect(options).to_have_count(len(residents["residents"]["nodes"]))
    picker.select_option(resident)
    expect(page.get_by_test_id("visit-visitor")).to_have_count(0)
    page.get_by_test_id("visit-date").fill("2026-10-30")
    page.get_by_test_id("visit-mode-PHONE").check()
    page.get_by_test_id("visit-note").fill("电话问候，一切安好")
    page.screenshot(path=screenshots / "visit-phone.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.get_by_test_id("visit-submit").click()
    expect(page.get_by_test_id("visit-ok")).to_be_visible()

    visits = service.graphql(VISITS, {"id": resident}, token=admin)["resident"]["visits"]
    recorded: dict[str, Any] = {
        "on": "2026-10-30",
        "mode": "PHONE",
        "note": "电话问候，一切安好",
        "visitor": {"id": chief},
    }
    assert recorded in visits
