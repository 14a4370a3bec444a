"""A floor chief's 我的老人 / My elders on a 360 px phone in Debian's chromium: the first view,
the cards in the API's order with its overdue flags, nothing wider than the screen, names on
one line, and one tap recording a visit that takes the elder off the overdue ones (read back
through the API).

With ``LOUZHI_SCREENSHOTS=1`` the screenshot is also copied to ``docs/screenshots``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from graph.identity import local
from seeds.demo_accounts import ResolvedAccount
from tests.web.browser import PHONE
from tests.web.conftest import SignIn
from tests.web.pages import expect_viewer, save
from tests.web.service import Service

pytestmark = pytest.mark.neo4j

MY_ELDERS = """query($asOf: Date) { myElders(asOf: $asOf) { residentId name overdue } }"""
VISITS = """query($id: ID!) { resident(id: $id) { visits { on mode visitor { id } } } }"""
# A nowrap name is one line high; one character per line would be several.
NAME_ON_ONE_LINE = """els => els.every(e =>
    e.getBoundingClientRect().height < 2 * parseFloat(getComputedStyle(e).fontSize))"""
NO_SIDEWAYS_SCROLL = (
    "document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth"
)


def elders(service: Service, token: str, day: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = service.graphql(MY_ELDERS, {"asOf": day}, token=token)["myElders"]
    return found


def shown(page: Page) -> list[tuple[str | None, str | None]]:
    cards = page.get_by_test_id("my-elder")
    return [(c.get_attribute("data-id"), c.get_attribute("data-overdue")) for c in cards.all()]


def expected(api: list[dict[str, Any]]) -> list[tuple[str | None, str | None]]:
    return [(e["residentId"], str(e["overdue"]).lower()) for e in api]


def test_floor_chief_records_a_visit_from_their_elders(
    sign_in: SignIn,
    service: Service,
    tokens: dict[str, str],
    accounts: dict[str, ResolvedAccount],
    screenshots: Path,
) -> None:
    token, admin = tokens["demo-floor-chief"], tokens["demo-admin"]
    chief = local("QS", accounts["demo-floor-chief"].person_id or "")  # as the API shows it
    day = date.today().isoformat()  # the page's day: the phone's today (same clock here)
    before = elders(service, token, day)
    assert any(e["overdue"] for e in before), before

    page = sign_in(token, viewport=PHONE)
    expect(page.get_by_test_id("my-elders")).to_be_visible()  # a floor chief's first view
    expect(page.locator("nav.tabs > button").first).to_have_attribute("data-testid", "tab-myElders")
    expect_viewer(page, service, token, "楼组长")
    cards = page.get_by_test_id("my-elder")
    expect(cards).to_have_count(len(before))
    assert shown(page) == expected(before)
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    assert page.locator(".elder-name").evaluate_all(NAME_ON_ONE_LINE)
    save(page, screenshots, "my-elders.png")

    # One tap on the first (the longest overdue) records a home visit today as the chief.
    target = before[0]["residentId"]
    card = page.locator(f'[data-testid="my-elder"][data-id="{target}"]')
    expect(card).to_have_attribute("data-overdue", "true")
    card.get_by_test_id("my-elder-record").click()
    expect(page.get_by_test_id("my-elders-ok")).to_be_visible()
    expect(card).to_have_attribute("data-overdue", "false")
    after = elders(service, token, day)
    assert shown(page) == expected(after)
    assert [e["residentId"] for e in after].index(target) > 0  # moved down
    assert page.evaluate(NO_SIDEWAYS_SCROLL)

    visits = service.graphql(VISITS, {"id": target}, token=admin)["resident"]["visits"]
    assert {"on": day, "mode": "HOME", "visitor": {"id": chief}} in visits
