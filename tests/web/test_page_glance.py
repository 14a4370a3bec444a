"""The whole community at a glance, in Debian's chromium: every corridor of the scope in one
view, grouped by block and micro-grid, coloured red / amber / green by the chosen figure against
the two thresholds, with its gaps marked; a corridor's page with its chiefs' terms and its
elders. Everything is compared with what ``/graphql`` answers for the same account's token.

With ``LOUZHI_SCREENSHOTS=1`` the screenshots are also copied to ``docs/screenshots``.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.web.conftest import ASOF, SignIn
from tests.web.pages import PLANNER_AREA, page_scope, save, set_as_of
from tests.web.service import Service

pytestmark = pytest.mark.neo4j

RATIO = "{ actual expected ratio }"
CORRIDORS = f"""query($scope: ID, $asOf: Date, $after: String, $level: AreaLevel) {{
  coverageGaps(scope: $scope, asOf: $asOf) {{
    areas(level: $level, first: 100, after: $after) {{
      totalCount pageInfo {{ hasNextPage endCursor }}
      nodes {{ code name parentCode eldersSupported {RATIO} corridorsWithBothChiefs {RATIO} }}
    }}
  }}
}}"""
AREA_GAPS = """query($scope: ID, $asOf: Date, $after: String) {
  coverageGaps(scope: $scope, asOf: $asOf) {
    areaGaps(level: CORRIDOR, first: 100, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } nodes { code rule }
    }
  }
}"""
UNDER_SUPPORTED = """query($scope: ID, $asOf: Date, $after: String) {
  coverageGaps(scope: $scope, asOf: $asOf) {
    underSupported(first: 100, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } nodes { corridor }
    }
  }
}"""
ROLES = """query($code: ID!, $asOf: Date) {
  area(code: $code) {
    roleHolders(asOf: $asOf, includeEnded: true) { role since until active person { id } }
  }
}"""
ELDERS = """query($scope: ID, $asOf: Date, $after: String) {
  coverageGaps(scope: $scope, asOf: $asOf) {
    vulnerableElders(first: 100, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes { residentId name underSupported lastContact { on } }
    }
  }
}"""

CELLS_JS = """els => els.map(e => ({
  code: e.dataset.code, band: e.dataset.band, gaps: e.dataset.gaps, under: e.dataset.under,
  actual: e.dataset.actual, expected: e.dataset.expected,
  block: e.closest('[data-testid=glance-block]').dataset.code,
  grid: e.closest('[data-testid=glance-group]').dataset.code,
}))"""

# The heat grid's layout (web/src/components/HeatGrid.tsx): micro-grids as panels side by side,
# block labels on their left, a title above each, one row per block, cells 64 to 130 px wide.
LEFT, TITLE, ROW, CELL = 120, 30, 58, 130


def every(service: Service, token: str, query: str, key: str, **variables: Any) -> list[dict]:
    """All nodes of ``coverageGaps.<key>``, page by page."""
    nodes: list[dict] = []
    after = None
    while True:
        answer = service.graphql(query, {**variables, "after": after}, token=token)
        conn = answer["coverageGaps"][key]
        nodes += conn["nodes"]
        if not conn["pageInfo"]["hasNextPage"]:
            assert len(nodes) == conn["totalCount"]
            return nodes
        after = conn["pageInfo"]["endCursor"]


def band(ratio: dict[str, Any], low: int = 60, high: int = 90) -> str:
    if ratio["expected"] <= 0:
        return "grey"
    if ratio["ratio"] >= high / 100:
        return "green"
    return "amber" if ratio["ratio"] >= low / 100 else "red"


class Scope:
    """The API's answers for one scope: its corridors, blocks, corridor gaps, under-supported."""

    def __init__(self, service: Service, token: str, scope: str) -> None:
        at = {"scope": scope, "asOf": ASOF}
        self.corridors = {
            a["code"]: a for a in every(service, token, CORRIDORS, "areas", level="CORRIDOR", **at)
        }
        self.blocks = {
            a["code"]: a for a in every(service, token, CORRIDORS, "areas", level="BLOCK", **at)
        }
        self.gaps: dict[str, set[str]] = {}
        for g in every(service, token, AREA_GAPS, "areaGaps", **at):
            self.gaps.setdefault(g["code"], set()).add(g["rule"])
        self.under = Counter(
            e["corridor"] for e in every(service, token, UNDER_SUPPORTED, "underSupported", **at)
        )


def page_cells(page: Page) -> dict[str, dict[str, str]]:
    cells = page.get_by_test_id("glance-cell").evaluate_all(CELLS_JS)
    return {c["code"]: c for c in cells}


