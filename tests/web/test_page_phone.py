"""The page on a 360 px phone in Debian's chromium: every view of the committee fits the screen
(nothing scrolls sideways) and shows its lists as cards with names on one line; the support
network of an elder with more than ten helpers draws no two labels over each other (measured
from cytoscape's own label boxes); words of the trade open their explanation on a tap; empty
lists say why and what to do; long work shows what it is doing.

The many helpers are paired through the API as the admin on a day of their own (the day after
the tests' usual one) and ended on that same day, so that the module's other views see the demo
as it was. With ``LOUZHI_SCREENSHOTS=1`` the screenshots are also copied to ``docs/screenshots``.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, Route, expect

from tests.web.browser import PHONE
from tests.web.conftest import ASOF, SignIn
from tests.web.pages import save, set_as_of
from tests.web.service import Service

pytestmark = [pytest.mark.neo4j, pytest.mark.usefixtures("demo_plans")]

NO_SIDEWAYS_SCROLL = (
    "document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth"
)
# A nowrap cell is one line high (its padding aside); one character per line would be several.
ONE_LINE = """els => els.filter(e => e.offsetParent !== null).every(e => {
    const s = getComputedStyle(e);
    const inner = e.clientHeight - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom);
    return inner < 2 * parseFloat(s.fontSize);
})"""
# Every visible card table: its rows are blocks (cards), its header hidden.
CARDS = """() => [...document.querySelectorAll("table.cards")]
    .filter(t => t.offsetParent !== null)
    .map(t => ({
        rows: t.tBodies[0] ? t.tBodies[0].rows.length : 0,
        row: t.tBodies[0] && t.tBodies[0].rows[0]
            ? getComputedStyle(t.tBodies[0].rows[0]).display : null,
        head: t.tHead ? getComputedStyle(t.tHead).display : null,
        labelled: [...t.querySelectorAll("tbody td")].every(
            td => td.dataset.label !== undefined || td.classList.contains("card-title")
                || td.textContent.trim() === ""),
    }))"""
# The label boxes of the drawn network, from cytoscape (the instance hangs on its element).
LABEL_BOXES = """el => {
    const cy = el.louzhiNetwork;
    const boxes = cy.nodes().map(n => {
        const b = n.boundingBox({ includeLabels: true, includeOverlays: false });
        return { id: n.id(), label: n.data("label"), x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 };
    });
    const overlaps = [];
    boxes.forEach((a, i) => boxes.slice(i + 1).forEach(b => {
        if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) overlaps.push([a.id, b.id]);
    }));
    const drawn = cy.elements().renderedBoundingBox({ includeLabels: true });
    return {
        boxes, overlaps, zoom: cy.zoom(),
        edgeLabels: cy.edges().filter(e => e.data("label")).length,
        fits: drawn.x1 >= -1 && drawn.x2 <= el.clientWidth + 1,
    };
}"""

# Every tab of the committee and what shows that it has answered.
READY = {
    "tab-overview": "figures",
    "tab-glance": "glance-cell",
    "tab-trends": "trend-table",
    "tab-gaps": "row-underSupported",
    "tab-windows": "windows",
    "tab-network": "network-id",
    "tab-suggestions": "suggestions",
    "tab-report": "report-figures",
    "tab-myElders": "my-elders",
    "tab-visit": "visit-form",
    "tab-matters": "matters",
    "tab-plans": "plan-figures",
    "tab-events": "events",
    "tab-admin": "accounts",
}

# The column of each gap list that narrows it for the screenshot.
READ_BY = {"underSupported": 4, "areaGaps": 0, "overloadedHelpers": 0, "singlePointsOfFailure": 0}
DAY = (date.fromisoformat(ASOF) + timedelta(days=1)).isoformat()  # the many helpers' own day
UNDER = """query($asOf: Date) { coverageGaps(asOf: $asOf) {
    underSupported(first: 1) { nodes { residentId name } } } }"""
NETWORK = """query($id: ID!, $asOf: Date) { supportNetwork(residentId: $id, asOf: $asOf) {
    size resident { helpers { personId } } } }"""
YOUNG = """{ residents(filter: { maxAge: 60 }, sort: { field: NAME }, first: 40) {
    nodes { id name } } }"""
ADD = """mutation($i: AddHelperInput!) { addHelper(input: $i) {
    pairing { id } errors { code message } } }"""
END = """mutation($id: ID!, $until: Date!) { endHelper(id: $id, until: $until) {
    pairing { id until } errors { code message } } }"""


def fits_the_phone(page: Page, where: str) -> None:
    assert page.evaluate(NO_SIDEWAYS_SCROLL), f"{where}: the document scrolls sideways"
    for table in page.evaluate(CARDS):
        if table["rows"]:
            assert table["row"] != "table-row", f"{where}: a table is not cards: {table}"
            assert table["head"] == "none" and table["labelled"], f"{where}: {table}"
    assert page.locator("td.nowrap").evaluate_all(ONE_LINE), f"{where}: a name wraps"


def test_every_view_of_the_committee_fits_a_phone(
    sign_in: SignIn, tokens: dict[str, str], screenshots: Path
) -> None:
    page = sign_in(tokens["demo-committee"], viewport=PHONE)
    expect(page.locator("nav.tabs > button").first).to_be_visible()
    set_as_of(page)
    tabs = [t.get_attribute("data-testid") or "" for t in page.locator("nav.tabs > button").all()]
    assert set(tabs) == set(READY), tabs
    for tab in tabs:
        page.get_by_test_id(tab).click()
        expect(page.get_by_test_id(READY[tab]).first).to_be_visible()
        page.wait_for_timeout(300)  # the last answer's rows settle
        fits_the_phone(page, tab)
        page.screenshot(path=screenshots / f"phone-{tab}.png")  # the first screen, for review
        if tab == "tab-gaps":
            # Each list narrowed to its first row's corridor, code or person for the picture.
            for name, column in READ_BY.items():
                first = page.get_by_test_id(f"row-{name}").first.locator("td").nth(column)
                page.get_by_test_id(f"filter-{name}").fill(first.inner_text().strip())
            page.get_by_test_id("gaps").get_by_test_id("explain").first.click()  # 支持不足?
            expect(page.get_by_test_id("gaps").get_by_test_id("explain-text").first).to_be_visible()
            fits_the_phone(page, tab)
            save(page, screenshots, "gaps-phone.png")


def test_empty_lists_say_why_and_long_work_shows_progress(
    sign_in: SignIn, tokens: dict[str, str]
) -> None:
    page = sign_in(tokens["demo-committee"], viewport=PHONE)
    expect(page.locator("nav.tabs > button").first).to_be_visible()
    set_as_of(page)

    # Suggestions take a while on a large scope: held back, the page says what it is doing.
    held: list[Route] = []

    def hold(route: Route) -> None:
        if "assignmentSuggestions" in (route.request.post_data or ""):
            held.append(route)
        else:
            route.continue_()

    page.route("**/graphql", hold)
    page.get_by_test_id("tab-suggestions").click()
    progress = page.get_by_test_id("progress")
    expect(progress).to_be_visible()
    expect(progress).to_contain_text("正在计算结对建议")
    expect(progress).to_have_attribute("role", "status")
    assert held
    for route in held:
        route.continue_()
    page.unroute("**/graphql")
    expect(page.get_by_test_id("suggestions")).to_be_visible()
    expect(progress).to_have_count(0)

    # A gap list whose filter leaves nothing says so and what to do, instead of a blank table.
    page.get_by_test_id("tab-gaps").click()
    expect(page.get_by_test_id("row-underSupported").first).to_be_visible()
    page.get_by_test_id("filter-underSupported").fill("没有这个人")
    empty = page.get_by_test_id("empty-underSupported")
    expect(empty).to_have_text("没有符合筛选条件的行：请修改或清空上面的筛选框。")
    expect(page.get_by_test_id("row-underSupported").first).to_be_hidden()
    page.get_by_test_id("filter-underSupported").fill("")
    expect(empty).to_have_count(0)

    # The find box with a name nobody has says how to search instead.
    page.get_by_test_id("find").fill("没有这个人")
    expect(page.get_by_test_id("find-results")).to_have_text(
        "范围内没有这个名字的居民：请检查拼写，或输入拼音首字母，如 wgy。"
    )
    assert page.evaluate(NO_SIDEWAYS_SCROLL)

    # The audit log of an account nobody has.
    admin = sign_in(tokens["demo-admin"], viewport=PHONE)
    admin.get_by_test_id("tab-admin").click()
    expect(admin.get_by_test_id("accounts")).to_be_visible()
    expect(admin.get_by_test_id("audit-entry").first).to_be_attached()
    admin.get_by_test_id("audit-account").fill("nobody-at-all")
    expect(admin.get_by_test_id("empty-audit")).to_contain_text("没有符合筛选条件的审计记录")
    fits_the_phone(admin, "admin")


def pair_many_helpers(service: Service, admin: str) -> tuple[str, int, list[str]]:
    """An under-supported elder given ten more helpers on DAY: the elder, their network's size
    before, the pairings' ids."""
    under = service.graphql(UNDER, {"asOf": DAY}, token=admin)["coverageGaps"]["underSupported"]
    elder = under["nodes"][0]["residentId"]
    net = service.graphql(NETWORK, {"id": elder, "asOf": DAY}, token=admin)["supportNetwork"]
    taken = {h["personId"] for h in net["resident"]["helpers"]} | {elder}
    people = [p["id"] for p in service.graphql(YOUNG, token=admin)["residents"]["nodes"]]
    helpers = [p for p in people if p not in taken][:10]
    assert len(helpers) == 10, people
    pairings = []
    for i, helper in enumerate(helpers):
        kind = ("NEIGHBOUR", "VOLUNTEER")[i % 2]
        added = service.graphql(
            ADD,
            {"i": {"helperId": helper, "residentId": elder, "kind": kind, "since": DAY}},
            token=admin,
        )["addHelper"]
        assert not added["errors"], added
        pairings.append(added["pairing"]["id"])
    return elder, net["size"], pairings


