"""The page for a street office's planner, in Debian's chromium: the street's communities as
tiles of the overview, each drilled into, with the codes the API gives such an account
(references, since a street has no single home community)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from neo4j import Driver
from playwright.sync_api import Browser, expect

from graph.store.connection import Neo4jTarget
from seeds.demo.street import street
from seeds.load import load_roster
from server.tokens import issue_token
from tests.conftest import DEMO_TODAY
from tests.support.gql import ensure_account
from tests.web.browser import DESKTOP, PageWatch
from tests.web.conftest import KEY, TIMEOUT_MS
from tests.web.service import Service, running_service

pytestmark = pytest.mark.neo4j

COMMUNITIES = """{ coverageGaps(asOf: "2026-11-01") {
    areas(level: COMMUNITY) { nodes { code name } } } }"""


@pytest.fixture(scope="module")
def street_service(
    neo4j_driver: Driver, neo4j_target: Neo4jTarget, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Service, str]]:
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n")
    for roster in street(communities=2, seed=5, today=DEMO_TODAY, sizes=[80, 100]):
        load_roster(neo4j_target, roster, today=DEMO_TODAY)
    ensure_account(neo4j_target, "xy-planner", role="planner", scope="XY")
    token = issue_token(
        account_id="xy-planner", key=KEY.encode(), ttl=timedelta(hours=1), now=datetime.now(UTC)
    )
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with running_service(neo4j_target, key=KEY, log=log) as running:
        yield running, token


def test_a_street_planner_sees_the_street_and_drills_into_a_community(
    browser: Browser, street_service: tuple[Service, str], tmp_path: Path
) -> None:
    service, token = street_service
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    watch = PageWatch(page, service.base)
    try:
        page.goto(service.base + "/")
        page.get_by_test_id("use-token").locator("summary").click()
        page.get_by_test_id("token").fill(token)
        page.get_by_test_id("token-submit").click()
        expect(page.get_by_test_id("scope")).to_have_text("XY")
        overview = page.get_by_test_id("overview")
        expect(overview).to_have_attribute("data-current", "XY")
        expect(overview).to_have_attribute("data-level", "STREET")
        answer = service.graphql(COMMUNITIES, token=token)
        communities = answer["coverageGaps"]["areas"]["nodes"]
        assert {c["code"] for c in communities} == {"XY01", "XY02"}
        for c in communities:
            expect(page.get_by_test_id(f"tile-{c['code']}")).to_contain_text(c["name"])
        page.get_by_test_id("tile-XY02").click()
        expect(overview).to_have_attribute("data-current", "XY02")
        expect(overview).to_have_attribute("data-level", "COMMUNITY")
        # Below the community, the tiles are its residential areas, as references.
        expect(page.locator("[data-testid^='tile-XY02/']").first).to_be_visible()
    finally:
        context.close()
    assert not watch.problems, watch.problems
