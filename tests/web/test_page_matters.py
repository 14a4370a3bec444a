"""The governance views in Debian's chromium, in Chinese: the matters board, a matter's timeline
taken forward a step, a vote opened on it with a ballot recorded and its live tally, and a floor
chief raising a building matter for their corridor from a 360 px phone.

Every figure the page shows is compared with the API's answer to the same question.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from graph.identity import local
from seeds.demo_accounts import ResolvedAccount
from seeds.rows import Roster
from tests.web.browser import PHONE
from tests.web.conftest import SignIn
from tests.web.pages import save
from tests.web.service import Service

pytestmark = pytest.mark.neo4j

MATTER = """query($id: ID!) { matter(id: $id) { status steps { action }
    votes { tally { yes passed thresholds { key met } } } } }"""
NO_SIDEWAYS_SCROLL = (
    "document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth"
)


def corridor_of(accounts: dict[str, ResolvedAccount]) -> str:
    scope = accounts["demo-floor-chief"].scope
    assert scope is not None
    return local("QS", scope)  # as the page writes it


def raise_on_page(page: Page, area: str, title: str) -> None:
    page.get_by_test_id("matter-raise").click()
    page.get_by_test_id("matter-area").fill(area)
    page.get_by_test_id("matter-title").fill(title)
    page.get_by_test_id("matter-category").select_option("ENVIRONMENT")
    page.get_by_test_id("matter-submit").click()


def test_the_committee_takes_a_matter_to_a_vote(
    sign_in: SignIn,
    service: Service,
    tokens: dict[str, str],
    accounts: dict[str, ResolvedAccount],
    demo_graph: Roster,
    screenshots: Path,
) -> None:
    token = tokens["demo-committee"]
    corridor = corridor_of(accounts)
    page = sign_in(token)
    page.get_by_test_id("tab-matters").click()
    expect(page.get_by_test_id("matters")).to_contain_text("议题看板")
    raise_on_page(page, corridor, "楼道灯不亮")
    expect(page.get_by_test_id("matters-ok")).to_contain_text("楼道灯不亮")
    column = page.locator('[data-testid="matter-column"][data-level="BUILDING"]')
    card = column.get_by_test_id("matter-card").filter(has_text="楼道灯不亮")
    expect(card).to_have_count(1)
    expect(card.get_by_test_id("matter-status")).to_have_text("已提出")
    matter = card.get_attribute("data-id")
    assert matter

    card.click()
    steps = page.get_by_test_id("matter-step")
    expect(steps).to_have_count(1)
    expect(steps.first).to_contain_text("提出")
    page.get_by_test_id("matter-text").fill("物业已派电工")
    page.get_by_test_id("matter-accept").click()
    expect(steps).to_have_count(2)
    expect(page.get_by_test_id("matter-detail-status")).to_have_text("已受理")

    page.get_by_test_id("vote-rule").select_option("OWNERS_ORDINARY")
    page.get_by_test_id("vote-open").click()
    expect(page.get_by_test_id("vote")).to_have_count(1)
    owner = next(d.owners[0] for d in demo_graph.dwellings if d.corridor == corridor and d.owners)
    page.get_by_test_id("ballot-voter").fill(owner)
    page.get_by_test_id("ballot-choice").select_option("YES")
    page.get_by_test_id("ballot-cast").click()
    expect(page.get_by_test_id("matter-ok")).to_contain_text(owner)
    tally = page.get_by_test_id("vote-tally")
    expect(tally).to_contain_text("赞成 1")
    expect(page.get_by_test_id("vote-verdict")).to_contain_text("未达到法定人数")

    api = service.graphql(MATTER, {"id": matter}, token=token)["matter"]
    assert (api["status"], [s["action"] for s in api["steps"]]) == ("ACCEPTED", ["RAISE", "ACCEPT"])
    [vote] = api["votes"]
    assert vote["tally"]["yes"] == 1 and not vote["tally"]["passed"]
    shown = page.get_by_test_id("vote-threshold")
    expect(shown).to_have_count(len(vote["tally"]["thresholds"]))
    assert [(t.get_attribute("data-key"), t.get_attribute("data-met")) for t in shown.all()] == [
        (t["key"], str(t["met"]).lower()) for t in vote["tally"]["thresholds"]
    ]
    expect(shown.first).to_contain_text("三分之二以上")
    save(page, screenshots, "matter-vote.png")


def test_a_floor_chief_raises_a_building_matter_from_a_phone(
    sign_in: SignIn,
    service: Service,
    tokens: dict[str, str],
    accounts: dict[str, ResolvedAccount],
    demo_graph: Roster,
    screenshots: Path,
) -> None:
    token = tokens["demo-floor-chief"]
    corridor = corridor_of(accounts)
    page = sign_in(token, viewport=PHONE)
    page.get_by_test_id("tab-matters").click()
    raise_on_page(page, corridor, "电动车楼道充电")
    expect(page.get_by_test_id("matters-ok")).to_be_visible()
    card = page.get_by_test_id("matter-card").filter(has_text="电动车楼道充电")
    expect(card).to_have_count(1)
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    save(page, screenshots, "matters-phone.png")

    other = next(g.corridor for g in demo_graph.grid if g.corridor != corridor)
    raise_on_page(page, other, "别处的事")
    expect(page.get_by_test_id("matters-error")).to_contain_text("超出您的管辖范围")
    board = service.graphql("{ matters { area { code } } }", token=token)["matters"]
    assert {m["area"]["code"] for m in board} == {corridor}


PROPOSE = """mutation($i: ProposeProjectInput!) { proposeProject(input: $i) { project { id } } }"""
PHOTOS = "query($id: ID!) { project(id: $id) { photos { kind sha256 } } }"
SIDE_BY_SIDE = """() => {
    const [b, a] = ["photos-before", "photos-after"].map(
        id => document.querySelector(`[data-testid="${id}"]`).getBoundingClientRect());
    return Math.abs(b.top - a.top) < 2 && a.left >= b.right - 1;
}"""
LOADED = "imgs => imgs.length > 0 && imgs.every(i => i.complete && i.naturalWidth > 0)"


def test_a_project_shows_its_photos_before_and_after_side_by_side(
    sign_in: SignIn,
    service: Service,
    tokens: dict[str, str],
    accounts: dict[str, ResolvedAccount],
    screenshots: Path,
    tmp_path: Path,
) -> None:
    from PIL import Image  # the pictures are drawn here, as the demo draws its own

    token = tokens["demo-committee"]
    corridor = corridor_of(accounts)
    fields = {"title": "雨污分流改造", "kind": "PIPES", "places": [corridor], "budget": 260000}
    made = service.graphql(PROPOSE, {"i": fields}, token=token)
    project = made["proposeProject"]["project"]["id"]
    files = {}
    for kind, colour in (("before", (110, 100, 90)), ("after", (70, 150, 90))):
        files[kind] = tmp_path / f"{kind}.png"
        Image.new("RGB", (320, 200), colour).save(files[kind])
    (tmp_path / "notes.txt").write_text("不是照片", "utf-8")

    page = sign_in(token, allow=("415",))  # the text file's refusal
    page.get_by_test_id("tab-matters").click()
    page.get_by_test_id("part-projects").click()
    page.locator(f'[data-testid="project-card"][data-id="{project}"]').click()
    expect(page.get_by_test_id("project-detail")).to_contain_text("雨污分流改造")
    for kind, path in files.items():
        page.get_by_test_id("photo-kind").select_option(kind)
        page.get_by_test_id("photo-file").set_input_files(str(path))
        page.get_by_test_id("photo-upload").click()
        expect(page.get_by_test_id(f"photos-{kind}").get_by_test_id("project-photo")).to_have_count(
            1
        )
    page.get_by_test_id("photo-file").set_input_files(str(tmp_path / "notes.txt"))
    page.get_by_test_id("photo-upload").click()
    expect(page.get_by_test_id("project-error")).to_contain_text("不是 JPEG、PNG 或 WebP 照片")
    images = page.get_by_test_id("project-photo-img")
    expect(images).to_have_count(2)
    page.wait_for_function(
        f"() => ({LOADED})([...document.querySelectorAll('[data-testid=project-photo-img]')])"
    )
    assert page.evaluate(SIDE_BY_SIDE)
    shown = {el.get_attribute("data-sha256") for el in page.get_by_test_id("project-photo").all()}
    api = service.graphql(PHOTOS, {"id": project}, token=token)["project"]["photos"]
    assert shown == {p["sha256"] for p in api} and len(api) == 2
    page.get_by_test_id("project-advance").click()
    expect(page.get_by_test_id("project-status")).to_have_text("已批准")
    save(page, screenshots, "project-photos.png")
