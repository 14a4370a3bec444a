"""The object types of the community graph: places, people and the ties between them.

Types wrap the graph layer's dataclasses; nested fields go through the request's loaders, so a
deep query costs one Cypher per level, not one per object.
"""

from __future__ import annotations

from datetime import date

import strawberry

from graph.records.people import PairingRow, PersonRow, RoleRow, VisitRow
from graph.records.places import AreaCounts as AreaCountsRow
from graph.records.places import AreaRow, DwellingRow
from schema.context import Info
from schema.enums import (
    AreaLevel,
    Gender,
    HelperKind,
    HousingType,
    Mobility,
    PartyKind,
    PersonKind,
    Role,
    VisitMode,
)
from schema.fields import (
    AGE_BAND,
    DETAIL,
    age_band,
    ages_on,
    as_of_or_today,
    check_inside,
    detail_field,
)
from schema.permissions import Audited, LivesInScope, PersonalDetail


@strawberry.type(description="Households, residents and elders of an area and everything below it.")
class AreaCounts:
    households: int
    residents: int
    aged_60_plus: int = strawberry.field(name="aged60Plus")
    aged_80_plus: int = strawberry.field(name="aged80Plus")
    living_alone: int = strawberry.field(
        description="Residents who are their household's only member."
    )

    @classmethod
    def of(cls, row: AreaCountsRow) -> AreaCounts:
        return cls(
            households=row.households,
            residents=row.residents,
            aged_60_plus=row.aged_60_plus,
            aged_80_plus=row.aged_80_plus,
            living_alone=row.living_alone,
        )


@strawberry.type
class Building:
    code: strawberry.ID
    housing_type: HousingType


@strawberry.type(
    description="A place: district, street, community, residential area, micro-grid, "
    "block, or corridor (a villa region is a corridor of kind 'region')."
)
class Area:
    code: strawberry.ID
    name: str | None = strawberry.field(description="As people say it: 青松社区, 夏阳街道.")
    level: AreaLevel
    kind: str | None = strawberry.field(description="For corridors: 'corridor' or 'region'.")
    in_scope: bool = strawberry.field(
        description="False for the areas above your scope: shown to navigate (code, level, "
        "parent); what is in them is not."
    )
    parent_code: strawberry.Private[str | None]

    @classmethod
    def of(cls, row: AreaRow) -> Area:
        return cls(
            code=strawberry.ID(row.code),
            name=row.name,
            level=AreaLevel(row.level),
            kind=row.kind,
            in_scope=row.in_scope,
            parent_code=row.parent,
        )

    @strawberry.field
    async def parent(self, info: Info) -> Area | None:
        if self.parent_code is None:
            return None
        row = await info.context.loaders.area_by_code.load(self.parent_code)
        return Area.of(row) if row else None

    @strawberry.field
    async def children(self, info: Info) -> list[Area] | None:
        check_inside(self.code, self.in_scope, info.context.principal)
        return [Area.of(r) for r in await info.context.loaders.children_by_area.load(self.code)]

    @strawberry.field(description="Buildings of the corridors in and below this area.")
    async def buildings(self, info: Info) -> list[Building] | None:
        check_inside(self.code, self.in_scope, info.context.principal)
        rows = await info.context.loaders.buildings_by_area.load(self.code)
        return [
            Building(code=strawberry.ID(b.code), housing_type=HousingType(b.housing_type))
            for b in rows
        ]

    @strawberry.field(description="Dwellings of a corridor (empty above corridor level).")
    async def dwellings(self, info: Info) -> list[Dwelling] | None:
        check_inside(self.code, self.in_scope, info.context.principal)
        rows = await info.context.loaders.dwellings_by_corridor.load(self.code)
        return [Dwelling.of(r) for r in rows]

    @strawberry.field(description="Role holders serving in this very area as of the day.")
    async def role_holders(
        self, info: Info, as_of: date | None = None, include_ended: bool = False
    ) -> list[RoleAssignment] | None:
        check_inside(self.code, self.in_scope, info.context.principal)
        day = as_of_or_today(info, as_of)
        rows = await info.context.loaders.roles_by_area.load(self.code)
        return [RoleAssignment.of(r, day) for r in rows if include_ended or r.active(day)]

    @strawberry.field(description="Counts of the area and everything below it.")
    async def counts(self, info: Info, as_of: date | None = None) -> AreaCounts | None:
        check_inside(self.code, self.in_scope, info.context.principal)
        year = ages_on(info, as_of).year  # the aged 60+/80+ counts are ages
        return AreaCounts.of(await info.context.loaders.counts_by_area(year).load(self.code))


