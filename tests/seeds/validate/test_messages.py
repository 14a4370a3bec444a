"""The problems' messages: in the clerk's language, and never quoting a phone number."""

from __future__ import annotations

import re
from pathlib import Path

from tests.seeds.rosters import minimal_valid_sheets, set_cell
from tests.seeds.validate.edits import R001_AGAIN, cell, check, row


def test_messages_speak_the_clerks_language(tmp_path: Path) -> None:
    sheets = set_cell(minimal_valid_sheets(), "居民", 2, "出生年份", 1848)
    sheets = set_cell(sheets, "居民", 3, "性别", "X")
    sheets = set_cell(sheets, "职务", 2, "开始", "2026-02-30")
    p_year, p_gender, p_date = check(tmp_path, sheets)
    assert p_year.message_zh == "出生年份 1848 不可能（应在 1900 至 2026 之间）"
    assert p_year.message_en == "birth year 1848 is impossible (expected 1900–2026)"
    assert "女 (female) / 男 (male)" in p_gender.message_zh
    assert "“X”" in p_gender.message_en
    assert "2026-02-30" in p_date.message_zh
    assert "2026年3月1日" in p_date.message_zh
    text = str(p_year)
    assert text.startswith("roster.xlsx, sheet 居民, row 2, column 出生年份: ")
    assert text.endswith("[bad_year]")


def test_messages_never_quote_a_phone_number(tmp_path: Path) -> None:
    phone = "13812345678"
    sheets = minimal_valid_sheets()
    for edit in (
        cell("居民", 2, "出生年份", phone),
        cell("居民", 3, "出生年份", int(phone)),
        cell("居民", 4, "性别", phone),
        cell("人员", 2, "容量", "-" + phone),
        cell("走访", 2, "日期", phone),
        cell("结对", 2, "对象", "13999999999"),
        row("居民", R001_AGAIN | {"居民编号": phone}),
        row("居民", R001_AGAIN | {"居民编号": phone}),
    ):
        sheets = edit(sheets)
    problems = check(tmp_path, sheets)
    assert len(problems) == 7
    for p in problems:
        assert not re.search(r"\d{7}", p.message_zh + p.message_en), p
