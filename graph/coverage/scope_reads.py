"""The Cypher of the coverage analyses: the scoped subgraph of one area on one day.

A call reads, in one read transaction, a fixed number of queries whatever the number of elders:

1. ``SCOPE_AREAS``: the scope and every area below it, each with its role history (gaps explain
   themselves with the role that ended or is yet to start);
2. ``SCOPE_HOUSEHOLDS``: the households of those corridors that hold an elder, with every member
   and, for elders, their active pairings and family doctor;
3. ``SCOPE_PEOPLE``: the people those facts name as possible helpers: capacity, labels, home,
   and their active roles anywhere (a floor chief's capacity holds wherever they serve);
4. ``AVAILABILITY`` (:mod:`graph.coverage.availability_reads`), when a window is asked: when
   each of them, and every housemate and paired helper of an elder, can be reached;
5. ``OUTSIDE_LINKS``: for the helpers that have a capacity, their possible help ties to elders
   *outside* the scope, so that a load is counted over the whole graph, not just the scope
   (skipped when the scope is every community: nothing lies outside);
6. ``SCOPE_VISITS`` (:mod:`graph.coverage.fact_cache`): each elder's latest visit by each
   visitor. Steps 1–5 are the structure, kept per structure version when the caller read it;
   this one is read every time.

Selection starts from index-backed lookups (``Area.code``, ``Person.id``) and walks the grid;
validity (``since <= day <= until``, ``leftOn``) is filtered here, while the rules of who counts
as a helper, and with what kind, stay in Python (:mod:`graph.analysis`), once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable, Iterable
from datetime import date
from typing import Any, TypeVar

from neo4j import AsyncDriver, AsyncManagedTransaction
from neo4j.exceptions import ServiceUnavailable, SessionExpired

from graph.analysis.gc import paused_gc
from graph.analysis.loads import person_capacity
from graph.analysis.rules import Rules
from graph.analysis.types import (
    STRUCTURAL_ROLES,
    Area,
    Member,
    OutsideLink,
    RoleTerm,
    ScopeData,
)
from graph.coverage.availability_reads import read_availability
from graph.coverage.fact_cache import SCOPE_VISITS, with_visits
from graph.coverage.offload import cpu_bound
from graph.coverage.rows import day, member, person
from graph.errors import GraphUnavailable

__all__ = [
    "ScopeNotFound",
    "elders_of",
    "home_on",
    "read",
    "read_scope",
    "read_structure",
]

T = TypeVar("T")

_ACTIVE_X = "x.since <= $asOf AND (x.until IS NULL OR $asOf <= x.until)"
_ACTIVE_S = "s.since <= $asOf AND (s.until IS NULL OR $asOf <= s.until)"


def home_on(v: str) -> str:
    """The ``LIVES_IN`` relationship ``v`` is the household's home on ``$asOf``: a moved
    household counts in its new corridor from the move, and in its old one until the day before.
    A home loaded from a roster has no start date (it holds from the first load)."""
    return (
        f"({v}.since IS NULL OR {v}.since <= $asOf) AND ({v}.until IS NULL OR $asOf <= {v}.until)"
    )


# Each query returns one record holding one list of lists, with dates as ISO strings: the Python
# driver spends ~35 us per record and ~15 us per Date it hydrates, which at the size of a
# community would cost more than the queries themselves.

SCOPE_AREAS = """
    CALL () {
        MATCH (s:Area {code: $scope}) RETURN s
        UNION
        MATCH (s:Community) WHERE $scope IS NULL RETURN s
    }
    CALL (s) {
        MATCH (a:Area)-[:PART_OF*0..6]->(s) RETURN a, true AS inScope
        UNION
        MATCH (s)-[:PART_OF*1..6]->(a:Area) RETURN a, false AS inScope
    }
    OPTIONAL MATCH (a)-[:PART_OF]->(p:Area)
    RETURN collect([s.code, a.code, a.level, a.name, a.kind, p.code, inScope,
        [(a)<-[r:SERVES]-(h:Person) |
            [h.id, h.name, r.role, toString(r.since), toString(r.until), h.leftOn IS NOT NULL,
             [(h)-[g:REGISTERED_WITH]->(:PartyBranch) | g.kind][0]]]]) AS rows"""

# Members are expanded from each household and filtered as a list: an EXISTS subquery here lets
# the planner start from the Resident(birthYear) index and scan it once per household.
SCOPE_HOUSEHOLDS = f"""
    UNWIND $corridors AS code
    MATCH (:Area {{code: code}})<-[:IN]-(:Dwelling)<-[l:LIVES_IN]-(h:Household)
    WHERE {home_on("l")}
    WITH code, h, [(h)<-[:MEMBER_OF]-(r:Resident) WHERE r.leftOn IS NULL | r] AS people
    WHERE any(r IN people WHERE r.birthYear <= $bornBy)
    RETURN collect([code, h.id, [r IN people |
        CASE WHEN r.birthYear <= $bornBy THEN
            [r.id, r.name, r.birthYear, r.mobility, r.tags,
             [(r)-[:HAS_FAMILY_DOCTOR]->(d:Person) WHERE d.leftOn IS NULL | d.id][0],
             [(r)<-[x:HELPS]-(p:Person) WHERE {_ACTIVE_X} AND p.leftOn IS NULL |
                [p.id, x.kind, toString(x.since), toString(x.until), p.name,
                 p:Resident AND NOT EXISTS {{ (p)-[s:SERVES]->() WHERE {_ACTIVE_S} }}]],
             EXISTS {{ (r)-[s:SERVES]->() WHERE {_ACTIVE_S} }}]
        ELSE [r.id, r.name, r.birthYear, EXISTS {{ (r)-[s:SERVES]->() WHERE {_ACTIVE_S} }}]
        END]]) AS rows"""

# People who are residents without a role need no capacity, home or party: a short row.
SCOPE_PEOPLE = f"""
    UNWIND $ids AS id
    MATCH (p:Person {{id: id}})
    RETURN collect(CASE WHEN p:Resident AND NOT EXISTS {{ (p)-[s:SERVES]->() WHERE {_ACTIVE_S} }}
        THEN [p.id, p.name, 'resident', null, false, p.birthYear, p.leftOn IS NOT NULL, null,
              null, []]
        ELSE [p.id, p.name, coalesce(p.kind, 'resident'), p.capacity, p:Volunteer,
            p.birthYear, p.leftOn IS NOT NULL,
            [(p)-[g:REGISTERED_WITH]->(:PartyBranch) | g.kind][0],
            [(p)-[:MEMBER_OF]->(:Household)-[l:LIVES_IN]->(:Dwelling)-[:IN]->(c:Corridor)
                -[:PART_OF]->(b:Block)-[:PART_OF]->(m:MicroGrid) WHERE {home_on("l")}
                | [c.code, b.code, m.code]][0],
            [(p)-[s:SERVES]->(a:Area) WHERE {_ACTIVE_S} | [s.role, a.code, a.level]]]
        END) AS rows"""

# Only ties to elders outside the scope are walked: roles on areas of the scope are not expanded
# (the scope's own reads already hold those elders; expanding a street's grid workers and chiefs
# again cost 2 s). A helper's load is bounded twice before anything is walked or sent: first by
# the degrees of their ties (pairings, patients, housemates; relationship counts Neo4j keeps)
# plus $inside (how many elders of the scope they may reach, counted in Python from the scope's
# facts), unless they hold a role outside the scope; then by the ties walked. Within their
# capacity they cannot be overloaded, so nothing is sent (a doctor's patients across a street,
# say). With $exact (assignment suggestions need every spare capacity exactly) all ties
# outside the scope are sent.
OUTSIDE_LINKS = f"""
    UNWIND $ids AS id
    MATCH (p:Person {{id: id}})
    WHERE $exact
       OR EXISTS {{ (p)-[s:SERVES]->(a:Area)
                   WHERE s.role IN $roles AND {_ACTIVE_S} AND NOT a.code IN $areas }}
       OR COUNT {{ (p)-[:HELPS]->() }} + COUNT {{ (p)<-[:HAS_FAMILY_DOCTOR]-() }}
          + COUNT {{ (p)-[:MEMBER_OF]->(:Household)<-[:MEMBER_OF]-() }}
          + coalesce($inside[p.id], 0) > $capacity[p.id]
    CALL (p) {{
        MATCH (p)-[x:HELPS]->(r:Resident) WHERE {_ACTIVE_X}
        RETURN r, 'pairing' AS via, null AS role, null AS level
        UNION
        MATCH (p)-[s:SERVES]->(a:Area)
        WHERE s.role IN $roles AND {_ACTIVE_S} AND NOT a.code IN $areas
        MATCH (a)<-[:PART_OF*0..2]-(:Corridor)<-[:IN]-(:Dwelling)<-[l:LIVES_IN]-(:Household)
              <-[:MEMBER_OF]-(r:Resident)
        WHERE {home_on("l")}
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
    WITH p, collect([r, via, role, level]) AS ties
    WHERE $exact OR size(ties) + coalesce($inside[p.id], 0) > $capacity[p.id]
    UNWIND ties AS tie
    WITH p, tie[0] AS r, tie[1] AS via, tie[2] AS role, tie[3] AS level
    MATCH (r)-[:MEMBER_OF]->(h:Household)-[l:LIVES_IN]->(:Dwelling)-[:IN]->(c:Corridor)
    WHERE {home_on("l")} AND NOT c.code IN $corridors
    RETURN collect([p.id, r.id, r.birthYear, r.mobility, r.tags, via, role, level,
        [(h)<-[:MEMBER_OF]-(m:Resident) WHERE m <> r AND m.leftOn IS NULL | m.id]]) AS rows"""


class ScopeNotFound(LookupError):
    """No area has the code asked for."""


async def _rows(tx: AsyncManagedTransaction, query: str, **params: Any) -> list[list[Any]]:
    record = await (await tx.run(query, **params)).single()
    return list(record["rows"]) if record else []


def _households(
    rows: list[list[Any]],
) -> tuple[dict[str, Member], dict[str, tuple[str, ...]]]:
    """Members by id and member ids by household, from the rows of ``SCOPE_HOUSEHOLDS``."""
    members: dict[str, Member] = {}
    households: dict[str, tuple[str, ...]] = {}
    with paused_gc():
        for corridor, household, people_rows in rows:
            people = [member(m, corridor, household) for m in people_rows]
            households[household] = tuple(sorted(m.id for m in people))
            members.update((m.id, m) for m in people)
    return members, households


def _helper_ids(data: ScopeData, rules: Rules) -> set[str]:
    ids: set[str] = set()
    for m in data.members.values():
        # A resident with no role has no capacity: their pairing already told their name.
        ids.update(p.helper_id for p in m.pairings if not p.plain_resident)
        if m.doctor:
            ids.add(m.doctor)
        age = data.age_year() - m.birth_year
        if m.serves and rules.household_min_age <= age < rules.household_max_age:
            ids.add(m.id)  # an elder's family helper who may have a floor chief's capacity
    ids.update(
        r.person_id for r in data.roles if r.role in STRUCTURAL_ROLES and r.active(data.as_of)
    )
    return ids


def _reach_inside(data: ScopeData, born_by: int) -> dict[str, int]:
    """How many elders of the scope each person may help, by any path ``OUTSIDE_LINKS`` walks
    (pairing, family doctor, household, a structural role on the corridor, block or micro-grid):
    an upper bound of their load inside the scope, whatever the rules and removals."""
    holders: dict[str, set[str]] = {}
    for r in data.roles:
        if r.role in STRUCTURAL_ROLES and r.active(data.as_of):
            holders.setdefault(r.area, set()).add(r.person_id)
    reach: Counter[str] = Counter()
    for m in data.members.values():
        if m.birth_year > born_by:
            continue
        near = {p.helper_id for p in m.pairings}
        near.update(data.households.get(m.household, ()))
        if m.doctor:
            near.add(m.doctor)
        area: str | None = m.corridor
        for _ in range(3):  # the corridor, its block, its micro-grid
            near.update(holders.get(area or "", ()))
            found = data.areas.get(area or "") or data.above.get(area or "")
            area = found.parent if found else None
        near.discard(m.id)
        reach.update(near)
    return dict(reach)


async def read_scope(
    tx: AsyncManagedTransaction,
    *,
    scope: str | None,
    as_of: date,
    rules: Rules,
    extra_people: Iterable[str] = (),
    exact_loads: bool = False,
    ages_on: date | None = None,
    windows: bool = False,
) -> ScopeData:
    """All the reads for one scope inside the caller's read transaction, the visits too (what
    :func:`graph.coverage.scope_fetch.fetch_scope` reads in two parts, the first of them kept).

    ``exact_loads``: every helper's load is read whole, not just when it may exceed their
    capacity (assignment suggestions need each spare capacity). ``ages_on``: the day ages are
    counted on (default ``as_of``). ``windows``: also when each possible helper can be reached
    (``ScopeData.available``; without it, everyone counts as reachable any time).
    """
    extra = tuple(sorted(set(extra_people)))
    data = await read_structure(tx, scope, as_of, rules, extra, exact_loads, ages_on, windows)
    return with_visits(data, await _rows(tx, SCOPE_VISITS, ids=elders_of(data, rules), asOf=as_of))


def elders_of(data: ScopeData, rules: Rules) -> list[str]:
    """The members of ``data`` old enough to be elders: whose visits the analyses read."""
    born_by = rules.born_by(data.age_year())
    return [m.id for m in data.members.values() if m.birth_year <= born_by]


async def read_structure(
    tx: AsyncManagedTransaction,
    scope: str | None,
    as_of: date,
    rules: Rules,
    extra_people: tuple[str, ...],
    exact_loads: bool,
    ages_on: date | None,
    windows: bool,
) -> ScopeData:
    """The facts of :func:`read_scope` but the visits: the structure."""
    areas: dict[str, Area] = {}
    above: dict[str, Area] = {}
    roles: list[RoleTerm] = []
    roots: set[str] = set()
    for root, code, level, name, kind, parent, in_scope, held in await _rows(
        tx, SCOPE_AREAS, scope=scope
    ):
        roots.add(root)
        (areas if in_scope else above)[code] = Area(code, level, name or code, kind, parent)
        roles.extend(
            RoleTerm(
                pid,
                pname or "",
                role,
                code,
                date.fromisoformat(since),
                day(until),
                bool(left),
                party,
            )
            for pid, pname, role, since, until, left, party in held
        )
    if scope is not None and not roots:
        raise ScopeNotFound(scope)
    born_by = rules.born_by((ages_on or as_of).year)
    corridors = [a.code for a in areas.values() if a.level == "corridor"]
    rows = await _rows(tx, SCOPE_HOUSEHOLDS, corridors=corridors, bornBy=born_by, asOf=as_of)
    # A street's households take a second to decode: off the event loop, like the analysis.
    members, households = await cpu_bound(_households, rows)
    data = ScopeData(
        scope=tuple(sorted(roots)),
        as_of=as_of,
        areas=areas,
        above=above,
        roles=roles,
        members=members,
        households=households,
        people={},
        ages_on=ages_on,
    )
    ids = sorted(_helper_ids(data, rules).union(extra_people))
    for row in await _rows(tx, SCOPE_PEOPLE, ids=ids, asOf=as_of):
        data.people[row[0]] = person(row)
    if windows:  # 80 ms of a community's 230: read only when a window is asked
        data.available = await read_availability(tx, data, rules)
    capacity = {
        p.id: limit
        for p in data.people.values()
        if (limit := person_capacity(p, rules=rules)[0]) is not None
    }
    if scope is None or not capacity:
        return data  # every community is in the scope: nothing lies outside it
    for helper, elder, born, mobility, tags, via, role, level, housemates in await _rows(
        tx,
        OUTSIDE_LINKS,
        ids=sorted(capacity),
        capacity=capacity,
        inside=_reach_inside(data, born_by),
        exact=exact_loads,
        asOf=as_of,
        bornBy=born_by,
        roles=list(STRUCTURAL_ROLES),
        areas=list(data.areas),
        corridors=corridors,
    ):
        data.outside.append(
            OutsideLink(
                helper,
                elder,
                int(born),
                mobility or "independent",
                tuple(tags or ()),
                tuple(housemates),
                via,
                role,
                level,
            )
        )
    return data


async def read(
    driver: AsyncDriver, database: str, work: Callable[[AsyncManagedTransaction], Awaitable[T]]
) -> T:
    """Run ``work`` in one read transaction (one snapshot for all its queries)."""
    try:
        async with driver.session(database=database) as session:
            return await session.execute_read(work)
    except (ServiceUnavailable, SessionExpired, OSError) as exc:
        raise GraphUnavailable("Neo4j is not answering; try again shortly.") from exc