def expect_glance(
    page: Page, api: Scope, figure: str = "eldersSupported", low: int = 60, high: int = 90
) -> None:
    """Every corridor of the scope, once, in its block and micro-grid, with the API's figure,
    band, gap rules and under-supported count."""
    expect(page.get_by_test_id("glance-cell")).to_have_count(len(api.corridors))
    glance = page.get_by_test_id("glance")
    expect(glance).to_have_attribute("data-figure", figure)
    expect(glance).to_have_attribute("data-low", str(low))
    expect(glance).to_have_attribute("data-high", str(high))
    cells = page_cells(page)
    assert cells.keys() == api.corridors.keys()
    for code, a in api.corridors.items():
        cell = cells[code]
        assert cell["block"] == a["parentCode"], code
        assert cell["grid"] == api.blocks[a["parentCode"]]["parentCode"], code
        assert (int(cell["actual"]), int(cell["expected"])) == (
            a[figure]["actual"],
            a[figure]["expected"],
        ), code
        assert cell["band"] == band(a[figure], low, high), code
        assert set(cell["gaps"].split()) == api.gaps.get(code, set()), code
        under = a["eldersSupported"]["expected"] - a["eldersSupported"]["actual"]
        assert int(cell["under"]) == api.under[code] == under, code
    bands = Counter(band(a[figure], low, high) for a in api.corridors.values())
    for name in ("red", "amber", "green", "grey"):
        expect(page.get_by_test_id(f"legend-{name}")).to_have_attribute(
            "data-count", str(bands[name])
        )


def open_glance(page: Page) -> None:
    set_as_of(page)
    page.get_by_test_id("tab-glance").click()
    expect(page.get_by_test_id("glance")).to_be_visible()


def test_every_corridor_of_the_community_at_a_glance(
    sign_in: SignIn, service: Service, tokens: dict[str, str], screenshots: Path
) -> None:
    token = tokens["demo-committee"]
    page = sign_in(token)
    scope = page_scope(page)
    api = Scope(service, token, scope)
    assert len(api.corridors) > 20 and api.gaps and api.under  # the demo has gaps to show
    open_glance(page)
    expect_glance(page, api)
    marks = page.locator(f'[data-testid=glance-cell][data-code="{next(iter(api.gaps))}"]')
    expect(marks.get_by_test_id("glance-marks")).to_contain_text("缺")
    # ECharts drew the same grid on its canvas, with the grid's height.
    chart = page.get_by_test_id("glance-chart")
    expect(chart.locator("canvas").first).to_be_visible()
    assert chart.bounding_box()["height"] > ROW * 4
    save(page, screenshots, "glance.png")

    # Another figure: the bands follow it.
    page.get_by_test_id("glance-figure").select_option("corridorsWithBothChiefs")
    expect_glance(page, api, figure="corridorsWithBothChiefs")

    # Other thresholds, kept across a reload (localStorage), as is the figure.
    page.get_by_test_id("glance-figure").select_option("eldersSupported")
    page.get_by_test_id("glance-low").fill("40")
    page.get_by_test_id("glance-high").fill("75")
    expect_glance(page, api, low=40, high=75)
    page.reload()
    open_glance(page)
    expect_glance(page, api, low=40, high=75)
    page.get_by_test_id("glance-reset").click()
    expect_glance(page, api)

    # A click on the chart's first cell opens that corridor's page, its tooltip naming it.
    groups = page.get_by_test_id("glance-block").evaluate_all(
        "els => els.map(e => e.querySelectorAll('[data-testid=glance-cell]').length)"
    )
    first = page.get_by_test_id("glance-cell").first.get_attribute("data-code")
    box = chart.bounding_box()
    columns = max(groups)
    cell = max(64, min(CELL, (box["width"] - 2 - LEFT - 8) / columns))
    x, y = box["x"] + 1 + LEFT + cell / 2, box["y"] + 1 + TITLE + ROW / 2
    page.mouse.move(x, y)
    expect(chart).to_contain_text(api.corridors[first]["name"])
    page.mouse.click(x, y)
    expect(page.get_by_test_id("corridor-page")).to_have_attribute("data-code", first)
    page.get_by_test_id("corridor-back").click()
    expect(page.get_by_test_id("glance-cell")).to_have_count(len(api.corridors))


def corridor_with_a_successor(service: Service, token: str, api: Scope) -> str:
    """A corridor whose chiefs include a term after the day's (a successor), preferring one
    where it follows a serving chief's, with vulnerable elders and gaps."""
    best: tuple[int, str] | None = None
    for code in sorted(api.corridors):
        terms = service.graphql(ROLES, {"code": code, "asOf": ASOF}, token=token)["area"][
            "roleHolders"
        ]
        if not any(t["since"] > ASOF for t in terms):
            continue
        expected = api.corridors[code]["eldersSupported"]["expected"]
        handover = any(t["active"] and t["until"] for t in terms)  # a term ends, one follows
        score = handover * 4 + (expected > 0) * 2 + (code in api.gaps) + (api.under[code] > 0)
        if best is None or score > best[0]:
            best = (score, code)
    assert best is not None, "the demo has a successor named in advance"
    return best[1]


