"""Project photos over HTTP: ``POST /projects/{id}/photos?kind=before|after&caption=…`` with the
image as the request body (``Content-Type: image/jpeg``, ``image/png`` or ``image/webp``), and
``GET /photos/{id}`` to see one.

Both need a signed-in caller (session cookie or bearer token). An upload needs the right to
upload photos and every place of the project in the caller's scope; it is checked (size, and that
Pillow reads it as such an image: :mod:`graph.governance.photos`), kept by its checksum, recorded
on the project, and audited (``uploadPhoto``, ok or not). A photo is served only when its project
is in the caller's scope: otherwise it is answered as unknown (404), as if there were none.
Refusals are GraphQL-shaped errors, worded in Chinese and English.
"""

from __future__ import annotations

from datetime import UTC, datetime

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from graph.access import audit
from graph.access.scope_checks import area_placed
from graph.access.session import GraphSession
from graph.errors import ChangeError
from graph.governance import photos, projects
from graph.identity import Home
from schema.permissions import allowed, reach_of
from server.auth import home_of_request, principal_of, worded_error_body

__all__ = ["photo_routes"]

KINDS = ("before", "after")
CAPTION_LIMIT = 200


def _error(status: int, code: str, zh: str, en: str) -> JSONResponse:
    return JSONResponse(worded_error_body(code, zh, en), status_code=status)


def _db(request: Request) -> GraphSession:
    state = request.app.state
    return GraphSession(state.driver, database=state.target.database,
                        reach=reach_of(principal_of(request)))  # fmt: skip


def _qualified(request: Request, code: str) -> str:
    home: Home | None = home_of_request(request)
    return home.qualify(code) if home is not None else code


async def _audit(request: Request, project: str, ok: bool) -> None:
    principal = principal_of(request)
    entry = audit.AuditEntry(
        at=datetime.now(UTC), account_id=principal.account_id if principal else None,
        role=principal.role if principal else None, operation="uploadPhoto", kind="mutation",
        ok=ok, target=project if audit.is_id(project) else None,
    )  # fmt: skip
    await audit.record(_db(request), entry=entry)


async def _read_body(request: Request, limit: int) -> bytes | None:
    """The body, or None once it passes ``limit`` (the rest is not read)."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


async def upload(request: Request) -> Response:
    principal = principal_of(request)
    if principal is None:
        return _error(401, "UNAUTHENTICATED", "请先登录。", "Sign in first.")
    if "uploadPhoto" not in allowed(principal):
        return _error(403, "FORBIDDEN", "该角色不能上传项目照片。",
                      f"A {principal.role} may not upload photos.")  # fmt: skip
    project = _qualified(request, request.path_params["id"])
    result = await _upload(request, project)
    await _audit(request, project, ok=not isinstance(result, Response))
    if isinstance(result, Response):
        return result
    return JSONResponse({"photo": result}, status_code=201)


async def _upload(request: Request, project: str) -> dict[str, object] | Response:
    kind = request.query_params.get("kind", "")
    caption = request.query_params.get("caption") or None
    if kind not in KINDS:
        return _error(400, "BAD_USER_INPUT", "kind 须为 before（改造前）或 after（改造后）。",
                      "kind must be before or after.")  # fmt: skip
    if caption is not None and len(caption) > CAPTION_LIMIT:
        return _error(400, "BAD_USER_INPUT", f"说明最多 {CAPTION_LIMIT} 字。",
                      f"A caption holds at most {CAPTION_LIMIT} characters.")  # fmt: skip
    db = _db(request)
    places = await projects.project_places(db, id=project)
    if places is None:
        return _error(404, "NOT_FOUND", f"找不到项目“{project}”。", f"No project {project!r}.")
    for code in places:
        if await area_placed(db, code=code) is False:
            return _error(404, "NOT_FOUND", f"找不到项目“{project}”。", f"No project {project!r}.")
    limit = photos.max_photo_bytes()
    data = await _read_body(request, limit)
    checked = photos.check(data, limit=limit) if data is not None else photos.too_large(limit)
    if isinstance(checked, ChangeError):
        status = 413 if checked.code == "PHOTO_TOO_LARGE" else 415
        return _error(status, checked.code, checked.message_zh, checked.message)
    assert data is not None  # a body over the limit was refused above
    photos.store(data, checked)
    principal = principal_of(request)
    row = await projects.add_photo(
        db, project=project, kind=kind, caption=caption, photo=checked, at=datetime.now(UTC),
        account=principal.account_id if principal else None,
    )  # fmt: skip
    if isinstance(row, ChangeError):
        return _error(404, row.code, row.message_zh, row.message)
    return {"id": row.id, "kind": row.kind, "sha256": row.sha256, "mime": row.mime,
            "bytes": row.bytes, "width": row.width, "height": row.height,
            "url": f"/photos/{row.id}"}  # fmt: skip


async def show(request: Request) -> Response:
    if principal_of(request) is None:
        return _error(401, "UNAUTHENTICATED", "请先登录。", "Sign in first.")
    photo = _qualified(request, request.path_params["id"])
    found = await projects.photo_by_id(_db(request), id=photo)
    data = photos.read(found["name"], found["sha256"]) if found else None
    if found is None or data is None:
        return _error(404, "NOT_FOUND", "找不到这张照片。", "No such photo.")
    headers = {
        "Cache-Control": "private, max-age=3600",  # a signed-in caller's, never a shared cache's
        "ETag": f'"{found["sha256"]}"',
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'",
    }
    if request.headers.get("if-none-match") == headers["ETag"]:
        return Response(status_code=304, headers=headers)
    return Response(data, media_type=found["mime"], headers=headers)


def photo_routes() -> list[Route]:
    return [
        Route("/projects/{id:path}/photos", upload, methods=["POST"]),
        Route("/photos/{id:path}", show, methods=["GET"]),
    ]
