"""Fixtures of the browser tests: the demo community with its demo accounts, the real service in
a subprocess, Debian's chromium, and signed-in pages that fail the test on any page error or any
request that leaves the service."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from neo4j import Driver
from playwright.sync_api import Browser, Page, ViewportSize, expect

from graph.access.account_changes import set_password
from graph.store.connection import Neo4jTarget
from seeds.demo_accounts import ResolvedAccount, create_demo_accounts, demo_accounts
from seeds.rows import Roster
from server.cli import demo_tokens
from server.web import web_dist
from tests.conftest import DEMO_TODAY, ROOT
from tests.support.gql import ensure_account
from tests.web.browser import DESKTOP, PageWatch, chromium
from tests.web.service import Service, running_service

KEY = secrets.token_hex(32)  # the service's signing key for this run
# The demo's visits are of the last 10 days before its "today"; 12 days later some elders have
# lost their recent contact, so every list has entries, a single helper's departure matters to
# supported elders, and one list (single points of failure) needs a second page.
ASOF = (DEMO_TODAY + timedelta(days=12)).isoformat()
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"

SignIn = Callable[..., Page]

# 2 cores shared by Neo4j, the service and chromium: give answers time, in pages and in expects.
TIMEOUT_MS = 30_000
expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture(scope="module")
def accounts(demo_graph: Roster) -> dict[str, ResolvedAccount]:
    return {a.account_id: a for a in demo_accounts(demo_graph, today=DEMO_TODAY)}


@pytest.fixture(scope="module")
def tokens(demo_graph: Roster, neo4j_target: Neo4jTarget) -> dict[str, str]:
    """Account id -> token of each demo account, signed with the key the service gets."""
    created = create_demo_accounts(neo4j_target, demo_graph, today=DEMO_TODAY)
    return demo_tokens(created, key=KEY.encode(), now=datetime.now(UTC))


@pytest.fixture(scope="module")
def service(
    demo_graph: Roster,
    neo4j_target: Neo4jTarget,
    tokens: dict[str, str],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Service]:
    if not (web_dist() / "index.html").is_file():
        pytest.fail("the web page is not built: run `make web` (make test does)")
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with running_service(neo4j_target, key=KEY, log=log) as running:
        # A first coverage analysis on a cold graph takes seconds (Neo4j's page cache, query
        # plans); paying it here keeps the page's timeouts about the page.
        running.graphql("{ coverageGaps { summary { code } } }", token=tokens["demo-admin"])
        yield running


@pytest.fixture(scope="module")
def demo_plans(demo_graph: Roster, neo4j_target: Neo4jTarget) -> None:
    """The demo's emergency plans and its one past (closed) event, as ``make demo`` writes
    them after the roster (the suite's demo graph is the roster alone)."""
    from seeds.demo.events import write_event
    from seeds.demo.plans import write_plans

    write_plans(neo4j_target, demo_graph, today=DEMO_TODAY)
    write_event(neo4j_target, demo_graph, today=DEMO_TODAY)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


@pytest.fixture
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def fresh_page(browser: Browser, service: Service) -> Iterator[Callable[..., Page]]:
    """``fresh_page(path="/", viewport=DESKTOP, allow=())``: a new context on the page, not
    signed in; ``allow`` lists HTTP statuses the page may log (a refused sign-in logs its 401
    or 429 as a failed load)."""
    opened: list[tuple[PageWatch, Callable[[], None]]] = []

    def open_one(
        path: str = "/", viewport: ViewportSize = DESKTOP, allow: tuple[str, ...] = ()
    ) -> Page:
        context = browser.new_context(viewport=viewport, accept_downloads=True)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        opened.append((PageWatch(page, service.base, allow=allow), context.close))
        page.goto(service.base + path)
        return page

    yield open_one
    problems = [p for watch, _ in opened for p in watch.problems]
    for _, close in opened:
        close()
    assert not problems, problems


@pytest.fixture
def sign_in(fresh_page: Callable[..., Page]) -> SignIn:
    """``sign_in(token, viewport=DESKTOP)``: a new browser context, the page, signed in with a
    program's token (``allow_401``: the token may be refused; ``allow``: other statuses the
    page may log, a refusal the test provokes)."""

    def open_signed_in(
        token: str,
        *,
        viewport: ViewportSize = DESKTOP,
        allow_401: bool = False,
        allow: tuple[str, ...] = (),
    ) -> Page:
        page = fresh_page(viewport=viewport, allow=(*(("401",) if allow_401 else ()), *allow))
        page.get_by_test_id("use-token").locator("summary").click()
        page.get_by_test_id("token").fill(token)
        page.get_by_test_id("token-submit").click()
        return page

    return open_signed_in


@pytest.fixture
def clean_throttle(neo4j_driver: Driver) -> None:
    """The sign-in throttle's counts of earlier tests forgotten (they share client addresses)."""
    neo4j_driver.execute_query("MATCH (t:SignInThrottle) DELETE t")


def with_password(
    target: Neo4jTarget, driver: Driver, account: str, password: str, *, must_change: bool = False
) -> None:
    """An admin account ``account`` whose password is ``password``."""
    ensure_account(target, account, role="admin")
    set_password(
        driver, database=target.database, account_id=account, password=password,
        must_change=must_change,
    )  # fmt: skip
