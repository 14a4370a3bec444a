"""Trends and the weekly report, in Debian's chromium, against the API for the same account:
a trend point equals ``coverageGaps(asOf:)`` of its week; the report's figures, gap counts and
overdue visits equal ``coverageGaps``; the report prints (a PDF of A4 pages)."""

from __future__ import annotations

import os
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import ROOT
from tests.web.conftest import ASOF, SignIn
from tests.web.pages import save, set_as_of
from tests.web.service import Service

pytestmark = pytest.mark.neo4j

RATIO = "{ actual expected }"
FIGURES = ("eldersSupported", "eldersWithRecentContact", "corridorsWithBothChiefs")
SUMMARY = f"""query($asOf: Date) {{ coverageGaps(asOf: $asOf) {{
  summary {{ {" ".join(f"{f} {RATIO}" for f in FIGURES)} overloadedHelpers }}
  areaGaps {{ totalCount }}
  underSupported(first: 100) {{ totalCount nodes {{ residentId reasons {{ code }} }} }}
}} }}"""


def test_a_trend_point_is_coverage_gaps_of_its_week(
    sign_in: SignIn, service: Service, tokens: dict[str, str], screenshots: Path
) -> None:
    token = tokens["demo-committee"]
    page = sign_in(token)
    set_as_of(page)
    page.get_by_test_id("tab-trends").click()
    rows = page.get_by_test_id("trend-row")
    expect(rows).to_have_count(12)
    expect(page.get_by_test_id("trend-chart").locator("canvas")).to_have_count(1)
    last = date.fromisoformat(ASOF)
    days = [r.get_attribute("data-day") for r in rows.all()]
    assert days == [(last - timedelta(weeks=w)).isoformat() for w in range(11, -1, -1)]
    for row in (rows.first, rows.nth(6)):
        day = row.get_attribute("data-day")
        api = service.graphql(SUMMARY, {"asOf": day}, token=token)["coverageGaps"]["summary"]
        for figure in FIGURES:
            cell = row.locator(f"[data-figure={figure}]")
            shown = (
                int(cell.get_attribute("data-actual") or -1),
                int(cell.get_attribute("data-expected") or -1),
            )
            assert shown == (api[figure]["actual"], api[figure]["expected"]), (day, figure)
    save(page, screenshots, "trends.png")


def test_the_weekly_report_agrees_with_the_api_and_prints(
    sign_in: SignIn, service: Service, tokens: dict[str, str], screenshots: Path
) -> None:
    token = tokens["demo-committee"]
    page = sign_in(token)
    set_as_of(page)
    page.get_by_test_id("tab-report").click()
    expect(page.get_by_test_id("report-figures")).to_be_visible()
    api = service.graphql(SUMMARY, {"asOf": ASOF}, token=token)["coverageGaps"]
    for figure in FIGURES:
        row = page.get_by_test_id("report-figures").locator(f"tr[data-figure={figure}]")
        assert (row.get_attribute("data-actual"), row.get_attribute("data-expected")) == (
            str(api["summary"][figure]["actual"]),
            str(api["summary"][figure]["expected"]),
        )
    under = api["underSupported"]["nodes"]
    expect(page.get_by_test_id("report-under-supported").locator("li")).to_have_count(len(under))
    overdue = [
        e["residentId"]
        for e in under
        if any(r["code"] == "NO_RECENT_CONTACT" for r in e["reasons"])
    ]
    shown = [
        li.get_attribute("data-id")
        for li in page.get_by_test_id("report-overdue").locator("li").all()
    ]
    assert shown == overdue
    expect(page.get_by_test_id("report-title")).to_contain_text("周报")
    expect(page.get_by_test_id("report-trend").locator("tbody tr")).to_have_count(12)
    save(page, screenshots, "report.png")
    # On paper: the page chrome is gone, the report stays.
    page.emulate_media(media="print")
    expect(page.locator("nav.tabs")).to_be_hidden()
    expect(page.get_by_test_id("print")).to_be_hidden()
    pdf = screenshots / "report.pdf"
    page.pdf(path=pdf, format="A4", print_background=True)
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 10_000
    if os.environ.get("LOUZHI_SCREENSHOTS") == "1":
        shutil.copy(pdf, ROOT / "docs" / "screenshots" / "report.pdf")
