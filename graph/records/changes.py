"""What the committee changes between roster loads: people and households (roles, pairings and
visits are in :mod:`graph.records.ties`).

Each change runs in one managed write transaction that checks before it writes. Expected
failures come back as a :class:`ChangeError` (a code the client can act on, and a reason in
English and Chinese), never as an exception. A move ends the old home with ``until``; nothing
here deletes history. :func:`not_found`, :func:`check_dates` and :func:`one_row` serve
:mod:`graph.records.ties` too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.access.session import GraphSession
from graph.errors import ChangeError
from graph.names import name_keys
from graph.records.people import (
    PERSON_FIELDS,
    PERSON_MATCH,
    PersonRow,
    person_from,
)
from graph.store.values import run_rows
from graph.vocabulary import ALL_PERSON_KIND_LABELS, PERSON_KIND_LABELS

__all__ = [
    "PersonInput",
    "ResidentInput",
    "check_dates",
    "move_household",
    "not_found",
    "one_row",
    "set_capacity",
    "upsert_person",
    "upsert_resident",
]


def not_found(field: str, what: str, what_zh: str, key: str) -> ChangeError:
    return ChangeError(
        "NOT_FOUND", field, f"No {what} with id {key!r}.", f"找不到{what_zh}“{key}”。"
    )


def check_dates(since: date | None, until: date | None, field: str = "until") -> ChangeError | None:
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
SET_CAPACITY = "MATCH (p:Person {id: $id}) SET p.capacity = $capacity"
# Neo4j reads committed data without locks, so a check and the write that relies on it can
# race with another transaction doing the same. Each change first writes to the node its
# invariant lives on (Neo4j's documented way to take a write lock in Cypher: the lock is held
# until the transaction ends), then checks, then writes: two concurrent changes of one household,
# corridor or resident run one after the other, and the second sees the first's result.
LOCK_HOUSEHOLD = """
    MATCH (h:Household {id: $id}) SET h._lock = true REMOVE h._lock
    WITH h
    OPTIONAL MATCH (h)-[l:LIVES_IN]->(d:Dwelling) WHERE l.until IS NULL
    RETURN d.key AS dwelling, l.since AS since"""
LOCK_AREA = """
    MATCH (a:Area {code: $key}) SET a._lock = true REMOVE a._lock RETURN a.level AS level"""
LOCK_PERSON = """
    MATCH (p:Person {id: $key}) SET p._lock = true REMOVE p._lock
    RETURN p.id AS id, p:Resident AS resident, p.leftOn AS leftOn"""
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
    SET p.name = $name, p.nameKeys = $nameKeys, p.kind = $kind, p.phone = $phone,
        p.capacity = $capacity
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
    SET p:Resident, p.name = $name, p.nameKeys = $nameKeys, p.gender = $gender,
        p.birthYear = $birthYear,
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


async def one_row(tx: AsyncManagedTransaction, query: str, **params: Any) -> dict[str, Any] | None:
    rows = await run_rows(tx, query, **params)
    return rows[0] if rows else None


async def _person(tx: AsyncManagedTransaction, person_id: str) -> PersonRow:
    row = await one_row(tx, PERSON_BY_ID, id=person_id)
    assert row is not None  # written in this very transaction
    return person_from(row)


def _capacity(capacity: int | None) -> ChangeError | None:
    if capacity is not None and capacity < 0:
        return ChangeError(
            "BAD_USER_INPUT", "capacity", "Capacity cannot be negative.", "容量不能为负数。"
        )
    return None


async def set_capacity(
    db: GraphSession, *, person_id: str, capacity: int
) -> PersonRow | ChangeError:
    async def work(tx: AsyncManagedTransaction) -> PersonRow | ChangeError:
        if (bad := _capacity(capacity)) is not None:
            return bad
        if await one_row(tx, FIND_PERSON, id=person_id) is None:
            return not_found("personId", "person", "人员", person_id)
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
        household = await one_row(tx, LOCK_HOUSEHOLD, id=household_id)
        if household is None:
            return not_found("householdId", "household", "户", household_id)
        if household["since"] is not None and household["since"] >= on:
            return ChangeError(
                "INVALID_DATES",
                "on",
                f"The household moved into its home on {household['since']}; a move must be later.",
                f"该户于 {household['since']} 迁入现住址，搬迁日期须晚于此日。",
            )
        if await one_row(tx, FIND_CORRIDOR, code=corridor) is None:
            return not_found("corridor", "corridor", "楼道", corridor)
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
        existing = await one_row(tx, FIND_PERSON, id=person.id)
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
            nameKeys=name_keys(person.name),
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
        existing = await one_row(tx, FIND_PERSON, id=resident.id)
        if existing is not None and not existing["resident"]:
            return ChangeError(
                "WRONG_KIND",
                "id",
                f"{resident.id} is not a resident; use upsertPerson.",
                f"{resident.id} 不是居民。",
            )
        if resident.family_doctor is not None:
            doctor = await one_row(tx, FIND_PERSON, id=resident.family_doctor)
            if doctor is None:
                return not_found("familyDoctor", "doctor", "家庭医生", resident.family_doctor)
            if doctor["resident"] or doctor["kind"] != "doctor":
                return ChangeError(
                    "WRONG_KIND",
                    "familyDoctor",
                    f"{resident.family_doctor} is not a doctor.",
                    f"{resident.family_doctor} 不是家庭医生。",
                )
        if await one_row(tx, LOCK_HOUSEHOLD, id=resident.household_id) is None:
            if not resident.corridor or not resident.room:
                return ChangeError(
                    "BAD_USER_INPUT",
                    "corridor",
                    "A new household needs a corridor and a room.",
                    "新建户需要楼道和室号。",
                )
            if await one_row(tx, FIND_CORRIDOR, code=resident.corridor) is None:
                return not_found("corridor", "corridor", "楼道", resident.corridor)
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
            nameKeys=name_keys(resident.name),
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
