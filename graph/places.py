"""Places of the grid: areas by code, their children, buildings, dwellings, households, counts.

Each reader takes a batch of keys (``UNWIND $keys``) so the API's loaders answer a whole level of
a nested request with one query.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from graph.reader import GraphSession, Row, grouped


@dataclass(frozen=True)
class AreaRow:
    code: str
    level: str
    kind: str | None
    parent: str | None


@dataclass(frozen=True)
class BuildingRow:
    code: str
    housing_type: str


@dataclass(frozen=True)
class DwellingRow:
    key: str
    room: str
    corridor: str


@dataclass(frozen=True)
class HouseholdRow:
    id: str
    dwelling: str | None


@dataclass(frozen=True)
class AreaCounts:
    households: int
    residents: int
    aged_60_plus: int
    aged_80_plus: int
    living_alone: int


AREAS_BY_CODE = """
    UNWIND $keys AS code
    MATCH (a:Area {code: code})
    OPTIONAL MATCH (a)-[:PART_OF]->(p:Area)
    RETURN a.code AS code, a.level AS level, a.kind AS kind, p.code AS parent"""
COMMUNITIES = """
    MATCH (a:Community)
    RETURN a.code AS code, a.level AS level, a.kind AS kind, null AS parent ORDER BY a.code"""
CHILDREN_BY_CODE = """
    UNWIND $keys AS code
    MATCH (c:Area)-[:PART_OF]->(:Area {code: code})
    RETURN code AS key, c.code AS code, c.level AS level, c.kind AS kind, code AS parent
    ORDER BY c.code"""
BUILDINGS_BY_AREA = """
    UNWIND $keys AS code
    MATCH (:Area {code: code})<-[:PART_OF*0..4]-(:Corridor)-[:IN_BUILDING]->(b:Building)
    WITH DISTINCT code, b
    RETURN code AS key, b.code AS code, b.housingType AS housingType ORDER BY b.code"""
DWELLINGS_BY_CORRIDOR = """
    UNWIND $keys AS code
    MATCH (:Corridor {code: code})<-[:IN]-(d:Dwelling)
    RETURN code AS key, d.key AS dwelling, d.room AS room ORDER BY d.room"""
HOUSEHOLDS_BY_DWELLING = """
    UNWIND $keys AS key
    MATCH (:Dwelling {key: key})<-[l:LIVES_IN]-(h:Household) WHERE l.until IS NULL
    RETURN key, h.id AS id ORDER BY h.id"""
HOUSEHOLDS_BY_ID = """
    UNWIND $keys AS id
    MATCH (h:Household {id: id})
    OPTIONAL MATCH (h)-[l:LIVES_IN]->(d:Dwelling) WHERE l.until IS NULL
    RETURN id AS key, d.key AS dwelling"""
DWELLINGS_BY_KEY = """
    UNWIND $keys AS key
    MATCH (d:Dwelling {key: key})-[:IN]->(c:Corridor)
    RETURN key, d.room AS room, c.code AS corridor"""
# Residents who have left (leftOn) no longer count; living alone = the only current member.
COUNTS_BY_AREA = """
    UNWIND $keys AS code
    CALL (code) {
        MATCH (:Area {code: code})<-[:PART_OF*0..4]-(:Corridor)<-[:IN]-(:Dwelling)
              <-[l:LIVES_IN]-(h:Household)<-[:MEMBER_OF]-(p:Resident)
        WHERE l.until IS NULL AND p.leftOn IS NULL
        WITH h, collect(p.birthYear) AS years
        RETURN count(h) AS households,
               sum(size(years)) AS residents,
               sum(size([y IN years WHERE $year - y >= 60])) AS aged60,
               sum(size([y IN years WHERE $year - y >= 80])) AS aged80,
               sum(CASE WHEN size(years) = 1 THEN 1 ELSE 0 END) AS alone
    }
    RETURN code AS key, households, residents, aged60, aged80, alone"""


def _area(row: Row) -> AreaRow:
    return AreaRow(code=row["code"], level=row["level"], kind=row["kind"], parent=row["parent"])


async def communities(db: GraphSession) -> list[AreaRow]:
    return [_area(r) for r in await db.read(COMMUNITIES)]


async def areas_by_code(db: GraphSession, *, keys: list[str]) -> list[AreaRow | None]:
    found = {r["code"]: _area(r) for r in await db.read(AREAS_BY_CODE, keys=keys)}
    return [found.get(k) for k in keys]


async def children_by_code(db: GraphSession, *, keys: list[str]) -> list[list[AreaRow]]:
    return grouped(await db.read(CHILDREN_BY_CODE, keys=keys), keys, _area)


async def buildings_by_area(db: GraphSession, *, keys: list[str]) -> list[list[BuildingRow]]:
    rows = await db.read(BUILDINGS_BY_AREA, keys=keys)
    return grouped(rows, keys, lambda r: BuildingRow(r["code"], r["housingType"]))


async def dwellings_by_corridor(db: GraphSession, *, keys: list[str]) -> list[list[DwellingRow]]:
    rows = await db.read(DWELLINGS_BY_CORRIDOR, keys=keys)
    return grouped(rows, keys, lambda r: DwellingRow(r["dwelling"], r["room"], r["key"]))


async def dwellings_by_key(db: GraphSession, *, keys: list[str]) -> list[DwellingRow | None]:
    rows = await db.read(DWELLINGS_BY_KEY, keys=keys)
    found = {r["key"]: DwellingRow(r["key"], r["room"], r["corridor"]) for r in rows}
    return [found.get(k) for k in keys]


async def household_ids_by_dwelling(db: GraphSession, *, keys: list[str]) -> list[list[str]]:
    return grouped(await db.read(HOUSEHOLDS_BY_DWELLING, keys=keys), keys, lambda r: r["id"])


async def households_by_id(db: GraphSession, *, keys: list[str]) -> list[HouseholdRow | None]:
    rows = await db.read(HOUSEHOLDS_BY_ID, keys=keys)
    found = {r["key"]: HouseholdRow(r["key"], r["dwelling"]) for r in rows}
    return [found.get(k) for k in keys]


async def counts_by_area(db: GraphSession, *, keys: list[str], as_of: date) -> list[AreaCounts]:
    rows = await db.read(COUNTS_BY_AREA, keys=keys, year=as_of.year)
    found = {
        r["key"]: AreaCounts(
            households=r["households"],
            residents=r["residents"],
            aged_60_plus=r["aged60"],
            aged_80_plus=r["aged80"],
            living_alone=r["alone"],
        )
        for r in rows
    }
    return [found.get(k, AreaCounts(0, 0, 0, 0, 0)) for k in keys]
