"""``POST /export/xlsx``: a table the web page already holds, returned as an Excel workbook.

The page gets every figure from ``/graphql`` with the caller's token; this route reads nothing
from the graph, it only turns ``{"sheet": "...", "columns": [...], "rows": [[...], ...]}`` into
a workbook with openpyxl (already a dependency for rosters), so no data can leave through it
that the caller did not already have. Doing it here keeps a large spreadsheet library out of
the page's bundle. It needs a signed-in caller all the same (HTTP 401 otherwise).

A large table takes seconds of pure Python, so the workbook is made in a worker process
(:mod:`server.xlsx_book`): in a thread it would hold the GIL and slow every other request.
"""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from graph.coverage.offload import BrokenProcessPool, own_process
from server.auth import error_body, principal_of, worded_error_body
from server.xlsx_book import MAX_COLUMNS, MAX_ROWS, sheet_title, workbook_from_json

__all__ = ["MAX_COLUMNS", "MAX_ROWS", "XLSX_TYPE", "export_xlsx", "sheet_title"]

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def export_xlsx(request: Request) -> Response:
    # Signed-in callers only, like every route but health: an open converter is a free service
    # for anyone who can reach the port.
    if principal_of(request) is None:
        return JSONResponse(error_body("Sign in first. 请先登录。", "UNAUTHENTICATED"), 401)
    try:
        made = await own_process(workbook_from_json, await request.body())
    except BrokenProcessPool:
        words = ("导出进程已停止，请重试。", "The export worker stopped; try again.")
        return JSONResponse(worded_error_body("SERVICE_UNAVAILABLE", *words), 503)
    if isinstance(made, str):
        return JSONResponse({"error": made}, status_code=400)
    title, book = made
    return Response(
        book,
        media_type=XLSX_TYPE,
        headers={"content-disposition": f"attachment; filename*=UTF-8''{quote(title + '.xlsx')}"},
    )
