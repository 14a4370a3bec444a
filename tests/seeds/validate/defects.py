"""One broken roster per defect: the edit, and exactly the problems it must bring."""

from __future__ import annotations

from datetime import datetime

from tests.seeds.rosters import drop_column, drop_sheet
from tests.seeds.validate.edits import R001_AGAIN, Edit, Where, cell, grid_row, row

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
