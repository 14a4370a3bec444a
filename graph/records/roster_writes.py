"""The Cypher that writes a roster load: one constant ``UNWIND $rows`` query per kind (and per
label where a label is chosen by the row), run in batches inside the load's one transaction
(:mod:`graph.records.roster_store`). What a load reads is in :mod:`graph.records.roster_state`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from neo4j import ManagedTransaction
from neo4j.exceptions import ConstraintError

from graph.names import name_keys
from graph.records.roster_prune import end_or_withdraw, ended_by
from graph.records.roster_state import Key, Props
from graph.vocabulary import ALL_PERSON_KIND_LABELS, PERSON_KIND_LABELS

__all__ = [
    "KEY_NAMES",
    "KINDS",
    "NAMED",
    "NEW_QUERIES",
    "ORGANISATION_KINDS",
    "REPORTED_MISSING",
    "UNKEYED",
    "NewAfterAll",
    "write_kind",
]

# Write order: every kind's references are written before it.
KINDS: tuple[str, ...] = (
    "areas",
    "buildings",
    "corridor_buildings",
    "organisations",
    "party_branches",
    "dwellings",
    "households",
    "people",
    "residents",
    "dwelling_owners",
    "roles",
    "helpers",
    "visits",
)
# Kinds whose disappearance from a roster is worth telling the clerk (visits recorded in the app
# and never typed into the roster are normal, so they are not listed).
REPORTED_MISSING: tuple[str, ...] = (
    "areas",
    "households",
    "residents",
    "people",
    "roles",
    "helpers",
)

LEVEL_LABELS: dict[str, str] = {
    "district": "District",
    "street": "Street",
    "community": "Community",
    "residential_area": "ResidentialArea",
    "micro_grid": "MicroGrid",
    "block": "Block",
    "corridor": "Corridor",
}
ORGANISATION_KINDS: dict[str, str] = {
    "committee_staff": "neighbourhood_committee",
    "grid_worker": "neighbourhood_committee",
    "doctor": "health_centre",
    "volunteer": "volunteer_team",
    "property": "property_company",
    "owners_committee": "owners_committee",
    "owner": "company",  # a dwelling owned by a company or institution
}

_ALL_LEVEL_LABELS = ":".join(LEVEL_LABELS.values())

# -- writing -------------------------------------------------------------------------------


def _area_query(label: str) -> str:
    return f"""
        UNWIND $rows AS row
        MERGE (a:Area {{code: row.key[0]}})
        REMOVE a:{_ALL_LEVEL_LABELS}
        SET a:{label}, a.level = row.level, a.kind = row.kind, a.name = row.name
        WITH a, row
        OPTIONAL MATCH (a)-[old:PART_OF]->()
        DELETE old
        WITH DISTINCT a, row
        OPTIONAL MATCH (p:Area {{code: row.parent}})
        FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | MERGE (a)-[:PART_OF]->(p))"""


def _person_query(label: str) -> str:
    return f"""
        UNWIND $rows AS row
        MERGE (p:Person {{id: row.key[0]}})
        REMOVE p:{ALL_PERSON_KIND_LABELS}
        SET p:{label}, p.name = row.name, p.nameKeys = row.nameKeys, p.kind = row.kind,
            p.phone = row.phone, p.capacity = row.capacity, p.availability = row.availability,
            p.leftOn = null
        WITH p, row
        OPTIONAL MATCH (p)-[old:WORKS_FOR]->() DELETE old
        WITH DISTINCT p, row
        OPTIONAL MATCH (o:Organisation {{code: row.organisation}})
        FOREACH (_ IN CASE WHEN o IS NULL THEN [] ELSE [1] END | MERGE (p)-[:WORKS_FOR]->(o))"""


# Kinds whose rows carry a name: written with its search keys (graph/names.py), which are not
# compared by the plan (they follow from the name).
NAMED = frozenset({"people", "residents"})
# Names of a community written before search keys existed get them at its next load.
UNKEYED = """
    MATCH (p:Person)
    WHERE p.id STARTS WITH $prefix AND p.name IS NOT NULL
      AND (p.nameKeys IS NULL OR NOT $mark IN p.nameKeys)
    RETURN p.id AS id, p.name AS name"""
KEY_NAMES = "UNWIND $rows AS row MATCH (p:Person {id: row.id}) SET p.nameKeys = row.keys"


# Labels cannot be parameters, so kinds with a label of their own get one constant query each,
# chosen by a property of the row ("level" of an area, "kind" of a person).
GROUPED_WRITES: dict[str, tuple[str, dict[str, str]]] = {
    "areas": ("level", {lv: _area_query(lb) for lv, lb in LEVEL_LABELS.items()}),
    "people": ("kind", {k: _person_query(lb) for k, lb in PERSON_KIND_LABELS.items()}),
}

WRITE_QUERIES: dict[str, str] = {
    "buildings": """
        UNWIND $rows AS row
        MERGE (b:Building {code: row.key[0]}) SET b.housingType = row.housingType""",
    "corridor_buildings": """
        UNWIND $rows AS row
        MATCH (c:Corridor {code: row.key[0]}), (b:Building {code: row.key[1]})
        MERGE (c)-[:IN_BUILDING]->(b)""",
    "organisations": """
        UNWIND $rows AS row
        MERGE (o:Organisation {code: row.key[0]}) SET o.name = row.key[0], o.kind = row.kind""",
    "party_branches": """
        UNWIND $rows AS row
        MERGE (b:PartyBranch {code: row.key[0]}) SET b.name = row.key[0]
        WITH b, row MATCH (c:Community {code: row.community})
        MERGE (b)-[:PART_OF]->(c)""",
    "dwellings": """
        UNWIND $rows AS row
        MERGE (d:Dwelling {key: row.key[0]}) SET d.room = row.room
        WITH d, row
        OPTIONAL MATCH (d)-[old:IN]->() DELETE old
        WITH DISTINCT d, row
        MATCH (c:Corridor {code: row.corridor}) MERGE (d)-[:IN]->(c)""",
    "households": f"""
        UNWIND $rows AS row
        MERGE (h:Household {{id: row.key[0]}})
        WITH h, row
        // A move keeps the old home as history: it ended the day before the load, and the new
        // one starts on the load day (a home of the household's first load has no start date).
        OPTIONAL MATCH (h)-[old:LIVES_IN]->(d0:Dwelling)
        WHERE old.until IS NULL AND d0.key <> row.dwelling
        WITH h, row, old, old IS NOT NULL AS moved, old.since > $yesterday AS fresh
        {end_or_withdraw("old", "fresh")}
        WITH DISTINCT h, row, moved
        MATCH (d:Dwelling {{key: row.dwelling}})
        WHERE NOT EXISTS {{ (h)-[l:LIVES_IN]->(d) WHERE l.until IS NULL }}
        CREATE (h)-[l:LIVES_IN]->(d)
        SET l.since = CASE WHEN moved THEN $today END""",
    "residents": """
        UNWIND $rows AS row
        MERGE (p:Person {id: row.key[0]})
        SET p:Resident, p.name = row.name, p.nameKeys = row.nameKeys, p.gender = row.gender,
            p.birthYear = row.birthYear,
            p.phone = row.phone, p.mobility = row.mobility, p.smartphone = row.smartphone,
            p.tags = row.tags, p.availability = row.availability, p.leftOn = null
        WITH p, row
        OPTIONAL MATCH (p)-[old:MEMBER_OF|REGISTERED_WITH|HAS_FAMILY_DOCTOR]->() DELETE old
        WITH DISTINCT p, row
        MATCH (h:Household {id: row.household})
        MERGE (p)-[m:MEMBER_OF]->(h) SET m.relation = row.relation
        WITH p, row
        FOREACH (_ IN CASE WHEN row.party IS NULL THEN [1] ELSE [] END | REMOVE p:PartyMember)
        FOREACH (_ IN CASE WHEN row.party IS NULL THEN [] ELSE [1] END | SET p:PartyMember)
        WITH p, row
        OPTIONAL MATCH (b:PartyBranch {code: row.branch})
        FOREACH (_ IN CASE WHEN b IS NULL THEN [] ELSE [1] END |
            MERGE (p)-[r:REGISTERED_WITH]->(b) SET r.kind = row.party)
        WITH p, row
        OPTIONAL MATCH (d:Person {id: row.familyDoctor})
        FOREACH (_ IN CASE WHEN d IS NULL THEN [] ELSE [1] END |
            MERGE (p)-[:HAS_FAMILY_DOCTOR]->(d))""",
    "dwelling_owners": """
        UNWIND $rows AS row
        MATCH (d:Dwelling {key: row.key[0]}) SET d.exclusiveArea = row.exclusiveArea
        WITH d, row
        OPTIONAL MATCH (:Person)-[old:OWNS]->(d) DELETE old
        WITH DISTINCT d, row
        UNWIND row.owners AS owner
        MATCH (p:Person {id: owner}) MERGE (p)-[:OWNS]->(d)""",
    # Not a MERGE of the relationship: Neo4j planned that as a seek of the SERVES(role) index
    # (every floor chief's role, for each row: a street's 4,600 roles took 2.3 s). The pattern
    # comprehension, with no property to seek by, expands from the two nodes, and the roles found
    # are filtered after. Both nodes are locked first, as a MERGE would, and as
    # the committee's role changes lock the area (graph/records/ties.py), so none is made twice.
    "roles": """
        UNWIND $rows AS row
        MATCH (p:Person {id: row.key[0]}), (a:Area {code: row.key[2]})
        SET p._lock = true, a._lock = true REMOVE p._lock, a._lock
        WITH p, a, row,
             [s IN [(p)-[s:SERVES]->(a) | s] WHERE s.role = row.key[1] AND s.since = row.key[3]]
             AS held
        FOREACH (s IN held | SET s.until = row.until)
        FOREACH (_ IN CASE WHEN held = [] THEN [1] ELSE [] END |
            CREATE (p)-[:SERVES {role: row.key[1], since: row.key[3], until: row.until}]->(a))""",
    "helpers": """
        UNWIND $rows AS row
        MATCH (p:Person {id: row.key[0]}), (r:Resident {id: row.key[1]})
        MERGE (p)-[h:HELPS {kind: row.key[2], since: row.key[3]}]->(r)
        SET h.until = row.until""",
    "visits": """
        UNWIND $rows AS row
        MATCH (p:Person {id: row.key[0]}), (r:Resident {id: row.key[1]})
        MERGE (p)-[v:VISITED {on: row.key[2], mode: row.key[3]}]->(r)
        SET v.note = row.note""",
}


# Rows the plan knows to be new, nowhere in the graph under any kind: written by CREATE, which
# needs no lookup and no lock of an existing node (14k residents: 0.64 s against the MERGE's
# 0.90 s, medians of 4). A row another writer created meanwhile fails the CREATE on the uniqueness
# constraint, and the load is planned again (roster_store.in_one_transaction). Each entry: the
# kinds whose nodes a new row must not be one of, and the query.
NEW_QUERIES: dict[str, tuple[tuple[str, ...], str]] = {
    "residents": (
        ("people",),
        """
        UNWIND $rows AS row
        CREATE (p:Person:Resident {id: row.key[0]})
        SET p.name = row.name, p.nameKeys = row.nameKeys, p.gender = row.gender,
            p.birthYear = row.birthYear,
            p.phone = row.phone, p.mobility = row.mobility, p.smartphone = row.smartphone,
            p.tags = row.tags, p.availability = row.availability
        WITH p, row
        MATCH (h:Household {id: row.household})
        CREATE (p)-[:MEMBER_OF {relation: row.relation}]->(h)
        FOREACH (_ IN CASE WHEN row.party IS NULL THEN [] ELSE [1] END | SET p:PartyMember)
        WITH p, row
        OPTIONAL MATCH (b:PartyBranch {code: row.branch})
        FOREACH (_ IN CASE WHEN b IS NULL THEN [] ELSE [1] END |
            CREATE (p)-[:REGISTERED_WITH {kind: row.party}]->(b))
        WITH p, row
        OPTIONAL MATCH (d:Person {id: row.familyDoctor})
        FOREACH (_ IN CASE WHEN d IS NULL THEN [] ELSE [1] END |
            CREATE (p)-[:HAS_FAMILY_DOCTOR]->(d))""",
    ),
}


class NewAfterAll(Exception):
    """A row the plan took for new was created by another writer since the load read the graph:
    the plan is stale (the load's transaction is rolled back and planned again)."""


def _rows(items: Iterable[tuple[Key, Props]]) -> list[Props]:
    # Without its nulls: a map's missing key reads as null in Cypher, and 99k residents' rows
    # are sent in 1.1 s instead of 1.4 s without them.
    return [
        {"key": list(key), **{k: v for k, v in props.items() if v is not None}}
        for key, props in items
    ]


def write_kind(
    tx: ManagedTransaction,
    kind: str,
    items: list[tuple[Key, Props]],
    *,
    today: date,
    batch: int = 2000,
    progress: Callable[[int], None] | None = None,
    keys: Callable[[str | None], list[str]] = name_keys,
    new: list[tuple[Key, Props]] | None = None,
) -> None:
    """Create or update ``items`` of one kind, in batches, inside the caller's transaction
    (``keys`` makes the search keys of a named kind's names), and create ``new``, which the
    graph holds under no kind (only for a kind of :data:`NEW_QUERIES`)."""

    def rows_of(of: list[tuple[Key, Props]]) -> list[Props]:
        rows = _rows(of)
        return [{**r, "nameKeys": keys(r.get("name"))} for r in rows] if kind in NAMED else rows

    queries: list[tuple[str, list[Props]]] = []
    written, created = rows_of(items), rows_of(new or [])
    if created:
        queries.append((NEW_QUERIES[kind][1], created))
    if kind in GROUPED_WRITES:
        field, by_value = GROUPED_WRITES[kind]
        groups: dict[str, list[Props]] = {}
        for row in written:
            groups.setdefault(row.get(field), []).append(row)
        # In declaration order: a parent level is written before the levels that point to it.
        queries += [(q, groups[value]) for value, q in by_value.items() if value in groups]
    elif written:
        queries.append((WRITE_QUERIES[kind], written))
    for query, rows in queries:
        for start in range(0, len(rows), batch):
            chunk = rows[start : start + batch]
            try:
                tx.run(query, rows=chunk, today=today, yesterday=ended_by(today)).consume()
            except ConstraintError as exc:
                if kind in NEW_QUERIES and query == NEW_QUERIES[kind][1]:
                    raise NewAfterAll(str(exc)) from exc
                raise
            if progress:
                progress(len(chunk))
