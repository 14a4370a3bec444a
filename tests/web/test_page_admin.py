"""The administrator's page in Debian's chromium: an account opened there signs in (changing its
one-time password), and a floor chief's phone (360 px) signs in once with a code issued there,
scanned as the QR code's address, which cannot be used a second time."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from neo4j import Driver
from playwright.sync_api import Page, ViewportSize, expect

from seeds.demo_accounts import DEMO_PASSWORD
from tests.web.browser import PHONE
from tests.web.service import Service
from tests.web.test_page_signin import password_sign_in

pytestmark = pytest.mark.neo4j

NARROW: ViewportSize = {"width": 360, "height": 740}


def as_admin(fresh_page: Callable[..., Page]) -> Page:
    """The demo admin on the accounts tab."""
    page = fresh_page()
    password_sign_in(page, "demo-admin", DEMO_PASSWORD)
    page.get_by_test_id("tab-admin").click()
    expect(page.get_by_test_id("accounts")).to_be_visible()
    return page


def test_the_admin_opens_an_account_that_then_signs_in(
    fresh_page: Callable[..., Page], neo4j_driver: Driver, clean_throttle: None
) -> None:
    neo4j_driver.execute_query("MATCH (a:Account {id: 'web-clerk'}) DETACH DELETE a")
    admin = as_admin(fresh_page)
    admin.get_by_test_id("new-id").fill("web-clerk")
    admin.get_by_test_id("new-role").select_option("COMMITTEE")
    admin.get_by_test_id("new-scope").fill("QS")
    admin.get_by_test_id("new-submit").click()
    expect(admin.get_by_test_id("secret")).to_be_visible()
    password = admin.get_by_test_id("secret-value").inner_text().strip()
    assert re.fullmatch(r"[a-z2-9]{12}", password)
    expect(admin.get_by_test_id("account-web-clerk")).to_be_visible()

    clerk = fresh_page()
    password_sign_in(clerk, "web-clerk", password)
    clerk.get_by_test_id("current-password").fill(password)
    clerk.get_by_test_id("new-password").fill("the clerk's own phrase")
    clerk.get_by_test_id("new-password-again").fill("the clerk's own phrase")
    clerk.get_by_test_id("change-submit").click()
    expect(clerk.get_by_test_id("role")).to_have_text("居委会")


def test_a_floor_chief_signs_in_on_a_phone_once_with_a_code(
    fresh_page: Callable[..., Page], service: Service, clean_throttle: None
) -> None:
    admin = as_admin(fresh_page)
    admin.get_by_test_id("account-demo-floor-chief").locator("button.link").click()
    admin.get_by_test_id("issue-code").click()
    expect(admin.get_by_test_id("secret-qr").locator("svg")).to_be_visible()
    code = admin.get_by_test_id("secret-value").inner_text().strip()
    assert re.fullmatch(r"\d{8}", code)
    url = admin.get_by_test_id("secret").locator("p.muted").first.inner_text().strip()
    assert url == f"{service.base}/#code={code}"

    phone = fresh_page(f"/#code={code}", viewport=NARROW)
    expect(phone.get_by_test_id("role")).to_have_text("楼组长")
    expect(phone.get_by_test_id("my-elders")).to_be_visible()  # a floor chief's first view
    assert phone.evaluate("window.location.hash") == ""  # the code leaves the address bar
    assert phone.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]

    # The same code, typed on another phone: refused.
    other = fresh_page(viewport=PHONE, allow=("401",))
    other.get_by_test_id("use-code").locator("summary").click()
    other.get_by_test_id("code").fill(code)
    other.get_by_test_id("code-submit").click()
    expect(other.get_by_test_id("signin-problem")).to_contain_text("登录码不正确")

    # The committee ends the phone's session from its page; the phone is signed out.
    admin.reload()
    admin.get_by_test_id("tab-admin").click()
    admin.get_by_test_id("account-demo-floor-chief").locator("button.link").click()
    admin.get_by_test_id("end-session").first.click()
    expect(admin.get_by_test_id("sessions").locator("li")).to_have_count(0)
