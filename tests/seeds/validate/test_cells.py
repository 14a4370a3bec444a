"""Typing a roster's cells: the rows of a valid roster, whatever its layout, encoding, cell types
and language."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from seeds.reader import read_rows
from seeds.rows import GridRow, HelperRow, PersonRow, ResidentRow, RoleRow, Roster, VisitRow
from seeds.validate import check_raw, read_roster
from tests.seeds.rosters import (
    MINIMAL_COUNTS,
    TODAY,
    add_row,
    drop_column,
    in_english,
    minimal_valid_sheets,
    set_cell,
    shuffle_columns,
    write_csv_folder,
    write_xlsx,
)

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
        PersonRow("W01", "钱磊", "grid_worker", "青松居委", "", None,
                  ("weekday_day", "weekday_evening")),
        PersonRow("V01", "郑洁", "volunteer", "", "", 3,
                  ("weekday_day", "weekday_evening", "night", "weekend")),
    ]  # fmt: skip
    assert r005.availability == ("weekday_evening", "weekend")
    assert roster.residents[0].availability is None  # the rules' default
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
