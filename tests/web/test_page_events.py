"""An emergency in Debian's chromium: the committee starts an event (through the API), a floor
chief marks one of their corridor's elders from a 360 px phone, and the committee's live board,
open at the same time, shows the corridor's not-reached count drop within the polling interval,
without a reload (one request at a time, none once the tab is left); closed, the board shows the
after-action report. A planner sees a mark's note masked. Each figure is compared with what
``/graphql`` answers for the same token.

The test starts its own event, so it does not depend on the demo's (past, closed) one. With
``LOUZHI_SCREENSHOTS=1`` the screenshots are also copied to ``docs/screenshots``.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, Request, expect

from graph.identity import owned, ref
from graph.store.connection import Neo4jTarget
from seeds.rows import Roster
from server.tokens import issue_token
from tests.conftest import DEMO_TODAY, ROOT
from tests.support.gql import ensure_account
from tests.web.browser import PHONE
from tests.web.conftest import KEY, SignIn
from tests.web.pages import save
from tests.web.service import Service

pytestmark = [pytest.mark.neo4j, pytest.mark.usefixtures("demo_plans")]

ZH: dict[str, str] = json.loads((ROOT / "web/src/i18n/zh.json").read_text(encoding="utf-8"))
NO_SIDEWAYS_SCROLL = (
    "document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth"
)
POLL_S = 3
START = """mutation($input: StartEmergencyEventInput!) { startEmergencyEvent(input: $input) {
    event { id } errors { code message } } }"""
MARK = """mutation($input: MarkEventElderInput!) { markEventElder(input: $input) {
    mark { seq } errors { code message } } }"""
CLOSE = """mutation($id: ID!) { closeEmergencyEvent(input: { eventId: $id, note: "解除" }) {
    event { id open } errors { code message } } }"""
EVENT = """query($id: ID!) { emergencyEvent(id: $id) {
    corridors { code notReached }
    elders { residentId name corridor status marks { seq status note } }
    report { reached neverReached medianMinutesToReach longestMinutesToReach
             failedPlans { residentId failures problemsAtStart } } } }"""


WAITING = """query($id: ID!) { emergencyEvent(id: $id) {
    elders(onlyNotReached: true) { residentId corridor } } }"""
NEEDING = """{ emergencyPlans { elders(first: 100) { nodes { corridor } } } }"""


@pytest.fixture(scope="module")
def chief(
    demo_plans: None, demo_graph: Roster, neo4j_target: Neo4jTarget, service: Service,
    tokens: dict[str, str],
) -> tuple[str, str]:  # fmt: skip
    """(token, corridor) of the first floor chief of a corridor with elders who need a plan
    (the demo floor chief's corridor may have none): an account of their own."""
    nodes = service.graphql(NEEDING, token=tokens["demo-committee"])["emergencyPlans"]["elders"]
    corridors = {e["corridor"] for e in nodes["nodes"]}
    c = demo_graph.community
    role = next(
        r for r in sorted(demo_graph.roles, key=lambda r: r.scope)
        if r.role == "first_floor_chief" and r.scope in corridors
        and r.since <= DEMO_TODAY and (r.until is None or r.until >= DEMO_TODAY)
    )  # fmt: skip
    ensure_account(neo4j_target, "event-chief", role="floor_chief", scope=ref(c, role.scope),
                   person_id=owned(c, role.person_id))  # fmt: skip
    token = issue_token(account_id="event-chief", key=KEY.encode(), ttl=timedelta(hours=2),
                        now=datetime.now(UTC))  # fmt: skip
    return token, role.scope


def event(service: Service, token: str, id: str) -> dict[str, Any]:
    found: dict[str, Any] = service.graphql(EVENT, {"id": id}, token=token)["emergencyEvent"]
    return found


def not_reached(found: dict[str, Any], corridor: str) -> int:
    return int(next(c["notReached"] for c in found["corridors"] if c["code"] == corridor))


class Polls:
    """The board's requests for the event, counted, and the most ever out at once."""

    def __init__(self, page: Page) -> None:
        self.sent = 0
        self.out = 0
        self.most = 0
        page.on("request", self._sent)
        page.on("requestfinished", self._done)
        page.on("requestfailed", self._done)

    @staticmethod
    def _ours(request: Request) -> bool:
        return request.url.endswith("/graphql") and "emergencyEvent(id" in (request.post_data or "")

    def _sent(self, request: Request) -> None:
        if self._ours(request):
            self.sent += 1
            self.out += 1
            self.most = max(self.most, self.out)

    def _done(self, request: Request) -> None:
        if self._ours(request):
            self.out -= 1


def open_event(page: Page, id: str) -> None:
    page.get_by_test_id("tab-events").click()
    page.locator(f'[data-testid="event-item"][data-id="{id}"]').click()
    expect(page.get_by_test_id("event-detail")).to_have_attribute("data-id", id)


def test_a_floor_chiefs_mark_reaches_the_committees_live_board(
    sign_in: SignIn,
    service: Service,
    tokens: dict[str, str],
    chief: tuple[str, str],
    screenshots: Path,
) -> None:
    committee, (chief, corridor) = tokens["demo-committee"], chief
    scope = service.graphql("{ viewer { scope } }", token=committee)["viewer"]["scope"]
    assert service.graphql("{ viewer { role scope } }", token=chief)["viewer"] == {
        "role": "FLOOR_CHIEF", "scope": corridor,
    }  # fmt: skip
    title = f"台风测试 {time.strftime('%H:%M:%S')}"
    started = service.graphql(
        START, {"input": {"area": scope, "kind": "TYPHOON", "title": title}}, token=committee
    )["startEmergencyEvent"]
    assert not started["errors"], started
    id = started["event"]["id"]
    seen = event(service, chief, id)
    mine = [e for e in seen["elders"] if e["corridor"] == corridor]
    assert mine, f"no elder of {corridor} in the event: {seen['elders']}"
    elder = mine[0]
    before = not_reached(event(service, committee, id), corridor)
    assert before >= 1

    # The committee's live board, open before the mark.
    board = sign_in(committee)
    polls = Polls(board)
    open_event(board, id)
    expect(board.get_by_test_id("event-title")).to_have_text(title)
    count = board.get_by_test_id(f"event-corridor-{corridor}")
    expect(count).to_have_text(str(before))
    # A tap on the corridor lists only its elders not reached, the longest waiting first.
    board.locator(f'[data-testid="event-corridor"][data-code="{corridor}"]').click()
    expect(board.get_by_test_id("event-waiting-count")).to_have_text(str(before))
    # (Filtered here: the API's ``corridor`` argument matches no corridor code it shows.)
    order = service.graphql(WAITING, {"id": id}, token=committee)["emergencyEvent"]["elders"]
    ids = [e["residentId"] for e in order if e["corridor"] == corridor]
    listed = board.get_by_test_id("event-waiting")
    assert [x.get_attribute("data-id") for x in listed.all()] == ids
    waiting = board.locator(f'[data-testid="event-waiting"][data-id="{elder["residentId"]}"]')
    expect(waiting).to_have_count(1)
    board.evaluate("window.louzhiNoReload = true")

    # The floor chief's phone: their elders as cards, the five marks on each.
    phone = sign_in(chief, viewport=PHONE)
    phone.get_by_test_id("tab-events").click()
    expect(phone.get_by_test_id("event-detail")).to_have_attribute("data-id", id)
    cards = phone.get_by_test_id("mark-card")
    expect(cards).to_have_count(len(seen["elders"]))
    card = phone.locator(f'[data-testid="mark-card"][data-id="{elder["residentId"]}"]')
    for status in ("REACHED", "EVACUATED", "SAFE_AT_HOME", "NEEDS_HELP", "NOT_REACHED"):
        button = card.get_by_test_id(f"mark-{status}")
        expect(button).to_have_text(ZH[f"markStatus.{status}"])
        assert (button.bounding_box() or {"height": 0})["height"] >= 44  # a thumb's target
    expect(card.get_by_test_id("mark-status")).to_have_text("尚未标记")
    assert phone.evaluate(NO_SIDEWAYS_SCROLL)
    card.get_by_test_id("mark-note").fill("已敲门，老人在家")
    card.get_by_test_id("mark-REACHED").click()
    expect(card.get_by_test_id("mark-ok")).to_be_visible()
    expect(card.get_by_test_id("mark-status")).to_contain_text("已联系")
    expect(card).to_have_attribute("data-status", "REACHED")
    assert phone.evaluate(NO_SIDEWAYS_SCROLL)
    save(phone, screenshots, "event-phone.png")

    # The board, without a reload, within the polling interval (and some time to answer).
    expect(count).to_have_text(str(before - 1), timeout=(POLL_S + 4) * 1000)
    assert board.evaluate("window.louzhiNoReload === true")
    assert not_reached(event(service, committee, id), corridor) == before - 1
    expect(waiting).to_have_count(0)
    save(board, screenshots, "event-board.png")

    # A second mark is appended: both stay, the latest shows.
    card.get_by_test_id("mark-NEEDS_HELP").click()
    expect(card).to_have_attribute("data-status", "NEEDS_HELP")
    card.get_by_test_id("mark-history").locator("summary").click()
    entries = card.get_by_test_id("mark-entry")
    expect(entries).to_have_count(2)
    expect(entries.first).to_have_attribute("data-status", "REACHED")
    now = {e["residentId"]: e for e in event(service, chief, id)["elders"]}
    marks = now[elder["residentId"]]["marks"]
    assert [m["status"] for m in marks] == ["REACHED", "NEEDS_HELP"]

    # One request at a time, every few seconds; none once the tab is left.
    assert polls.most == 1, polls.most
    sent = polls.sent
    board.wait_for_timeout((POLL_S + 1) * 1000)
    assert polls.sent > sent
    board.get_by_test_id("tab-plans").click()
    board.wait_for_timeout(1000)  # an answer under way may still land
    left = polls.sent
    board.wait_for_timeout((2 * POLL_S + 1) * 1000)
    assert polls.sent == left, "the board still polls after its tab was left"

    # Closed: the after-action report, on the board and in the API alike.
    closed = service.graphql(CLOSE, {"id": id}, token=committee)["closeEmergencyEvent"]
    assert not closed["errors"] and not closed["event"]["open"], closed
    open_event(board, id)
    expect(board.get_by_test_id("event-detail")).to_have_attribute("data-open", "false")
    report = event(service, committee, id)["report"]
    expect(board.get_by_test_id("report-reached")).to_have_text(str(report["reached"]))
    expect(board.get_by_test_id("report-never")).to_have_text(str(len(report["neverReached"])))
    for key in ("median", "longest"):
        minutes = report[f"{key}MinutesToReach"]
        text = "—" if minutes is None else f"{round(minutes)} 分钟"
        expect(board.get_by_test_id(f"report-{key}")).to_have_text(text)
    failed = board.get_by_test_id("report-failed")
    expect(failed).to_have_count(len(report["failedPlans"]))
    ours = next(f for f in report["failedPlans"] if f["residentId"] == elder["residentId"])
    assert "NEEDED_HELP" in ours["failures"]
    row = board.locator(f'[data-testid="report-failed"][data-id="{elder["residentId"]}"]')
    expect(row).to_have_attribute("data-failures", " ".join(ours["failures"]))
    for f in ours["failures"]:
        expect(row).to_contain_text(ZH[f"planFailure.{f}"])
    for p in ours["problemsAtStart"]:
        expect(row).to_contain_text(ZH[f"planProblem.{p}"])
    expect(board.get_by_test_id("event-close-text")).to_have_text("解除")
    expect(board.get_by_test_id("mark-elders")).to_have_count(0)  # no marks after closing


def test_a_planner_sees_the_board_with_mark_notes_masked(
    sign_in: SignIn, service: Service, tokens: dict[str, str], chief: tuple[str, str]
) -> None:
    committee, (chief, corridor) = tokens["demo-committee"], chief
    scope = service.graphql("{ viewer { scope } }", token=committee)["viewer"]["scope"]
    started = service.graphql(
        START, {"input": {"area": scope, "kind": "HEAT_WAVE", "title": "高温测试"}},
        token=committee,
    )["startEmergencyEvent"]  # fmt: skip
    id = started["event"]["id"]
    elder = next(e for e in event(service, chief, id)["elders"] if e["corridor"] == corridor)
    mark = {"eventId": id, "residentId": elder["residentId"], "status": "NOT_REACHED",
            "note": "敲门无人应答"}  # fmt: skip
    assert not service.graphql(MARK, {"input": mark}, token=chief)["markEventElder"]["errors"]

    page = sign_in(tokens["demo-planner"])
    open_event(page, id)
    page.locator(f'[data-testid="event-corridor"][data-code="{corridor}"]').click()
    expect(page.get_by_test_id("mark-elders")).to_have_count(0)  # planners mark nobody
    row = page.locator(f'[data-testid="event-waiting"][data-id="{elder["residentId"]}"]')
    expect(row).to_contain_text("未联系上")
    expect(row.locator("[data-masked=true]")).to_have_attribute("title", "无权查看")
    service.graphql(CLOSE, {"id": id}, token=committee)
