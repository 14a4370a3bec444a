"""Emergency events through the API: the committee starts one for an area, floor chiefs and
responders mark each elder from their phone, the live board shows who has not been reached by
corridor and since when, and the after-action report says how it went
(:mod:`graph.analysis.events`; marks are appended, never changed, and audited).

Example::

    mutation { startEmergencyEvent(input: {area: "QS", kind: TYPHOON, title: "台风“海葵”"}) {
        event { id summary { elders notReached } } errors { code } } }
    mutation { markEventElder(input: {eventId: "QS/E-…", residentId: "R0001",
                                      status: SAFE_AT_HOME}) { mark { seq at } errors { code } } }
    { emergencyEvents(open: true) { id corridors { code notReached oldestNotReachedSince } } }
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import Enum

import strawberry

from graph.analysis import events as rules_of_events
from graph.analysis.events import ElderNow, Mark
from graph.emergency import events as store
from graph.emergency.events import EventRow
from graph.errors import ChangeError
from graph.records.changes import not_found
from schema.change_scope import check_change
from schema.codes import current_home
from schema.context import Info
from schema.coverage.resolvers import rules_for
from schema.emergency.plans import PlanProblem, Responder, responder
from schema.enums import Window
from schema.fields import DETAIL
from schema.mutations import UserError, audited_change
from schema.pagination import page_size
from schema.permissions import Audited, PersonalDetail

__all__ = ["EventsMutation", "EventsQuery"]

EventKind = strawberry.enum(
    Enum("EventKind", {k.upper(): k for k in rules_of_events.EVENT_KINDS}),
    description="What the event is: a typhoon warning, a heat wave, a cold wave, a flood, a "
    "power cut, a water cut, or something else.",
)
MarkStatus = strawberry.enum(
    Enum("MarkStatus", {k.upper(): k for k in rules_of_events.MARKS}),
    description="Where an elder stands: reached, evacuated, staying safely at home, needs "
    "help, or not reached (tried, nobody answered).",
)
PlanFailure = strawberry.enum(
    Enum("PlanFailure", {c: c for c in rules_of_events.FAILURES}),
    description="Why a plan failed in an event: none would work at the start, the elder was "
    "never reached, was reached first by somebody the plan does not name, or needed help.",
)


@strawberry.type(description="A mark made during an event; marks are appended, never changed.")
class EventMark:
    seq: int = strawberry.field(description="Its number in the event, in the order written.")
    resident_id: strawberry.ID
    status: MarkStatus  # type: ignore[valid-type]
    at: datetime
    by: Responder | None = strawberry.field(description="Who marked (their account's person).")
    note: str | None = strawberry.field(
        description=f"What they saw. {DETAIL}", extensions=[PersonalDetail()]
    )

    @classmethod
    def of(cls, row: EventRow, m: Mark) -> EventMark:
        return cls(seq=m.seq, resident_id=strawberry.ID(m.elder_id),
                   status=MarkStatus(m.status), at=m.at, by=responder(row.names, m.person),
                   note=m.note)  # fmt: skip


@strawberry.type(description="An elder of an event: where they stand now, and every mark.")
class EventElder:
    resident_id: strawberry.ID
    name: str = strawberry.field(extensions=[Audited()])
    corridor: strawberry.ID
    status: MarkStatus | None = strawberry.field(  # type: ignore[valid-type]
        description="The latest mark's; null when nobody has marked them yet."
    )
    reached: bool = strawberry.field(description="Their latest mark says somebody saw them.")
    since: datetime = strawberry.field(description="Their latest mark, else the event's start.")
    plan_complete: bool = strawberry.field(description="Their plan would work at the start.")
    first_responder: Responder | None
    backup_responder: Responder | None
    marks: list[EventMark]


@strawberry.type
class EventSummary:
    elders: int
    reached: int
    not_reached: int = strawberry.field(description="Unmarked, or last marked not reached.")
    unmarked: int
    needs_help: int
    evacuated: int
    safe_at_home: int


@strawberry.type(description="A corridor of the live board.")
class EventCorridor:
    code: strawberry.ID
    elders: int
    not_reached: int
    needs_help: int
    oldest_not_reached_since: datetime | None = strawberry.field(
        description="Since when the longest-waiting elder not reached has waited."
    )


@strawberry.type
class AfterActionElder:
    resident_id: strawberry.ID
    name: str = strawberry.field(extensions=[Audited()])
    corridor: strawberry.ID
    minutes_to_reach: float | None = strawberry.field(
        description="From the start to the first mark that reached them; null: never."
    )
    reached_by: Responder | None
    by_responder: bool = strawberry.field(description="First reached by a responder named.")
    failures: list[PlanFailure]  # type: ignore[valid-type]
    problems_at_start: list[PlanProblem]  # type: ignore[valid-type]


@strawberry.type(description="How an event went (of the marks made so far, until it closes).")
class AfterActionReport:
    reached: int
    never_reached: list[strawberry.ID]
    median_minutes_to_reach: float | None
    longest_minutes_to_reach: float | None
    elders: list[AfterActionElder]
    failed_plans: list[AfterActionElder]


@strawberry.type(description="An emergency event for an area, and its elders who need a plan.")
class EmergencyEvent:
    id: strawberry.ID
    kind: EventKind  # type: ignore[valid-type]
    title: str
    note: str | None
    area: strawberry.ID
    started_at: datetime
    window: Window = strawberry.field(description="The window of the week it started in.")
    closed_at: datetime | None
    close_note: str | None
    open: bool
    record: strawberry.Private[EventRow]
    now: strawberry.Private[list[ElderNow]]

    @classmethod
    def of(cls, row: EventRow) -> EmergencyEvent:
        return cls(id=strawberry.ID(row.id), kind=EventKind(row.kind), title=row.title,
                   note=row.note, area=strawberry.ID(row.area), started_at=row.started_at,
                   window=Window(row.window), closed_at=row.closed_at, close_note=row.close_note,
                   open=row.open, record=row,
                   now=rules_of_events.now_of(row.included, row.marks, row.started_at))  # fmt: skip

    @strawberry.field
    def summary(self) -> EventSummary:
        statuses = [e.status for e in self.now]
        return EventSummary(
            elders=len(self.now), reached=sum(e.reached for e in self.now),
            not_reached=sum(not e.reached for e in self.now), unmarked=statuses.count(None),
            needs_help=statuses.count("needs_help"), evacuated=statuses.count("evacuated"),
            safe_at_home=statuses.count("safe_at_home"),
        )  # fmt: skip

    @strawberry.field(description="The live board: each corridor, who is not reached yet.")
    def corridors(self) -> list[EventCorridor]:
        out: dict[str, list[ElderNow]] = {}
        for e in self.now:
            out.setdefault(e.corridor, []).append(e)
        rows = []
        for code, elders in sorted(out.items()):
            waiting = [e.since for e in elders if not e.reached]
            rows.append(EventCorridor(
                code=strawberry.ID(code), elders=len(elders), not_reached=len(waiting),
                needs_help=sum(e.status == "needs_help" for e in elders),
                oldest_not_reached_since=min(waiting) if waiting else None,
            ))  # fmt: skip
        return rows

    @strawberry.field(description="Its elders you see; ``onlyNotReached``: those not reached, "
                      "the longest waiting first.")  # fmt: skip
    def elders(self, only_not_reached: bool = False,
               corridor: strawberry.ID | None = None) -> list[EventElder]:  # fmt: skip
        kept = {i.elder_id: i for i in self.record.included}
        # A nested argument is not rewritten like a root field's (schema/codes.py): written as
        # the caller writes codes, it is qualified here.
        where = current_home().qualify(corridor) if corridor is not None else None
        chosen = [e for e in self.now if not (only_not_reached and e.reached)
                  and (where is None or e.corridor == where)]  # fmt: skip
        if only_not_reached:
            chosen.sort(key=lambda e: (e.since, e.elder_id))
        return [
            EventElder(
                resident_id=strawberry.ID(e.elder_id), name=self.record.names.get(e.elder_id, ""),
                corridor=strawberry.ID(e.corridor),
                status=MarkStatus(e.status) if e.status else None, reached=e.reached,
                since=e.since, plan_complete=kept[e.elder_id].complete,
                first_responder=responder(self.record.names, kept[e.elder_id].first),
                backup_responder=responder(self.record.names, kept[e.elder_id].backup),
                marks=[EventMark.of(self.record, m) for m in e.marks],
            )
            for e in chosen
        ]  # fmt: skip

    @strawberry.field(description="Time to reach each elder, who was never reached, which plans "
                      "failed and why.")  # fmt: skip
    def report(self) -> AfterActionReport:
        row = self.record
        done = rules_of_events.after_action(row.included, row.marks, row.started_at)
        elders = [
            AfterActionElder(
                resident_id=strawberry.ID(e.elder_id), name=row.names.get(e.elder_id, ""),
                corridor=strawberry.ID(e.corridor), minutes_to_reach=e.minutes_to_reach,
                reached_by=responder(row.names, e.reached_by), by_responder=e.by_responder,
                failures=[PlanFailure[f] for f in e.failures],
                problems_at_start=[PlanProblem[p] for p in e.problems_at_start],
            )
            for e in done.elders
        ]  # fmt: skip
        return AfterActionReport(
            reached=done.reached, never_reached=[strawberry.ID(e) for e in done.never_reached],
            median_minutes_to_reach=done.median_minutes,
            longest_minutes_to_reach=done.longest_minutes, elders=elders,
            failed_plans=[e for e in elders if e.failures],
        )  # fmt: skip


def _person_of(info: Info) -> str | None:
    p = info.context.principal
    return p.person_id if p else None


async def _one(info: Info, event_id: str) -> EventRow | None:
    rows = await store.events(info.context.db, person=_person_of(info), id=event_id, first=1)
    return rows[0] if rows else None


@strawberry.type
class EventsQuery:
    @strawberry.field(description="The emergency events you see, newest first; ``open``: only "
                      "those under way (true) or closed (false).")  # fmt: skip
    async def emergency_events(
        self, info: Info, open: bool | None = None, first: int | None = None
    ) -> list[EmergencyEvent]:
        rows = await store.events(info.context.db, person=_person_of(info), open=open,
                                  first=page_size(first))  # fmt: skip
        return [EmergencyEvent.of(r) for r in rows]

    @strawberry.field(description="One event, with the elders of it you see.")
    async def emergency_event(self, info: Info, id: strawberry.ID) -> EmergencyEvent | None:
        found = await _one(info, id)
        return EmergencyEvent.of(found) if found else None


@strawberry.input
class StartEmergencyEventInput:
    area: strawberry.ID
    kind: EventKind  # type: ignore[valid-type]
    title: str
    note: str | None = None


@strawberry.input
class MarkEventElderInput:
    event_id: strawberry.ID
    resident_id: strawberry.ID
    status: MarkStatus  # type: ignore[valid-type]
    note: str | None = None


@strawberry.input
class CloseEmergencyEventInput:
    event_id: strawberry.ID
    note: str | None = None


@strawberry.type
class EmergencyEventPayload:
    event: EmergencyEvent | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class EventMarkPayload:
    mark: EventMark | None = None
    event: EmergencyEvent | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


def _not_yours(event: str) -> ChangeError:
    return not_found("eventId", "event", "事件", event)


async def _event_payload(info: Info, result: str | ChangeError) -> EmergencyEventPayload:
    if isinstance(result, ChangeError):
        return EmergencyEventPayload(errors=[UserError.of(result)])
    found = await _one(info, result)
    return EmergencyEventPayload(event=EmergencyEvent.of(found) if found else None)


@strawberry.type
class EventsMutation:
    @strawberry.mutation(description="Start an emergency event for an area of your scope: its "
                         "elders who need a plan are taken in as their plans stand.")  # fmt: skip
    async def start_emergency_event(
        self, info: Info, input: StartEmergencyEventInput
    ) -> EmergencyEventPayload:
        ctx = info.context

        async def make() -> str | ChangeError:
            return await store.start_event(
                ctx.db, area=input.area, kind=input.kind.value, title=input.title,
                note=input.note, at=datetime.now(UTC), rules=rules_for(info, None),
                account=ctx.principal.account_id if ctx.principal else None,
            )  # fmt: skip

        check = check_change(info, areas=[("area", input.area)])
        result = await audited_change(info, "startEmergencyEvent", [], check, make)
        return await _event_payload(info, result)

    @strawberry.mutation(description="Mark an elder of an event you serve (their floor chief, "
                         "a responder named in their plan): appended, never changed.")  # fmt: skip
    async def mark_event_elder(self, info: Info, input: MarkEventElderInput) -> EventMarkPayload:
        ctx = info.context
        # Only the elders of the event the caller sees may be marked by them.
        found = await _one(info, input.event_id)

        async def denied() -> ChangeError | None:
            if ctx.principal is None:
                return ChangeError("UNAUTHENTICATED", None, "Sign in first.", "请先登录。")
            if found is None:
                return _not_yours(input.event_id)
            if input.resident_id not in {i.elder_id for i in found.included}:
                return ChangeError("NOT_IN_EVENT", "residentId",
                                   f"{input.resident_id!r} is not one of the event's elders "
                                   "you serve.", f"“{input.resident_id}”不在您负责的本次事件"
                                   "老人名单中。")  # fmt: skip
            return None

        async def make() -> int | ChangeError:
            principal = ctx.principal
            return await store.mark_elder(
                ctx.db, event=input.event_id, elder=input.resident_id,
                status=input.status.value, note=input.note, at=datetime.now(UTC),
                account=principal.account_id if principal else None, person=_person_of(info),
            )  # fmt: skip

        result = await audited_change(info, "markEventElder", [input.resident_id], denied(),
                                      make)  # fmt: skip
        if isinstance(result, ChangeError):
            return EventMarkPayload(errors=[UserError.of(result)])
        after = await _one(info, input.event_id)
        mark = next((m for m in after.marks if m.seq == result), None) if after else None
        return EventMarkPayload(
            mark=EventMark.of(after, mark) if after and mark else None,
            event=EmergencyEvent.of(after) if after else None,
        )

    @strawberry.mutation(description="Close an event: it takes no more marks.")
    async def close_emergency_event(
        self, info: Info, input: CloseEmergencyEventInput
    ) -> EmergencyEventPayload:
        ctx = info.context
        found = await _one(info, input.event_id)

        async def denied() -> ChangeError | None:
            if found is None:
                return _not_yours(input.event_id)
            return await check_change(info, areas=[("eventId", found.area)])

        async def make() -> str | ChangeError:
            return await store.close_event(
                ctx.db, event=input.event_id, note=input.note, at=datetime.now(UTC),
                account=ctx.principal.account_id if ctx.principal else None,
            )  # fmt: skip

        result = await audited_change(info, "closeEmergencyEvent", [], denied(), make)
        return await _event_payload(info, result)
