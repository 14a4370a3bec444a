"""Governance matters in the API: the board (``matters``), one matter with its timeline
(``matter``), and the two changes, ``raiseMatter`` and ``advanceMatter``.

Scope is the place's: a caller sees and changes the matters about places in their scope, so a
floor chief raises matters for their own corridor only (FORBIDDEN elsewhere). A matter's history
is appended to, never edited: there is no mutation that changes or removes a step.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import Enum

import strawberry

from graph.analysis.matters import LEVELS, escalation_due, load_matter_rules
from graph.errors import ChangeError
from graph.governance import matters as store
from graph.governance.matters import MatterRow, StepRow
from schema.change_scope import check_change
from schema.context import Info
from schema.meetings import Meeting
from schema.mutations import UserError, audited_change
from schema.types import Area, Person, person_of
from schema.votes import Vote

__all__ = ["MattersMutation", "MattersQuery"]

MAX_MATTERS = 500


@strawberry.enum(description="Where a matter is handled: 楼组 / 协商 / 表决.")
class MatterLevel(Enum):
    BUILDING = "building"
    CONSULTATION = "consultation"
    COMMUNITY_VOTE = "community_vote"


@strawberry.enum
class MatterStatus(Enum):
    RAISED = "raised"
    ACCEPTED = "accepted"
    RESOLVED = "resolved"
    CLOSED = "closed"


@strawberry.enum
class MatterCategory(Enum):
    ENVIRONMENT = "environment"
    PARKING = "parking"
    SAFETY = "safety"
    REPAIRS = "repairs"
    NEIGHBOUR_DISPUTE = "neighbour_dispute"
    ELDERLY_CARE = "elderly_care"
    GREENING = "greening"
    FACILITIES = "facilities"
    OTHER = "other"


@strawberry.enum(description="A step of a matter's history.")
class MatterAction(Enum):
    RAISE = "raise"
    ACCEPT = "accept"
    NOTE = "note"
    ESCALATE = "escalate"
    RESOLVE = "resolve"
    CLOSE = "close"


@strawberry.type(description="One dated step of a matter's history, by someone.")
class MatterStep:
    seq: int
    action: MatterAction
    on: date
    at: datetime
    level: MatterLevel
    status: MatterStatus
    note: str | None
    outcome: str | None
    person_id: strawberry.Private[str | None]

    @classmethod
    def of(cls, row: StepRow) -> MatterStep:
        return cls(
            seq=row.seq, action=MatterAction(row.action), on=row.on, at=row.at,
            level=MatterLevel(row.level), status=MatterStatus(row.status), note=row.note,
            outcome=row.outcome, person_id=row.person,
        )  # fmt: skip

    @strawberry.field(description="Who took the step (null: an account bound to no person).")
    async def by(self, info: Info) -> Person | None:
        if self.person_id is None:
            return None
        return person_of(await info.context.loaders.person_by_id.load(self.person_id))


@strawberry.type(description="A matter raised about a place (议题/事项).")
class Matter:
    id: strawberry.ID
    title: str
    description: str | None
    category: MatterCategory
    level: MatterLevel
    status: MatterStatus
    level_since: date = strawberry.field(description="Since when it is at its level.")
    outcome: str | None
    steps: list[MatterStep] = strawberry.field(description="Its history, oldest first.")
    row: strawberry.Private[MatterRow]

    @classmethod
    def of(cls, row: MatterRow) -> Matter:
        return cls(
            id=strawberry.ID(row.id), title=row.title, description=row.description,
            category=MatterCategory(row.category), level=MatterLevel(row.level),
            status=MatterStatus(row.status), level_since=row.level_since, outcome=row.outcome,
            steps=[MatterStep.of(s) for s in row.steps], row=row,
        )  # fmt: skip

    @strawberry.field(description="The place it is about.")
    async def area(self, info: Info) -> Area | None:
        found = await info.context.loaders.area_by_code.load(self.row.area)
        return Area.of(found) if found else None

    @strawberry.field(description="Its votes, newest first.")
    async def votes(self, info: Info) -> list[Vote]:
        return [Vote.of(v) for v in await info.context.loaders.votes_by_matter.load(self.row.id)]

    @strawberry.field(description="The consultation meetings that discussed it, newest first.")
    async def meetings(self, info: Info) -> list[Meeting]:
        found = await info.context.loaders.meetings_by_matter.load(self.row.id)
        return [Meeting.of(g) for g in found]

    @strawberry.field(description="Who raised it.")
    async def raised_by(self, info: Info) -> Person | None:
        if self.row.raised_by is None:
            return None
        return person_of(await info.context.loaders.person_by_id.load(self.row.raised_by))

    @strawberry.field(
        description="Days an open matter is past the rules' limit at its level (rules file, "
        "[matters] escalate_after_days; building 14, consultation 30 by default): it is "
        "proposed for the next level. Null when not due."
    )
    def escalation_due_days(self, info: Info) -> int | None:
        return escalation_due(self.row.state, info.context.today, load_matter_rules())

    @strawberry.field(description="The level an overdue matter is proposed for.")
    def proposed_level(self, info: Info) -> MatterLevel | None:
        if self.escalation_due_days(info) is None:
            return None
        return MatterLevel(LEVELS[LEVELS.index(self.row.level) + 1])


@strawberry.input
class MatterFilter:
    area: strawberry.ID | None = strawberry.field(
        default=None, description="Only matters about this place or places below it."
    )
    level: MatterLevel | None = None
    status: list[MatterStatus] | None = None
    category: MatterCategory | None = None


@strawberry.input
class RaiseMatterInput:
    area: strawberry.ID = strawberry.field(description="A corridor, block, … or the community.")
    title: str
    category: MatterCategory
    level: MatterLevel = MatterLevel.BUILDING
    description: str | None = None
    raised_by: strawberry.ID | None = strawberry.field(
        default=None, description="The person who raised it (default: the caller's own)."
    )
    note: str | None = None
    on: date | None = strawberry.field(default=None, description="Default: today.")


@strawberry.input
class AdvanceMatterInput:
    id: strawberry.ID
    action: MatterAction = strawberry.field(description="Any step but RAISE.")
    note: str | None = None
    outcome: str | None = strawberry.field(default=None, description="Needed to RESOLVE, CLOSE.")
    on: date | None = strawberry.field(default=None, description="Default: today.")


@strawberry.type
class MatterPayload:
    matter: Matter | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


def _payload(result: MatterRow | ChangeError) -> MatterPayload:
    if isinstance(result, ChangeError):
        return MatterPayload(errors=[UserError.of(result)])
    return MatterPayload(matter=Matter.of(result))


def _future(on: date, today: date) -> ChangeError | None:
    if on <= today:
        return None
    return ChangeError("INVALID_DATES", "on", f"{on} is in the future.", f"日期 {on} 晚于今天。")


@strawberry.type
class MattersQuery:
    @strawberry.field(description="Matters about places in your scope, newest first.")
    async def matters(
        self, info: Info, filter: MatterFilter | None = None, first: int = 100
    ) -> list[Matter]:
        f = filter or MatterFilter()
        rows = await store.matters(
            info.context.db,
            below=f.area,
            level=f.level.value if f.level else None,
            status=[s.value for s in f.status] if f.status else None,
            category=f.category.value if f.category else None,
            first=max(0, min(first, MAX_MATTERS)),
        )
        return [Matter.of(r) for r in rows]

    @strawberry.field(description="One matter with its history; null outside your scope.")
    async def matter(self, info: Info, id: strawberry.ID) -> Matter | None:
        rows = await store.matters(info.context.db, id=id, first=1)
        return Matter.of(rows[0]) if rows else None


@strawberry.type
class MattersMutation:
    @strawberry.mutation(description="Raise a matter about a place in your scope.")
    async def raise_matter(self, info: Info, input: RaiseMatterInput) -> MatterPayload:
        ctx = info.context
        principal = ctx.principal
        on = input.on or ctx.today

        async def make() -> MatterRow | ChangeError:
            if (bad := _future(on, ctx.today)) is not None:
                return bad
            return await store.raise_matter(
                ctx.db, area=input.area, title=input.title, description=input.description,
                category=input.category.value, level=input.level.value,
                raised_by=input.raised_by, note=input.note, on=on,
                at=datetime.now(UTC), account=principal.account_id if principal else None,
                person=principal.person_id if principal else None,
            )  # fmt: skip

        reachable = [("raisedBy", input.raised_by)] if input.raised_by else []
        check = check_change(info, areas=[("area", input.area)], reachable=reachable)
        result = await audited_change(info, "raiseMatter", [input.raised_by or ""], check, make)
        return _payload(result)

    @strawberry.mutation(description="Take the next step of a matter: a step is only appended.")
    async def advance_matter(self, info: Info, input: AdvanceMatterInput) -> MatterPayload:
        ctx = info.context
        principal = ctx.principal
        on = input.on or ctx.today
        # In scope or not at all: a matter outside the caller's scope is answered as unknown.
        found = await store.matters(ctx.db, id=input.id, first=1)

        async def denied() -> ChangeError | None:
            if not found:
                return ChangeError("NOT_FOUND", "id", f"No matter with id {input.id!r}.",
                                   f"找不到议题“{input.id}”。")  # fmt: skip
            return await check_change(info, areas=[("id", found[0].area)])

        async def make() -> MatterRow | ChangeError:
            if input.action is MatterAction.RAISE:
                return ChangeError("INVALID_STEP", "action", "A matter is raised once.",
                                   "议题只提出一次。")  # fmt: skip
            if (bad := _future(on, ctx.today)) is not None:
                return bad
            return await store.append_step(
                ctx.db, matter_id=input.id, action=input.action.value, note=input.note,
                outcome=input.outcome, on=on, at=datetime.now(UTC),
                account=principal.account_id if principal else None,
                person=principal.person_id if principal else None,
            )  # fmt: skip

        result = await audited_change(info, "advanceMatter", [], denied(), make)
        return _payload(result)