def expect_corridor_page(page: Page, service: Service, token: str, api: Scope, code: str) -> None:
    expect(page.get_by_test_id("corridor-page")).to_have_attribute("data-code", code)
    expect(page.get_by_test_id("corridor-name")).to_have_text(api.corridors[code]["name"])
    gaps = page.get_by_test_id("corridor-gaps")
    assert set((gaps.get_attribute("data-gaps") or "").split()) == api.gaps.get(code, set())
    expect(gaps).to_have_attribute("data-under", str(api.under[code]))
    ratio = api.corridors[code]["eldersSupported"]
    if ratio["expected"]:
        fig = page.get_by_test_id("corridor-fig-eldersSupported")
        expect(fig).to_have_attribute("data-actual", str(ratio["actual"]))
        expect(fig).to_have_attribute("data-expected", str(ratio["expected"]))

    terms = service.graphql(ROLES, {"code": code, "asOf": ASOF}, token=token)["area"]["roleHolders"]

    def state(t: dict[str, Any]) -> str:
        return "current" if t["active"] else "future" if t["since"] > ASOF else "ended"

    wanted = sorted(
        (t["role"], t["since"], t["until"] or "", t["person"]["id"], state(t)) for t in terms
    )
    rows = page.get_by_test_id("corridor-term")
    expect(rows).to_have_count(len(terms))
    shown = rows.evaluate_all(
        "els => els.map(e => [e.dataset.role, e.dataset.since, e.dataset.until,"
        " e.dataset.person, e.dataset.state])"
    )
    assert sorted(tuple(r) for r in shown) == wanted
    for role in ("FIRST_FLOOR_CHIEF", "SECOND_FLOOR_CHIEF"):  # each role in date order
        since = [r[1] for r in shown if r[0] == role]
        assert since == sorted(since)
        vacant = not any(t["active"] for t in terms if t["role"] == role)
        expect(page.locator(f'[data-testid=corridor-role][data-role="{role}"]')).to_have_attribute(
            "data-vacant", str(vacant).lower()
        )

    elders = every(service, token, ELDERS, "vulnerableElders", scope=code, asOf=ASOF)
    listed = page.get_by_test_id("corridor-elder")
    expect(listed).to_have_count(len(elders))
    shown = listed.evaluate_all(
        "els => els.map(e => [e.dataset.id, e.dataset.status, e.dataset.lastVisit])"
    )
    assert shown == [
        [
            e["residentId"],
            "underSupported" if e["underSupported"] else "supported",
            (e["lastContact"] or {}).get("on", ""),
        ]
        for e in elders
    ]
    assert sum(e["underSupported"] for e in elders) == api.under[code]


def test_a_corridor_page_shows_its_chiefs_terms_and_its_elders(
    sign_in: SignIn, service: Service, tokens: dict[str, str], screenshots: Path
) -> None:
    token = tokens["demo-committee"]
    page = sign_in(token)
    api = Scope(service, token, page_scope(page))
    code = corridor_with_a_successor(service, token, api)
    open_glance(page)
    page.locator(f'[data-testid=glance-cell][data-code="{code}"]').click()
    expect_corridor_page(page, service, token, api, code)
    expect(page.locator("[data-testid=corridor-term][data-state=future]").first).to_be_visible()
    save(page, screenshots, "corridor.png")

    # An elder opens their support network.
    elder = page.get_by_test_id("corridor-elder").first.get_attribute("data-id")
    page.get_by_test_id(f"corridor-elder-{elder}").click()
    expect(page.get_by_test_id("tab-network")).to_have_class("on")


def test_a_planner_sees_their_area_at_a_glance_and_no_visits(
    sign_in: SignIn, service: Service, tokens: dict[str, str]
) -> None:
    token = tokens["demo-planner"]
    page = sign_in(token)
    scope = page_scope(page)
    assert scope == PLANNER_AREA
    api = Scope(service, token, scope)
    open_glance(page)
    expect_glance(page, api)

    code = max(api.corridors, key=lambda c: (api.under[c], c))
    page.locator(f'[data-testid=glance-cell][data-code="{code}"]').click()
    expect_corridor_page(page, service, token, api, code)
    # Visits are personal details: "—", with why, instead of a date or "never".
    last = page.get_by_test_id("corridor-last-visit").first
    expect(last.locator("[data-masked=true]")).to_have_attribute("title", "无权查看")