@strawberry.type
class Dwelling:
    key: strawberry.ID
    room: str
    corridor_code: strawberry.Private[str]

    @classmethod
    def of(cls, row: DwellingRow) -> Dwelling:
        return cls(key=strawberry.ID(row.key), room=row.room, corridor_code=row.corridor)

    @strawberry.field
    async def corridor(self, info: Info) -> Area | None:
        row = await info.context.loaders.area_by_code.load(self.corridor_code)
        return Area.of(row) if row else None

    @strawberry.field
    async def households(self, info: Info) -> list[Household]:
        ids = await info.context.loaders.household_ids_by_dwelling.load(self.key)
        return [Household(id=strawberry.ID(i)) for i in ids]


@strawberry.type
class Household:
    id: strawberry.ID

    @strawberry.field
    async def dwelling(self, info: Info) -> Dwelling | None:
        row = await info.context.loaders.household_by_id.load(self.id)
        if row is None or row.dwelling is None:
            return None
        found = await info.context.loaders.dwelling_by_key.load(row.dwelling)
        return Dwelling.of(found) if found else None

    @strawberry.field(description="Current members (people who left are not listed).")
    async def members(self, info: Info) -> list[Resident]:
        rows = await info.context.loaders.members_by_household.load(self.id)
        return [Resident.of(r) for r in rows if r.left_on is None]


@strawberry.type
class PartyRegistration:
    kind: PartyKind


@strawberry.interface(
    description="Anyone in the graph: a resident, or staff, a doctor, a volunteer…"
)
class Person:
    id: strawberry.ID
    name: str = strawberry.field(extensions=[Audited()])
    kind: PersonKind
    phone: str | None = detail_field()  # type: ignore[assignment]
    left_on: date | None = strawberry.field(description="Set when the person left the roster.")
    row: strawberry.Private[PersonRow]

    @strawberry.field(description="Roles held (all of them with includeEnded).")
    async def roles(
        self, info: Info, as_of: date | None = None, include_ended: bool = False
    ) -> list[RoleAssignment]:
        day = as_of_or_today(info, as_of)
        rows = await info.context.loaders.roles_by_person.load(self.id)
        return [RoleAssignment.of(r, day) for r in rows if include_ended or r.active(day)]

    @strawberry.field(description="Residents this person helps (named pairings).")
    async def helping(
        self, info: Info, as_of: date | None = None, include_ended: bool = False
    ) -> list[HelperPairing]:
        day = as_of_or_today(info, as_of)
        rows = await info.context.loaders.pairings_by_helper.load(self.id)
        return [HelperPairing.of(r, day) for r in rows if include_ended or r.active(day)]


@strawberry.type
class Worker(Person):
    """Staff, grid workers, doctors, volunteers, property and owners' committee people."""

    capacity: int | None
    organisation: str | None


@strawberry.type
class Resident(Person):
    gender: Gender | None = detail_field()  # type: ignore[assignment]
    birth_year: int | None = detail_field()  # type: ignore[assignment]
    mobility: Mobility | None = detail_field()  # type: ignore[assignment]
    smartphone: bool | None = detail_field()  # type: ignore[assignment]
    tags: list[str] | None = detail_field()  # type: ignore[assignment]
    relation: str | None = detail_field("Relation to the head of household.")  # type: ignore[assignment]

    @strawberry.field(
        description=f"Age in the year of asOf (rosters carry the birth year only). {DETAIL}",
        extensions=[PersonalDetail()],
    )
    def age(self, info: Info, as_of: date | None = None) -> int | None:
        return self._age(info, as_of)

    def _age(self, info: Info, as_of: date | None) -> int | None:
        year = ages_on(info, as_of).year
        return None if self.row.birth_year is None else year - self.row.birth_year

    @strawberry.field(description=AGE_BAND, extensions=[LivesInScope()])
    def age_band(self, info: Info, as_of: date | None = None) -> str | None:
        return age_band(self._age(info, as_of))

    @strawberry.field(description=DETAIL, extensions=[PersonalDetail()])
    async def household(self, info: Info) -> Household | None:
        hid = self.row.household_id
        return Household(id=strawberry.ID(hid)) if hid else None

    @strawberry.field(
        description=f"True when the resident is the only current member. {DETAIL}",
        extensions=[PersonalDetail()],
    )
    async def living_alone(self, info: Info) -> bool | None:
        if not self.row.household_id:
            return False
        members = await info.context.loaders.members_by_household.load(self.row.household_id)
        return sum(1 for m in members if m.left_on is None) == 1

    @strawberry.field
    async def corridor(self, info: Info) -> Area | None:
        if not self.row.corridor:
            return None
        row = await info.context.loaders.area_by_code.load(self.row.corridor)
        return Area.of(row) if row else None

    @strawberry.field(description=DETAIL, extensions=[PersonalDetail()])
    def party(self) -> PartyRegistration | None:
        return PartyRegistration(kind=PartyKind(self.row.party)) if self.row.party else None

    @strawberry.field(
        description=f"The contracted family doctor. {DETAIL}", extensions=[PersonalDetail()]
    )
    async def family_doctor(self, info: Info) -> Person | None:
        if not self.row.family_doctor:
            return None
        return person_of(await info.context.loaders.person_by_id.load(self.row.family_doctor))

    @strawberry.field(description="Named helper pairings of this resident.")
    async def helpers(
        self, info: Info, as_of: date | None = None, include_ended: bool = False
    ) -> list[HelperPairing]:
        day = as_of_or_today(info, as_of)
        rows = await info.context.loaders.pairings_by_resident.load(self.id)
        return [HelperPairing.of(r, day) for r in rows if include_ended or r.active(day)]

    @strawberry.field(
        description=f"The most recent visits, newest first (at most 10). {DETAIL}",
        extensions=[PersonalDetail()],
    )
    async def visits(self, info: Info) -> list[Visit] | None:
        return [Visit.of(v) for v in await info.context.loaders.visits_by_resident.load(self.id)]

    @classmethod
    def of(cls, row: PersonRow) -> Resident:
        return cls(
            id=strawberry.ID(row.id),
            name=row.name,
            kind=PersonKind.RESIDENT,
            phone=row.phone,
            left_on=row.left_on,
            row=row,
            gender=Gender(row.gender) if row.gender else None,
            birth_year=row.birth_year,
            mobility=Mobility(row.mobility) if row.mobility else None,
            smartphone=row.smartphone,
            tags=list(row.tags),
            relation=row.relation,
        )


