"""Places of the grid: areas by code, their children, buildings, dwellings, households, counts.

Each reader takes a batch of keys (``UNWIND $keys``) so the API's loaders answer a whole level of
a nested request with one query.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from graph.access.scope import AREA_IN_SCOPE, AREA_VISIBLE
from graph.access.session import GraphSession
from graph.records.keyed import KeyedRead
from graph.store.values import Row, grouped

__all__ = [
    "AREAS",
    "CHILDREN",
    "AreaAround",
    "AreaCounts",
    "AreaRow",
    "BuildingRow",
    "DwellingRow",
    "HouseholdRow",
    "area_around",
    "area_from",
    "areas_by_code",
    "areas_of",
    "buildings_by_area",
    "children_by_code",
    "communities",
    "counts_by_area",
    "dwellings_by_corridor",
    "dwellings_by_key",
    "household_ids_by_dwelling",
    "households_by_id",
]


@dataclass(frozen=True)
class AreaRow:
    code: str
    level: str
    kind: str | None
    parent: str | None
    in_scope: bool = True  # False: above the caller's scope, shown to navigate, nothing more
    name: str | None = None


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


# Every query filters by the caller's scope (graph/scope.py); $scope and $untied come with
# every read of a GraphSession.
AREAS = KeyedRead(
    f"MATCH (a:Area {{code: key}}) WHERE {AREA_VISIBLE} OPTIONAL MATCH (a)-[:PART_OF]->(p:Area)",
    (
        ("code", "a.code"),
        ("level", "a.level"),
        ("kind", "a.kind"),
        ("parent", "p.code"),
        ("name", "a.name"),
        ("inScope", AREA_IN_SCOPE),
    ),
)
AREAS_BY_CODE = AREAS.standalone()
COMMUNITIES = f"""
    MATCH (a:Community) WHERE {AREA_VISIBLE}
    OPTIONAL MATCH (a)-[:PART_OF]->(p:Area)
    RETURN a.code AS code, a.level AS level, a.kind AS kind, p.code AS parent, a.name AS name,
           {AREA_IN_SCOPE} AS inScope ORDER BY a.code"""
CHILDREN = KeyedRead(
    f"MATCH (c:Area)-[:PART_OF]->(a:Area {{code: key}}) WHERE {AREA_IN_SCOPE}",
    (
        ("code", "c.code"),
        ("level", "c.level"),
        ("kind", "c.kind"),
        ("parent", "key"),
        ("name", "c.name"),
        ("inScope", "true"),
    ),
    ("c.code",),
)
CHILDREN_BY_CODE = CHILDREN.standalone()
# An area with its children and its parent, as AREAS and CHILDREN read them, in one statement.
AREA_AROUND = f"""
    {AREAS.collected("[$code]", "found")}
    WITH found, [r IN found WHERE $children AND r.inScope | r.code] AS below,
         [r IN found WHERE $parent AND r.parent IS NOT NULL | r.parent] AS above
    {CHILDREN.collected("below", "children", imports=("below",))}
    {AREAS.collected("above", "parents", imports=("above",))}
    RETURN found, children, parents"""
BUILDINGS_BY_AREA = f"""
    UNWIND $keys AS code
    MATCH (a:Area {{code: code}})<-[:PART_OF*0..6]-(:Corridor)-[:IN_BUILDING]->(b:Building)
    WHERE {AREA_IN_SCOPE}
    WITH DISTINCT code, b
    RETURN code AS key, b.code AS code, b.housingType AS housingType ORDER BY b.code"""
DWELLINGS_BY_CORRIDOR = f"""
    UNWIND $keys AS code
    MATCH (a:Corridor {{code: code}})<-[:IN]-(d:Dwelling) WHERE {AREA_IN_SCOPE}
    RETURN code AS key, d.key AS dwelling, d.room AS room ORDER BY d.room"""
HOUSEHOLDS_BY_DWELLING = f"""
    UNWIND $keys AS key
    MATCH (a:Corridor)<-[:IN]-(:Dwelling {{key: key}})<-[l:LIVES_IN]-(h:Household)
    WHERE l.until IS NULL AND {AREA_IN_SCOPE}
    RETURN key, h.id AS id ORDER BY h.id"""
HOUSEHOLDS_BY_ID = f"""
    UNWIND $keys AS id
    MATCH (h:Household {{id: id}})
    OPTIONAL MATCH (h)-[l:LIVES_IN]->(d:Dwelling)-[:IN]->(a:Corridor) WHERE l.until IS NULL
    WITH id, d, a WHERE a IS NOT NULL AND {AREA_IN_SCOPE}
    RETURN id AS key, d.key AS dwelling"""
DWELLINGS_BY_KEY = f"""
    UNWIND $keys AS key
    MATCH (d:Dwelling {{key: key}})-[:IN]->(a:Corridor) WHERE {AREA_IN_SCOPE}
    RETURN key, d.room AS room, a.code AS corridor"""
# Residents who have left (leftOn) no longer count; living alone = the only current member.
COUNTS_BY_AREA = f"""
    UNWIND $keys AS code
    CALL (code) {{
        MATCH (a:Area {{code: code}}) WHERE {AREA_IN_SCOPE}
        MATCH (a)<-[:PART_OF*0..6]-(:Corridor)<-[:IN]-(:Dwelling)
              <-[l:LIVES_IN]-(h:Household)<-[:MEMBER_OF]-(p:Resident)
        WHERE l.until IS NULL AND p.leftOn IS NULL
        WITH h, collect(p.birthYear) AS years
        RETURN count(h) AS households,
               sum(size(years)) AS residents,
               sum(size([y IN years WHERE $year - y >= 60])) AS aged60,
               sum(size([y IN years WHERE $year - y >= 80])) AS aged80,
               sum(CASE WHEN size(years) = 1 THEN 1 ELSE 0 END) AS alone
    }}
    RETURN code AS key, households, residents, aged60, aged80, alone"""


def area_from(row: Row) -> AreaRow:
    return AreaRow(
        code=row["code"],
        level=row["level"],
        kind=row["kind"],
        parent=row["parent"],
        in_scope=bool(row["inScope"]),
        name=row.get("name"),
    )


async def communities(db: GraphSession) -> list[AreaRow]:
    return [area_from(r) for r in await db.read(COMMUNITIES)]


def areas_of(rows: list[Row], keys: list[str]) -> list[AreaRow | None]:
    """The place of each code from rows of :data:`AREAS` (None for a code not visible)."""
    found = {r["code"]: area_from(r) for r in rows}
    return [found.get(k) for k in keys]


async def areas_by_code(db: GraphSession, *, keys: list[str]) -> list[AreaRow | None]:
    return areas_of(await db.read(AREAS_BY_CODE, keys=keys), keys)


@dataclass(frozen=True)
class AreaAround:
    area: AreaRow | None  # None: not visible to the session
    children: list[AreaRow] | None  # None: not asked, or not in scope
    parent: AreaRow | None  # None: not asked, or at the top


async def area_around(db: GraphSession, *, code: str, children: bool, parent: bool) -> AreaAround:
    """The area of ``code``; its children (when asked for and it is in scope) and its parent
    (when asked for), in one round trip."""
    (row,) = await db.read(AREA_AROUND, code=code, children=children, parent=parent)
    (area,) = areas_of(row["found"], [code])
    below = grouped(row["children"], [code], area_from)[0] if area and area.in_scope else None
    above = areas_of(row["parents"], [area.parent])[0] if area and area.parent else None
    return AreaAround(area, below if children else None, above if parent else None)


async def children_by_code(db: GraphSession, *, keys: list[str]) -> list[list[AreaRow]]:
    return grouped(await db.read(CHILDREN_BY_CODE, keys=keys), keys, area_from)


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
