"""Writing small rosters for tests: workbooks and CSV folders, from plain lists of rows.

A roster is given as :data:`Sheets`: sheet name -> rows, the first row being the headers, the
way a clerk lays it out. Edits return a changed copy, so one valid roster can be broken in many
ways::

    sheets = set_cell(minimal_valid_sheets(), "居民", 2, "出生年份", 1848)
    write_xlsx(tmp_path / "roster.xlsx", sheets)

Sheets and columns may be named in either language in the edit helpers, whichever language the
roster itself uses.
"""

from __future__ import annotations

import copy
import csv
import random
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from seeds.columns import SHEETS, Sheet, sheet_for

Sheets = dict[str, list[list[Any]]]

# The day the minimal roster is checked on: its visits are all before it.
TODAY = date(2026, 3, 1)
# Rows in each sheet of minimal_valid_sheets(), by canonical sheet key.
MINIMAL_COUNTS = {
    "grid": 5, "residents": 10, "people": 3, "dwellings": 0, "roles": 7, "helpers": 4,
    "visits": 3, "matters": 0, "meetings": 0, "decisions": 0, "projects": 0,
}  # fmt: skip


# One resident per line, the way the sheet looks.
# fmt: off
_RESIDENTS: list[list[Any]] = [
    ["居民编号", "姓名", "性别", "出生年份", "户号", "与户主关系", "楼道", "室号", "联系电话",
     "行动能力", "会用智能手机", "标签", "党员类型", "家庭医生", "可联系时段"],
    ["R001", "王秀英", "女", 1938, "H01", "户主", "12-1", "502", "13800000001",
     "半自理", "否", "高龄", None, "D01", None],
    ["R002", "李建国", "男", 1936, "H01", "配偶", "12-1", "502", None,
     "自理", "否", "高龄", None, "D01", None],
    ["R003", "张桂兰", "女", 1945, "H02", "户主", "12-1", "1201", "13800000003",
     None, "是", "独居; 空巢", "退休", "D01", None],
    ["R004", "陈志强", "男", 1975, "H03", "户主", "12-2", "301", "13800000004",
     None, "是", None, "在职双报到", None, None],
    ["R005", "刘芳", "女", 1978, "H03", "妻子", "12-2", "301", None,
     None, None, None, None, None, "工作日晚间;周末"],
    ["R006", "陈晨", "男", 2008, "H03", "儿子", "12-2", "301", None,
     None, "是", None, None, None, None],
    ["R007", "赵明", "男", 1950, "H04", "户主", "20-1", "101", None,
     None, "否", None, "退休", None, None],
    ["R008", "孙丽", "女", 1952, "H04", "配偶", "20-1", "101", None,
     None, None, None, None, None, None],
    ["R009", "周德海", "男", 1932, "H05", "户主", "V1", "18号", "13800000009",
     "失能", "否", "高龄；独居", None, "D01", None],
    ["R010", "周晓", "女", 1965, "H05", "女儿", "V1", "18号", None,
     None, "是", None, None, None, None],
]
# fmt: on


def minimal_valid_sheets() -> Sheets:
    """A small valid roster with Chinese headers.

    One area (P1) with two micro-grids, three blocks and four corridors: two high-rise corridors
    in building 12, a stacked-house corridor, and villa region V1 spanning buildings V1-01 and
    V1-02. Ten residents in five households, a doctor (D01), a grid worker (W01) and a
    volunteer (V01), with roles, helpers and visits. Dates use every accepted text format.
    """
    return {
        "网格": [
            ["小区", "微网格", "责任块", "楼道", "楼栋", "房屋类型"],
            ["P1", "P1-G1", "P1-B1", "12-1", "12", "高层"],
            ["P1", "P1-G1", "P1-B2", "12-2", "12", "高层"],
            ["P1", "P1-G2", "P1-B3", "20-1", "20", "叠加"],
            ["P1", "P1-G2", "P1-B3", "V1", "V1-01", "独栋"],
            ["P1", "P1-G2", "P1-B3", "V1", "V1-02", "独栋"],
        ],
        "居民": copy.deepcopy(_RESIDENTS),
        "人员": [
            ["人员编号", "姓名", "类型", "单位", "联系电话", "容量", "可联系时段"],
            ["D01", "吴敏", "家庭医生", "青松社区卫生服务中心", "13900000001", 300, None],
            ["W01", "钱磊", "网格员", "青松居委", None, None, "工作日白天；工作日晚间"],
            ["V01", "郑洁", "志愿者", None, None, 3, "全天"],
        ],
        "职务": [
            ["人员编号", "职务", "范围", "开始", "结束"],
            ["R003", "第一楼组长", "12-1", "2023-03-01", None],
            ["R002", "第二楼组长", "12-1", "2022/5/1", "2025/12/31"],
            ["R004", "第一楼组长", "12-2", "2024.1.1", None],
            ["R007", "第一楼组长", "20-1", "2023年3月1日", None],
            ["W01", "网格员", "P1-G1", "2024-01-01", None],
            ["W01", "网格员", "P1-G2", "2024-01-01", None],
            ["R004", "块长", "P1-B2", "2025-01-01", None],
        ],
        "结对": [
            ["帮扶人", "对象", "类型", "开始", "结束"],
            ["R010", "R009", "亲属", "2020-01-01", None],
            ["V01", "R003", "志愿者", "2025-06-01", None],
            ["R003", "R001", "邻居", "2024-09-01", None],
            ["V01", "R009", "志愿者", "2025-03-01", "2025-12-31"],
        ],
        "走访": [
            ["日期", "走访人", "对象", "方式", "备注"],
            ["2026-01-15", "W01", "R003", "上门", "身体尚可"],
            ["2026-02-01", "D01", "R009", "上门", None],
            ["2026-02-10", "W01", "R001", "电话", None],
        ],
    }


