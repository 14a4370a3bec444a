"""The Cypher of the coverage analyses: the scoped subgraph of one area on one day.

A call reads, in one read transaction, a fixed number of queries whatever the number of elders:

1. ``SCOPE_AREAS``: the scope and every area below it, each with its role history (gaps explain
   themselves with the role that ended or is yet to start);
2. ``SCOPE_HOUSEHOLDS``: the households of those corridors that hold an elder, with every member
   and, for elders, their active pairings, family doctor and latest visit by each visitor;
3. ``SCOPE_PEOPLE``: the people those facts name as possible helpers: capacity, labels, home,
   and their active roles anywhere (a floor chief's capacity holds wherever they serve);
4. ``OUTSIDE_LINKS``: for the helpers that have a capacity, their possible help ties to elders
   *outside* the scope, so that a load is counted over the whole graph, not just the scope.

Selection starts from index-backed lookups (``Area.code``, ``Person.id``) and walks the grid;
validity (``since <= day <= until``, ``leftOn``) is filtered here, while the rules of who counts
as a helper, and with what kind, stay in Python (:mod:`graph.coverage`), once.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from neo4j import AsyncDriver, AsyncManagedTransaction
from neo4j.time import Date

from graph.analysis_types import (
    STRUCTURAL_ROLES,
    ActiveRole,
    Area,
    Member,
    OutsideLink,
    Pairing,
    Person,
    RoleTerm,
    ScopeData,
    Visit,
)
from graph.rules import Rules

__all__ = ["ScopeNotFound", "fetch_scope", "has_capacity", "read_scope"]

_ACTIVE_X = "x.since <= $asOf AND (x.until IS NULL OR $asOf <= x.until)"
_ACTIVE_S = "s.since <= $asOf AND (s.until IS NULL OR $asOf <= s.until)"

SCOPE_AREAS = """
    CALL () {
        MATCH (s:Area {code: $scope}) RETURN s
        UNION
        MATCH (s:Community) WHERE $scope IS NULL RETURN s
    }
    MATCH (a:Area)-[:PART_OF*0..4]->(s)
    OPTIONAL MATCH (a)-[:PART_OF]->(p:Area)
    RETURN s.code AS root, a.code AS code, a.level AS level, a.name AS name, a.kind AS kind,
           p.code AS parent,
           [(a)<-[r:SERVES]-(h:Person) | {
               person: h.id, name: h.name, role: r.role, since: r.since, until: r.until,
               left: h.leftOn IS NOT NULL,
               party: [(h)-[g:REGISTERED_WITH]->(:PartyBranch) | g.kind][0]}] AS roles"""

SCOPE_HOUSEHOLDS = f"""
    UNWIND $corridors AS code
    MATCH (c:Corridor {{code: code}})<-[:IN]-(:Dwelling)<-[:LIVES_IN]-(h:Household)
    WHERE EXISTS {{
        MATCH (h)<-[:MEMBER_OF]-(e:Resident) WHERE e.leftOn IS NULL AND e.birthYear <= $bornBy
    }}
    RETURN code AS corridor, h.id AS household,
        [(h)<-[:MEMBER_OF]-(r:Resident) WHERE r.leftOn IS NULL | r {{
            .id, .name, .birthYear, .mobility, .tags,
            doctor: [(r)-[:HAS_FAMILY_DOCTOR]->(d:Person) WHERE d.leftOn IS NULL | d.id][0],
            pairings: CASE WHEN r.birthYear <= $bornBy THEN
                [(r)<-[x:HELPS]-(p:Person) WHERE {_ACTIVE_X} AND p.leftOn IS NULL |
                    {{helper: p.id, kind: x.kind, since: x.since, until: x.until}}]
                ELSE [] END,
            visits: CASE WHEN r.birthYear <= $bornBy THEN COLLECT {{
                MATCH (r)<-[v:VISITED]-(p:Person) WHERE v.on <= $asOf
                WITH p, v ORDER BY v.on DESC
                WITH p, collect(v)[0] AS v
                RETURN {{visitor: p.id, on: v.on, mode: v.mode}} }}
                ELSE [] END
        }}] AS members"""

SCOPE_PEOPLE = f"""
    UNWIND $ids AS id
    MATCH (p:Person {{id: id}})
    RETURN p.id AS id, p.name AS name, coalesce(p.kind, 'resident') AS kind,
        p.capacity AS capacity, p:Volunteer AS volunteer, p.birthYear AS birthYear,
        p.leftOn IS NOT NULL AS left,
        [(p)-[g:REGISTERED_WITH]->(:PartyBranch) | g.kind][0] AS party,
        [(p)-[:MEMBER_OF]->(:Household)-[:LIVES_IN]->(:Dwelling)-[:IN]->(c:Corridor)
            -[:PART_OF]->(b:Block)-[:PART_OF]->(m:MicroGrid) | [c.code, b.code, m.code]][0] AS home,
        [(p)-[s:SERVES]->(a:Area) WHERE {_ACTIVE_S} |
            {{role: s.role, area: a.code, level: a.level}}] AS roles"""

OUTSIDE_LINKS = f"""
    UNWIND $ids AS id
    MATCH (p:Person {{id: id}})
    CALL (p) {{
        MATCH (p)-[x:HELPS]->(r:Resident) WHERE {_ACTIVE_X}
        RETURN r, 'pairing' AS via, null AS role, null AS level
        UNION
        MATCH (p)-[s:SERVES]->(a:Area) WHERE s.role IN $roles AND {_ACTIVE_S}
        MATCH (a)<-[:PART_OF*0..2]-(:Corridor)<-[:IN]-(:Dwelling)<-[:LIVES_IN]-(:Household)
              <-[:MEMBER_OF]-(r:Resident)
        RETURN r, 'role' AS via, s.role AS role, a.level AS level
        UNION
        MATCH (p)<-[:HAS_FAMILY_DOCTOR]-(r:Resident)
        RETURN r, 'doctor' AS via, null AS role, null AS level
        UNION
        MATCH (p)-[:MEMBER_OF]->(:Household)<-[:MEMBER_OF]-(r:Resident)
        RETURN r, 'household' AS via, null AS role, null AS level
    }}
    WITH p, r, via, role, level
    WHERE r <> p AND r.leftOn IS NULL AND r.birthYear <= $bornBy
    MATCH (r)-[:MEMBER_OF]->(h:Household)-[:LIVES_IN]->(:Dwelling)-[:IN]->(c:Corridor)
    WHERE NOT EXISTS {{ MATCH (c)-[:PART_OF*0..4]->(s:Area) WHERE s.code IN $scope }}
    RETURN p.id AS helper, r.id AS elder, r.birthYear AS birthYear, r.mobility AS mobility,
        r.tags AS tags, via, role, level,
        [(h)<-[:MEMBER_OF]-(m:Resident) WHERE m <> r AND m.leftOn IS NULL | m.id] AS housemates"""

COMMITTEES = """
    MATCH (o:Organisation {kind: 'neighbourhood_committee'}) RETURN collect(o.code) AS codes"""


class ScopeNotFound(LookupError):
    """No area has the code asked for."""


def _day(value: Any) -> date | None:
    return value.to_native() if isinstance(value, Date) else value


def has_capacity(person: Person, rules: Rules) -> bool:
    """Whether a load limit applies: a roster capacity, a volunteer, or an active floor chief."""
    return (
        person.capacity is not None
        or person.volunteer
        or any(r.role in ("first_floor_chief", "second_floor_chief") for r in person.roles)
    )


def _member(row: dict[str, Any], corridor: str, household: str) -> Member:
    return Member(
        id=row["id"],
        name=row["name"] or "",
        birth_year=int(row["birthYear"]),
        household=household,
        corridor=corridor,
        mobility=row["mobility"] or "independent",
        tags=tuple(row["tags"] or ()),
        doctor=row["doctor"],
        pairings=tuple(
            Pairing(p["helper"], p["kind"], _day(p["since"]), _day(p["until"]))  # type: ignore[arg-type]
            for p in row["pairings"]
        ),
        visits=tuple(
            Visit(v["visitor"], _day(v["on"]), v["mode"] or "")  # type: ignore[arg-type]
            for v in row["visits"]
        ),
    )


def _person(row: Any) -> Person:
    return Person(
        id=row["id"],
        name=row["name"] or "",
        kind=row["kind"],
        capacity=row["capacity"],
        volunteer=bool(row["volunteer"]),
        birth_year=row["birthYear"],
        left=bool(row["left"]),
        party=row["party"],
        home=tuple(row["home"] or ()),
        roles=tuple(ActiveRole(r["role"], r["area"], r["level"]) for r in row["roles"]),
    )


def _helper_ids(data: ScopeData, rules: Rules) -> set[str]:
    ids: set[str] = set()
    for m in data.members.values():
        ids.update(p.helper_id for p in m.pairings)
        if m.doctor:
            ids.add(m.doctor)
        age = data.as_of.year - m.birth_year
        if rules.household_min_age <= age < rules.household_max_age:
            ids.add(m.id)  # may be the family helper of an elder at home
    ids.update(
        r.person_id for r in data.roles if r.role in STRUCTURAL_ROLES and r.active(data.as_of)
    )
    return ids


async def read_scope(
    tx: AsyncManagedTransaction,
    *,
    scope: str | None,
    as_of: date,
    rules: Rules,
    extra_people: Iterable[str] = (),
) -> ScopeData:
    """All four reads for one scope inside the caller's read transaction."""
    areas: dict[str, Area] = {}
    roles: list[RoleTerm] = []
    roots: set[str] = set()
    async for rec in await tx.run(SCOPE_AREAS, scope=scope):
        roots.add(rec["root"])
        areas[rec["code"]] = Area(
            rec["code"], rec["level"], rec["name"] or rec["code"], rec["kind"], rec["parent"]
        )
        roles.extend(
            RoleTerm(
                r["person"], r["name"] or "", r["role"], rec["code"], _day(r["since"]),  # type: ignore[arg-type]
                _day(r["until"]), bool(r["left"]), r["party"],
            )
            for r in rec["roles"]
        )
    if scope is not None and not roots:
        raise ScopeNotFound(scope)
    born_by = rules.born_by(as_of.year)
    corridors = [a.code for a in areas.values() if a.level == "corridor"]
    members: dict[str, Member] = {}
    households: dict[str, tuple[str, ...]] = {}
    result = await tx.run(SCOPE_HOUSEHOLDS, corridors=corridors, bornBy=born_by, asOf=as_of)
    async for rec in result:
        people = [_member(m, rec["corridor"], rec["household"]) for m in rec["members"]]
        households[rec["household"]] = tuple(sorted(m.id for m in people))
        members.update((m.id, m) for m in people)
    data = ScopeData(
        scope=tuple(sorted(roots)), as_of=as_of, areas=areas, roles=roles, members=members,
        households=households, people={},
    )
    ids = sorted(_helper_ids(data, rules) | set(extra_people))
    async for rec in await tx.run(SCOPE_PEOPLE, ids=ids, asOf=as_of):
        data.people[rec["id"]] = _person(rec)
    limited = sorted(p.id for p in data.people.values() if has_capacity(p, rules))
    result = await tx.run(
        OUTSIDE_LINKS, ids=limited, asOf=as_of, bornBy=born_by, roles=list(STRUCTURAL_ROLES),
        scope=list(data.scope),
    )
    async for rec in result:
        data.outside.append(
            OutsideLink(
                helper_id=rec["helper"], elder_id=rec["elder"], birth_year=int(rec["birthYear"]),
                mobility=rec["mobility"] or "independent", tags=tuple(rec["tags"] or ()),
                housemates=tuple(rec["housemates"]), via=rec["via"], role=rec["role"],
                level=rec["level"],
            )
        )
    rec = await (await tx.run(COMMITTEES)).single()
    data.committee = tuple(sorted(rec["codes"])) if rec else ()
    return data


async def fetch_scope(
    driver: AsyncDriver,
    *,
    database: str,
    scope: str | None,
    as_of: date,
    rules: Rules,
    extra_people: Iterable[str] = (),
) -> ScopeData:
    """The scoped subgraph of ``scope`` (every community when None) on ``as_of``."""
    extra = tuple(extra_people)

    async def work(tx: AsyncManagedTransaction) -> ScopeData:
        return await read_scope(tx, scope=scope, as_of=as_of, rules=rules, extra_people=extra)

    async with driver.session(database=database) as session:
        return await session.execute_read(work)
