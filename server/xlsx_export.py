"""``POST /export/xlsx``: a table the web page already holds, returned as an Excel workbook.

The page gets every figure from ``/graphql`` with the caller's token; this route reads nothing
from the graph, it only turns ``{"sheet": "...", "columns": [...], "rows": [[...], ...]}`` into
a workbook with openpyxl (already a dependency for rosters), so no data can leave through it
that the caller did not already have. Doing it here keeps a large spreadsheet library out of
the page's bundle. It needs a signed-in caller all the same (HTTP 401 otherwise).
"""

from __future__ import annotations

import io
import json
import re
from typing import Any
from urllib.parse import quote

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from graph.coverage.offload import cpu_bound
from server.auth import error_body, principal_of

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ROWS = 20_000
MAX_COLUMNS = 50
Cell = str | int | float | None


class ExportError(ValueError):
    """The body is not a table we can write."""


def _table(body: object) -> tuple[str, list[str], list[list[Cell]]]:
    if not isinstance(body, dict):
        raise ExportError("The body must be a JSON object.")
    sheet, columns, rows = body.get("sheet"), body.get("columns"), body.get("rows")
    if not isinstance(sheet, str) or not isinstance(columns, list) or not isinstance(rows, list):
        raise ExportError("Expected sheet (text), columns (list) and rows (list of lists).")
    if not 0 < len(columns) <= MAX_COLUMNS or not all(isinstance(c, str) for c in columns):
        raise ExportError(f"columns: 1 to {MAX_COLUMNS} texts.")
    if len(rows) > MAX_ROWS:
        raise ExportError(f"At most {MAX_ROWS} rows.")
    for row in rows:
        if not isinstance(row, list) or len(row) != len(columns):
            raise ExportError("Every row needs one cell per column.")
        if not all(c is None or isinstance(c, str | int | float) for c in row):
            raise ExportError("Cells are texts, numbers or null.")
    return sheet, columns, rows


def sheet_title(name: str) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\ (and never empty)."""
    return re.sub(r"[\[\]:*?/\\]", "-", name)[:31] or "Sheet1"


def workbook_bytes(sheet: str, columns: list[str], rows: list[list[Cell]]) -> bytes:
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


async def export_xlsx(request: Request) -> Response:
    # Signed-in callers only, like every route but health: an open converter is a free service
    # for anyone who can reach the port.
    if principal_of(request) is None:
        return JSONResponse(error_body("Sign in first. 请先登录。", "UNAUTHENTICATED"), 401)
    try:
        body: Any = json.loads(await request.body())
        sheet, columns, rows = _table(body)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        message = str(exc) if isinstance(exc, ExportError) else "The body is not valid JSON."
        return JSONResponse({"error": message}, status_code=400)
    filename = quote(f"{sheet_title(sheet)}.xlsx")
    return Response(
        await cpu_bound(workbook_bytes, sheet, columns, rows),  # seconds for a large table
        media_type=XLSX_TYPE,
        headers={"content-disposition": f"attachment; filename*=UTF-8''{filename}"},
    )