# Writing.


def write_xlsx(path: Path, sheets: Mapping[str, list[list[Any]]]) -> Path:
    """Write ``sheets`` as a workbook, one tab per sheet in the given order; returns ``path``."""
    wb = Workbook()
    default = wb.active
    assert default is not None
    wb.remove(default)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(list(row))
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def write_csv_folder(
    path: Path, sheets: Mapping[str, list[list[Any]]], *, encoding: str = "utf-8"
) -> Path:
    """Write ``sheets`` as ``<name>.csv`` files in the folder ``path``; returns ``path``.

    ``encoding`` is any Python codec: "utf-8", "utf-8-sig" (with a BOM, as Excel writes
    "CSV UTF-8") or "gbk" (what Excel writes on a Chinese Windows by default).
    """
    path.mkdir(parents=True, exist_ok=True)
    for name, rows in sheets.items():
        with (path / f"{name}.csv").open("w", encoding=encoding, newline="") as f:
            writer = csv.writer(f, lineterminator="\r\n")
            writer.writerows([[_csv_text(v) for v in row] for row in rows])
    return path


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    return str(value)


# Editing: each helper returns a changed copy.


def set_cell(sheets: Sheets, sheet: str, row: int, column: str, value: Any) -> Sheets:
    """Set the cell at file row ``row`` (the header is row 1) of ``column``."""
    out = copy.deepcopy(sheets)
    name = find_sheet(out, sheet)
    rows = out[name]
    rows[row - 1][column_index(out, name, column)] = value
    return out


def add_row(sheets: Sheets, sheet: str, values: Mapping[str, Any]) -> Sheets:
    """Append a row; ``values`` maps headers (either language) to values, the rest are empty."""
    out = copy.deepcopy(sheets)
    name = find_sheet(out, sheet)
    row: list[Any] = [None] * len(out[name][0])
    for column, value in values.items():
        row[column_index(out, name, column)] = value
    out[name].append(row)
    return out


def drop_column(sheets: Sheets, sheet: str, column: str) -> Sheets:
    out = copy.deepcopy(sheets)
    name = find_sheet(out, sheet)
    index = column_index(out, name, column)
    out[name] = [row[:index] + row[index + 1 :] for row in out[name]]
    return out


def drop_sheet(sheets: Sheets, sheet: str) -> Sheets:
    out = copy.deepcopy(sheets)
    del out[find_sheet(out, sheet)]
    return out


def in_english(sheets: Sheets) -> Sheets:
    """The same roster with English sheet names and headers."""
    out: Sheets = {}
    for name, rows in copy.deepcopy(sheets).items():
        spec = _spec(name)
        header = [_column_key(spec, h) for h in rows[0]]
        out[spec.key] = [header, *rows[1:]]
    return out


def shuffle_columns(sheets: Sheets, seed: int = 0) -> Sheets:
    """The same roster with the columns of every sheet in a random order."""
    rng = random.Random(seed)
    out: Sheets = {}
    for name, rows in copy.deepcopy(sheets).items():
        order = list(range(len(rows[0])))
        rng.shuffle(order)
        out[name] = [[row[i] for i in order] for row in rows]
    return out


def find_sheet(sheets: Mapping[str, Any], sheet: str) -> str:
    """The name under which ``sheets`` holds ``sheet`` (given in either language)."""
    if sheet in sheets:
        return sheet
    wanted = _spec(sheet)
    for name in sheets:
        if sheet_for(name) == wanted:
            return name
    raise KeyError(sheet)


def column_index(sheets: Mapping[str, list[list[Any]]], sheet: str, column: str) -> int:
    """The index of ``column`` (a header in either language) in the header row of ``sheet``."""
    name = find_sheet(sheets, sheet)
    header = sheets[name][0]
    if column in header:
        return header.index(column)
    spec = _spec(name)
    wanted = spec.column(column)
    for index, written in enumerate(header):
        if wanted is not None and isinstance(written, str) and spec.column(written) == wanted:
            return index
    raise KeyError(f"{sheet}.{column}")


def _spec(name: str) -> Sheet:
    spec = sheet_for(name)
    if spec is None:
        raise KeyError(f"{name} is not a roster sheet (one of {list(SHEETS)})")
    return spec


def _column_key(spec: Sheet, header: Any) -> Any:
    column = spec.column(header) if isinstance(header, str) else None
    return header if column is None else column.key
