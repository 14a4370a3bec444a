"""Micro-renewal projects (微更新) in the graph: ``(:Project)-[:AT]->(:Area)`` for every place it
touches, ``-[:DECIDED_BY]->`` the matter or vote that decided it, its photos
``-[:PHOTO]->(:Photo {kind: before|after, sha256, …})`` (the files: :mod:`graph.governance.photos`)
and residents' satisfaction afterwards, ``(:Person)-[:RATED {score, on}]->(:Project)``.

A project moves proposed → approved → in_progress → done, one status at a time, each dated (not
before the one it follows). A caller sees a project when one of its places is in their scope,
and changes it (photos included) only when all of them are.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.access.scope import area_in_scope
from graph.access.session import GraphSession
from graph.errors import ChangeError
from graph.governance.photos import PhotoFile
from graph.governance.places import communities_of
from graph.records.changes import not_found, one_row
from graph.store.values import run_rows

__all__ = [
    "DAY_OF",
    "FUNDING",
    "KINDS",
    "STATUSES",
    "PhotoRow",
    "ProjectRow",
    "add_photo",
    "advance_project",
    "photo_by_id",
    "project_places",
    "projects",
    "propose_project",
    "rate_project",
]

KINDS = ("road", "greening", "lighting", "parking", "gate", "pipes", "accessibility",
         "facilities", "other")  # fmt: skip
FUNDING = ("street_budget", "maintenance_fund", "property_company", "residents", "government",
           "other")  # fmt: skip
STATUSES = ("proposed", "approved", "in_progress", "done")
DAY_OF = {"proposed": "proposedOn", "approved": "approvedOn", "in_progress": "startedOn",
           "done": "doneOn"}  # fmt: skip


@dataclass(frozen=True)
class PhotoRow:
    id: str
    kind: str  # before | after
    caption: str | None
    sha256: str
    mime: str
    bytes: int
    width: int
    height: int
    uploaded_at: datetime
    name: str  # the file under the photo folder


@dataclass(frozen=True)
class ProjectRow:
    id: str
    title: str
    kind: str
    status: str
    budget: float | None
    funding: str | None
    days: dict[str, date | None]  # status -> the day it was reached
    places: tuple[str, ...]
    decided_by: str | None
    photos: tuple[PhotoRow, ...]
    ratings: tuple[int, ...]


_PROJECT_FIELDS = """p.id AS id, p.title AS title, p.kind AS kind, p.status AS status,
    p.budget AS budget, p.funding AS funding,
    {proposed: p.proposedOn, approved: p.approvedOn, in_progress: p.startedOn, done: p.doneOn}
    AS days,
    COLLECT { MATCH (p)-[:AT]->(x:Area) RETURN x.code ORDER BY x.code } AS places,
    [(p)-[:DECIDED_BY]->(d) | coalesce(d.id, '')][0] AS decidedBy,
    COLLECT { MATCH (p)-[:PHOTO]->(f:Photo) RETURN f {.id, .kind, .caption, .sha256, .mime,
              .bytes, .width, .height, .uploadedAt, .name} AS f ORDER BY f.uploadedAt } AS photos,
    COLLECT { MATCH (:Person)-[r:RATED]->(p) RETURN r.score } AS ratings"""
PROJECTS = f"""
    MATCH (p:Project)
    WHERE ($id IS NULL OR p.id = $id)
      AND EXISTS {{ MATCH (p)-[:AT]->(a:Area) WHERE {area_in_scope("a")}
                    AND ($below IS NULL OR $below IN [(a)-[:PART_OF*0..6]->(u:Area) | u.code]) }}
      AND ($status IS NULL OR p.status = $status)
    RETURN {_PROJECT_FIELDS}
    ORDER BY p.proposedOn DESC, p.id LIMIT $first"""
PLACES = "MATCH (p:Project {id: $id})-[:AT]->(a:Area) RETURN collect(a.code) AS places"
CREATE = """
    CREATE (p:Project {id: $id, title: $title, kind: $kind, status: 'proposed', budget: $budget,
                       funding: $funding, proposedOn: $on, description: $description})
    WITH p
    UNWIND $places AS code MATCH (a:Area {code: code}) CREATE (p)-[:AT]->(a)
    WITH DISTINCT p
    CALL (p) { MATCH (d) WHERE (d:Matter OR d:Vote) AND d.id = $decidedBy
               CREATE (p)-[:DECIDED_BY]->(d) }"""
DECIDER = "MATCH (d) WHERE (d:Matter OR d:Vote) AND d.id = $id RETURN d.id AS id"
LOCK = """
    MATCH (p:Project {id: $id}) SET p._lock = true REMOVE p._lock
    RETURN p.status AS status,
           [p.proposedOn, p.approvedOn, p.startedOn, p.doneOn] AS days"""
ADD_PHOTO = """
    MATCH (p:Project {id: $project})
    CREATE (p)-[:PHOTO]->(:Photo {id: $id, kind: $kind, caption: $caption, sha256: $sha256,
        mime: $mime, bytes: $bytes, width: $width, height: $height, uploadedAt: $at,
        name: $name, accountId: $account})"""
PHOTO = f"""
    MATCH (p:Project)-[:PHOTO]->(f:Photo {{id: $id}})
    WHERE EXISTS {{ MATCH (p)-[:AT]->(a:Area) WHERE {area_in_scope("a")} }}
    RETURN f.name AS name, f.sha256 AS sha256, f.mime AS mime"""
RATE = """
    MATCH (p:Project {id: $project}), (r:Resident {id: $resident})
    MERGE (r)-[x:RATED]->(p) SET x.score = $score, x.on = $on"""


_PHOTO_KEYS = {"id": "id", "kind": "kind", "caption": "caption", "sha256": "sha256",
               "mime": "mime", "bytes": "bytes", "width": "width", "height": "height",
               "uploaded_at": "uploadedAt", "name": "name"}  # fmt: skip


def _project(row: dict[str, Any]) -> ProjectRow:
    photos = tuple(
        PhotoRow(**{field: f[key] for field, key in _PHOTO_KEYS.items()}) for f in row["photos"]
    )
    return ProjectRow(
        id=row["id"], title=row["title"], kind=row["kind"], status=row["status"],
        budget=row["budget"], funding=row["funding"], days=row["days"],
        places=tuple(row["places"]), decided_by=row["decidedBy"] or None, photos=photos,
        ratings=tuple(row["ratings"]),
    )  # fmt: skip


async def projects(
    db: GraphSession, *, id: str | None = None, below: str | None = None,
    status: str | None = None, first: int = 100,
) -> list[ProjectRow]:  # fmt: skip
    rows = await db.read(PROJECTS, id=id, below=below, status=status, first=first)
    return [_project(r) for r in rows]


async def project_places(db: GraphSession, *, id: str) -> list[str] | None:
    """Every place of a project, whoever asks (to check a change against the caller's scope)."""
    rows = await db.read(PLACES, id=id)
    return rows[0]["places"] or None if rows else None


async def _read_back(tx: AsyncManagedTransaction, project: str) -> ProjectRow:
    rows = await run_rows(tx, PROJECTS, id=project, below=None, status=None, first=1, scope=None)
    return _project(rows[0])


async def propose_project(
    db: GraphSession, *, title: str, kind: str, places: list[str], budget: float | None,
    funding: str | None, decided_by: str | None, description: str | None, on: date,
) -> ProjectRow | ChangeError:  # fmt: skip
    async def work(tx: AsyncManagedTransaction) -> ProjectRow | ChangeError:
        if not places:
            return ChangeError("BAD_USER_INPUT", "places", "Name at least one place.",
                               "请至少填写一个地点。")  # fmt: skip
        found = await communities_of(tx, places)
        for code in places:
            if code not in found:
                return not_found("places", "area", "网格单元", code)
        communities = {c for c in found.values() if c is not None}
        if len(communities) != 1 or None in found.values():
            return ChangeError("WRONG_SCOPE", "places", "A project's places are in one community.",
                               "项目的地点须在同一社区内。")  # fmt: skip
        if decided_by and await one_row(tx, DECIDER, id=decided_by) is None:
            return not_found("decidedBy", "matter or vote", "议题或表决", decided_by)
        if budget is not None and budget < 0:
            return ChangeError("BAD_USER_INPUT", "budget", "A budget is 0 or more.",
                               "预算不能为负。")  # fmt: skip
        project = f"{communities.pop()}/P-{secrets.token_hex(4).upper()}"
        await run_rows(tx, CREATE, id=project, title=title, kind=kind, places=places,
                       budget=budget, funding=funding, on=on, description=description,
                       decidedBy=decided_by)  # fmt: skip
        return await _read_back(tx, project)

    return await db.write(work)


def _next(index: int) -> str:
    return STATUSES[index + 1] if index + 1 < len(STATUSES) else "no other status"


async def advance_project(
    db: GraphSession, *, id: str, status: str, on: date
) -> ProjectRow | ChangeError:
    async def work(tx: AsyncManagedTransaction) -> ProjectRow | ChangeError:
        locked = await one_row(tx, LOCK, id=id)
        if locked is None:
            return not_found("id", "project", "项目", id)
        now = STATUSES.index(locked["status"])
        if status not in STATUSES or STATUSES.index(status) != now + 1:
            return ChangeError(
                "INVALID_STEP", "status",
                f"A {locked['status']} project moves to {_next(now)} next, not {status}.",
                "项目须按 立项→批准→施工→完工 的顺序推进。",
            )  # fmt: skip
        last = max(d for d in locked["days"] if d is not None)
        if on < last:
            return ChangeError("INVALID_DATES", "on", f"{on} is before {last}.",
                               f"日期 {on} 早于上一阶段（{last}）。")  # fmt: skip
        await run_rows(tx, f"MATCH (p:Project {{id: $id}}) SET p.status = $status, "
                           f"p.{DAY_OF[status]} = $on", id=id, status=status, on=on)  # fmt: skip
        return await _read_back(tx, id)

    return await db.write(work)


async def add_photo(
    db: GraphSession, *, project: str, kind: str, caption: str | None, photo: PhotoFile,
    at: datetime, account: str | None,
) -> PhotoRow | ChangeError:  # fmt: skip
    async def work(tx: AsyncManagedTransaction) -> PhotoRow | ChangeError:
        if await one_row(tx, LOCK, id=project) is None:
            return not_found("project", "project", "项目", project)
        photo_id = f"{project.split('/', 1)[0]}/F-{secrets.token_hex(6).upper()}"
        await run_rows(tx, ADD_PHOTO, project=project, id=photo_id, kind=kind, caption=caption,
                       sha256=photo.sha256, mime=photo.mime, bytes=photo.bytes,
                       width=photo.width, height=photo.height, at=at, name=photo.name,
                       account=account)  # fmt: skip
        return PhotoRow(photo_id, kind, caption, photo.sha256, photo.mime, photo.bytes,
                        photo.width, photo.height, at, photo.name)  # fmt: skip

    return await db.write(work)


async def photo_by_id(db: GraphSession, *, id: str) -> dict[str, Any] | None:
    """Where a photo's file is, when the caller's scope reaches its project."""
    rows = await db.read(PHOTO, id=id)
    return rows[0] if rows else None


async def rate_project(
    db: GraphSession, *, project: str, resident: str, score: int, on: date
) -> ProjectRow | ChangeError:
    async def work(tx: AsyncManagedTransaction) -> ProjectRow | ChangeError:
        locked = await one_row(tx, LOCK, id=project)
        if locked is None:
            return not_found("projectId", "project", "项目", project)
        if locked["status"] != "done":
            return ChangeError(
                "INVALID_STEP", "projectId", "Satisfaction is asked once it is done.",
                "项目完工后才能评价。",
            )  # fmt: skip
        if not 1 <= score <= 5:
            return ChangeError("BAD_USER_INPUT", "score", "A score is 1 to 5.", "评分为 1 到 5。")
        await run_rows(tx, RATE, project=project, resident=resident, score=score, on=on)
        return await _read_back(tx, project)

    return await db.write(work)
