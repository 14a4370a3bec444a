"""Mutations: what the committee changes between roster loads.

Expected failures (unknown id, a role already held, ``until`` before ``since``…) come back in the
payload's ``errors`` with a code and a reason in English and Chinese, for the client to show;
the mutation's object is then null. Ending records ``until``; nothing is deleted.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from datetime import date
from typing import TypeVar

import strawberry

from graph.errors import ChangeError
from graph.records import changes, ties
from graph.records.ties import parse_tie_id
from schema.change_scope import check_change
from schema.codes import shown_text
from schema.context import Info
from schema.enums import Gender, HelperKind, Mobility, PersonKind, Role, VisitMode
from schema.types import (
    Dwelling,
    HelperPairing,
    Person,
    Resident,
    RoleAssignment,
    Visit,
    person_of,
)


@strawberry.type(description="Why a change was refused.")
class UserError:
    code: str = strawberry.field(
        description="NOT_FOUND, INVALID_DATES, ROLE_ALREADY_HELD, WRONG_SCOPE, SELF_HELP, "
        "ALREADY_PAIRED, ALREADY_ENDED, WRONG_KIND, BAD_USER_INPUT or FORBIDDEN (outside "
        "your scope, or not as yourself)."
    )
    field: str | None = strawberry.field(description="The input field at fault, if one is.")
    message: str
    message_zh: str

    @classmethod
    def of(cls, error: ChangeError) -> UserError:
        return cls(  # the codes in the words as the caller writes them
            code=error.code,
            field=error.field,
            message=shown_text(error.message),
            message_zh=shown_text(error.message_zh),
        )


@strawberry.type
class RolePayload:
    role: RoleAssignment | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class HelperPayload:
    pairing: HelperPairing | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class VisitPayload:
    visit: Visit | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class PersonPayload:
    person: Person | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class MovePayload:
    dwelling: Dwelling | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class AssignRoleInput:
    person_id: strawberry.ID
    role: Role
    scope: strawberry.ID = strawberry.field(description="Code of a corridor, block or micro-grid.")
    since: date
    until: date | None = None


@strawberry.input
class AddHelperInput:
    helper_id: strawberry.ID
    resident_id: strawberry.ID
    kind: HelperKind
    since: date
    until: date | None = None


@strawberry.input
class RecordVisitInput:
    visitor_id: strawberry.ID
    resident_id: strawberry.ID
    on: date
    mode: VisitMode
    note: str | None = None


@strawberry.input
class PersonInput:
    id: strawberry.ID
    name: str
    kind: PersonKind = strawberry.field(description="Any kind but RESIDENT.")
    organisation: str | None = None
    phone: str | None = None
    capacity: int | None = None


@strawberry.input
class ResidentInput:
    id: strawberry.ID
    name: str
    gender: Gender
    birth_year: int
    household_id: strawberry.ID
    relation: str | None = None
    corridor: strawberry.ID | None = strawberry.field(
        default=None, description="Needed only when the household is new."
    )
    room: str | None = None
    phone: str | None = None
    mobility: Mobility = Mobility.INDEPENDENT
    smartphone: bool | None = None
    tags: list[str] = strawberry.field(default_factory=list)
    family_doctor: strawberry.ID | None = None


@strawberry.input
class MoveHouseholdInput:
    household_id: strawberry.ID
    corridor: strawberry.ID
    room: str
    on: date


T = TypeVar("T")


def _bad(code: str, field: str, message: str, message_zh: str) -> list[UserError]:
    return [UserError(code=code, field=field, message=message, message_zh=message_zh)]


async def audited_change(
    info: Info,
    operation: str,
    ids: Iterable[str],
    denied: Awaitable[ChangeError | None],
    make: Callable[[], Awaitable[T | ChangeError]],
) -> T | ChangeError:
    """Make the change unless the caller's scope forbids it; audit it either way, failed too."""
    ids = tuple(ids)
    try:
        refused = await denied
        result = refused if refused is not None else await make()
    except BaseException:
        info.context.audit.mutation(operation, ids, ok=False)
        raise
    info.context.audit.mutation(operation, ids, ok=not isinstance(result, ChangeError))
    return result


