"""Consultation meetings (协商议事会) in the API: ``meetings``, ``meeting``, ``Matter.meetings``;
``recordMeeting`` (a meeting held: its place, the matters discussed, who took part as what, its
decisions with a responsible party and a due date) and ``followUpDecision``.
"""

from __future__ import annotations

from datetime import date
from enum import Enum

import strawberry

from graph.errors import ChangeError
from graph.governance import meetings as store
from graph.governance.meetings import DecisionRow, MeetingRow
from schema.change_scope import check_change
from schema.context import Info
from schema.mutations import UserError, audited_change
from schema.types import Area, Person, person_of

__all__ = ["Meeting", "MeetingsMutation", "MeetingsQuery"]


@strawberry.enum(description="As what someone takes part; the troika: the committee's staff, the "
                 "owners' committee and the property company.")  # fmt: skip
class Capacity(Enum):
    RESIDENT = "resident"
    FLOOR_CHIEF = "floor_chief"
    PARTY_MEMBER = "party_member"
    COMMITTEE_STAFF = "committee_staff"
    OWNERS_COMMITTEE = "owners_committee"
    PROPERTY_COMPANY = "property_company"
    OTHER = "other"


@strawberry.type
class Participant:
    capacity: Capacity
    person_id: strawberry.Private[str]

    @strawberry.field
    async def person(self, info: Info) -> Person | None:
        return person_of(await info.context.loaders.person_by_id.load(self.person_id))


@strawberry.type(description="A decision of a meeting, with whoever is to carry it out.")
class Decision:
    seq: int
    text: str
    responsible: str
    due: date | None
    done: bool
    done_on: date | None
    follow_ups: list[str] = strawberry.field(description="Dated notes, oldest first (appended).")

    @classmethod
    def of(cls, row: DecisionRow) -> Decision:
        return cls(seq=row.seq, text=row.text, responsible=row.responsible, due=row.due,
                   done=row.done, done_on=row.done_on, follow_ups=list(row.follow_ups))  # fmt: skip

    @strawberry.field(description="Open past its due day.")
    def overdue(self, info: Info) -> bool:
        return not self.done and self.due is not None and self.due < info.context.today


@strawberry.type(description="A consultation meeting (协商议事会), as held.")
class Meeting:
    id: strawberry.ID
    title: str
    on: date
    place: str | None = strawberry.field(description="Where it was held.")
    matter_ids: list[strawberry.ID] = strawberry.field(description="The matters discussed.")
    participants: list[Participant]
    troika: list[Capacity] = strawberry.field(description="Which of the troika took part.")
    troika_complete: bool
    decisions: list[Decision]
    area_code: strawberry.Private[str]

    @classmethod
    def of(cls, row: MeetingRow) -> Meeting:
        return cls(
            id=strawberry.ID(row.id), title=row.title, on=row.on, place=row.place,
            matter_ids=[strawberry.ID(m) for m in row.matters],
            participants=[Participant(capacity=Capacity(a), person_id=p) for p, a in row.attendees],
            troika=[Capacity(t) for t in row.troika], troika_complete=len(row.troika) == 3,
            decisions=[Decision.of(d) for d in row.decisions], area_code=row.area,
        )  # fmt: skip

    @strawberry.field(description="The place it was of.")
    async def area(self, info: Info) -> Area | None:
        found = await info.context.loaders.area_by_code.load(self.area_code)
        return Area.of(found) if found else None


@strawberry.input
class ParticipantInput:
    person_id: strawberry.ID
    capacity: Capacity


@strawberry.input
class DecisionInput:
    text: str
    responsible: str = strawberry.field(description="Who carries it out (a person or a body).")
    due: date | None = None


@strawberry.input
class RecordMeetingInput:
    area: strawberry.ID = strawberry.field(description="The place it is of (scope).")
    title: str
    on: date
    place: str | None = None
    matter_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    participants: list[ParticipantInput] = strawberry.field(default_factory=list)
    decisions: list[DecisionInput] = strawberry.field(default_factory=list)


@strawberry.type
class MeetingPayload:
    meeting: Meeting | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


def _payload(result: MeetingRow | ChangeError) -> MeetingPayload:
    if isinstance(result, ChangeError):
        return MeetingPayload(errors=[UserError.of(result)])
    return MeetingPayload(meeting=Meeting.of(result))


@strawberry.type
class MeetingsQuery:
    @strawberry.field(description="Meetings of places in your scope, newest first.")
    async def meetings(
        self, info: Info, area: strawberry.ID | None = None, first: int = 100
    ) -> list[Meeting]:
        rows = await store.meetings(info.context.db, below=area, first=max(0, min(first, 500)))
        return [Meeting.of(r) for r in rows]

    @strawberry.field(description="One meeting; null outside your scope.")
    async def meeting(self, info: Info, id: strawberry.ID) -> Meeting | None:
        rows = await store.meetings(info.context.db, id=id, first=1)
        return Meeting.of(rows[0]) if rows else None


@strawberry.type
class MeetingsMutation:
    @strawberry.mutation(description="Record a meeting that was held, with its decisions.")
    async def record_meeting(self, info: Info, input: RecordMeetingInput) -> MeetingPayload:
        ctx = info.context
        people = [p.person_id for p in input.participants]
        check = check_change(info, areas=[("area", input.area)],
                             reachable=[("participants", p) for p in people])  # fmt: skip

        async def make() -> MeetingRow | ChangeError:
            if input.on > ctx.today:
                return ChangeError("INVALID_DATES", "on", "A meeting is recorded once held.",
                                   "会议召开后才能登记。")  # fmt: skip
            return await store.record_meeting(
                ctx.db, area=input.area, title=input.title, on=input.on, place=input.place,
                matters=list(input.matter_ids),
                attendees=[(p.person_id, p.capacity.value) for p in input.participants],
                decisions=[(d.text, d.responsible, d.due) for d in input.decisions],
            )  # fmt: skip

        return _payload(await audited_change(info, "recordMeeting", people, check, make))

    @strawberry.mutation(description="Append a follow-up to a decision; done marks it carried out.")
    async def follow_up_decision(
        self, info: Info, meeting_id: strawberry.ID, decision: int, note: str, done: bool = False
    ) -> MeetingPayload:
        ctx = info.context

        async def denied() -> ChangeError | None:
            found = await store.meetings(ctx.db, id=meeting_id, first=1)
            if not found:
                return ChangeError("NOT_FOUND", "meetingId", f"No meeting {meeting_id!r}.",
                                   f"找不到会议“{meeting_id}”。")  # fmt: skip
            return None

        async def make() -> MeetingRow | ChangeError:
            return await store.follow_up(ctx.db, meeting=meeting_id, seq=decision, note=note,
                                         done=done, on=ctx.today)  # fmt: skip

        return _payload(await audited_change(info, "followUpDecision", [], denied(), make))
