"""The 应急预案 view in Debian's chromium: the scope's and the areas' figures, the elders who need a
plan with their problems worded in Chinese, a window of the week, an elder's printable plan and a
corridor's sheet (print styles hide the page's chrome), the planner's masked personal details,
and a proposed responder applied (the other responder kept) — each compared with what
``/graphql`` answers for the same token.

With ``LOUZHI_SCREENSHOTS=1`` the screenshots are also copied to ``docs/screenshots``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import ROOT
from tests.web.conftest import ASOF, SignIn
from tests.web.pages import page_scope, save, set_as_of
from tests.web.service import Service

pytestmark = [pytest.mark.neo4j, pytest.mark.usefixtures("demo_plans")]

ZH: dict[str, str] = json.loads((ROOT / "web/src/i18n/zh.json").read_text(encoding="utf-8"))
BOARD = """query($scope: ID, $asOf: Date, $window: Window) {
    emergencyPlans(scope: $scope, asOf: $asOf, window: $window) {
        summary { needing withCompletePlan } areas { code needing withCompletePlan }
        incomplete: elders(onlyIncomplete: true, first: 1) { totalCount }
        suggestions { residentId role personId name }
    } }"""
ELDERS = """query($scope: ID, $asOf: Date, $after: String) {
    emergencyPlans(scope: $scope, asOf: $asOf) { elders(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes { residentId name corridor needsBecause hasPlan complete problems { code }
                firstResponder { personId name } backupResponder { personId name }
                destination needs contact } } } }"""


def board(service: Service, token: str, scope: str, window: str | None = None) -> dict[str, Any]:
    variables = {"scope": scope, "asOf": ASOF, "window": window}
    found: dict[str, Any] = service.graphql(BOARD, variables, token=token)["emergencyPlans"]
    return found


def elders(service: Service, token: str, scope: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    after: str | None = None
    while True:
        variables = {"scope": scope, "asOf": ASOF, "after": after}
        page = service.graphql(ELDERS, variables, token=token)["emergencyPlans"]["elders"]
        found += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            return found
        after = page["pageInfo"]["endCursor"]


def open_plans(page: Page) -> str:
    set_as_of(page)
    page.get_by_test_id("tab-plans").click()
    expect(page.get_by_test_id("plan-figures")).to_be_visible()
    expect(page.get_by_test_id("plan-elder-count")).to_be_visible()
    return page_scope(page)


def test_the_plans_view_and_its_printable_sheets_match_the_api(
    sign_in: SignIn, service: Service, tokens: dict[str, str], screenshots: Path
) -> None:
    token = tokens["demo-committee"]
    page = sign_in(token)
    scope = open_plans(page)
    api = board(service, token, scope)
    every = elders(service, token, scope)
    assert api["summary"]["needing"] == len(every) > 0
    expect(page.get_by_test_id("plans-needing")).to_have_text(str(api["summary"]["needing"]))
    complete = str(api["summary"]["withCompletePlan"])
    expect(page.get_by_test_id("plans-complete")).to_have_text(complete)
    count = page.get_by_test_id("plan-elder-count")
    expect(count).to_have_text(str(api["incomplete"]["totalCount"]))
    for area in api["areas"][:6]:
        cell = page.get_by_test_id(f"plan-area-{area['code']}")
        expect(cell).to_have_text(f"{area['withCompletePlan']}/{area['needing']}")

    # An incomplete plan with both responders named and a destination: its problems in Chinese.
    elder = next(
        e for e in every
        if not e["complete"] and e["firstResponder"] and e["backupResponder"] and e["destination"]
    )  # fmt: skip
    rid = elder["residentId"]
    problems = page.get_by_test_id(f"plan-problems-{rid}")
    expect(problems).to_have_attribute("data-codes", " ".join(p["code"] for p in elder["problems"]))
    for p in elder["problems"]:
        expect(problems).to_contain_text(ZH[f"planProblem.{p['code']}"])

    page.get_by_test_id(f"plan-open-{rid}").click()
    sheet = page.get_by_test_id("plan-sheet")
    expect(sheet).to_have_attribute("data-id", rid)
    expect(page.get_by_test_id("sheet-title")).to_have_text(f"{elder['name']} 的个人应急预案")
    for key, heading in (("first", "第一责任人"), ("backup", "后备责任人"),
                         ("destination", "转移去处"), ("contact", "紧急联系人"),
                         ("needs", "所需物品与照护"), ("because", "需要预案的原因")):  # fmt: skip
        expect(page.get_by_test_id(f"sheet-{key}").locator("th")).to_have_text(heading)
    first, backup = elder["firstResponder"], elder["backupResponder"]
    expect(page.get_by_test_id("sheet-first").locator("td")).to_have_text(
        f"{first['name']}（{first['personId']}）"
    )
    expect(page.get_by_test_id("sheet-backup").locator("td")).to_have_text(
        f"{backup['name']}（{backup['personId']}）"
    )
    expect(page.get_by_test_id("sheet-destination").locator("td")).to_have_text(
        elder["destination"]
    )
    needs = "、".join(elder["needs"]) if elder["needs"] else "无特殊需要"
    expect(page.get_by_test_id("sheet-needs").locator("td")).to_have_text(needs)
    expect(page.get_by_test_id("sheet-contact").locator("td")).to_have_text(
        elder["contact"] or "未填写"
    )
    because = "、".join(ZH[f"planNeed.{n}"] for n in elder["needsBecause"])
    expect(page.get_by_test_id("sheet-because").locator("td")).to_have_text(because)
    listed = page.get_by_test_id("sheet-problems").locator("li")
    expect(listed).to_have_count(len(elder["problems"]))
    expect(page.get_by_test_id("sheet-date")).to_contain_text(ASOF)
    save(page, screenshots, "plan-sheet.png")
    # On paper: the sheet alone, the page's chrome hidden.
    page.emulate_media(media="print")
    expect(page.locator("nav.tabs")).to_be_hidden()
    expect(page.get_by_test_id("sheet-print")).to_be_hidden()
    expect(sheet).to_be_visible()
    page.emulate_media(media="screen")

    # The corridor's sheet: every elder of it who needs a plan, in the API's order.
    page.get_by_test_id("sheet-back").click()
    corridor = elder["corridor"]
    page.get_by_test_id(f"corridor-open-{corridor}").first.click()
    expect(page.get_by_test_id("corridor-sheet")).to_have_attribute("data-code", corridor)
    mine = [e for e in every if e["corridor"] == corridor]
    rows = page.get_by_test_id("corridor-sheet-row")
    expect(rows).to_have_count(len(mine))
    assert [r.get_attribute("data-id") for r in rows.all()] == [e["residentId"] for e in mine]
    for row, e in zip(rows.all(), mine, strict=True):
        name = (e["firstResponder"] or {}).get("name", "未填写")
        expect(row.locator("[data-role=first]")).to_have_text(name)
        expect(row.locator("[data-role=destination]")).to_have_text(e["destination"] or "未填写")
    expect(page.get_by_test_id("sheet-title")).to_have_text(f"{corridor} 楼道应急预案表")
    save(page, screenshots, "corridor-sheet.png")
    page.get_by_test_id("sheet-back").click()

    # A window of the week: the figures judged then.
    page.get_by_test_id("plans-window").select_option("WEEKDAY_DAY")
    day = board(service, token, scope, "WEEKDAY_DAY")
    expect(page.get_by_test_id("plans-complete")).to_have_text(
        str(day["summary"]["withCompletePlan"])
    )
    assert day["summary"]["withCompletePlan"] <= api["summary"]["withCompletePlan"]
    save(page, screenshots, "plans.png")


def test_the_planner_sees_plans_with_personal_details_masked(
    sign_in: SignIn, service: Service, tokens: dict[str, str]
) -> None:
    token = tokens["demo-planner"]
    page = sign_in(token)
    scope = open_plans(page)
    expect(page.get_by_test_id("plan-apply-0")).to_have_count(0)  # planners set no plans
    planned = next(e for e in elders(service, token, scope) if e["hasPlan"])
    assert planned["needs"] is None and planned["contact"] is None  # FORBIDDEN for a planner
    page.get_by_test_id("plans-incomplete").uncheck()
    page.get_by_test_id(f"plan-open-{planned['residentId']}").click()
    expect(page.get_by_test_id("plan-sheet")).to_be_visible()
    for key in ("needs", "contact"):
        masked = page.get_by_test_id(f"sheet-{key}").locator("[data-masked=true]")
        expect(masked).to_have_attribute("title", "无权查看")
    expect(page.get_by_test_id("sheet-destination").locator("td")).to_have_text(
        planned["destination"] or "未填写"
    )


def test_a_proposed_responder_is_applied_keeping_the_other(
    sign_in: SignIn, service: Service, tokens: dict[str, str]
) -> None:
    token = tokens["demo-committee"]
    page = sign_in(token)
    scope = open_plans(page)
    proposals = board(service, token, scope)["suggestions"]
    assert proposals, "the demo has plans lacking a responder who can come"
    before = {e["residentId"]: e for e in elders(service, token, scope)}
    row = page.get_by_test_id("plan-suggestion-0")
    first = proposals[0]
    expect(row).to_have_attribute("data-resident", first["residentId"])
    expect(row).to_have_attribute("data-person", first["personId"])

    page.get_by_test_id("plan-apply-0").click()
    expect(page.get_by_test_id("confirm-text")).to_contain_text(first["name"])
    page.get_by_test_id("confirm-cancel").click()  # cancel writes nothing
    page.get_by_test_id("plan-apply-0").click()
    page.get_by_test_id("confirm-ok").click()
    expect(page.get_by_test_id("plan-applied-0")).to_be_visible()

    after = {e["residentId"]: e for e in elders(service, token, scope)}
    was, now = before[first["residentId"]], after[first["residentId"]]
    placed, kept = (
        ("firstResponder", "backupResponder")
        if first["role"] == "FIRST"
        else ("backupResponder", "firstResponder")
    )
    assert now[placed]["personId"] == first["personId"]
    assert now[kept] == was[kept]
    assert (now["destination"], now["needs"], now["contact"]) == (
        was["destination"], was["needs"], was["contact"],
    )  # fmt: skip
