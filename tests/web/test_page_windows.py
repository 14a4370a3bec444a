"""The committee's 分时段 view in Debian's chromium: the areas' elders supported in each window of
the week side by side, and the elders supported on paper but alone at some hour, each figure
compared with what ``/graphql`` answers for the same token."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.web.conftest import ASOF, SignIn
from tests.web.pages import page_scope, set_as_of
from tests.web.service import Service

pytestmark = pytest.mark.neo4j

WINDOWS = ("WEEKDAY_DAY", "WEEKDAY_EVENING", "NIGHT", "WEEKEND")
BY_WINDOW = """query($scope: ID, $asOf: Date) { coverageByWindow(scope: $scope, asOf: $asOf) {
    areas(level: BLOCK, first: 100) {
        nodes { code byWindow { window eldersSupported { actual expected } } } }
    every: elders(first: 1) { totalCount }
    changing: elders(changing: true, first: 100) { totalCount nodes { elder { residentId }
        byWindow { window helperCount underSupported } } }
} }"""


def test_the_windows_view_shows_each_window_side_by_side_in_chinese(
    sign_in: SignIn, service: Service, tokens: dict[str, str], screenshots: Path
) -> None:
    token = tokens["demo-committee"]
    page = sign_in(token)
    set_as_of(page)
    scope = page_scope(page)
    page.get_by_test_id("tab-windows").click()
    view = page.get_by_test_id("windows")
    expect(view).to_contain_text("工作日白天")
    expect(view).to_contain_text("书面上支持充足、某时段却无人照应的老人")

    api = service.graphql(BY_WINDOW, {"scope": scope, "asOf": ASOF}, token=token)
    found = api["coverageByWindow"]
    changing = found["changing"]
    assert changing["totalCount"] > 0  # the demo's working families and in-service members
    expect(page.get_by_test_id("window-elder-count")).to_have_text(str(changing["totalCount"]))
    for area in found["areas"]["nodes"][:3]:
        for w in area["byWindow"]:
            r = w["eldersSupported"]
            cell = page.get_by_test_id(f"area-{area['code']}-{w['window']}")
            expect(cell).to_have_text(f"{r['actual']}/{r['expected']}")
    elder = changing["nodes"][0]
    for w in elder["byWindow"]:
        mark = ("✗ " if w["underSupported"] else "✓ ") + str(w["helperCount"])
        cell = page.get_by_test_id(f"elder-{elder['elder']['residentId']}-{w['window']}")
        expect(cell).to_have_text(mark)
    page.screenshot(path=screenshots / "windows.png", full_page=True)

    # Every elder, not only those who change: at least as many rows.
    page.get_by_test_id("window-changing").uncheck()
    expect(page.get_by_test_id("window-elder-count")).not_to_have_text(str(changing["totalCount"]))
