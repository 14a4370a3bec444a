"""Breaking the minimal roster one edit at a time, and reading back where its problems are."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from seeds.rows import Problem
from seeds.validate import check_roster
from tests.seeds.rosters import TODAY, Sheets, add_row, set_cell, write_xlsx

CODES = {
    "unreadable",
    "bad_encoding",
    "duplicate_sheet",
    "duplicate_column",
    "missing_sheet",
    "missing_column",
    "required",
    "unknown_value",
    "bad_date",
    "bad_year",
    "bad_number",
    "duplicate_id",
    "two_households",
    "household_two_dwellings",
    "grid_conflict",
    "unknown_corridor",
    "unknown_person",
    "wrong_kind",
    "unknown_resident",
    "unknown_scope",
    "wrong_scope",
    "until_before_since",
    "self_help",
    "date_in_id",
    "too_long",
    "control_character",
    "too_large",
    "bad_code",
    "community_rows",
    "community_mismatch",
}
Where = tuple[str, str, int | None, str | None]  # code, sheet, row, column


def where(problems: list[Problem]) -> list[Where]:
    return [(p.code, p.sheet, p.row, p.column) for p in problems]


def check(tmp_path: Path, sheets: Sheets, name: str = "roster.xlsx") -> list[Problem]:
    roster, problems = check_roster(write_xlsx(tmp_path / name, sheets), today=TODAY)
    assert (roster is None) == bool(problems)
    return problems


def grid_row(area: str, micro_grid: str, block: str, corridor: str, building: str) -> dict:
    return {
        "小区": area,
        "微网格": micro_grid,
        "责任块": block,
        "楼道": corridor,
        "楼栋": building,
        "房屋类型": "高层",
    }


Edit = Callable[[Sheets], Sheets]


def cell(sheet: str, row: int, column: str, value: Any) -> Edit:
    return lambda s: set_cell(s, sheet, row, column, value)


def row(sheet: str, values: dict[str, Any]) -> Edit:
    return lambda s: add_row(s, sheet, values)


R001_AGAIN = {"居民编号": "R001", "姓名": "王秀英", "性别": "女", "出生年份": 1938, "户号": "H01",
              "楼道": "12-1", "室号": "502"}  # fmt: skip
