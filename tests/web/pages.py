"""What the page tests (``test_page_*``) share: the demo planner's scope, the date picker, and
the check that the page shows the signed-in account and the tabs it may use."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.web.conftest import ASOF
from tests.web.service import Service

PLANNER_AREA = "QS-P1"  # the demo planner's scope


def page_scope(page: Page) -> str:
    return page.get_by_test_id("scope").inner_text()


def set_as_of(page: Page, day: str = ASOF) -> None:
    page.get_by_test_id("asof").fill(day)


TABS = {
    "overview": "coverageGaps",
    "gaps": "coverageGaps",
    "network": "supportNetwork",
    "suggestions": "assignmentSuggestions",
    "visit": "recordVisit",
}


def expect_viewer(page: Page, service: Service, token: str, role_label: str) -> None:
    """The page shows the account's role and scope, and exactly the tabs its ``can`` allows."""
    viewer = service.graphql("{ viewer { role scope can } }", token=token)["viewer"]
    expect(page.get_by_test_id("role")).to_have_text(role_label)
    expect(page.get_by_test_id("scope")).to_have_text(viewer["scope"])
    for tab, needs in TABS.items():
        expect(page.get_by_test_id(f"tab-{tab}")).to_have_count(int(needs in viewer["can"]))
