"""The planner's web page: the single-page app built from ``web/`` into ``web/dist``.

The page is static; it reads and writes only through ``POST /graphql`` with the signed-in
account's bearer token, like any other client. :func:`web_routes` goes last in the app's routes
(``/`` would otherwise shadow ``/graphql``). When the bundle was not built, every page answers
503 saying how to build it, instead of a bare 404.
"""

from __future__ import annotations

import os
from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from server.xlsx_export import export_xlsx

DIST = Path(__file__).resolve().parent.parent / "web" / "dist"

# The page loads nothing from elsewhere; the policy makes the browser refuse it if it tried.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)

NOT_BUILT = """<!doctype html><meta charset="utf-8"><title>楼治 Louzhi</title>
<h1>网页尚未构建 / The web page is not built</h1>
<p>运行 <code>make setup</code>（或在 web/ 中 <code>npm ci &amp;&amp; npm run build</code>）
后重启服务。</p>
<p>Run <code>make setup</code> (or <code>npm ci &amp;&amp; npm run build</code> in web/) and
restart the service. The GraphQL API at <a href="/graphql">/graphql</a> works meanwhile.</p>"""


class PageFiles(StaticFiles):
    """The built files, with the content security policy on every answer."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        response.headers["content-security-policy"] = CONTENT_SECURITY_POLICY
        response.headers["x-content-type-options"] = "nosniff"
        if path in {".", "index.html"}:
            # index.html names the hashed bundles of the current build: always revalidate it.
            response.headers["cache-control"] = "no-cache"
        return response


async def not_built(request: Request) -> Response:
    return HTMLResponse(NOT_BUILT, status_code=503)


def web_dist() -> Path:
    """Where the built page is: ``LOUZHI_WEB_DIST`` or the checkout's ``web/dist``."""
    return Path(os.environ.get("LOUZHI_WEB_DIST", str(DIST)))


def web_routes(dist: Path | None = None) -> list[BaseRoute]:
    dist = dist or web_dist()
    routes: list[BaseRoute] = [Route("/export/xlsx", export_xlsx, methods=["POST"])]
    if (dist / "index.html").is_file():
        routes.append(Mount("/", app=PageFiles(directory=dist, html=True), name="web"))
    else:
        routes.append(Route("/{path:path}", not_built, methods=["GET", "HEAD"]))
    return routes
