"""Checking a roster as a whole: every problem of a bad one in one run, in file order, located
by the headers and sheets as written; optional sheets; any cell value gives a roster or problems."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seeds.reader import read_rows
from seeds.rows import RosterError
from seeds.validate import check_raw, check_roster, read_roster
from tests.seeds.rosters import (
    MINIMAL_COUNTS,
    TODAY,
    drop_column,
    drop_sheet,
    in_english,
    minimal_valid_sheets,
    set_cell,
    write_csv_folder,
    write_xlsx,
)
from tests.seeds.validate.defects import CASES
from tests.seeds.validate.edits import CODES, cell, check, row, where


def test_optional_sheets_may_be_absent(tmp_path: Path) -> None:
    sheets = minimal_valid_sheets()
    for name in ("职务", "结对", "走访"):
        sheets = drop_sheet(sheets, name)
    roster = read_roster(write_xlsx(tmp_path / "r.xlsx", sheets), today=TODAY)
    assert roster.counts() == MINIMAL_COUNTS | {"roles": 0, "helpers": 0, "visits": 0}


@pytest.mark.parametrize("case", list(CASES))
def test_each_defect_is_reported_exactly(tmp_path: Path, case: str) -> None:
    edit, expected = CASES[case]
    problems = check(tmp_path, edit(minimal_valid_sheets()))
    assert where(problems) == expected
    for p in problems:
        assert p.file == "roster.xlsx"
        assert p.message_zh and p.message_en
        assert p.message_zh != p.message_en


def test_problems_name_the_headers_and_sheets_as_written(tmp_path: Path) -> None:
    sheets = in_english(minimal_valid_sheets())
    sheets = set_cell(sheets, "residents", 2, "birth_year", 1848)
    sheets = drop_column(sheets, "grid", "building")
    problems = check(tmp_path, sheets)
    assert where(problems) == [
        ("missing_column", "grid", None, "building"),
        ("bad_year", "residents", 2, "birth_year"),
    ]


def test_all_problems_come_in_one_run_in_file_order(tmp_path: Path) -> None:
    sheets = minimal_valid_sheets()
    for edit in (
        cell("走访", 2, "日期", "2026-13-01"),
        cell("居民", 11, "出生年份", 1848),
        cell("居民", 2, "性别", "?"),
        cell("居民", 2, "家庭医生", "V01"),
        cell("网格", 3, "房屋类型", None),
        cell("职务", 4, "范围", "P1-B2"),
        row("人员", {"人员编号": "W01", "姓名": "钱磊", "类型": "网格员", "容量": "many"}),
    ):
        sheets = edit(sheets)
    folder = write_csv_folder(tmp_path / "roster", sheets, encoding="gbk")
    with pytest.raises(RosterError) as raised:
        read_roster(folder, today=TODAY)
    problems = raised.value.problems
    assert [(p.file, *w) for p, w in zip(problems, where(problems), strict=True)] == [
        ("网格.csv", "required", "网格", 3, "房屋类型"),
        ("居民.csv", "unknown_value", "居民", 2, "性别"),
        ("居民.csv", "wrong_kind", "居民", 2, "家庭医生"),
        ("居民.csv", "bad_year", "居民", 11, "出生年份"),
        ("人员.csv", "bad_number", "人员", 5, "容量"),
        ("人员.csv", "duplicate_id", "人员", 5, "人员编号"),
        ("职务.csv", "wrong_scope", "职务", 4, "范围"),
        ("走访.csv", "bad_date", "走访", 2, "日期"),
    ]
    assert str(raised.value).startswith("8 problem(s) in the roster: ")
    assert str(raised.value).endswith("(+5 more)")


def test_missing_sheet_tells_what_was_found(tmp_path: Path) -> None:
    sheets = drop_sheet(minimal_valid_sheets(), "居民")
    sheets["居民表"] = [["居民编号"]]
    problems = check(tmp_path, sheets)
    assert where(problems) == [("missing_sheet", "居民", None, None)]
    assert "居民表" in problems[0].message_zh
    assert "residents" in problems[0].message_en
    folder = write_csv_folder(tmp_path / "csv", drop_sheet(minimal_valid_sheets(), "居民"))
    _, problems = check_roster(folder, today=TODAY)
    assert problems[0].file == "csv"
    assert "居民.csv" in problems[0].message_zh


def test_undecodable_sheet_is_not_also_reported_missing(tmp_path: Path) -> None:
    folder = write_csv_folder(tmp_path / "roster", minimal_valid_sheets())
    (folder / "居民.csv").write_bytes("居民编号\n".encode("utf-16"))
    (folder / "人员.csv").write_bytes("人员编号\n".encode("utf-16"))
    _, problems = check_roster(folder, today=TODAY)
    # Nor are references to its rows: they cannot be checked.
    assert where(problems) == [
        ("bad_encoding", "居民", None, None),
        ("bad_encoding", "人员", None, None),
    ]


def test_missing_column_rows_are_not_reported_again(tmp_path: Path) -> None:
    sheets = drop_column(minimal_valid_sheets(), "居民", "居民编号")
    problems = check(tmp_path, sheets)
    # Helpers and visits name residents that can no longer be known: no follow-on problems.
    assert where(problems) == [("missing_column", "居民", None, "resident_id")]


def test_template_style_empty_sheets_are_valid(tmp_path: Path) -> None:
    sheets = {name: rows[:1] for name, rows in minimal_valid_sheets().items()}
    roster = read_roster(write_xlsx(tmp_path / "r.xlsx", sheets), today=TODAY)
    assert roster.counts() == dict.fromkeys(MINIMAL_COUNTS, 0)


def test_unreadable_file_raises_roster_error(tmp_path: Path) -> None:
    with pytest.raises(RosterError) as raised:
        read_roster(tmp_path / "missing.xlsx", today=TODAY)
    assert where(raised.value.problems) == [("unreadable", "", None, None)]


# Properties.

_CELL_VALUES = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.sampled_from(["R001", "D01", "12-1", "P1-G1", "是", "2026/1/1", "1948", "高层"]),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.datetimes(),
)


@settings(max_examples=200, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
@given(data=st.data(), value=_CELL_VALUES)
def test_any_cell_value_gives_a_roster_or_located_problems(data: st.DataObject, value: Any) -> None:
    sheets = minimal_valid_sheets()
    name = data.draw(st.sampled_from(list(sheets)))
    row_number = data.draw(st.integers(min_value=2, max_value=len(sheets[name])))
    column = data.draw(st.sampled_from(sheets[name][0]))
    sheets = set_cell(sheets, name, row_number, column, value)
    roster, problems = check_raw(read_rows("r.xlsx", sheets), today=TODAY)
    if roster is not None:
        assert problems == []
        assert roster.counts() == MINIMAL_COUNTS
        return
    assert problems
    for p in problems:
        assert p.code in CODES
        assert p.file == "r.xlsx"
        assert p.sheet in sheets
        assert p.row is None or 2 <= p.row <= len(sheets[p.sheet])
        assert p.message_zh and p.message_en
