"""Checking rosters: typed rows from a good roster, every problem of a bad one in one run."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seeds.cell_values import parse_date
from seeds.reader import read_rows
from seeds.rows import (
    GridRow,
    HelperRow,
    PersonRow,
    Problem,
    ResidentRow,
    RoleRow,
    Roster,
    RosterError,
    VisitRow,
)
from seeds.validate import check_raw, check_roster, read_roster
from tests.seeds.rosters import (
    MINIMAL_COUNTS,
    TODAY,
    Sheets,
    add_row,
    drop_column,
    drop_sheet,
    in_english,
    minimal_valid_sheets,
    set_cell,
    shuffle_columns,
    write_csv_folder,
    write_xlsx,
)

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


# A valid roster.


def test_minimal_roster_gives_typed_rows(tmp_path: Path) -> None:
    roster = read_roster(write_xlsx(tmp_path / "r.xlsx", minimal_valid_sheets()), today=TODAY)
    assert roster.counts() == MINIMAL_COUNTS
    assert roster.community == Roster().community
    assert roster.grid[4] == GridRow("P1", "P1-G2", "P1-B3", "V1", "V1-02", "villa")
    assert roster.residents[0] == ResidentRow(
        resident_id="R001",
        name="王秀英",
        gender="female",
        birth_year=1938,
        household_id="H01",
        relation="head",
        corridor="12-1",
        room="502",
        phone="13800000001",
        mobility="assisted",
        smartphone=False,
        tags=("高龄",),
        party="",
        family_doctor="D01",
    )
    r003, r005, r009 = roster.residents[2], roster.residents[4], roster.residents[8]
    assert (r003.tags, r003.party, r003.mobility, r003.smartphone) == (
        ("独居", "空巢"),
        "retired",
        "independent",
        True,
    )
    assert (r005.relation, r005.smartphone, r005.phone, r005.family_doctor) == (
        "spouse",
        None,
        "",
        "",
    )
    assert (r009.tags, r009.mobility, r009.room) == (("高龄", "独居"), "dependent", "18号")
    assert roster.people == [
        PersonRow("D01", "吴敏", "doctor", "青松社区卫生服务中心", "13900000001", 300),
        PersonRow("W01", "钱磊", "grid_worker", "青松居委", "", None),
        PersonRow("V01", "郑洁", "volunteer", "", "", 3),
    ]
    assert [r.since for r in roster.roles[:4]] == [
        date(2023, 3, 1),
        date(2022, 5, 1),
        date(2024, 1, 1),
        date(2023, 3, 1),
    ]
    assert roster.roles[1] == RoleRow(
        "R002", "second_floor_chief", "12-1", date(2022, 5, 1), date(2025, 12, 31)
    )
    assert roster.roles[6] == RoleRow("R004", "block_leader", "P1-B2", date(2025, 1, 1))
    assert roster.helpers[0] == HelperRow("R010", "R009", "family", date(2020, 1, 1))
    assert roster.visits[0] == VisitRow(date(2026, 1, 15), "W01", "R003", "home", "身体尚可")


def test_same_roster_from_every_layout(tmp_path: Path) -> None:
    sheets = minimal_valid_sheets()
    expected = read_roster(write_xlsx(tmp_path / "r.xlsx", sheets), today=TODAY)
    mixed = in_english(sheets)
    mixed["居民"] = mixed.pop("residents")  # a Chinese tab with English headers
    mixed = set_cell(mixed, "居民", 1, "name", "姓名")  # and one Chinese header among them
    layouts = {
        "english.xlsx": in_english(sheets),
        "mixed.xlsx": mixed,
        "shuffled.xlsx": shuffle_columns(sheets, seed=7),
    }
    for name, layout in layouts.items():
        assert read_roster(write_xlsx(tmp_path / name, layout), today=TODAY) == expected, name
    for encoding in ("utf-8", "utf-8-sig", "gbk"):
        folder = write_csv_folder(
            tmp_path / encoding, shuffle_columns(sheets, 1), encoding=encoding
        )
        assert read_roster(folder, today=TODAY) == expected, encoding


def test_excel_date_cells_and_numeric_ids(tmp_path: Path) -> None:
    sheets = minimal_valid_sheets()
    sheets = set_cell(sheets, "职务", 2, "开始", datetime(2023, 3, 1))
    sheets = set_cell(sheets, "职务", 3, "结束", date(2025, 12, 31))
    sheets = set_cell(sheets, "走访", 2, "日期", datetime(2026, 1, 15, 9, 30))
    sheets = set_cell(sheets, "居民", 2, "居民编号", 12)  # typed 0012 into a General cell
    sheets = set_cell(sheets, "结对", 4, "对象", 12)
    sheets = set_cell(sheets, "走访", 4, "对象", 12.0)
    sheets = set_cell(sheets, "居民", 2, "户号", 7)
    sheets = set_cell(sheets, "居民", 3, "户号", "7")
    sheets = set_cell(sheets, "居民", 2, "室号", 502)
    sheets = set_cell(sheets, "居民", 2, "出生年份", 1938.0)
    sheets = set_cell(sheets, "居民", 2, "联系电话", 13800000001)
    sheets = set_cell(sheets, "网格", 2, "楼栋", 12)
    roster = read_roster(write_xlsx(tmp_path / "r.xlsx", sheets), today=TODAY)
    r001 = roster.residents[0]
    assert (r001.resident_id, r001.household_id, r001.room) == ("12", "7", "502")
    assert (r001.birth_year, r001.phone) == (1938, "13800000001")
    assert roster.residents[1].household_id == "7"
    assert roster.helpers[2].resident_id == "12"
    assert roster.grid[0].building == "12"
    assert roster.roles[0].since == date(2023, 3, 1)
    assert roster.roles[1].until == date(2025, 12, 31)
    assert roster.visits[0].date == date(2026, 1, 15)


def test_float_cells_from_other_programs() -> None:
    # openpyxl hands back integral numbers as int; other sources give floats such as 1948.0.
    sheets = set_cell(minimal_valid_sheets(), "居民", 2, "出生年份", 1938.0)
    sheets = set_cell(sheets, "居民", 2, "室号", 502.0)
    sheets = set_cell(sheets, "人员", 2, "容量", 300.0)
    roster, problems = check_raw(read_rows("r.xlsx", sheets), today=TODAY)
    assert problems == []
    assert roster is not None
    assert (roster.residents[0].birth_year, roster.residents[0].room) == (1938, "502")
    assert roster.people[0].capacity == 300


def test_optional_sheets_may_be_absent(tmp_path: Path) -> None:
    sheets = minimal_valid_sheets()
    for name in ("职务", "结对", "走访"):
        sheets = drop_sheet(sheets, name)
    roster = read_roster(write_xlsx(tmp_path / "r.xlsx", sheets), today=TODAY)
    assert roster.counts() == MINIMAL_COUNTS | {"roles": 0, "helpers": 0, "visits": 0}


def test_optional_columns_may_be_absent_or_empty(tmp_path: Path) -> None:
    sheets = minimal_valid_sheets()
    for column in (
        "与户主关系",
        "联系电话",
        "行动能力",
        "会用智能手机",
        "标签",
        "党员类型",
        "家庭医生",
    ):
        sheets = drop_column(sheets, "居民", column)
    sheets = add_row(sheets, "职务", {"人员编号": "R001", "职务": "第二楼组长", "范围": "12-1",
                                      "开始": "2026-06-01"})  # fmt: skip
    roster = read_roster(write_xlsx(tmp_path / "r.xlsx", sheets), today=TODAY)
    r001 = roster.residents[0]
    assert (r001.relation, r001.phone, r001.mobility, r001.smartphone) == (
        "",
        "",
        "independent",
        None,
    )
    assert (r001.tags, r001.party, r001.family_doctor) == ((), "", "")
    assert roster.roles[-1].since == date(2026, 6, 1)  # a planned assignment is fine


def test_unrecognised_relation_is_kept_as_written(tmp_path: Path) -> None:
    sheets = set_cell(minimal_valid_sheets(), "居民", 3, "与户主关系", "保姆")
    roster = read_roster(write_xlsx(tmp_path / "r.xlsx", sheets), today=TODAY)
    assert roster.residents[1].relation == "保姆"


def test_english_values_and_full_width_ids(tmp_path: Path) -> None:
    sheets = set_cell(minimal_valid_sheets(), "居民", 2, "性别", "Female")
    sheets = set_cell(sheets, "居民", 2, "会用智能手机", "yes")
    sheets = set_cell(sheets, "结对", 4, "对象", "Ｒ００１")  # typed with a Chinese input method
    roster = read_roster(write_xlsx(tmp_path / "r.xlsx", sheets), today=TODAY)
    assert (roster.residents[0].gender, roster.residents[0].smartphone) == ("female", True)
    assert roster.helpers[2].resident_id == "R001"


# One broken roster per defect: the exact problems reported.

Edit = Callable[[Sheets], Sheets]


def cell(sheet: str, row: int, column: str, value: Any) -> Edit:
    return lambda s: set_cell(s, sheet, row, column, value)


def row(sheet: str, values: dict[str, Any]) -> Edit:
    return lambda s: add_row(s, sheet, values)


R001_AGAIN = {"居民编号": "R001", "姓名": "王秀英", "性别": "女", "出生年份": 1938, "户号": "H01",
              "楼道": "12-1", "室号": "502"}  # fmt: skip

CASES: dict[str, tuple[Edit, list[Where]]] = {
    "missing residents sheet": (
        lambda s: drop_sheet(s, "居民"),
        [("missing_sheet", "居民", None, None)],
    ),
    "missing grid sheet": (
        lambda s: drop_sheet(s, "网格"),
        [("missing_sheet", "网格", None, None)],
    ),
    "missing column": (
        lambda s: drop_column(drop_column(s, "居民", "出生年份"), "职务", "范围"),
        [
            ("missing_column", "居民", None, "birth_year"),
            ("missing_column", "职务", None, "scope"),
        ],
    ),
    "empty required cell": (cell("居民", 4, "姓名", None), [("required", "居民", 4, "姓名")]),
    "blank-looking required cell": (
        cell("结对", 3, "开始", "  "),
        [("required", "结对", 3, "开始")],
    ),
    "unknown gender": (cell("居民", 5, "性别", "未知"), [("unknown_value", "居民", 5, "性别")]),
    "unknown housing type": (
        cell("网格", 4, "房屋类型", "平房"),
        [("unknown_value", "网格", 4, "房屋类型")],
    ),
    "unknown yes/no": (
        cell("居民", 5, "会用智能手机", "会"),
        [("unknown_value", "居民", 5, "会用智能手机")],
    ),
    "unknown mobility": (
        cell("居民", 5, "行动能力", "卧床"),
        [("unknown_value", "居民", 5, "行动能力")],
    ),
    "unknown party": (
        cell("居民", 5, "党员类型", "群众"),
        [("unknown_value", "居民", 5, "党员类型")],
    ),
    "unknown kind of person": (
        cell("人员", 3, "类型", "保安"),
        [("unknown_value", "人员", 3, "类型")],
    ),
    "unknown role": (cell("职务", 2, "职务", "楼长"), [("unknown_value", "职务", 2, "职务")]),
    "unknown helper kind": (
        cell("结对", 2, "类型", "朋友"),
        [("unknown_value", "结对", 2, "类型")],
    ),
    "unknown visit mode": (cell("走访", 2, "方式", "短信"), [("unknown_value", "走访", 2, "方式")]),
    "impossible date": (cell("职务", 2, "开始", "2026-02-30"), [("bad_date", "职务", 2, "开始")]),
    "garbage date": (cell("结对", 3, "开始", "去年"), [("bad_date", "结对", 3, "开始")]),
    "number as date": (cell("结对", 3, "结束", 20260301), [("bad_date", "结对", 3, "结束")]),
    "visit in the future": (
        cell("走访", 2, "日期", "2026-03-02"),
        [("bad_date", "走访", 2, "日期")],
    ),
    "birth year too early": (
        cell("居民", 2, "出生年份", 1848),
        [("bad_year", "居民", 2, "出生年份")],
    ),
    "birth year in the future": (
        cell("居民", 2, "出生年份", 2027),
        [("bad_year", "居民", 2, "出生年份")],
    ),
    "birth year in words": (
        cell("居民", 2, "出生年份", "一九四八"),
        [("bad_year", "居民", 2, "出生年份")],
    ),
    "birth year with a fraction": (
        cell("居民", 2, "出生年份", 1948.5),
        [("bad_year", "居民", 2, "出生年份")],
    ),
    "birth year in a date cell": (
        cell("居民", 2, "出生年份", datetime(1905, 5, 1)),
        [("bad_year", "居民", 2, "出生年份")],
    ),
    "negative capacity": (cell("人员", 4, "容量", -1), [("bad_number", "人员", 4, "容量")]),
    "capacity in words": (cell("人员", 4, "容量", "三"), [("bad_number", "人员", 4, "容量")]),
    "fractional capacity": (cell("人员", 4, "容量", 2.5), [("bad_number", "人员", 4, "容量")]),
    "corridor code turned into a date by Excel": (
        cell("居民", 4, "楼道", datetime(2026, 12, 1)),
        [("date_in_id", "居民", 4, "楼道")],
    ),
    "resident listed twice": (
        row("居民", R001_AGAIN),
        [("duplicate_id", "居民", 12, "居民编号")],
    ),
    "resident in two households": (
        row("居民", R001_AGAIN | {"户号": "H02", "室号": "1201"}),
        [("two_households", "居民", 12, "户号")],
    ),
    "person listed twice": (
        row("人员", {"人员编号": "D01", "姓名": "吴敏", "类型": "医生"}),
        [("duplicate_id", "人员", 5, "人员编号")],
    ),
    "person id is a resident id": (
        row("人员", {"人员编号": "R005", "姓名": "刘芳", "类型": "志愿者"}),
        [("duplicate_id", "人员", 5, "人员编号")],
    ),
    "household in two rooms": (
        cell("居民", 3, "室号", "503"),
        [("household_two_dwellings", "居民", 3, "室号")],
    ),
    "household in two corridors": (
        cell("居民", 6, "楼道", "12-1"),
        [("household_two_dwellings", "居民", 6, "楼道")],
    ),
    "corridor in two blocks": (
        row("网格", grid_row("P1", "P1-G1", "P1-B2", "12-1", "13")),
        [("grid_conflict", "网格", 7, "责任块")],
    ),
    "block in two micro-grids": (
        row("网格", grid_row("P1", "P1-G2", "P1-B1", "12-9", "12")),
        [("grid_conflict", "网格", 7, "微网格")],
    ),
    "micro-grid in two areas": (
        row("网格", grid_row("P2", "P1-G1", "P1-B9", "30-1", "30")),
        [("grid_conflict", "网格", 7, "小区")],
    ),
    "block code used for a corridor": (
        row("网格", grid_row("P1", "P1-G2", "P1-B3", "P1-B1", "40")),
        [("grid_conflict", "网格", 7, "楼道")],
    ),
    "corridor and building listed twice": (
        row("网格", grid_row("P1", "P1-G2", "P1-B3", "V1", "V1-01") | {"房屋类型": "独栋"}),
        [("duplicate_id", "网格", 7, "楼栋")],
    ),
    "resident in an unknown corridor": (
        cell("居民", 4, "楼道", "99-9"),
        [("unknown_corridor", "居民", 4, "楼道")],
    ),
    "unknown family doctor": (
        cell("居民", 4, "家庭医生", "D99"),
        [("unknown_person", "居民", 4, "家庭医生")],
    ),
    "resident as family doctor": (
        cell("居民", 4, "家庭医生", "R001"),
        [("unknown_person", "居民", 4, "家庭医生")],
    ),
    "family doctor who is not a doctor": (
        cell("居民", 4, "家庭医生", "W01"),
        [("wrong_kind", "居民", 4, "家庭医生")],
    ),
    "unknown role holder": (
        cell("职务", 2, "人员编号", "X1"),
        [("unknown_person", "职务", 2, "人员编号")],
    ),
    "unknown helper": (cell("结对", 2, "帮扶人", "X1"), [("unknown_person", "结对", 2, "帮扶人")]),
    "unknown visitor": (cell("走访", 4, "走访人", "X1"), [("unknown_person", "走访", 4, "走访人")]),
    "helping an unknown resident": (
        cell("结对", 2, "对象", "R999"),
        [("unknown_resident", "结对", 2, "对象")],
    ),
    "visiting a person who is not a resident": (
        cell("走访", 3, "对象", "D01"),
        [("unknown_resident", "走访", 3, "对象")],
    ),
    "unknown scope": (cell("职务", 2, "范围", "Z9"), [("unknown_scope", "职务", 2, "范围")]),
    "building as scope": (cell("职务", 2, "范围", "12"), [("unknown_scope", "职务", 2, "范围")]),
    "grid worker of a corridor": (
        cell("职务", 6, "范围", "12-1"),
        [("wrong_scope", "职务", 6, "范围")],
    ),
    "block leader of a micro-grid": (
        cell("职务", 8, "范围", "P1-G1"),
        [("wrong_scope", "职务", 8, "范围")],
    ),
    "floor chief of an area": (cell("职务", 2, "范围", "P1"), [("wrong_scope", "职务", 2, "范围")]),
    "role ends before it starts": (
        cell("职务", 3, "结束", "2021-01-01"),
        [("until_before_since", "职务", 3, "结束")],
    ),
    "pairing ends before it starts": (
        cell("结对", 5, "结束", "2025年2月1日"),
        [("until_before_since", "结对", 5, "结束")],
    ),
    "helping oneself": (cell("结对", 3, "帮扶人", "R003"), [("self_help", "结对", 3, "帮扶人")]),
}


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


# Messages.


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


@given(day=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_every_accepted_date_format_parses(day: date) -> None:
    y, m, d = day.year, day.month, day.day
    for text in (
        day.isoformat(),
        f"{y}/{m}/{d}",
        f"{y}.{m}.{d}",
        f"{y}年{m}月{d}日",
        f"{y}/{m:02}/{d:02} 0:00",
    ):
        assert parse_date(text) == day, text
    assert parse_date(datetime(y, m, d, 12, 0)) == day


@pytest.mark.parametrize("text", ["2026-02-30", "2026-13-01", "26-3-1", "March 1", "0099-01-01"])
def test_impossible_dates(text: str) -> None:
    assert parse_date(text) is None
