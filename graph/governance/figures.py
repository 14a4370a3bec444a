"""What the governance figures read: the places of a scope, its matters with the days that
matter, its projects, and for each vote the share of each block's electors who took part; the
sums are :mod:`graph.analysis.governance_figures`."""

from __future__ import annotations

from datetime import date

from graph.access.scope import area_in_scope
from graph.access.session import GraphSession
from graph.analysis import votes as rules
from graph.analysis.governance_figures import AreaFigures, MatterFacts, Participation, area_figures
from graph.governance.votes import VOTES, vote_row

__all__ = ["governance_figures"]

_BELOW = "$area IN [(a)-[:PART_OF*0..6]->(u:Area) | u.code]"
AREAS = f"""
    MATCH (a:Area) WHERE {_BELOW} AND {area_in_scope("a")}
    RETURN a.code AS code, a.level AS level, [(a)-[:PART_OF]->(p:Area) | p.code][0] AS parent,
           [(a)<-[:PART_OF]-(c:Area) | c.code] AS children"""
MATTERS = f"""
    MATCH (m:Matter)-[:ABOUT]->(a:Area) WHERE {_BELOW} AND {area_in_scope("a")}
    RETURN a.code AS area, m.level AS level, m.status AS status,
           [(m)-[:STEP]->(s:MatterStep {{seq: 1}}) | s.on][0] AS raisedOn,
           [(m)-[:STEP]->(s:MatterStep {{action: 'resolve'}}) | s.on][0] AS resolvedOn,
           EXISTS {{ (m)-[:STEP]->(:MatterStep {{action: 'escalate'}}) }} AS escalated"""
PROJECTS = f"""
    MATCH (p:Project)-[:AT]->(a:Area) WHERE {_BELOW} AND {area_in_scope("a")}
    WITH DISTINCT p
    RETURN p.status AS status, COLLECT {{ MATCH (p)-[:AT]->(x:Area) RETURN x.code }} AS places"""
# Where each elector's people live (residents' meetings) or own (owners' votes): its block.
BLOCK_OF_DWELLINGS = """
    UNWIND $keys AS key MATCH (:Dwelling {key: key})-[:IN]->(:Corridor)-[:PART_OF]->(b:Block)
    RETURN key, b.code AS block"""
BLOCK_OF_PEOPLE = """
    UNWIND $ids AS id
    MATCH (:Person {id: id})-[:MEMBER_OF]->(:Household)-[l:LIVES_IN]->(:Dwelling)-[:IN]->(:Corridor)
          -[:PART_OF]->(b:Block) WHERE l.until IS NULL
    RETURN id, b.code AS block"""
BLOCK_OF_HOUSEHOLDS = """
    UNWIND $ids AS id
    MATCH (:Household {id: id})-[l:LIVES_IN]->(:Dwelling)-[:IN]->(:Corridor)-[:PART_OF]->(b:Block)
    WHERE l.until IS NULL
    RETURN id, b.code AS block"""


async def _participation(db: GraphSession, area: str) -> list[Participation]:
    votes = [vote_row(r) for r in await db.read(VOTES, id=None, matters=None)]
    dwellings = {k for v in votes for e in v.electors for k in e.dwellings}
    people = {p for v in votes if v.by == "residents" for e in v.electors for p in e.people}
    households = {e.key for v in votes if v.by == "households" for e in v.electors}
    block = {r["key"]: r["block"] for r in await db.read(BLOCK_OF_DWELLINGS, keys=list(dwellings))}
    block |= {r["id"]: r["block"] for r in await db.read(BLOCK_OF_PEOPLE, ids=list(people))}
    block |= {r["id"]: r["block"] for r in await db.read(BLOCK_OF_HOUSEHOLDS, ids=list(households))}
    found = []
    for v in votes:
        counted = rules.counted(v.electors, v.ballots)
        present = {e.key for e in v.electors if set(v.present) & e.people}
        electors: dict[str, list[str]] = {}
        for e in v.electors:
            where = (e.dwellings[0] if e.dwellings else e.key if v.by == "households"
                     else next(iter(e.people), ""))  # fmt: skip
            electors.setdefault(block.get(where, ""), []).append(e.key)
        for code, keys in sorted(electors.items()):
            took = sum(1 for k in keys if k in counted or k in present)
            found.append(Participation(v.id, code, len(keys), took))
    return found


async def governance_figures(
    db: GraphSession, *, area: str, as_of: date, silent_since: date
) -> list[AreaFigures]:
    """The figures of ``area`` and of each place just below it (in the caller's scope)."""
    places = await db.read(AREAS, area=area)
    tree = {r["code"]: (r["level"], r["parent"]) for r in places}
    if area not in tree:
        return []
    children = next(r["children"] for r in places if r["code"] == area)
    rows = await db.read(MATTERS, area=area)
    keys = ("area", "level", "status", "raisedOn", "resolvedOn", "escalated")
    matters = [MatterFacts(*(r[k] for k in keys)) for r in rows if r["raisedOn"] is not None]
    projects = [(r["status"], tuple(r["places"])) for r in await db.read(PROJECTS, area=area)]
    participation = await _participation(db, area)
    shown = [area, *sorted(c for c in children if c in tree)]
    return area_figures(tree, shown, matters, projects, participation, as_of=as_of,
                        silent_since=silent_since)  # fmt: skip
