"""Micro-renewal projects (微更新) in the API: ``projects`` and ``project`` with their places,
status dates, photos (each with the address it is served at: ``/photos/{id}``, for signed-in
callers in scope; uploads are ``POST /projects/{id}/photos``, server/photos.py) and residents'
satisfaction; ``proposeProject``, ``advanceProject`` and ``recordSatisfaction``.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum

import strawberry

from graph.errors import ChangeError
from graph.governance import projects as store
from graph.governance.projects import PhotoRow, ProjectRow
from schema.change_scope import check_change
from schema.context import Info
from schema.mutations import UserError, audited_change
from schema.types import Area

__all__ = ["ProjectsMutation", "ProjectsQuery"]

MAX_PROJECTS = 500


@strawberry.enum
class ProjectKind(Enum):
    ROAD = "road"
    GREENING = "greening"
    LIGHTING = "lighting"
    PARKING = "parking"
    GATE = "gate"
    PIPES = "pipes"
    ACCESSIBILITY = "accessibility"
    FACILITIES = "facilities"
    OTHER = "other"


@strawberry.enum(description="proposed → approved → in progress → done.")
class ProjectStatus(Enum):
    PROPOSED = "proposed"
    APPROVED = "approved"
    IN_PROGRESS = "in_progress"
    DONE = "done"


@strawberry.enum
class Funding(Enum):
    STREET_BUDGET = "street_budget"
    MAINTENANCE_FUND = "maintenance_fund"
    PROPERTY_COMPANY = "property_company"
    RESIDENTS = "residents"
    GOVERNMENT = "government"
    OTHER = "other"


@strawberry.enum
class PhotoKind(Enum):
    BEFORE = "before"
    AFTER = "after"


@strawberry.type(description="A photo of a project, kept by its SHA-256.")
class ProjectPhoto:
    id: strawberry.ID
    kind: PhotoKind
    caption: str | None
    sha256: str
    mime: str
    bytes: int
    width: int
    height: int
    uploaded_at: datetime
    url: str = strawberry.field(description="Where it is served (signed-in callers in scope).")

    @classmethod
    def of(cls, row: PhotoRow) -> ProjectPhoto:
        return cls(
            id=strawberry.ID(row.id), kind=PhotoKind(row.kind), caption=row.caption,
            sha256=row.sha256, mime=row.mime, bytes=row.bytes, width=row.width,
            height=row.height, uploaded_at=row.uploaded_at, url=f"/photos/{row.id}",
        )  # fmt: skip


@strawberry.type(description="Residents' satisfaction once it is done (1–5).")
class Satisfaction:
    responses: int
    average: float | None


@strawberry.type(description="A micro-renewal project (微更新).")
class Project:
    id: strawberry.ID
    title: str
    kind: ProjectKind
    status: ProjectStatus
    budget: float | None = strawberry.field(description="Yuan.")
    funding: Funding | None
    proposed_on: date | None
    approved_on: date | None
    started_on: date | None
    done_on: date | None
    decided_by: strawberry.ID | None = strawberry.field(description="The matter or vote.")
    photos: list[ProjectPhoto]
    satisfaction: Satisfaction
    row: strawberry.Private[ProjectRow]

    @classmethod
    def of(cls, row: ProjectRow) -> Project:
        ratings = row.ratings
        return cls(
            id=strawberry.ID(row.id), title=row.title, kind=ProjectKind(row.kind),
            status=ProjectStatus(row.status), budget=row.budget,
            funding=Funding(row.funding) if row.funding else None,
            proposed_on=row.days.get("proposed"), approved_on=row.days.get("approved"),
            started_on=row.days.get("in_progress"), done_on=row.days.get("done"),
            decided_by=strawberry.ID(row.decided_by) if row.decided_by else None,
            photos=[ProjectPhoto.of(p) for p in row.photos],
            satisfaction=Satisfaction(
                responses=len(ratings),
                average=round(sum(ratings) / len(ratings), 2) if ratings else None,
            ),
            row=row,
        )  # fmt: skip

    @strawberry.field(description="The places it touches.")
    async def places(self, info: Info) -> list[Area]:
        rows = [await info.context.loaders.area_by_code.load(c) for c in self.row.places]
        return [Area.of(r) for r in rows if r is not None]


@strawberry.input
class ProposeProjectInput:
    title: str
    kind: ProjectKind
    places: list[strawberry.ID] = strawberry.field(description="Corridors, blocks, … it touches.")
    budget: float | None = None
    funding: Funding | None = None
    decided_by: strawberry.ID | None = strawberry.field(
        default=None, description="The matter or vote that decided it."
    )
    description: str | None = None
    on: date | None = strawberry.field(default=None, description="Default: today.")


@strawberry.type
class ProjectPayload:
    project: Project | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


def _payload(result: ProjectRow | ChangeError) -> ProjectPayload:
    if isinstance(result, ChangeError):
        return ProjectPayload(errors=[UserError.of(result)])
    return ProjectPayload(project=Project.of(result))


async def _in_scope(info: Info, project: str) -> ChangeError | None:
    """Every place of the project in the caller's scope, or the project is unknown to them."""
    places = await store.project_places(info.context.db, id=project)
    unknown = ChangeError("NOT_FOUND", "id", f"No project {project!r}.", f"找不到项目“{project}”。")
    if places is None:
        return unknown
    refused = await check_change(info, areas=[("id", c) for c in places])
    return unknown if refused is not None and refused.code == "FORBIDDEN" else refused


