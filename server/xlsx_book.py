"""A table as an Excel workbook: the pure part of ``POST /export/xlsx``.

It runs in a worker process of its own (:func:`graph.coverage.offload.own_process`), so this
module imports nothing of the service: the process imports it afresh.
"""

from __future__ import annotations

import io
import json
import re
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

__all__ = ["MAX_COLUMNS", "MAX_ROWS", "ExportError", "sheet_title", "workbook_from_json"]

MAX_ROWS = 20_000
MAX_COLUMNS = 50
Cell = str | int | float | None


class ExportError(ValueError):
    """The body is not a table we can write."""


def _table(body: object) -> tuple[str, list[str], list[list[Cell]]]:
    if not isinstance(body, dict):
        raise ExportError("请求体须是 JSON 对象。/ The body must be a JSON object.")
    sheet, columns, rows = body.get("sheet"), body.get("columns"), body.get("rows")
    if not isinstance(sheet, str) or not isinstance(columns, list) or not isinstance(rows, list):
        raise ExportError(
            "须有 sheet（文字）、columns（列表）和 rows（列表的列表）。"
            " / Expected sheet (text), columns (list) and rows (list of lists)."
        )
    if not 0 < len(columns) <= MAX_COLUMNS or not all(isinstance(c, str) for c in columns):
        raise ExportError(
            f"columns 须为 1 至 {MAX_COLUMNS} 个文字。/ columns: 1 to {MAX_COLUMNS} texts."
        )
    if len(rows) > MAX_ROWS:
        raise ExportError(f"最多 {MAX_ROWS} 行。/ At most {MAX_ROWS} rows.")
    for row in rows:
        if not isinstance(row, list) or len(row) != len(columns):
            raise ExportError("每行须每列一格。/ Every row needs one cell per column.")
        if not all(c is None or isinstance(c, str | int | float) for c in row):
            raise ExportError("单元格须是文字、数字或 null。/ Cells are texts, numbers or null.")
    return sheet, columns, rows


def sheet_title(name: str) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\ (and never empty)."""
    return re.sub(r"[\[\]:*?/\\]", "-", name)[:31] or "Sheet1"


def _workbook_bytes(sheet: str, columns: list[str], rows: list[list[Cell]]) -> bytes:
    book = Workbook(write_only=True)
    ws = book.create_sheet(sheet_title(sheet))

    def cell(value: Cell) -> WriteOnlyCell:
        out = WriteOnlyCell(ws, value=value)
        if isinstance(value, str):
            out.data_type = "s"  # text stays text: "=…" from the graph is never run as a formula
        return out

    ws.append([cell(c) for c in columns])
    for row in rows:
        ws.append([cell(c) for c in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def workbook_from_json(body: bytes) -> tuple[str, bytes] | str:
    """``(sheet title, workbook)`` for a JSON table, or the reason it is not one.

    The parsing happens here too: reading a megabyte of JSON and checking its cells takes tens
    of milliseconds that the event loop need not spend.
    """
    try:
        parsed: Any = json.loads(body)
        sheet, columns, rows = _table(parsed)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        if isinstance(exc, ExportError):
            return str(exc)
        return "请求体不是有效的 JSON。/ The body is not valid JSON."
    return sheet_title(sheet), _workbook_bytes(sheet, columns, rows)
