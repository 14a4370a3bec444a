"""The planner's page in Debian's chromium (1 of 3): signing in and out, a refused token, the
two languages, and every view on a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.web.browser import PHONE
from tests.web.conftest import SignIn
from tests.web.pages import PLANNER_AREA, expect_viewer, set_as_of
from tests.web.service import Service

pytestmark = pytest.mark.neo4j


def test_sign_in_shows_who_and_sign_out_forgets_the_token(
    sign_in: SignIn, service: Service, tokens: dict[str, str]
) -> None:
    token = tokens["demo-planner"]
    page = sign_in(token)
    expect(page.get_by_test_id("overview")).to_be_visible()
    expect_viewer(page, service, token, "规划员")
    expect(page.get_by_test_id("scope")).to_have_text(PLANNER_AREA)
    expect(page.get_by_test_id("tab-visit")).to_have_count(0)  # planners record no visits
    assert page.evaluate("sessionStorage.getItem('louzhi.token')") == token
    page.get_by_test_id("sign-out").click()
    expect(page.get_by_test_id("signin")).to_be_visible()
    assert page.evaluate("sessionStorage.getItem('louzhi.token')") is None


def test_a_refused_token_returns_to_sign_in(sign_in: SignIn, service: Service) -> None:
    status, body = service.post("/graphql", {"query": "{ viewer { role } }"}, "not-a-token")
    assert status == 401 and body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    page = sign_in("not-a-token", allow_401=True)
    expect(page.get_by_test_id("signin-refused")).to_be_visible()
    assert page.evaluate("sessionStorage.getItem('louzhi.token')") is None


def test_every_label_switches_to_english_and_back(sign_in: SignIn, tokens: dict[str, str]) -> None:
    page = sign_in(tokens["demo-planner"])
    expect(page.get_by_test_id("tab-overview")).to_have_text("覆盖总览")
    page.get_by_test_id("lang").click()
    expect(page.get_by_test_id("tab-overview")).to_have_text("Coverage")
    expect(page.get_by_test_id("tab-gaps")).to_have_text("Gap lists")
    assert page.evaluate("document.documentElement.lang") == "en"
    page.reload()  # the choice is kept; the token too (same tab)
    expect(page.get_by_test_id("tab-overview")).to_have_text("Coverage")
    page.get_by_test_id("lang").click()
    expect(page.get_by_test_id("tab-overview")).to_have_text("覆盖总览")


def test_every_view_fits_a_phone(sign_in: SignIn, tokens: dict[str, str]) -> None:
    page = sign_in(tokens["demo-planner"], viewport=PHONE)
    set_as_of(page)
    ready = {
        "overview": "figures",
        "gaps": "count-underSupported",
        "network": "network-id",
        "suggestions": "suggest-before",
    }
    for tab, marker in ready.items():
        page.get_by_test_id(f"tab-{tab}").click()
        expect(page.get_by_test_id(marker)).to_be_visible()
        # Wide tables scroll inside their own box; the page itself never scrolls sideways.
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], tab