def end_pairings(service: Service, admin: str, pairings: list[str]) -> None:
    for pairing in pairings:
        ended = service.graphql(END, {"id": pairing, "until": DAY}, token=admin)["endHelper"]
        assert not ended["errors"], ended


def test_a_network_of_many_helpers_stays_legible_on_a_phone(
    sign_in: SignIn, service: Service, tokens: dict[str, str], screenshots: Path
) -> None:
    admin = tokens["demo-admin"]
    elder, before, pairings = pair_many_helpers(service, admin)
    try:
        api: dict[str, Any] = service.graphql(
            NETWORK, {"id": elder, "asOf": DAY}, token=tokens["demo-committee"]
        )["supportNetwork"]
        assert api["size"] == before + 10 >= 10
        page = sign_in(tokens["demo-committee"], viewport=PHONE)
        expect(page.locator("nav.tabs > button").first).to_be_visible()
        set_as_of(page, DAY)
        page.get_by_test_id("tab-network").click()
        page.get_by_test_id("network-id").fill(elder)
        page.get_by_test_id("network-id").press("Enter")
        expect(page.get_by_test_id("network")).to_have_attribute("data-resident", elder)
        expect(page.get_by_test_id("network-size")).to_have_text(str(api["size"]))
        graph = page.get_by_test_id("network-graph")
        expect(graph).to_have_attribute("data-helpers", str(len(api["resident"]["helpers"])))
        page.wait_for_function(
            "n => { const el = document.querySelector('[data-testid=network-graph]');"
            " return el && el.louzhiNetwork && el.louzhiNetwork.nodes().length === n; }",
            arg=len(api["resident"]["helpers"]) + 1,
        )
        drawn = graph.evaluate(LABEL_BOXES)
        assert len(drawn["boxes"]) == api["size"] + 1
        assert all(b["label"] for b in drawn["boxes"]), drawn["boxes"]
        assert drawn["overlaps"] == [], drawn
        assert drawn["edgeLabels"] == 0  # the kinds are the colours, the legend and the table
        assert drawn["zoom"] >= 0.75 and drawn["fits"], drawn
        rows = page.get_by_test_id("helpers").locator("tbody tr")
        expect(rows).to_have_count(api["size"])
        fits_the_phone(page, "network")

        # Jargon explained in place: a tap on the "?" after 冗余 opens its explanation.
        term = page.locator(".term", has_text="冗余")
        explain = term.get_by_test_id("explain")
        expect(explain).to_have_attribute("title", re.compile("^冗余："))
        expect(term.get_by_test_id("explain-text")).to_be_hidden()
        explain.click()
        expect(explain).to_have_attribute("aria-expanded", "true")
        expect(term.get_by_test_id("explain-text")).to_be_visible()
        expect(term.get_by_test_id("explain-text")).to_contain_text("冗余：")
        page.wait_for_timeout(300)  # let cytoscape finish drawing
        assert page.evaluate(NO_SIDEWAYS_SCROLL)
        save(page, screenshots, "network-phone.png")
    finally:
        end_pairings(service, admin, pairings)
    # Ended on their own day: the next day the elder's network is as it was.
    later = (date.fromisoformat(DAY) + timedelta(days=1)).isoformat()
    after = service.graphql(NETWORK, {"id": elder, "asOf": later}, token=admin)["supportNetwork"]
    assert after["size"] == before
