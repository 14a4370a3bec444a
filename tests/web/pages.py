"""What the page tests (``test_page_*``) share: the demo planner's scope, the date picker, and
the check that the page shows the signed-in account and the tabs it may use."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.conftest import ROOT
from tests.web.conftest import ASOF
from tests.web.service import Service

PLANNER_AREA = "QS-P1"  # the demo planner's scope


def page_scope(page: Page) -> str:
    return page.get_by_test_id("scope").inner_text()


def save(page: Page, screenshots: Path, name: str) -> None:
    """A full-page screenshot into ``screenshots``; with ``LOUZHI_SCREENSHOTS=1`` also into
    docs/screenshots (how the docs' pictures are made)."""
    page.screenshot(path=screenshots / name, full_page=True)
    if os.environ.get("LOUZHI_SCREENSHOTS") == "1":
        shutil.copy(screenshots / name, ROOT / "docs" / "screenshots" / name)


def set_as_of(page: Page, day: str = ASOF) -> None:
    page.get_by_test_id("asof").fill(day)


TABS = {
    "overview": "coverageGaps",
    "glance": "coverageGaps",
    "trends": "coverageTrend",
    "gaps": "coverageGaps",
    "windows": "coverageByWindow",
    "network": "supportNetwork",
    "suggestions": "assignmentSuggestions",
    "report": "coverageTrend",
    "myElders": "myElders",
    "visit": "recordVisit",
    "matters": "matters",
    "plans": "emergencyPlans",
    "events": "emergencyEvents",
}


def expect_viewer(page: Page, service: Service, token: str, role_label: str) -> None:
    """The page shows the account's role and scope, and exactly the tabs its ``can`` allows."""
    viewer = service.graphql("{ viewer { role scope can } }", token=token)["viewer"]
    expect(page.get_by_test_id("role")).to_have_text(role_label)
    expect(page.get_by_test_id("scope")).to_have_text(viewer["scope"])
    for tab, needs in TABS.items():
        expect(page.get_by_test_id(f"tab-{tab}")).to_have_count(int(needs in viewer["can"]))