def person_of(row: PersonRow | None) -> Person | None:
    if row is None:
        return None
    if row.kind == "resident":
        return Resident.of(row)
    return Worker(
        id=strawberry.ID(row.id),
        name=row.name,
        kind=PersonKind(row.kind),
        phone=row.phone,
        left_on=row.left_on,
        row=row,
        capacity=row.capacity,
        organisation=row.organisation,
    )


@strawberry.type(description="A role held in a place, from since to until (inclusive).")
class RoleAssignment:
    id: strawberry.ID = strawberry.field(description="Pass to endRole.")
    role: Role
    since: date
    until: date | None
    active: bool = strawberry.field(description="Whether the role holds on the day asked about.")
    row: strawberry.Private[RoleRow]

    @classmethod
    def of(cls, row: RoleRow, day: date) -> RoleAssignment:
        return cls(
            id=strawberry.ID(row.id),
            role=Role(row.role),
            since=row.since,
            until=row.until,
            active=row.active(day),
            row=row,
        )

    @strawberry.field
    async def person(self, info: Info) -> Person | None:
        return person_of(await info.context.loaders.person_by_id.load(self.row.person_id))

    @strawberry.field
    async def area(self, info: Info) -> Area | None:
        row = await info.context.loaders.area_by_code.load(self.row.area)
        return Area.of(row) if row else None


@strawberry.type(description="A named helper pairing: helper helps resident.")
class HelperPairing:
    id: strawberry.ID = strawberry.field(description="Pass to endHelper.")
    kind: HelperKind
    since: date
    until: date | None
    active: bool
    row: strawberry.Private[PairingRow]

    @classmethod
    def of(cls, row: PairingRow, day: date) -> HelperPairing:
        return cls(
            id=strawberry.ID(row.id),
            kind=HelperKind(row.kind),
            since=row.since,
            until=row.until,
            active=row.active(day),
            row=row,
        )

    @strawberry.field
    async def helper(self, info: Info) -> Person | None:
        return person_of(await info.context.loaders.person_by_id.load(self.row.helper_id))

    @strawberry.field
    async def resident(self, info: Info) -> Person | None:
        return person_of(await info.context.loaders.person_by_id.load(self.row.resident_id))


@strawberry.type
class Visit:
    on: date
    mode: VisitMode
    note: str | None
    row: strawberry.Private[VisitRow]

    @classmethod
    def of(cls, row: VisitRow) -> Visit:
        return cls(on=row.on, mode=VisitMode(row.mode), note=row.note, row=row)

    @strawberry.field
    async def visitor(self, info: Info) -> Person | None:
        return person_of(await info.context.loaders.person_by_id.load(self.row.visitor_id))

    @strawberry.field
    async def resident(self, info: Info) -> Person | None:
        return person_of(await info.context.loaders.person_by_id.load(self.row.resident_id))