def _tie(tie_id: str) -> tuple[str, str, str]:
    """(a, b, c) of a role or pairing id; empty when the id is malformed (the change says so)."""
    parsed = parse_tie_id(tie_id)
    return (parsed[0], parsed[1], parsed[2]) if parsed else ("", "", "")


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Appoint someone to a role in a place from a date.")
    async def assign_role(self, info: Info, input: AssignRoleInput) -> RolePayload:
        result = await audited_change(
            info,
            "assignRole",
            [input.person_id],
            check_change(
                info, reachable=[("personId", input.person_id)], areas=[("scope", input.scope)]
            ),
            lambda: ties.assign_role(
                info.context.db,
                person_id=input.person_id,
                role=input.role.value,
                scope=input.scope,
                since=input.since,
                until=input.until,
            ),
        )
        if isinstance(result, ChangeError):
            return RolePayload(errors=[UserError.of(result)])
        return RolePayload(role=RoleAssignment.of(result, info.context.today))

    @strawberry.mutation(description="End a role on a day (inclusive); history is kept.")
    async def end_role(self, info: Info, id: strawberry.ID, until: date) -> RolePayload:
        person, _, area = _tie(id)
        result = await audited_change(
            info,
            "endRole",
            [person],
            check_change(info, areas=[("id", area)] if area else []),
            lambda: ties.end_role(
                info.context.db, role_id=id, until=until, today=info.context.today
            ),
        )
        if isinstance(result, ChangeError):
            return RolePayload(errors=[UserError.of(result)])
        return RolePayload(role=RoleAssignment.of(result, info.context.today))

    @strawberry.mutation(description="Pair a helper with a resident from a date.")
    async def add_helper(self, info: Info, input: AddHelperInput) -> HelperPayload:
        result = await audited_change(
            info,
            "addHelper",
            [input.helper_id, input.resident_id],
            check_change(
                info,
                living=[("residentId", input.resident_id)],
                reachable=[("helperId", input.helper_id)],
            ),
            lambda: ties.add_pairing(
                info.context.db,
                helper_id=input.helper_id,
                resident_id=input.resident_id,
                kind=input.kind.value,
                since=input.since,
                until=input.until,
            ),
        )
        if isinstance(result, ChangeError):
            return HelperPayload(errors=[UserError.of(result)])
        return HelperPayload(pairing=HelperPairing.of(result, info.context.today))

    @strawberry.mutation(description="End a helper pairing on a day (inclusive).")
    async def end_helper(self, info: Info, id: strawberry.ID, until: date) -> HelperPayload:
        helper, resident, _ = _tie(id)
        result = await audited_change(
            info,
            "endHelper",
            [helper, resident],
            check_change(info, living=[("id", resident)] if resident else []),
            lambda: ties.end_pairing(
                info.context.db, pairing_id=id, until=until, today=info.context.today
            ),
        )
        if isinstance(result, ChangeError):
            return HelperPayload(errors=[UserError.of(result)])
        return HelperPayload(pairing=HelperPairing.of(result, info.context.today))

    @strawberry.mutation(description="Record a visit, call or WeChat contact.")
    async def record_visit(self, info: Info, input: RecordVisitInput) -> VisitPayload:
        result = await audited_change(
            info,
            "recordVisit",
            [input.visitor_id, input.resident_id],
            check_change(
                info,
                living=[("residentId", input.resident_id)],
                reachable=[("visitorId", input.visitor_id)],
                visitor=("visitorId", input.visitor_id),
            ),
            lambda: ties.record_visit(
                info.context.db,
                visitor_id=input.visitor_id,
                resident_id=input.resident_id,
                on=input.on,
                mode=input.mode.value,
                note=input.note,
                today=info.context.today,
            ),
        )
        if isinstance(result, ChangeError):
            return VisitPayload(errors=[UserError.of(result)])
        return VisitPayload(visit=Visit.of(result))

    @strawberry.mutation(description="Add a staff member, doctor, volunteer… or update one.")
    async def upsert_person(self, info: Info, input: PersonInput) -> PersonPayload:
        if input.kind is PersonKind.RESIDENT:
            info.context.audit.mutation("upsertPerson", [input.id], ok=False)
            return PersonPayload(
                errors=_bad(
                    "WRONG_KIND", "kind", "Use upsertResident for residents.", "居民请用居民表单。"
                )
            )
        result = await audited_change(
            info,
            "upsertPerson",
            [input.id],
            check_change(info, reachable_or_new=[("id", input.id)]),
            lambda: changes.upsert_person(
                info.context.db,
                person=changes.PersonInput(
                    id=input.id,
                    name=input.name,
                    kind=input.kind.value,
                    organisation=input.organisation,
                    phone=input.phone,
                    capacity=input.capacity,
                ),
            ),
        )
        if isinstance(result, ChangeError):
            return PersonPayload(errors=[UserError.of(result)])
        return PersonPayload(person=person_of(result))

    @strawberry.mutation(
        description="Add a resident or update one (a new household needs a corridor and a room)."
    )
    async def upsert_resident(self, info: Info, input: ResidentInput) -> PersonPayload:
        result = await audited_change(
            info,
            "upsertResident",
            [input.id],
            check_change(
                info,
                living_or_new=[("id", input.id)],
                households=[("householdId", input.household_id)],
                areas=[("corridor", input.corridor)] if input.corridor else [],
            ),
            lambda: changes.upsert_resident(
                info.context.db,
                resident=changes.ResidentInput(
                    id=input.id,
                    name=input.name,
                    gender=input.gender.value,
                    birth_year=input.birth_year,
                    household_id=input.household_id,
                    relation=input.relation,
                    corridor=input.corridor,
                    room=input.room,
                    phone=input.phone,
                    mobility=input.mobility.value,
                    smartphone=input.smartphone,
                    tags=tuple(input.tags),
                    family_doctor=input.family_doctor,
                ),
                today=info.context.today,
            ),
        )
        if isinstance(result, ChangeError):
            return PersonPayload(errors=[UserError.of(result)])
        return PersonPayload(person=Resident.of(result))

    @strawberry.mutation(description="Move a household to another dwelling from a date.")
    async def move_household(self, info: Info, input: MoveHouseholdInput) -> MovePayload:
        result = await audited_change(
            info,
            "moveHousehold",
            [],
            check_change(
                info,
                households=[("householdId", input.household_id)],
                areas=[("corridor", input.corridor)],
            ),
            lambda: changes.move_household(
                info.context.db,
                household_id=input.household_id,
                corridor=input.corridor,
                room=input.room,
                on=input.on,
            ),
        )
        if isinstance(result, ChangeError):
            return MovePayload(errors=[UserError.of(result)])
        found = await info.context.loaders.dwelling_by_key.load(result)
        return MovePayload(dwelling=Dwelling.of(found) if found else None)

    @strawberry.mutation(description="How many people someone can look after.")
    async def set_capacity(
        self, info: Info, person_id: strawberry.ID, capacity: int
    ) -> PersonPayload:
        result = await audited_change(
            info,
            "setCapacity",
            [person_id],
            check_change(info, reachable=[("personId", person_id)]),
            lambda: changes.set_capacity(info.context.db, person_id=person_id, capacity=capacity),
        )
        if isinstance(result, ChangeError):
            return PersonPayload(errors=[UserError.of(result)])
        return PersonPayload(person=person_of(result))
