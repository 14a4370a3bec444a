"""The planner's page in Debian's chromium (2 of 3): the coverage views (the overview drilled
down to a corridor, the gap lists with their filters, sorting and exports, an elder's support
network and a what-if) against the real service and the demo community.

Every figure, count and list the page shows is compared with what ``/graphql`` answers for the
same account's token.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Download, Page, expect

from tests.web.conftest import ASOF, SignIn
from tests.web.pages import PLANNER_AREA, page_scope, set_as_of
from tests.web.service import Service

pytestmark = pytest.mark.neo4j


SUMMARY = """query($scope: ID, $asOf: Date) {
  coverageGaps(scope: $scope, asOf: $asOf) {
    summary {
      eldersSupported { actual expected } eldersWithRecentContact { actual expected }
      corridorsWithBothChiefs { actual expected }
    }
    underSupported { totalCount }
    areaGaps { totalCount } overloadedHelpers { totalCount } singlePointsOfFailure { totalCount }
  }
}"""

UNDER_SUPPORTED_IDS = """query(
  $scope: ID, $asOf: Date, $after: String, $reason: UnderSupportReason
) {
  coverageGaps(scope: $scope, asOf: $asOf) {
    underSupported(first: 100, after: $after, reason: $reason) {
      totalCount pageInfo { hasNextPage endCursor } nodes { residentId }
    }
  }
}"""


UNDER_SUPPORTED_AGES = """query($scope: ID, $asOf: Date) {
  coverageGaps(scope: $scope, asOf: $asOf) { underSupported(first: 100) { nodes { age ageBand } } }
}"""


def under_supported_ids(
    service: Service, token: str, scope: str, reason: str | None = None
) -> list[str]:
    ids: list[str] = []
    after = None
    while True:
        variables = {"scope": scope, "asOf": ASOF, "after": after, "reason": reason}
        conn = service.graphql(UNDER_SUPPORTED_IDS, variables, token=token)["coverageGaps"][
            "underSupported"
        ]
        ids += [n["residentId"] for n in conn["nodes"]]
        if not conn["pageInfo"]["hasNextPage"]:
            assert len(ids) == conn["totalCount"]
            return ids
        after = conn["pageInfo"]["endCursor"]


FIRST_ELDER = """query($scope: ID, $asOf: Date) {
  coverageGaps(scope: $scope, asOf: $asOf) { underSupported(first: 1) { nodes { corridor } } }
}"""
ANCESTORS = """query($code: ID!) {
  area(code: $code) { code parent { code parent { code parent { code } } } }
}"""


def chain_to_a_corridor_with_gaps(service: Service, token: str) -> list[str]:
    """Residential area → micro-grid → block → corridor, down to a corridor that has
    under-supported elders (found through the API, so the test follows the demo generator)."""
    first = service.graphql(FIRST_ELDER, {"scope": PLANNER_AREA, "asOf": ASOF}, token=token)
    corridor = first["coverageGaps"]["underSupported"]["nodes"][0]["corridor"]
    area = service.graphql(ANCESTORS, {"code": corridor}, token=token)["area"]
    chain = []
    while area is not None:
        chain.insert(0, area["code"])
        area = area.get("parent")
    assert chain[0] == PLANNER_AREA and len(chain) == 4, chain
    return chain


def expect_figure(page: Page, name: str, ratio: dict[str, int]) -> None:
    expect(page.get_by_test_id(f"fig-{name}-actual")).to_have_text(str(ratio["actual"]))
    expect(page.get_by_test_id(f"fig-{name}-expected")).to_have_text(str(ratio["expected"]))


def expect_figures_of(page: Page, service: Service, token: str, scope: str, day: str) -> None:
    api = service.graphql(SUMMARY, {"scope": scope, "asOf": day}, token=token)["coverageGaps"]
    for name in ("eldersSupported", "eldersWithRecentContact", "corridorsWithBothChiefs"):
        expect_figure(page, name, api["summary"][name])


def test_overview_drills_down_to_a_corridor_and_follows_the_date(
    sign_in: SignIn, service: Service, tokens: dict[str, str], screenshots: Path
) -> None:
    token = tokens["demo-planner"]
    page = sign_in(token)
    set_as_of(page)
    scope = page_scope(page)
    overview = page.get_by_test_id("overview")
    expect(overview).to_have_attribute("data-current", scope)
    expect_figures_of(page, service, token, scope, ASOF)
    page.screenshot(path=screenshots / "overview.png", full_page=True)

    chain = chain_to_a_corridor_with_gaps(service, token)
    corridor = chain[-1]
    start = chain.index(scope) + 1 if scope in chain else 0
    for code in chain[start:]:
        page.get_by_test_id(f"tile-{code}").click()
        expect(overview).to_have_attribute("data-current", code)
        expect_figures_of(page, service, token, code, ASOF)
    expect(overview).to_have_attribute("data-level", "CORRIDOR")
    elders = under_supported_ids(service, token, corridor)
    assert elders
    listed = page.get_by_test_id("corridor-elders").locator("[data-testid^=elder-]")
    expect(listed).to_have_count(len(elders))
    assert [b.get_attribute("data-testid") for b in listed.all()] == [f"elder-{i}" for i in elders]

    # Another day: the figures follow the date picker.
    set_as_of(page, "2026-12-31")
    expect_figures_of(page, service, token, corridor, "2026-12-31")
    set_as_of(page)
    # Back up by the breadcrumb, then open an elder's network from the corridor.
    page.get_by_test_id(f"crumb-{chain[1]}").click()
    expect(overview).to_have_attribute("data-current", chain[1])
    page.get_by_test_id(f"tile-{chain[2]}").click()
    page.get_by_test_id(f"tile-{corridor}").click()
    page.get_by_test_id(f"elder-{elders[0]}").click()
    expect(page.get_by_test_id("network")).to_have_attribute("data-resident", elders[0])


def download(page: Page, button: str) -> Download:
    with page.expect_download() as info:
        page.get_by_test_id(button).click()
    return info.value


def test_gap_lists_match_the_api_filter_sort_and_export(
    sign_in: SignIn, service: Service, tokens: dict[str, str], tmp_path: Path
) -> None:
    token = tokens["demo-planner"]
    page = sign_in(token)
    set_as_of(page)
    scope = page_scope(page)
    page.get_by_test_id("tab-gaps").click()
    api = service.graphql(SUMMARY, {"scope": scope, "asOf": ASOF}, token=token)["coverageGaps"]
    for name in ("underSupported", "areaGaps", "overloadedHelpers", "singlePointsOfFailure"):
        expect(page.get_by_test_id(f"count-{name}")).to_have_text(str(api[name]["totalCount"]))
        expect(page.get_by_test_id(f"table-{name}").get_by_test_id(f"row-{name}")).to_have_count(
            api[name]["totalCount"]
        )
    total = api["underSupported"]["totalCount"]
    assert api["singlePointsOfFailure"]["totalCount"] > 100, "no second page to load"

    # Filter by reason: the rows are the API's list for that reason.
    no_contact = under_supported_ids(service, token, scope, "NO_RECENT_CONTACT")
    page.get_by_test_id("reason-filter").select_option("NO_RECENT_CONTACT")
    expect(page.get_by_test_id("shown-underSupported")).to_have_text(f"显示 {len(no_contact)}")
    page.get_by_test_id("reason-filter").select_option("")

    # A planner sees age bands, not ages: the API masks them and the page says so.
    status, masked = service.post(
        "/graphql",
        {"query": UNDER_SUPPORTED_AGES, "variables": {"scope": scope, "asOf": ASOF}},
        token,
    )
    assert status == 200 and masked["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    table = page.get_by_test_id("table-underSupported")
    ages = table.locator("tbody tr td:nth-child(3) [data-masked=true]")
    expect(ages).to_have_count(total)
    expect(ages.first).to_have_attribute("title", "无权查看")
    bands = table.locator("tbody tr td:nth-child(4)").all_inner_texts()
    assert sorted(bands) == sorted(
        n["ageBand"] for n in masked["data"]["coverageGaps"]["underSupported"]["nodes"]
    )

    # Sort by helpers, twice for descending.
    page.get_by_test_id("sort-underSupported-helperCount").click()
    page.get_by_test_id("sort-underSupported-helperCount").click()
    counts = [int(a) for a in table.locator("tbody tr td:nth-child(7)").all_inner_texts()]
    assert counts == sorted(counts, reverse=True) and len(counts) == total

    # CSV: every elder of the list, with translated headers, Excel-friendly BOM.
    path = download(page, "csv-underSupported").path()
    text = Path(path).read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:3] == ["居民编号", "姓名", "年龄"]
    assert sorted(r[0] for r in rows[1:]) == sorted(under_supported_ids(service, token, scope))

    # XLSX of the filtered list (made by the service's /export/xlsx from the rows shown).
    page.get_by_test_id("filter-areaGaps").fill("QS-")
    xlsx = download(page, "xlsx-areaGaps")
    assert xlsx.suggested_filename == "area-gaps.xlsx"
    target = tmp_path / "gaps.xlsx"
    xlsx.save_as(target)
    sheet = load_workbook(target, read_only=True).active
    assert sheet is not None
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("编号", "层级", "规则", "说明")
    assert len(values) - 1 == api["areaGaps"]["totalCount"]


NETWORK = """query($id: ID!, $asOf: Date) {
  supportNetwork(residentId: $id, asOf: $asOf) {
    size resident { underSupported helpers { personId } } singlePointsOfFailure { personId }
  }
}"""
SPOFS = """query($scope: ID, $asOf: Date) {
  coverageGaps(scope: $scope, asOf: $asOf) {
    singlePointsOfFailure(first: 1) { nodes { personId elderIds } }
  }
}"""
WHAT_IF = """query($ids: [ID!]!, $asOf: Date) {
  whatIf(removePersonIds: $ids, asOf: $asOf) {
    newlyUnderSupported(first: 100) { totalCount nodes { residentId } }
    newAreaGaps { totalCount }
  }
}"""


def test_support_network_and_what_if(
    sign_in: SignIn, service: Service, tokens: dict[str, str], screenshots: Path
) -> None:
    token = tokens["demo-planner"]
    page = sign_in(token)
    set_as_of(page)
    spof = service.graphql(SPOFS, {"scope": PLANNER_AREA, "asOf": ASOF}, token=token)
    spof = spof["coverageGaps"]["singlePointsOfFailure"]["nodes"][0]
    elder, helper = spof["elderIds"][0], spof["personId"]
    api = service.graphql(NETWORK, {"id": elder, "asOf": ASOF}, token=token)["supportNetwork"]

    page.get_by_test_id("tab-network").click()
    page.get_by_test_id("network-id").fill(elder)
    page.get_by_test_id("network-id").press("Enter")
    expect(page.get_by_test_id("network")).to_have_attribute("data-resident", elder)
    expect(page.get_by_test_id("network-size")).to_have_text(str(api["size"]))
    rows = page.get_by_test_id("helpers").locator("tbody tr")
    helper_ids = [h["personId"] for h in api["resident"]["helpers"]]
    assert [r.get_attribute("data-testid") for r in rows.all()] == [
        f"helper-{p}" for p in helper_ids
    ]
    expect(page.get_by_test_id("network-graph").locator("canvas").first).to_be_attached()
    assert helper in {h["personId"] for h in api["singlePointsOfFailure"]}
    # A planner may not read visits: the last contact is masked, not "never".
    expect(page.get_by_test_id("network-last-contact").locator("[data-masked]")).to_be_attached()

    # What if the single point of failure leaves: the page says what whatIf says.
    page.get_by_test_id(f"whatif-{helper}").check()
    what_if = service.graphql(WHAT_IF, {"ids": [helper], "asOf": ASOF}, token=token)["whatIf"]
    newly = what_if["newlyUnderSupported"]
    expect(page.get_by_test_id("whatif-newly-count")).to_have_text(str(newly["totalCount"]))
    expect(page.get_by_test_id("whatif-gaps-count")).to_have_text(
        str(what_if["newAreaGaps"]["totalCount"])
    )
    assert elder in {n["residentId"] for n in newly["nodes"]}
    expect(page.get_by_test_id("whatif-elder")).to_have_text("该老人将变为支持不足")
    page.wait_for_timeout(300)  # let cytoscape finish drawing the faded helper
    page.screenshot(path=screenshots / "network.png", full_page=True)
    page.get_by_test_id(f"whatif-{helper}").uncheck()
    expect(page.get_by_test_id("whatif-result")).to_have_count(0)
