"""Chinese first, everywhere: every view of every role, walked in Debian's chromium, shows no
English word on the Chinese page (codes, ids and units aside), and no Chinese on the English one
but people's and places' names and the roster's own tags.

The explanations are worded by the server in the page's language (``Accept-Language``), so
this walks the views that show them: the gap lists, a support network with its helpers' paths,
the suggestions, a corridor's page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import pytest
from playwright.sync_api import Page, expect

from seeds.rows import Roster
from tests.web.conftest import SignIn
from tests.web.pages import set_as_of
from tests.web.service import Service

pytestmark = [pytest.mark.neo4j, pytest.mark.usefixtures("demo_plans")]

ROLES = ("demo-committee", "demo-planner", "demo-floor-chief", "demo-admin")
# A word of Latin letters that is not a code or an id (R000123, QS-B01-C1, MG1, P1) nor a unit.
_CODE = re.compile(
    r"[A-Za-z0-9/_-]*[0-9][A-Za-z0-9/_-]*"  # R000123, QS-B01-C1, MG1
    r"|\b[A-Z]{2,}\b"  # QS, XY
    r"|\b[a-z0-9]+(?:[-_.][a-z0-9]+)+\b"  # account ids: demo-committee
)
_LATIN = re.compile(r"[A-Za-z]{2,}")
# Names of things, and the language switch, which names the other language in its own words.
_ALLOWED = {"English", "WeChat", "GraphQL", "Excel"}
_CJK = re.compile(r"[\u3400-\u9fff]+")


def _english_words(text: str) -> list[str]:
    return [w for w in _LATIN.findall(_CODE.sub(" ", text)) if w not in _ALLOWED]


def _views(page: Page) -> Callable[[], list[tuple[str, str]]]:
    """Every view the account's tabs lead to, as (name, visible text), opened one by one."""

    def walk() -> list[tuple[str, str]]:
        seen: list[tuple[str, str]] = []

        def take(name: str) -> None:
            page.wait_for_timeout(200)  # a last answer's words settle
            seen.append((name, page.locator("body").inner_text()))

        tabs = [
            t.get_attribute("data-testid") or "" for t in page.locator("nav.tabs > button").all()
        ]
        for tab in tabs:
            page.get_by_test_id(tab).click()
            if tab == "tab-overview":
                expect(page.get_by_test_id("figures")).to_be_visible()
            elif tab == "tab-glance":
                cell = page.get_by_test_id("glance-cell").first
                expect(cell).to_be_visible()
                take(tab)
                cell.click()
                expect(page.get_by_test_id("corridor-elders")).to_be_visible()
                tab = "corridor-page"
            elif tab == "tab-gaps":
                expect(page.get_by_test_id("gaps")).to_be_visible()
                opener = page.locator("[data-testid^='open-']").first
                expect(opener).to_be_visible()
                take(tab)
                opener.click()
                expect(page.get_by_test_id("helpers")).to_be_visible()
                tab = "network"
            elif tab == "tab-trends":
                expect(page.get_by_test_id("trend-table")).to_be_visible()
            elif tab == "tab-report":
                expect(page.get_by_test_id("report-figures")).to_be_visible()
            elif tab == "tab-myElders":
                expect(page.get_by_test_id("my-elders")).to_be_visible()
            elif tab == "tab-suggestions":
                expect(page.get_by_test_id("suggestions")).to_be_visible()
            elif tab == "tab-visit":
                expect(page.get_by_test_id("visit-form")).to_be_visible()
            elif tab == "tab-admin":
                expect(page.get_by_test_id("accounts")).to_be_visible()
            elif tab == "tab-plans":
                expect(page.get_by_test_id("plan-figures")).to_be_visible()
                expect(page.get_by_test_id("table-planAreas")).to_be_visible()
            elif tab == "tab-events":
                expect(page.get_by_test_id("events")).to_be_visible()
                if page.get_by_test_id("event-item").count():
                    expect(page.get_by_test_id("event-board")).to_be_visible()
            take(tab)
        return seen

    return walk


# What people wrote, not translated: plans' destinations, needs and whom to call; events'
# titles and notes; marks' notes.
PLAN_TEXT = """query($after: String) { emergencyPlans { elders(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor } nodes { destination needs contact } } } }"""
EVENT_TEXT = """{ emergencyEvents(first: 50) { title note closeNote elders { marks { note } } } }"""


def _free_text(service: Service, token: str) -> set[str]:
    words: set[str] = set()
    after: str | None = None
    while True:
        elders = service.graphql(PLAN_TEXT, {"after": after}, token=token)["emergencyPlans"]
        for plan in elders["elders"]["nodes"]:
            words |= {plan["destination"] or "", plan["contact"] or "", *(plan["needs"] or [])}
        if not elders["elders"]["pageInfo"]["hasNextPage"]:
            break
        after = elders["elders"]["pageInfo"]["endCursor"]
    for event in service.graphql(EVENT_TEXT, token=token)["emergencyEvents"]:
        words |= {event["title"], event["note"] or "", event["closeNote"] or ""}
        words |= {m["note"] or "" for e in event["elders"] for m in e["marks"]}
    return words


def _names(roster: Roster, free_text: Iterable[str] = ()) -> re.Pattern[str]:
    place = roster.where
    words = {r.name for r in roster.residents} | {p.name for p in roster.people} | set(free_text)
    words |= {getattr(p, "organisation", "") or "" for p in roster.people}
    words |= {t for r in roster.residents for t in r.tags}
    words |= {place.community_name, place.street_name, place.district_name}
    words = {w for w in words if w}
    return re.compile("|".join(sorted((re.escape(w) for w in words), key=len, reverse=True)))


@pytest.mark.parametrize("account", ROLES)
def test_every_view_reads_in_one_language(
    account: str, sign_in: SignIn, tokens: dict[str, str], demo_graph: Roster, service: Service
) -> None:
    page = sign_in(tokens[account])
    expect(page.locator("nav.tabs > button").first).to_be_visible()
    if page.get_by_test_id("asof").count():  # a floor chief's only tab, the visit form, has none
        set_as_of(page)
    chinese = _views(page)()
    assert len(chinese) >= 2
    for view, text in chinese:
        assert _CJK.search(text), f"{account} {view}: no Chinese at all"
        english = _english_words(text)
        assert not english, f"{account} {view}: English on the Chinese page: {sorted(set(english))}"

    page.get_by_test_id("lang").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    names = _names(demo_graph, _free_text(service, tokens["demo-admin"]))
    for view, text in _views(page)():
        left = [w for w in _CJK.findall(names.sub(" ", text)) if w != "中文"]  # the switch
        assert not left, f"{account} {view}: Chinese on the English page: {sorted(set(left))}"
