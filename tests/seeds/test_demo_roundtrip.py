"""The demo workbook round-trips: written, loaded, and the graph counts match the workbook."""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

from neo4j import Driver

from graph.store.connection import Neo4jTarget
from seeds.demo import generate
from seeds.load import load_path
from seeds.rows import Roster
from seeds.writer import write_workbook
from tests.support.graph_counts import label_counts, type_counts

TODAY = date(2026, 11, 1)


def expected_labels(roster: Roster) -> dict[str, int]:
    """What the workbook says the graph must hold, counted straight from its rows."""
    levels = {
        "ResidentialArea": {g.area for g in roster.grid},
        "MicroGrid": {g.micro_grid for g in roster.grid},
        "Block": {g.block for g in roster.grid},
        "Corridor": {g.corridor for g in roster.grid},
    }
    kinds = Counter(p.kind for p in roster.people)
    party = sum(1 for r in roster.residents if r.party)
    above = [c for c in (roster.where.street, roster.where.district) if c]
    counts = {
        "Community": 1,
        "Street": 1 if roster.where.street else 0,
        "District": 1 if roster.where.district else 0,
        **{label: len(codes) for label, codes in levels.items()},
        "Area": 1 + len(above) + sum(len(codes) for codes in levels.values()),
        "Building": len({g.building for g in roster.grid}),
        "Dwelling": len(
            {(r.corridor, r.room) for r in roster.residents}
            | {(d.corridor, d.room) for d in roster.dwellings}
        ),
        "Household": len({r.household_id for r in roster.residents}),
        "Person": len(roster.residents) + len(roster.people),
        "Resident": len(roster.residents),
        "PartyMember": party,
        "PartyBranch": 1 if party else 0,
        "Organisation": len({p.organisation for p in roster.people if p.organisation}),
        "Staff": kinds["committee_staff"],
        "GridWorker": kinds["grid_worker"],
        "Doctor": kinds["doctor"],
        "Volunteer": kinds["volunteer"],
        "PropertyStaff": kinds["property"],
        "OwnersCommitteeMember": kinds["owners_committee"],
        "Owner": kinds["owner"],
    }
    return {k: v for k, v in counts.items() if v}


def expected_types(roster: Roster) -> dict[str, int]:
    areas = expected_labels(roster)
    party = sum(1 for r in roster.residents if r.party)
    counts = {
        "PART_OF": areas["Area"] - 1 + (1 if party else 0),
        "IN_BUILDING": len({(g.corridor, g.building) for g in roster.grid}),
        "IN": areas["Dwelling"],
        "LIVES_IN": areas["Household"],
        "MEMBER_OF": len(roster.residents),
        "HAS_FAMILY_DOCTOR": sum(1 for r in roster.residents if r.family_doctor),
        "REGISTERED_WITH": party,
        "WORKS_FOR": sum(1 for p in roster.people if p.organisation),
        "SERVES": len(roster.roles),
        "HELPS": len(roster.helpers),
        "VISITED": len({(v.visitor_id, v.resident_id, v.date, v.mode) for v in roster.visits}),
        "OWNS": sum(len(d.owners) for d in roster.dwellings),
    }
    return {k: v for k, v in counts.items() if v}


def test_demo_workbook_round_trips_into_the_graph(
    empty_graph: Driver, neo4j_target: Neo4jTarget, tmp_path: Path
) -> None:
    roster = generate(seed=7, today=TODAY)
    path = tmp_path / "qingsong-demo.xlsx"
    write_workbook(roster, path)

    first = load_path(neo4j_target, path, today=TODAY)
    assert first.plan.changed == 0 and first.plan.created > 5000

    assert label_counts(empty_graph) == expected_labels(roster)
    assert type_counts(empty_graph) == expected_types(roster)
    assert expected_labels(roster)["Resident"] > 3600
    with empty_graph.session() as session:
        stored = session.run(
            "MATCH (d:Dwelling) WHERE d.exclusiveArea IS NOT NULL "
            "RETURN d.key AS key, d.exclusiveArea AS area, "
            "COLLECT { MATCH (p)-[:OWNS]->(d) RETURN p.id ORDER BY p.id } AS owners"
        ).data()
    assert {r["key"]: (Decimal(repr(r["area"])), r["owners"]) for r in stored} == {
        f"QS/{d.corridor}/{d.room}": (d.exclusive_area, sorted(f"QS/{o}" for o in d.owners))
        for d in roster.dwellings
    }
    again = load_path(neo4j_target, path, today=TODAY)
    assert (again.plan.created, again.plan.changed) == (0, 0)
