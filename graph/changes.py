"""What the committee changes between roster loads: roles, pairings, visits, people, households.

Each change runs in one managed write transaction that checks before it writes. Expected
failures come back as a :class:`ChangeError` (a code the client can act on, and a reason in
English and Chinese), never as an exception. Ending something records ``until``; nothing here
deletes history.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, TypeVar

from neo4j import AsyncManagedTransaction

from graph.people import (
    PERSON_FIELDS,
    PERSON_MATCH,
    PairingRow,
    PersonRow,
    RoleRow,
    VisitRow,
    person_from,
)
from graph.reader import GraphSession, run_rows
from graph.vocabulary import ALL_PERSON_KIND_LABELS, PERSON_KIND_LABELS, ROLE_SCOPE_LEVEL


@dataclass(frozen=True)
class ChangeError:
    code: str  # NOT_FOUND, INVALID_DATES, ROLE_ALREADY_HELD, WRONG_SCOPE, SELF_HELP, …
    field: str | None
    message: str
    message_zh: str


def _not_found(field: str, what: str, what_zh: str, key: str) -> ChangeError:
    return ChangeError(
        "NOT_FOUND", field, f"No {what} with id {key!r}.", f"找不到{what_zh}“{key}”。"
    )


def _dates(since: date | None, until: date | None, field: str = "until") -> ChangeError | None:
    if since is not None and until is not None and until < since:
        return ChangeError(
            "INVALID_DATES",
            field,
            f"The end date {until} is before the start date {since}.",
            f"结束日期 {until} 早于开始日期 {since}。",
        )
    return None


FIND_PERSON = (
    "MATCH (p:Person {id: $id}) RETURN p.id AS id, p:Resident AS resident, p.leftOn AS leftOn"
)
FIND_AREA = "MATCH (a:Area {code: $code}) RETURN a.level AS level"
# Another holder of the same role in the same place whose time overlaps [since, until].
OVERLAPPING_ROLE = """
    MATCH (p:Person)-[s:SERVES {role: $role}]->(:Area {code: $scope})
    WHERE s.since <= coalesce($until, date('9999-12-31'))
      AND coalesce(s.until, date('9999-12-31')) >= $since
    RETURN p.id AS person, s.since AS since, s.until AS until LIMIT 1"""
CREATE_ROLE = """
    MATCH (p:Person {id: $person}), (a:Area {code: $scope})
    CREATE (p)-[:SERVES {role: $role, since: $since, until: $until}]->(a)"""
FIND_ROLE = """
    MATCH (:Person {id: $person})-[s:SERVES {role: $role, since: $since}]->(:Area {code: $scope})
    RETURN s.until AS until"""
END_ROLE = """
    MATCH (:Person {id: $person})-[s:SERVES {role: $role, since: $since}]->(:Area {code: $scope})
    SET s.until = $until"""
OVERLAPPING_PAIRING = """
    MATCH (:Person {id: $helper})-[h:HELPS]->(:Resident {id: $resident})
    WHERE h.since <= coalesce($until, date('9999-12-31'))
      AND coalesce(h.until, date('9999-12-31')) >= $since
    RETURN h.kind AS kind, h.since AS since LIMIT 1"""
CREATE_PAIRING = """
    MATCH (p:Person {id: $helper}), (r:Resident {id: $resident})
    CREATE (p)-[:HELPS {kind: $kind, since: $since, until: $until}]->(r)"""
FIND_PAIRING = """
    MATCH (:Person {id: $helper})-[h:HELPS {kind: $kind, since: $since}]->(r:Resident)
    WHERE r.id = $resident
    RETURN h.until AS until"""
END_PAIRING = """
    MATCH (:Person {id: $helper})-[h:HELPS {kind: $kind, since: $since}]->(r:Resident)
    WHERE r.id = $resident
    SET h.until = $until"""
RECORD_VISIT = """
    MATCH (p:Person {id: $visitor}), (r:Resident {id: $resident})
    MERGE (p)-[v:VISITED {on: $on, mode: $mode}]->(r)
    SET v.note = $note"""
SET_CAPACITY = "MATCH (p:Person {id: $id}) SET p.capacity = $capacity"
FIND_HOUSEHOLD = """
    MATCH (h:Household {id: $id})
    OPTIONAL MATCH (h)-[l:LIVES_IN]->(d:Dwelling) WHERE l.until IS NULL
    RETURN d.key AS dwelling"""
FIND_CORRIDOR = "MATCH (c:Corridor {code: $code}) RETURN c.code AS code"
# A move ends the current LIVES_IN (until = the day before) and opens one from the move date.
MOVE_HOUSEHOLD = """
    MATCH (h:Household {id: $id}), (c:Corridor {code: $corridor})
    MERGE (d:Dwelling {key: $dwelling}) ON CREATE SET d.room = $room
    MERGE (d)-[:IN]->(c)
    WITH h, d
    OPTIONAL MATCH (h)-[old:LIVES_IN]->() WHERE old.until IS NULL
    SET old.until = $endOld
    WITH DISTINCT h, d
    CREATE (h)-[:LIVES_IN {since: $on}]->(d)"""
UPSERT_PERSON = """
    MERGE (p:Person {id: $id})
    SET p.name = $name, p.kind = $kind, p.phone = $phone, p.capacity = $capacity
    WITH p
    OPTIONAL MATCH (p)-[old:WORKS_FOR]->() DELETE old
    WITH DISTINCT p
    CALL (p) {
        WITH p WHERE $organisation IS NOT NULL
        MERGE (o:Organisation {code: $organisation}) ON CREATE SET o.name = $organisation
        MERGE (p)-[:WORKS_FOR]->(o)
    }"""
SET_PERSON_LABEL: dict[str, str] = {
    kind: f"MATCH (p:Person {{id: $id}}) REMOVE p:{ALL_PERSON_KIND_LABELS} SET p:{label}"
    for kind, label in PERSON_KIND_LABELS.items()
}
UPSERT_RESIDENT = """
    MERGE (p:Person {id: $id})
    SET p:Resident, p.name = $name, p.gender = $gender, p.birthYear = $birthYear,
        p.phone = $phone, p.mobility = $mobility, p.smartphone = $smartphone, p.tags = $tags
    WITH p
    MATCH (h:Household {id: $household})
    OPTIONAL MATCH (p)-[old:MEMBER_OF|HAS_FAMILY_DOCTOR]->() DELETE old
    WITH DISTINCT p, h
    MERGE (p)-[m:MEMBER_OF]->(h) SET m.relation = $relation
    WITH p
    CALL (p) {
        WITH p WHERE $doctor IS NOT NULL
        MATCH (d:Person {id: $doctor}) MERGE (p)-[:HAS_FAMILY_DOCTOR]->(d)
    }"""
CREATE_HOUSEHOLD = """
    MATCH (c:Corridor {code: $corridor})
    MERGE (d:Dwelling {key: $dwelling}) ON CREATE SET d.room = $room
    MERGE (d)-[:IN]->(c)
    CREATE (:Household {id: $id})-[:LIVES_IN {since: $on}]->(d)"""
PERSON_BY_ID = f"""
    MATCH (p:Person {{id: $id}})
    {PERSON_MATCH}
    RETURN {PERSON_FIELDS}"""


async def _one(tx: AsyncManagedTransaction, query: str, **params: Any) -> dict[str, Any] | None:
    rows = await run_rows(tx, query, **params)
    return rows[0] if rows else None


async def _person(tx: AsyncManagedTransaction, person_id: str) -> PersonRow:
    row = await _one(tx, PERSON_BY_ID, id=person_id)
    assert row is not None  # written in this very transaction
    return person_from(row)


async def assign_role(
    db: GraphSession, *, person_id: str, role: str, scope: str, since: date, until: date | None
) -> RoleRow | ChangeError:
    async def work(tx: AsyncManagedTransaction) -> RoleRow | ChangeError:
        if (bad := _dates(since, until)) is not None:
            return bad
        person = await _one(tx, FIND_PERSON, id=person_id)
        if person is None:
            return _not_found("personId", "person", "人员", person_id)
        area = await _one(tx, FIND_AREA, code=scope)
        if area is None:
            return _not_found("scope", "area", "网格单元", scope)
        wanted = ROLE_SCOPE_LEVEL[role]
        if area["level"] != wanted:
            return ChangeError(
                "WRONG_SCOPE",
                "scope",
                f"A {role} serves a {wanted}; {scope} is a {area['level']}.",
                f"该职务应在{_LEVEL_ZH[wanted]}任职，而 {scope} 是{_LEVEL_ZH[area['level']]}。",
            )
        held = await _one(tx, OVERLAPPING_ROLE, role=role, scope=scope, since=since, until=until)
        if held is not None:
            return ChangeError(
                "ROLE_ALREADY_HELD",
                "scope",
                f"{scope} already has a {role} ({held['person']}, since {held['since']}) "
                "in that period: end that role first.",
                f"{scope} 在该时段已有此职务（{held['person']}，自 {held['since']}），"
                "请先结束原任职。",
            )
        await run_rows(
            tx, CREATE_ROLE, person=person_id, role=role, scope=scope, since=since, until=until
        )
        return RoleRow(person_id, role, scope, since, until)

    return await db.write(work)


_LEVEL_ZH = {
    "community": "社区",
    "residential_area": "小区",
    "micro_grid": "微网格",
    "block": "责任块",
    "corridor": "楼道",
}


def parse_tie_id(tie_id: str) -> tuple[str, str, str, date] | None:
    """A role or pairing id is ``a|b|c|since``, as :attr:`RoleRow.id` writes it."""
    parts = tie_id.split("|")
    if len(parts) != 4:
        return None
    try:
        return parts[0], parts[1], parts[2], date.fromisoformat(parts[3])
    except ValueError:
        return None


def _capacity(capacity: int | None) -> ChangeError | None:
    if capacity is not None and capacity < 0:
        return ChangeError(
            "BAD_USER_INPUT", "capacity", "Capacity cannot be negative.", "容量不能为负数。"
        )
    return None


def _already_ended(current: date | None, until: date) -> ChangeError | None:
    if current is not None and current < until:
        return ChangeError(
            "ALREADY_ENDED",
            "until",
            f"It already ended on {current}.",
            f"已于 {current} 结束。",
        )
    return None


T = TypeVar("T")


async def _end_tie(
    db: GraphSession,
    *,
    tie_id: str,
    until: date,
    find: str,
    end: str,
    names: tuple[str, str, str],
    what: tuple[str, str],
    row: Callable[[str, str, str, date, date | None], T],
) -> T | ChangeError:
    """End a role or a pairing named by its id (``a|b|c|since``): check, then record ``until``."""
    key = parse_tie_id(tie_id)
    if key is None:
        return _not_found("id", what[0], what[1], tie_id)
    first, second, third, since = key
    params: dict[str, Any] = {**dict(zip(names, key[:3], strict=True)), "since": since}

    async def work(tx: AsyncManagedTransaction) -> T | ChangeError:
        found = await _one(tx, find, **params)
        if found is None:
            return _not_found("id", what[0], what[1], tie_id)
        if (bad := _dates(since, until) or _already_ended(found["until"], until)) is not None:
            return bad
        await run_rows(tx, end, **params, until=until)
        return row(first, second, third, since, until)

    return await db.write(work)


async def end_role(db: GraphSession, *, role_id: str, until: date) -> RoleRow | ChangeError:
    return await _end_tie(
        db,
        tie_id=role_id,
        until=until,
        find=FIND_ROLE,
        end=END_ROLE,
        names=("person", "role", "scope"),
        what=("role", "任职"),
        row=RoleRow,
    )


async def add_pairing(
    db: GraphSession,
    *,
    helper_id: str,
    resident_id: str,
    kind: str,
    since: date,
    until: date | None,
) -> PairingRow | ChangeError:
    async def work(tx: AsyncManagedTransaction) -> PairingRow | ChangeError:
        if helper_id == resident_id:
            return ChangeError(
                "SELF_HELP", "helperId", "Nobody can be their own helper.", "帮扶人不能是本人。"
            )
        if (bad := _dates(since, until)) is not None:
            return bad
        if await _one(tx, FIND_PERSON, id=helper_id) is None:
            return _not_found("helperId", "person", "人员", helper_id)
        resident = await _one(tx, FIND_PERSON, id=resident_id)
        if resident is None or not resident["resident"]:
            return _not_found("residentId", "resident", "居民", resident_id)
        clash = await _one(
            tx,
            OVERLAPPING_PAIRING,
            helper=helper_id,
            resident=resident_id,
            since=since,
            until=until,
        )
        if clash is not None:
            return ChangeError(
                "ALREADY_PAIRED",
                "helperId",
                f"{helper_id} already helps {resident_id} in that period "
                f"({clash['kind']}, since {clash['since']}).",
                f"{helper_id} 在该时段已与 {resident_id} 结对（自 {clash['since']}）。",
            )
        await run_rows(
            tx,
            CREATE_PAIRING,
            helper=helper_id,
            resident=resident_id,
            kind=kind,
            since=since,
            until=until,
        )
        return PairingRow(helper_id, resident_id, kind, since, until)

    return await db.write(work)


async def end_pairing(
    db: GraphSession, *, pairing_id: str, until: date
) -> PairingRow | ChangeError:
    return await _end_tie(
        db,
        tie_id=pairing_id,
        until=until,
        find=FIND_PAIRING,
        end=END_PAIRING,
        names=("helper", "resident", "kind"),
        what=("helper pairing", "结对"),
        row=PairingRow,
    )


async def record_visit(
    db: GraphSession,
    *,
    visitor_id: str,
    resident_id: str,
    on: date,
    mode: str,
    note: str | None,
    today: date,
) -> VisitRow | ChangeError:
    async def work(tx: AsyncManagedTransaction) -> VisitRow | ChangeError:
        if on > today:
            return ChangeError(
                "INVALID_DATES",
                "on",
                f"A visit cannot be in the future ({on}).",
                f"走访日期 {on} 不能晚于今天。",
            )
        if await _one(tx, FIND_PERSON, id=visitor_id) is None:
            return _not_found("visitorId", "person", "人员", visitor_id)
        resident = await _one(tx, FIND_PERSON, id=resident_id)
        if resident is None or not resident["resident"]:
            return _not_found("residentId", "resident", "居民", resident_id)
        await run_rows(
            tx, RECORD_VISIT, visitor=visitor_id, resident=resident_id, on=on, mode=mode, note=note
        )
        return VisitRow(visitor_id, resident_id, on, mode, note)

    return await db.write(work)


async def set_capacity(
    db: GraphSession, *, person_id: str, capacity: int
) -> PersonRow | ChangeError:
    async def work(tx: AsyncManagedTransaction) -> PersonRow | ChangeError:
        if (bad := _capacity(capacity)) is not None:
            return bad
        if await _one(tx, FIND_PERSON, id=person_id) is None:
            return _not_found("personId", "person", "人员", person_id)
        await run_rows(tx, SET_CAPACITY, id=person_id, capacity=capacity)
        return await _person(tx, person_id)

    return await db.write(work)


def _dwelling_key(corridor: str, room: str) -> str:
    return f"{corridor}/{room}"


async def move_household(
    db: GraphSession, *, household_id: str, corridor: str, room: str, on: date
) -> str | ChangeError:
    """Move a household; returns the new dwelling key. The old home is kept with ``until``."""

    async def work(tx: AsyncManagedTransaction) -> str | ChangeError:
        if on == date.min:
            return ChangeError("INVALID_DATES", "on", "A move needs a real date.", "搬迁日期无效。")
        household = await _one(tx, FIND_HOUSEHOLD, id=household_id)
        if household is None:
            return _not_found("householdId", "household", "户", household_id)
        if await _one(tx, FIND_CORRIDOR, code=corridor) is None:
            return _not_found("corridor", "corridor", "楼道", corridor)
        dwelling = _dwelling_key(corridor, room)
        if household["dwelling"] == dwelling:
            return ChangeError(
                "BAD_USER_INPUT", "room", "The household already lives there.", "该户已住在此处。"
            )
        await run_rows(
            tx,
            MOVE_HOUSEHOLD,
            id=household_id,
            corridor=corridor,
            room=room,
            dwelling=dwelling,
            on=on,
            endOld=on - timedelta(days=1),
        )
        return dwelling

    return await db.write(work)


@dataclass(frozen=True)
class PersonInput:
    id: str
    name: str
    kind: str
    organisation: str | None = None
    phone: str | None = None
    capacity: int | None = None


async def upsert_person(db: GraphSession, *, person: PersonInput) -> PersonRow | ChangeError:
    async def work(tx: AsyncManagedTransaction) -> PersonRow | ChangeError:
        existing = await _one(tx, FIND_PERSON, id=person.id)
        if existing is not None and existing["resident"]:
            return ChangeError(
                "WRONG_KIND",
                "id",
                f"{person.id} is a resident; use upsertResident.",
                f"{person.id} 是居民，请用居民表单。",
            )
        if (bad := _capacity(person.capacity)) is not None:
            return bad
        await run_rows(
            tx,
            UPSERT_PERSON,
            id=person.id,
            name=person.name,
            kind=person.kind,
            phone=person.phone,
            capacity=person.capacity,
            organisation=person.organisation,
        )
        await run_rows(tx, SET_PERSON_LABEL[person.kind], id=person.id)
        return await _person(tx, person.id)

    return await db.write(work)


@dataclass(frozen=True)
class ResidentInput:
    id: str
    name: str
    gender: str
    birth_year: int
    household_id: str
    relation: str | None = None
    corridor: str | None = None  # needed only when the household is new
    room: str | None = None
    phone: str | None = None
    mobility: str = "independent"
    smartphone: bool | None = None
    tags: tuple[str, ...] = ()
    family_doctor: str | None = None


async def upsert_resident(
    db: GraphSession, *, resident: ResidentInput, today: date
) -> PersonRow | ChangeError:
    async def work(tx: AsyncManagedTransaction) -> PersonRow | ChangeError:
        if not 1900 <= resident.birth_year <= today.year:
            return ChangeError(
                "BAD_USER_INPUT",
                "birthYear",
                f"Birth year {resident.birth_year} is impossible (1900–{today.year}).",
                f"出生年份 {resident.birth_year} 不可能（应在 1900 至 {today.year} 之间）。",
            )
        existing = await _one(tx, FIND_PERSON, id=resident.id)
        if existing is not None and not existing["resident"]:
            return ChangeError(
                "WRONG_KIND",
                "id",
                f"{resident.id} is not a resident; use upsertPerson.",
                f"{resident.id} 不是居民。",
            )
        if resident.family_doctor is not None:
            doctor = await _one(tx, FIND_PERSON, id=resident.family_doctor)
            if doctor is None:
                return _not_found("familyDoctor", "doctor", "家庭医生", resident.family_doctor)
            if doctor["resident"] or doctor["kind"] != "doctor":
                return ChangeError(
                    "WRONG_KIND",
                    "familyDoctor",
                    f"{resident.family_doctor} is not a doctor.",
                    f"{resident.family_doctor} 不是家庭医生。",
                )
        if await _one(tx, FIND_HOUSEHOLD, id=resident.household_id) is None:
            if not resident.corridor or not resident.room:
                return ChangeError(
                    "BAD_USER_INPUT",
                    "corridor",
                    "A new household needs a corridor and a room.",
                    "新建户需要楼道和室号。",
                )
            if await _one(tx, FIND_CORRIDOR, code=resident.corridor) is None:
                return _not_found("corridor", "corridor", "楼道", resident.corridor)
            await run_rows(
                tx,
                CREATE_HOUSEHOLD,
                id=resident.household_id,
                corridor=resident.corridor,
                room=resident.room,
                on=today,
                dwelling=_dwelling_key(resident.corridor, resident.room),
            )
        await run_rows(
            tx,
            UPSERT_RESIDENT,
            id=resident.id,
            name=resident.name,
            gender=resident.gender,
            birthYear=resident.birth_year,
            phone=resident.phone,
            mobility=resident.mobility,
            smartphone=resident.smartphone,
            tags=list(resident.tags),
            household=resident.household_id,
            relation=resident.relation,
            doctor=resident.family_doctor,
        )
        return await _person(tx, resident.id)

    return await db.write(work)
