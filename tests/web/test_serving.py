"""Serving the built page, the XLSX export route, and the page's two dictionaries (no browser)."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.testclient import TestClient
from starlette.types import ASGIApp, Receive, Scope, Send

from graph.access.accounts import Principal
from server.web import CONTENT_SECURITY_POLICY, web_routes
from server.xlsx_export import XLSX_TYPE, sheet_title
from tests.conftest import ROOT

WEB = ROOT / "web"


PLANNER = Principal("planner", "planner", "QS-P1", None)


def signed_in(principal: Principal | None) -> Callable[[ASGIApp], ASGIApp]:
    """A stand-in for the authentication middleware: every request acts as ``principal``."""

    def wrap(app: ASGIApp) -> ASGIApp:
        async def call(scope: Scope, receive: Receive, send: Send) -> None:
            state = {**scope.get("state", {}), "principal": principal}
            await app({**scope, "state": state}, receive, send)

        return call

    return wrap


def client(dist: Path, principal: Principal | None = PLANNER) -> TestClient:
    app = Starlette(routes=web_routes(dist), middleware=[Middleware(signed_in(principal))])
    return TestClient(app)


def test_the_built_page_is_served_with_its_security_policy(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<!doctype html><title>t</title>", encoding="utf-8")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "app.js").write_text("console.log(1)", encoding="utf-8")
    with client(tmp_path) as http:
        page = http.get("/")
        assert page.status_code == 200 and "<title>t</title>" in page.text
        assert page.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert page.headers["cache-control"] == "no-cache"
        assert http.get("/assets/app.js").headers["content-type"].startswith("text/javascript")
        assert http.get("/missing.js").status_code == 404


def test_an_unbuilt_page_says_how_to_build_it(tmp_path: Path) -> None:
    with client(tmp_path / "nothing") as http:
        for path in ("/", "/assets/app.js"):
            answer = http.get(path)
            assert answer.status_code == 503
            assert "make setup" in answer.text and "网页尚未构建" in answer.text


def test_xlsx_export_writes_the_rows_it_is_given_as_text_and_numbers(tmp_path: Path) -> None:
    body = {
        "sheet": "under-supported",
        "columns": ["居民编号", "姓名", "年龄"],
        "rows": [["R000001", "王桂英", 85], ["R000002", '=HYPERLINK("x")', None]],
    }
    with client(tmp_path) as http:
        answer = http.post("/export/xlsx", json=body)
    assert answer.status_code == 200
    assert answer.headers["content-type"] == XLSX_TYPE
    assert "under-supported.xlsx" in answer.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(answer.content)).active
    assert sheet is not None and sheet.title == "under-supported"
    assert list(sheet.iter_rows(values_only=True)) == [
        ("居民编号", "姓名", "年龄"),
        ("R000001", "王桂英", 85),
        ("R000002", '=HYPERLINK("x")', None),
    ]
    assert sheet["B3"].data_type == "s"  # text, never a formula


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        json.dumps([1, 2]).encode(),
        json.dumps({"sheet": "s", "columns": [], "rows": []}).encode(),
        json.dumps({"sheet": "s", "columns": ["a"], "rows": [["x", "y"]]}).encode(),
        json.dumps({"sheet": "s", "columns": ["a"], "rows": [[{"x": 1}]]}).encode(),
        json.dumps({"sheet": "s", "columns": ["a"], "rows": [["x"]] * 20_001}).encode(),
    ],
)
def test_xlsx_export_refuses_what_is_not_a_table(tmp_path: Path, body: bytes) -> None:
    with client(tmp_path) as http:
        answer = http.post("/export/xlsx", content=body)
    assert answer.status_code == 400 and answer.json()["error"]


def test_xlsx_export_needs_a_signed_in_caller(tmp_path: Path) -> None:
    body = {"sheet": "s", "columns": ["a"], "rows": [["x"]]}
    with client(tmp_path, principal=None) as http:
        answer = http.post("/export/xlsx", json=body)
    assert answer.status_code == 401
    assert answer.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_sheet_titles_follow_excels_rules() -> None:
    assert sheet_title("a/b:c[d]") == "a-b-c-d-"
    assert len(sheet_title("x" * 40)) == 31
    assert sheet_title("") == "Sheet1"


def dictionary(lang: str) -> dict[str, str]:
    return json.loads((WEB / "src" / "i18n" / f"{lang}.json").read_text(encoding="utf-8"))


def schema_enum(name: str) -> list[str]:
    sdl = (ROOT / "schema" / "schema.graphql").read_text(encoding="utf-8")
    match = re.search(rf"enum {name} \{{(.*?)\}}", sdl, re.S)
    assert match, name
    return [v.strip() for v in match.group(1).split("\n") if v.strip().isupper()]


def test_every_label_exists_in_chinese_and_english() -> None:
    zh, en = dictionary("zh"), dictionary("en")
    assert zh.keys() == en.keys()
    assert all(v.strip() for v in [*zh.values(), *en.values()])
    used = set()
    for source in (WEB / "src").rglob("*.tsx"):
        used |= set(re.findall(r"""\bt\(\s*["']([\w.]+)["']""", source.read_text("utf-8")))
    assert used and used <= zh.keys(), used - zh.keys()
    # Labels made from enum values (t(`kind.${k}`)): every value of the schema has both.
    for prefix, enums in {
        "kind": ["SupportKind", "HelperKind"],
        "reason": ["UnderSupportReason"],
        "rule": ["AreaGapRule"],
        "level": ["AreaLevel"],
        "mode": ["VisitMode"],
        "matterLevel": ["MatterLevel"],
        "matterStatus": ["MatterStatus"],
        "matterCategory": ["MatterCategory"],
        "matterAction": ["MatterAction"],
        "voteRule": ["VoteRule"],
        "voteStatus": ["VoteStatus"],
        "choice": ["Choice"],
        "projectStatus": ["ProjectStatus"],
        "projectKind": ["ProjectKind"],
        "funding": ["Funding"],
        "window": ["Window"],
        "planProblem": ["PlanProblem"],
        "planNeed": ["PlanNeed"],
        "planFailure": ["PlanFailure"],
        "eventKind": ["EventKind"],
        "markStatus": ["MarkStatus"],
        "responderRole": ["ResponderRole"],
    }.items():
        for enum in enums:
            for value in schema_enum(enum):
                assert f"{prefix}.{value}" in zh, f"{prefix}.{value}"
    roles = ["ADMIN", "COMMITTEE", "GRID_WORKER", "FLOOR_CHIEF", "PLANNER"]
    assert all(f"role.{r}" in zh for r in roles)
    # The audit log names operations: every root field, mutation and sign-in has its words.
    from schema.permissions import ACTIONS

    operations = set().union(*ACTIONS.values()) | {
        "signIn", "signInWithCode", "signOut", "changePassword",
    }  # fmt: skip
    assert {f"op.{o}" for o in operations} <= zh.keys(), sorted(
        o for o in operations if f"op.{o}" not in zh
    )