@strawberry.type
class ProjectsQuery:
    @strawberry.field(description="Projects touching places in your scope, newest first.")
    async def projects(
        self, info: Info, area: strawberry.ID | None = None, status: ProjectStatus | None = None,
        first: int = 100,
    ) -> list[Project]:  # fmt: skip
        rows = await store.projects(
            info.context.db, below=area, status=status.value if status else None,
            first=max(0, min(first, MAX_PROJECTS)),
        )  # fmt: skip
        return [Project.of(r) for r in rows]

    @strawberry.field(description="One project; null outside your scope.")
    async def project(self, info: Info, id: strawberry.ID) -> Project | None:
        rows = await store.projects(info.context.db, id=id, first=1)
        return Project.of(rows[0]) if rows else None


@strawberry.type
class ProjectsMutation:
    @strawberry.mutation(description="Propose a project for places in your scope.")
    async def propose_project(self, info: Info, input: ProposeProjectInput) -> ProjectPayload:
        ctx = info.context
        check = check_change(info, areas=[("places", c) for c in input.places])

        async def make() -> ProjectRow | ChangeError:
            return await store.propose_project(
                ctx.db, title=input.title, kind=input.kind.value, places=list(input.places),
                budget=input.budget, funding=input.funding.value if input.funding else None,
                decided_by=input.decided_by, description=input.description,
                on=input.on or ctx.today,
            )  # fmt: skip

        return _payload(await audited_change(info, "proposeProject", [], check, make))

    @strawberry.mutation(description="Move a project to its next status on a day.")
    async def advance_project(
        self, info: Info, id: strawberry.ID, status: ProjectStatus, on: date | None = None
    ) -> ProjectPayload:
        ctx = info.context

        async def make() -> ProjectRow | ChangeError:
            day = on or ctx.today
            if day > ctx.today:
                return ChangeError("INVALID_DATES", "on", f"{day} is in the future.",
                                   f"日期 {day} 晚于今天。")  # fmt: skip
            return await store.advance_project(ctx.db, id=id, status=status.value, on=day)

        return _payload(await audited_change(info, "advanceProject", [], _in_scope(info, id), make))

    @strawberry.mutation(description="A resident's satisfaction with a done project (1–5).")
    async def record_satisfaction(
        self, info: Info, project_id: strawberry.ID, resident_id: strawberry.ID, score: int
    ) -> ProjectPayload:
        ctx = info.context

        async def denied() -> ChangeError | None:
            return await _in_scope(info, project_id) or await check_change(
                info, living=[("residentId", resident_id)]
            )

        async def make() -> ProjectRow | ChangeError:
            return await store.rate_project(ctx.db, project=project_id, resident=resident_id,
                                            score=score, on=ctx.today)  # fmt: skip

        result = await audited_change(info, "recordSatisfaction", [resident_id], denied(), make)
        return _payload(result)
