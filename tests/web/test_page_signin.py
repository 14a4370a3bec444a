"""People sign in on the page with a password, in Debian's chromium: the demo password, a wrong
one, the throttle, an initial password changed at first sign-in, sign-out ending the session on
the server, and a disabled account's open page returning to sign-in."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from neo4j import Driver
from playwright.sync_api import Page, expect

from graph.access.account_changes import disable_account
from graph.access.passwords import FREE_FAILURES
from graph.store.connection import Neo4jTarget
from seeds.demo_accounts import DEMO_PASSWORD
from server.signin import COOKIE
from tests.web.conftest import with_password

pytestmark = pytest.mark.neo4j


def password_sign_in(page: Page, account: str, password: str) -> None:
    page.get_by_test_id("account").fill(account)
    page.get_by_test_id("password").fill(password)
    page.get_by_test_id("signin-submit").click()


def test_the_demo_password_signs_in_a_reload_keeps_it_and_sign_out_ends_it(
    fresh_page: Callable[..., Page], tokens: dict[str, str], clean_throttle: None
) -> None:
    page = fresh_page()
    password_sign_in(page, "demo-committee", DEMO_PASSWORD)
    expect(page.get_by_test_id("role")).to_have_text("居委会")
    assert page.evaluate("document.cookie") == ""  # HttpOnly: no script sees the session
    page.reload()
    expect(page.get_by_test_id("role")).to_have_text("居委会")
    old = [c for c in page.context.cookies() if c["name"] == COOKIE]
    assert old and old[0]["httpOnly"] and old[0]["sameSite"] == "Strict"
    expect(page.get_by_test_id("figures")).to_be_visible()  # nothing in flight to be refused
    page.get_by_test_id("sign-out").click()
    expect(page.get_by_test_id("signin")).to_be_visible()
    page.context.add_cookies([{**old[0]}])  # the old cookie, put back: ended on the server
    page.reload()
    expect(page.get_by_test_id("signin")).to_be_visible()
    expect(page.get_by_test_id("role")).to_have_count(0)


def test_a_wrong_password_is_refused_and_repeated_ones_are_throttled(
    fresh_page: Callable[..., Page],
    neo4j_target: Neo4jTarget,
    neo4j_driver: Driver,
    clean_throttle: None,
) -> None:
    with_password(neo4j_target, neo4j_driver, "web-throttled", "the right pass phrase")
    page = fresh_page(allow=("401", "429"))
    password_sign_in(page, "web-throttled", "a wrong guess")
    expect(page.get_by_test_id("signin-problem")).to_contain_text("账号或密码不正确")
    for _ in range(FREE_FAILURES):
        password_sign_in(page, "web-throttled", "a wrong guess")
        expect(page.get_by_test_id("signin-submit")).to_be_enabled()
    password_sign_in(page, "web-throttled", "the right pass phrase")
    expect(page.get_by_test_id("signin-problem")).to_contain_text("尝试次数过多")
    expect(page.get_by_test_id("role")).to_have_count(0)


def test_an_initial_password_is_changed_at_the_first_sign_in(
    fresh_page: Callable[..., Page],
    neo4j_target: Neo4jTarget,
    neo4j_driver: Driver,
    clean_throttle: None,
) -> None:
    with_password(neo4j_target, neo4j_driver, "web-new-clerk", "initial-7k3m9p", must_change=True)
    page = fresh_page()
    password_sign_in(page, "web-new-clerk", "initial-7k3m9p")
    expect(page.get_by_test_id("change-password")).to_be_visible()
    page.reload()  # still asked first, and the page still loads
    expect(page.get_by_test_id("change-password")).to_be_visible()
    page.get_by_test_id("current-password").fill("initial-7k3m9p")
    page.get_by_test_id("new-password").fill("only I know this one")
    page.get_by_test_id("new-password-again").fill("only I know this one")
    page.get_by_test_id("change-submit").click()
    expect(page.get_by_test_id("role")).to_have_text("管理员")
    expect(page.get_by_test_id("figures")).to_be_visible()
    page.get_by_test_id("sign-out").click()
    password_sign_in(page, "web-new-clerk", "only I know this one")
    expect(page.get_by_test_id("role")).to_have_text("管理员")


def test_a_disabled_accounts_open_page_returns_to_sign_in(
    fresh_page: Callable[..., Page],
    neo4j_target: Neo4jTarget,
    neo4j_driver: Driver,
    clean_throttle: None,
) -> None:
    with_password(neo4j_target, neo4j_driver, "web-leaving", "pass phrase of one who leaves")
    page = fresh_page(allow=("401",))
    password_sign_in(page, "web-leaving", "pass phrase of one who leaves")
    expect(page.get_by_test_id("role")).to_have_text("管理员")
    expect(page.get_by_test_id("figures")).to_be_visible()  # nothing left in flight
    disable_account(neo4j_driver, database=neo4j_target.database, account_id="web-leaving")
    page.get_by_test_id("tab-gaps").click()  # its next request
    expect(page.get_by_test_id("signin")).to_be_visible()
    expect(page.get_by_test_id("signin-refused")).to_be_visible()
