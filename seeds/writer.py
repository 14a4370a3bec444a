"""Writing a roster out: an .xlsx workbook, or a folder of CSV files, in Chinese or English.

The layout is :mod:`seeds.columns`' own, so :mod:`seeds.validate` reads back exactly what is
written here: one sheet per :data:`~seeds.columns.SHEETS` entry, named in the chosen language,
with that language's headers on row 1. In Chinese, enumerated values are written with their
first Chinese word (``高层``, ``半自理``, ``户主``); in English, with their canonical value
(``high_rise``). Tags are joined with ``;``, a smartphone answer is 是/否 or yes/no (empty when
unknown), and dates are Excel date cells in a workbook and ISO dates (``2026-03-01``) in CSV.

Example::

    >>> write_workbook(generate(), Path("demo.xlsx"))  # doctest: +SKIP
    >>> write_csv_folder(generate(), Path("demo-csv"), language="en")  # doctest: +SKIP
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from seeds.columns import RELATIONS, SHEETS, TAG_SEPARATORS, Column, Enum, Sheet
from seeds.ledger_columns import ATTENDEE_SEPARATORS, CAPACITY_WORDS
from seeds.rows import Roster
from seeds.template import header_comment

LANGUAGES = ("zh", "en")

CellValue = str | int | float | date | None


def write_workbook(roster: Roster, path: Path, *, language: str = "zh") -> None:
    """Write ``roster`` to the .xlsx workbook ``path`` (its folder is created if needed)."""
    _check_language(language)
    # Write-only mode streams rows to disk: a district-sized roster stays out of memory.
    wb = Workbook(write_only=True)
    wb.properties.creator = "Louzhi"
    for sheet in SHEETS.values():
        ws = wb.create_sheet(sheet_name(sheet, language))
        for index, column in enumerate(sheet.columns, start=1):
            width = max(12, 2 * len(column.zh) + 4) if language == "zh" else len(column.key) + 6
            ws.column_dimensions[get_column_letter(index)].width = width
        ws.freeze_panes = "A2"
        rows = sheet_rows(roster, sheet, language=language)
        ws.append(
            [
                _header_cell(ws, column, text)
                for column, text in zip(sheet.columns, next(rows), strict=True)
            ]
        )
        for row in rows:
            ws.append(row)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


def write_csv_folder(
    roster: Roster, folder: Path, *, language: str = "zh", encoding: str = "utf-8-sig"
) -> None:
    """Write one CSV file per sheet into ``folder``, named after the sheet (``居民.csv``).

    The default encoding carries a byte-order mark, which Excel needs to open UTF-8 CSV files
    with Chinese text correctly; pass ``"gb18030"`` for older committee computers.
    """
    _check_language(language)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for sheet in SHEETS.values():
        file = folder / f"{sheet_name(sheet, language)}.csv"
        with file.open("w", encoding=encoding, newline="") as f:
            out = csv.writer(f)
            for row in sheet_rows(roster, sheet, language=language):
                out.writerow(_csv_text(value) for value in row)


def sheet_rows(roster: Roster, sheet: Sheet, *, language: str = "zh") -> Iterator[list[CellValue]]:
    """The rows of one sheet as written, headers first; dates stay :class:`date` objects.

    Useful to check a roster built in code through the reader without writing a file::

        read_rows("demo", {s.zh: list(sheet_rows(roster, s)) for s in SHEETS.values()})
    """
    _check_language(language)
    yield [column.zh if language == "zh" else column.key for column in sheet.columns]
    for row in roster.sheet(sheet.key):
        yield [cell_value(c, getattr(row, c.key), language) for c in sheet.columns]


def sheet_name(sheet: Sheet, language: str) -> str:
    """The tab name, or CSV file stem, of ``sheet`` in ``language``."""
    return sheet.zh if language == "zh" else sheet.key


def cell_value(column: Column, value: object, language: str = "zh") -> CellValue:
    """One field of a row as written in ``language``: None for an empty cell."""
    if value is None or value == "" or value == ():
        return None
    if isinstance(value, bool):
        answer = "yes" if value else "no"
        return _word(_enum(column), answer, language)
    if isinstance(value, tuple):
        return TAG_SEPARATORS[0].join(_listed(item, language, column.enum) for item in value)
    if isinstance(value, int | date):
        return value
    if isinstance(value, Decimal):  # a floor area: a number cell, two decimals at most
        return float(value)
    text = str(value)
    enum = _enum(column)
    if enum is not None and text in enum.values:
        return _word(enum, text, language)
    return text  # an id, a name, or a free-text relation that was kept as written


def _listed(item: object, language: str, enum: Enum | None) -> str:
    """One item of a list cell: an id or a tag, a window, a day, or a meeting's ``id:as-what``."""
    if isinstance(item, str) and enum is not None and item in enum.values:
        return _word(enum, item, language)
    if isinstance(item, date):
        return item.isoformat()
    if isinstance(item, tuple):
        person, capacity = item
        return f"{person}{ATTENDEE_SEPARATORS[0]}{_word(CAPACITY_WORDS, capacity, language)}"
    return str(item)


def _enum(column: Column) -> Enum | None:
    # Relations are free text in rosters, so their column has no enum; the recognised ones
    # are still written in the roster's language.
    return RELATIONS if column.key == "relation" else column.enum


def _word(enum: Enum | None, canonical: str, language: str) -> str:
    return enum.zh(canonical) if enum is not None and language == "zh" else canonical


def _header_cell(ws: object, column: Column, text: str | None) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=text)
    cell.font = Font(bold=True)
    # The same help the empty template gives, so a demo workbook explains itself too.
    cell.comment = Comment(header_comment(column), "Louzhi", width=360, height=160)
    return cell


def _csv_text(value: CellValue) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
