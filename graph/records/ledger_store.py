"""The ledger of a roster load in the graph: what it already holds of the ledger's matters,
meetings and projects (read, and locked, inside the load's one transaction), and the writes
that add what the ledger holds beyond it. The shapes are the graph's own
(:mod:`graph.governance`); what to write is planned in :mod:`seeds.ledger_plan`.

Nothing here changes a step or deletes anything: matters get steps appended after theirs,
decisions are created or marked done, projects move forward.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from neo4j import ManagedTransaction

__all__ = ["LEDGER_WRITES", "read_ledger", "write_ledger"]

_LOCK = "SET {0}._lock = true REMOVE {0}._lock"
_MATTERS = """
    UNWIND $ids AS id MATCH (m:Matter {{id: id}}) {lock}
    RETURN m.id AS id, m.title AS title, m.category AS category, m.description AS description,
           m.steps AS steps, [(m)-[:ABOUT]->(a:Area) | a.code][0] AS area,
           COLLECT {{ MATCH (m)-[:STEP]->(s:MatterStep) RETURN [s.action, s.on] ORDER BY s.seq }}
           AS history"""
_MEETINGS = """
    UNWIND $ids AS id MATCH (g:Meeting {{id: id}}) {lock}
    RETURN g.id AS id, g.on AS on,
           COLLECT {{ MATCH (g)-[:DECIDED]->(d:Decision) RETURN [d.seq, d.done, d.text] }}
           AS decisions"""
_PROJECTS = """
    UNWIND $ids AS id MATCH (p:Project {{id: id}}) {lock}
    RETURN p.id AS id, p.title AS title, p.kind AS kind, p.status AS status, p.budget AS budget,
           p.funding AS funding, p.description AS description,
           [p.proposedOn, p.approvedOn, p.startedOn, p.doneOn] AS days,
           COLLECT {{ MATCH (p)-[:AT]->(a:Area) RETURN a.code ORDER BY a.code }} AS places,
           [(p)-[:DECIDED_BY]->(d) | d.id][0] AS decidedBy"""
_KNOWN = """
    RETURN [id IN $matters WHERE EXISTS { (:Matter {id: id}) }] AS matters,
           [id IN $deciders WHERE EXISTS { MATCH (d:Matter|Vote) WHERE d.id = id }] AS deciders,
           [id IN $meetings WHERE EXISTS { (:Meeting {id: id}) }] AS meetings"""

CREATE_MATTERS = """
    UNWIND $rows AS r
    MATCH (a:Area {code: r.area})
    CREATE (m:Matter {id: r.id, title: r.title, description: r.description, category: r.category,
                      level: r.level, status: r.status, levelSince: r.levelSince,
                      raisedAt: r.raisedAt, steps: size(r.steps), outcome: r.outcome,
                      source: 'ledger'})-[:ABOUT]->(a)
    WITH m, r
    CALL (m, r) { MATCH (p:Person {id: r.raisedBy}) CREATE (p)-[:RAISED]->(m) }
    CALL (m, r) {
        UNWIND r.steps AS s
        CREATE (m)-[:STEP]->(x:MatterStep {key: r.id + '#' + toString(s.seq), seq: s.seq,
            action: s.action, on: s.on, at: $at, level: s.level, status: s.status,
            outcome: s.outcome, source: 'ledger'})
        WITH x, s WHERE s.action = 'raise'
        MATCH (p:Person {id: r.raisedBy}) CREATE (p)-[:TOOK]->(x) }"""
APPEND_STEPS = """
    UNWIND $rows AS r
    MATCH (m:Matter {id: r.id})
    SET m.level = r.level, m.status = r.status, m.levelSince = r.levelSince, m.steps = r.count,
        m.outcome = coalesce(r.outcome, m.outcome)
    WITH m, r UNWIND r.steps AS s
    CREATE (m)-[:STEP]->(:MatterStep {key: r.id + '#' + toString(s.seq), seq: s.seq,
        action: s.action, on: s.on, at: $at, level: s.level, status: s.status,
        outcome: s.outcome, source: 'ledger'})"""
UPDATE_MATTERS = """
    UNWIND $rows AS r MATCH (m:Matter {id: r.id})
    SET m.title = r.title, m.category = r.category, m.description = r.description"""
CREATE_MEETINGS = """
    UNWIND $rows AS r
    MATCH (a:Area {code: r.area})
    CREATE (g:Meeting {id: r.id, title: r.title, on: r.on, place: r.venue,
                       source: 'ledger'})-[:AT]->(a)
    WITH g, r
    CALL (g, r) { UNWIND r.matters AS id MATCH (x:Matter {id: id}) CREATE (g)-[:DISCUSSED]->(x) }
    CALL (g, r) { UNWIND r.attendees AS t MATCH (p:Person {id: t.person})
                  CREATE (p)-[:TOOK_PART {as: t.as}]->(g) }"""
CREATE_DECISIONS = """
    UNWIND $rows AS r MATCH (g:Meeting {id: r.meeting})
    CREATE (g)-[:DECIDED]->(:Decision {seq: r.seq, text: r.text, responsible: r.responsible,
        due: r.due, done: r.doneOn IS NOT NULL, doneOn: r.doneOn, followUps: []})"""
DONE_DECISIONS = """
    UNWIND $rows AS r MATCH (:Meeting {id: r.meeting})-[:DECIDED]->(d:Decision {seq: r.seq})
    WHERE NOT d.done
    SET d.done = true, d.doneOn = r.doneOn, d.followUps = d.followUps + [r.entry]"""
CREATE_PROJECTS = """
    UNWIND $rows AS r
    CREATE (p:Project {id: r.id, title: r.title, kind: r.kind, status: r.status,
        budget: r.budget, funding: r.funding, description: r.description,
        proposedOn: r.days[0], approvedOn: r.days[1], startedOn: r.days[2], doneOn: r.days[3],
        source: 'ledger'})
    WITH p, r
    CALL (p, r) { UNWIND r.places AS code MATCH (a:Area {code: code}) CREATE (p)-[:AT]->(a) }
    CALL (p, r) { MATCH (d:Matter|Vote) WHERE d.id = r.decidedBy CREATE (p)-[:DECIDED_BY]->(d) }"""
UPDATE_PROJECTS = "UNWIND $rows AS r MATCH (p:Project {id: r.id}) SET p += r.props"

# In the order they run: a meeting discusses matters created before it, and so on.
LEDGER_WRITES: dict[str, str] = {
    "matters": CREATE_MATTERS,
    "steps": APPEND_STEPS,
    "matter_updates": UPDATE_MATTERS,
    "meetings": CREATE_MEETINGS,
    "decisions": CREATE_DECISIONS,
    "decisions_done": DONE_DECISIONS,
    "projects": CREATE_PROJECTS,
    "project_updates": UPDATE_PROJECTS,
}


def _rows(tx: ManagedTransaction, query: str, **params: Any) -> list[dict[str, Any]]:
    return [r.data() for r in tx.run(query, **params)]


def read_ledger(
    tx: ManagedTransaction, *, matters: list[str], meetings: list[str], projects: list[str],
    references: dict[str, list[str]], lock: bool,
) -> dict[str, Any]:  # fmt: skip
    """What the graph holds of these ids (locked when the load writes, so no step taken through
    the API meanwhile is numbered like one of the load's), and which of the full ids the ledger
    refers to exist."""

    def read(query: str, node: str, ids: list[str]) -> dict[str, dict[str, Any]]:
        found = _rows(tx, query.format(lock=_LOCK.format(node) if lock else ""), ids=ids)
        return {r["id"]: r for r in found}

    known = _rows(tx, _KNOWN, **references)[0]
    return {
        "matters": read(_MATTERS, "m", matters),
        "meetings": read(_MEETINGS, "g", meetings),
        "projects": read(_PROJECTS, "p", projects),
        "known": {kind: set(ids) for kind, ids in known.items()},
    }


def write_ledger(tx: ManagedTransaction, writes: dict[str, list[dict[str, Any]]]) -> bool:
    """Run each planned write of :data:`LEDGER_WRITES`; whether anything was written."""
    at = datetime.now().astimezone()
    for kind, query in LEDGER_WRITES.items():
        if writes.get(kind):
            tx.run(query, rows=writes[kind], at=at).consume()
    return any(writes.values())
