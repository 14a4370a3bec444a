"""The Cypher that writes a roster load, and the one transaction it runs in. What a load reads
is in :mod:`graph.records.roster_state`.

Writes are ``UNWIND $rows`` batches, one constant query per kind, run inside the caller's
transaction: a load is all or nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, TypeVar

from neo4j import ManagedTransaction
from neo4j.exceptions import DriverError, Neo4jError

from graph.errors import GraphUnavailable, LoadTooLarge
from graph.names import KEYS_MARK, name_keys
from graph.records.ledger_store import read_ledger, write_ledger
from graph.records.roster_prune import end_missing, end_or_withdraw, ended_by
from graph.records.roster_state import (
    GraphState,
    Key,
    LoadScope,
    Props,
    community_codes,
    read_state,
)
from graph.store.bootstrap import ensure_schema
from graph.store.connection import Neo4jTarget
from graph.store.data_version import BUMP
from graph.vocabulary import ALL_PERSON_KIND_LABELS, PERSON_KIND_LABELS

__all__ = [
    "KINDS",
    "LOAD_RETRY_SECONDS",
    "ORGANISATION_KINDS",
    "REPORTED_MISSING",
    "RosterTransaction",
    "in_one_transaction",
    "write_kind",
]

T = TypeVar("T")


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
    "roles": """
        UNWIND $rows AS row
        MATCH (p:Person {id: row.key[0]}), (a:Area {code: row.key[2]})
        MERGE (p)-[s:SERVES {role: row.key[1], since: row.key[3]}]->(a)
        SET s.until = row.until""",
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


def _rows(items: Iterable[tuple[Key, Props]]) -> list[Props]:
    return [{"key": list(key), **props} for key, props in items]


def write_kind(
    tx: ManagedTransaction,
    kind: str,
    items: list[tuple[Key, Props]],
    *,
    today: date,
    batch: int = 2000,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Create or update ``items`` of one kind, in batches, inside the caller's transaction."""
    queries: list[tuple[str, list[Props]]]
    written = _rows(items)
    if kind in NAMED:
        written = [{**row, "nameKeys": name_keys(row["name"])} for row in written]
    if kind in GROUPED_WRITES:
        field, by_value = GROUPED_WRITES[kind]
        groups: dict[str, list[Props]] = {}
        for row in written:
            groups.setdefault(row[field], []).append(row)
        # In declaration order: a parent level is written before the levels that point to it.
        queries = [(q, groups[value]) for value, q in by_value.items() if value in groups]
    else:
        queries = [(WRITE_QUERIES[kind], written)]
    for query, rows in queries:
        for start in range(0, len(rows), batch):
            chunk = rows[start : start + batch]
            tx.run(query, rows=chunk, today=today, yesterday=ended_by(today)).consume()
            if progress:
                progress(len(chunk))


