"""Who could respond, read from the graph, for the elders whose plans have open places: the
residents of their micro-grids (within the caller's scope) with what decides whether they may
respond; :mod:`graph.analysis.responders` makes the proposals.

Two statements: the places and residents, then (only when a window is asked) their windows.

Example::

    found = await responder_candidates(db, corridors=["QS/B01-C1"], rules=Rules(), on=day,
                                       year=day.year, window="night")
    proposals = suggest_responders(open_places, found.candidates, rules=Rules(), window="night")
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from graph.access.scope import area_in_scope
from graph.access.session import GraphSession
from graph.analysis.responders import Candidate, Place
from graph.analysis.rules import Rules
from graph.analysis.windows import ALWAYS
from graph.coverage.availability_reads import windows_of
from graph.coverage.scope_reads import home_on
from graph.emergency.plans import ALONE, needs_of

__all__ = ["Found", "responder_candidates"]

# A corridor's place: its building, block and micro-grid.
_PLACE = """{corridor: c.code, building: [(c)-[:IN_BUILDING]->(x:Building) | x.code][0],
             block: [(c)-[:PART_OF]->(b:Block) | b.code][0],
             microGrid: [(c)-[:PART_OF*1..2]->(m:MicroGrid) | m.code][0]}"""
CANDIDATES = f"""
    UNWIND $corridors AS code
    MATCH (:Corridor {{code: code}})-[:PART_OF*1..2]->(m:MicroGrid)
    WITH DISTINCT m
    MATCH (c:Corridor)-[:PART_OF*1..2]->(m) WHERE {area_in_scope("c")}
    WITH c, {_PLACE} AS place
    OPTIONAL CALL (c) {{
        MATCH (r:Resident)-[:MEMBER_OF]->(h:Household)-[l:LIVES_IN]->(:Dwelling)-[:IN]->(c)
        WHERE {home_on("l")} AND r.leftOn IS NULL AND r.birthYear <= $adultBy
        RETURN collect({{id: r.id, name: r.name, born: r.birthYear,
                         mobility: coalesce(r.mobility, 'independent'),
                         tags: coalesce(r.tags, []), alone: {ALONE},
                         plans: COUNT {{ (r)<-[:FIRST_RESPONDER|BACKUP_RESPONDER]-(:EmergencyPlan)
                                      }}}}) AS residents
    }}
    RETURN place, residents"""


@dataclass(frozen=True)
class Found:
    places: dict[str, Place]  # corridor -> its place
    candidates: tuple[Candidate, ...]
    names: dict[str, str]


def _place(row: dict[str, str | None]) -> Place:
    return Place(row["corridor"] or "", row["building"] or "", row["block"] or "",
                 row["microGrid"] or "")  # fmt: skip


async def responder_candidates(
    db: GraphSession, *, corridors: list[str], rules: Rules, year: int, on: date,
    window: str | None,
) -> Found:  # fmt: skip
    """The residents aged ``household_min_age`` or more of the micro-grids of ``corridors``."""
    if not corridors:
        return Found({}, (), {})
    rows = await db.read(CANDIDATES, corridors=sorted(set(corridors)), asOf=on,
                         adultBy=year - rules.household_min_age)  # fmt: skip
    places, people, names = {}, [], {}
    for row in rows:
        place = _place(row["place"])
        places[place.corridor] = place
        for r in row["residents"]:
            people.append((r["id"], place, bool(needs_of(r, rules, year)), int(r["plans"])))
            names[r["id"]] = r["name"]
    windows = await windows_of(db, [p[0] for p in people], rules, year) if window else {}
    candidates = tuple(
        Candidate(pid, place, needs, windows.get(pid, ALWAYS), plans)
        for pid, place, needs, plans in people
    )
    return Found(places, candidates, names)
