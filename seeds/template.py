"""The empty roster template a committee fills in, written from :mod:`seeds.columns`.

Each sheet is named in Chinese and has its Chinese headers on row 1 (the reader's contract: the
header is row 1, so there is no room for a second, English header row). Instead each header
cell carries a comment with the English header, a description in both languages and the
accepted values; a first sheet ``说明 (README)`` explains the rules in both languages. The
reader ignores that sheet, since its name is not a roster sheet's.

The shipped copy is ``seeds/templates/roster-template.xlsx``; regenerate it after changing
columns.py with::

    python -m seeds.template seeds/templates/roster-template.xlsx
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from seeds.columns import SHEETS, Column, Sheet

README_SHEET = "说明 (README)"
TEMPLATE_ROWS = 2000  # how far down dropdowns and text formats reach
# A fixed timestamp keeps regenerating the template from producing a spurious change.
_STAMP = datetime(2026, 1, 1)
_REQUIRED_FILL = PatternFill("solid", fgColor="FFF2CC")
_OPTIONAL_FILL = PatternFill("solid", fgColor="EDEDED")
# Columns holding ids, codes and rooms are formatted as text, so Excel keeps 0012 as typed.
_TEXT_COLUMNS = {
    "area",
    "micro_grid",
    "block",
    "corridor",
    "building",
    "resident_id",
    "household_id",
    "room",
    "phone",
    "family_doctor",
    "person_id",
    "scope",
    "helper_id",
    "visitor_id",
}
_DATE_COLUMNS = {"since", "until", "date"}
_DATES_ZH = "日期可写 2026-03-01、2026/3/1、2026.3.1 或 2026年3月1日，也可用 Excel 日期格式"
_DATES_EN = "dates: 2026-03-01, 2026/3/1, 2026.3.1 or 2026年3月1日, or an Excel date cell"


def write_template(path: Path) -> Path:
    """Write the empty roster workbook to ``path`` and return the path."""
    wb = Workbook()
    readme = wb.active
    assert readme is not None
    readme.title = README_SHEET
    _write_readme(readme)
    for sheet in SHEETS.values():
        _write_sheet(wb.create_sheet(sheet.zh), sheet)
    wb.properties.creator = "Louzhi"
    wb.properties.title = "社区花名册模板 / community roster template"
    wb.properties.created = wb.properties.modified = _STAMP
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def header_comment(column: Column) -> str:
    """What a header cell's comment says about its column, in both languages."""
    need = "必填 / required" if column.required else "可空 / optional"
    lines = [
        f"{column.zh} / {column.key}  ({need})",
        column.description_zh,
        column.description_en,
    ]
    if column.enum is not None:
        lines.append(f"可填 / accepted: {column.enum.choices()}")
    if column.key in _DATE_COLUMNS:
        lines += [_DATES_ZH, _DATES_EN]
    if column.key == "tags":
        lines.append("分隔符 / separator: ; 或 ；")
    return "\n".join(lines)


def _write_sheet(ws: Worksheet, sheet: Sheet) -> None:
    for index, column in enumerate(sheet.columns, start=1):
        cell = ws.cell(row=1, column=index, value=column.zh)
        cell.font = Font(bold=True)
        cell.fill = _REQUIRED_FILL if column.required else _OPTIONAL_FILL
        comment = Comment(header_comment(column), "Louzhi")
        comment.width, comment.height = 360, 160
        cell.comment = comment
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = max(12, 2 * len(column.zh) + 4)
        if column.key in _TEXT_COLUMNS:
            ws.column_dimensions[letter].number_format = "@"
        if column.enum is not None:
            _add_dropdown(ws, letter, column)
    ws.freeze_panes = "A2"


def _add_dropdown(ws: Worksheet, letter: str, column: Column) -> None:
    # Offer the Chinese words but accept anything typed: English values are valid too.
    assert column.enum is not None
    words = ",".join(column.enum.zh(c) for c in column.enum.values)
    dv = DataValidation(type="list", formula1=f'"{words}"', allow_blank=True)
    dv.showErrorMessage = False
    dv.add(f"{letter}2:{letter}{TEMPLATE_ROWS}")
    ws.add_data_validation(dv)


def readme_lines() -> list[tuple[str, str]]:
    """The README sheet, as (Chinese, English) lines."""
    lines = [
        ("社区花名册模板", "Community roster template"),
        ("", ""),
        (
            "每个工作表的第 1 行是表头，从第 2 行起每行一条记录。",
            "Row 1 of each sheet holds the headers; each row from row 2 on is one record.",
        ),
        (
            "表头可以写中文或英文（见各表头的批注），列的顺序不限，多余的列会被忽略。",
            "Headers may be in Chinese or English (see each header's comment); columns may be "
            "in any order, and extra columns are ignored.",
        ),
        (
            "工作表名可以写中文或英文；本“说明”表导入时会被忽略。",
            "Sheet names may be in Chinese or English; this README sheet is ignored on import.",
        ),
        (
            "“网格”和“居民”表必须有；其余各表可以没有或留空。",
            "The grid and residents sheets are required; the others may be absent or empty.",
        ),
        (
            "黄色表头为必填列，灰色为可空列。",
            "Yellow headers are required columns, grey ones optional.",
        ),
        (_DATES_ZH + "。", "Dates: " + _DATES_EN.removeprefix("dates: ") + "."),
        (
            "编号（居民编号、人员编号、楼道等）按文字处理，请勿让 Excel 去掉前导 0。",
            "Ids and codes are text: do not let Excel drop leading zeros.",
        ),
        (
            "标签用分号分隔，如 独居;高龄。",
            "Tags are separated by semicolons, e.g. 独居;高龄.",
        ),
        (
            "也可以导入一个文件夹，每张表一个 CSV 文件（如 居民.csv 或 residents.csv），"
            "编码可为 UTF-8 或 GBK。",
            "A folder of CSV files can be imported too, one per sheet (e.g. 居民.csv or "
            "residents.csv), encoded in UTF-8 or GBK.",
        ),
        (
            "议题、议事会、决议、微更新四张是台账表：再次导入只补上图中还没有的经过（新的步骤、"
            "新的决议、项目的下一阶段），不会删除或改写已有的记录。",
            "The matters, meetings, decisions and projects sheets are a ledger: loading it again "
            "adds only what the graph lacks (later steps, new decisions, a project's next "
            "status) and never deletes or rewrites a record.",
        ),
        ("", ""),
        ("工作表", "Sheets"),
    ]
    for sheet in SHEETS.values():
        lines.append(
            (f"{sheet.zh}：{sheet.description_zh}", f"{sheet.key}: {sheet.description_en}")
        )
    return lines


def _write_readme(ws: Worksheet) -> None:
    ws.append(["中文", "English"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for zh, en in readme_lines():
        ws.append([zh or None, en or None])
    ws.column_dimensions["A"].width = 70
    ws.column_dimensions["B"].width = 90
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m seeds.template OUTPUT.xlsx", file=sys.stderr)
        return 2
    print(write_template(Path(args[0])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