class RosterTransaction:
    """The one transaction of a roster load, with the operations a load may perform in it."""

    def __init__(self, tx: ManagedTransaction) -> None:
        self._tx = tx
        self.wrote = False  # whether anything was written (the data version moves only then)

    def read_state(self, scope: LoadScope) -> GraphState:
        return read_state(self._tx, scope)

    def community_codes(self) -> list[str]:
        return community_codes(self._tx)

    def write_kind(
        self,
        kind: str,
        items: list[tuple[Key, Props]],
        *,
        today: date,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        self.wrote |= bool(items)
        write_kind(self._tx, kind, items, today=today, progress=progress)

    def read_ledger(self, ids: dict[str, Any], *, lock: bool) -> dict[str, Any]:
        return read_ledger(self._tx, **ids, lock=lock)

    def write_ledger(self, writes: dict[str, list[dict[str, Any]]]) -> None:
        self.wrote |= write_ledger(self._tx, writes)

    def key_names(self, prefix: str) -> None:
        """Give the community's names that have no keys, or keys made by older rules (another
        :data:`~graph.names.KEYS_MARK`), their keys."""
        rows = [
            {"id": r["id"], "keys": name_keys(r["name"])}
            for r in self._tx.run(UNKEYED, prefix=prefix, mark=KEYS_MARK)
        ]
        if rows:
            self.wrote = True
            self._tx.run(KEY_NAMES, rows=rows).consume()

    def end_missing(
        self, *, people: list[str], roles: list[Key], helpers: list[Key], today: date
    ) -> None:
        self.wrote |= bool(people or roles or helpers)
        end_missing(self._tx, people=people, roles=roles, helpers=helpers, today=today)


# Loads of one community serialise on the uniqueness constraint of :RosterLoad. The first
# statement of a load's transaction creates the community's :RosterLoad node, the last deletes
# it: a second load of the same community waits on the constraint's entry until the first
# commits (or rolls back), then reads the graph as the first left it, so two loads never mix.
# Loads of different communities take different ids and run side by side (they read and write
# only their own records, and MERGE what they share). Nothing remains in the graph.
BEGIN_LOAD = "CREATE (:RosterLoad {id: $community})"
END_LOAD = "MATCH (l:RosterLoad {id: $community}) DELETE l"


# A load is retried as a whole on transient errors (a cluster leader change), but not for long:
# a clerk waiting at the command line wants to hear that Neo4j is gone.
LOAD_RETRY_SECONDS = 10.0


class _OutOfMemory(Exception):
    """Raised inside the transaction function, so that the driver does not retry: a memory
    refusal is "transient" to Neo4j, but the same load would be refused again, and again."""

    def __init__(self, error: Neo4jError) -> None:
        super().__init__(str(error))
        self.error = error


def _memory_refusal(exc: Neo4jError) -> bool:
    code = exc.code or ""
    return "OutOfMemory" in code or "MemoryLimit" in code or "MemoryPool" in code


def _serialised(
    tx: ManagedTransaction, work: Callable[[RosterTransaction], T], community: str
) -> T:
    try:
        tx.run(BEGIN_LOAD, community=community).consume()  # before anything is read
        load = RosterTransaction(tx)
        done = work(load)
        tx.run(END_LOAD, community=community).consume()
        if load.wrote:  # last: its lock is held only while the load commits
            tx.run(BUMP).consume()
    except Neo4jError as exc:
        if _memory_refusal(exc):
            raise _OutOfMemory(exc) from exc
        raise
    return done


def in_one_transaction(
    target: Neo4jTarget,
    work: Callable[[RosterTransaction], T],
    *,
    write: bool,
    community: str = "",
) -> T:
    """Run ``work`` in a single transaction (read-only unless ``write``): all or nothing."""
    try:
        with target.sync_driver(max_transaction_retry_time=LOAD_RETRY_SECONDS) as driver:
            if write:
                ensure_schema(driver, database=target.database)
            with driver.session(database=target.database) as session:
                if not write:
                    return session.execute_read(lambda tx: work(RosterTransaction(tx)))
                return session.execute_write(lambda tx: _serialised(tx, work, community))
    except _OutOfMemory as exc:
        raise LoadTooLarge(
            "Neo4j 内存不足，拒绝了这次载入，未写入任何数据；请调大 LOUZHI_NEO4J_HEAP"
            "（或所连 Neo4j 的 db.memory.transaction.max）后重试 / "
            f"Neo4j at {target.uri} refused the load for "
            "memory: its one transaction needs more than Neo4j allows. Nothing was written (not "
            "retried: it would be refused again). Give Neo4j more heap (LOUZHI_NEO4J_HEAP, or "
            f"db.memory.transaction.max on your own server) and load again. [{exc.error.code}]"
        ) from exc
    except (DriverError, Neo4jError, OSError) as exc:
        raise GraphUnavailable(
            f"Neo4j at {target.uri} stopped answering ({type(exc).__name__}). Nothing was "
            "written: the load's transaction was rolled back. Start Neo4j "
            "(louzhi neo4j start) and load again."
        ) from exc
