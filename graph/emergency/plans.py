"""Emergency plans in the graph: ``(:Resident)-[:HAS_PLAN]->(:EmergencyPlan {elder, destination,
needs, contact, note, updatedOn, accountId})`` with ``-[:FIRST_RESPONDER]->`` and
``-[:BACKUP_RESPONDER]->`` a person. One plan per resident (``EmergencyPlan.elder`` is unique);
setting it again replaces it, the audit log keeps who changed it.

:func:`plan_board` reads, for the caller's scope, every resident aged ``elder_age`` or more with
what decides whether they need a plan, their plan, and what decides whether each responder
named can respond (:class:`graph.analysis.emergency.Responder`), in three statements.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.access.scope import area_in_scope
from graph.access.session import GraphSession
from graph.analysis.emergency import PlanFacts, PlanStatus, Responder, needs_plan, plan_status
from graph.analysis.rules import Rules
from graph.coverage.availability_reads import windows_of
from graph.coverage.scope_reads import home_on
from graph.errors import ChangeError
from graph.records.changes import FIND_PERSON, not_found, one_row
from graph.store.values import run_rows

__all__ = ["ALONE", "Board", "Elder", "Plan", "needs_of", "plan_board", "set_plan", "statuses"]


@dataclass(frozen=True)
class Plan:
    first: str | None
    backup: str | None
    destination: str | None
    needs: tuple[str, ...]
    contact: str | None
    note: str | None
    updated_on: date | None

    def facts(self, elder: str) -> PlanFacts:
        return PlanFacts(elder, self.first, self.backup)


@dataclass(frozen=True)
class Elder:
    id: str
    name: str
    age: int
    corridor: str
    needs_plan: tuple[str, ...]  # why (MOBILITY, AGED_ALONE, TAGGED); () when they do not
    plan: Plan | None


@dataclass(frozen=True)
class Board:
    elders: tuple[Elder, ...]
    responders: dict[str, Responder]
    names: dict[str, str]  # responders' names
    parents: dict[str, str | None]  # every area of the elders' corridors up to the scope


# Nobody else of the household is still there (``r`` and its household ``h``).
ALONE = "NOT EXISTS { MATCH (o:Resident)-[:MEMBER_OF]->(h) WHERE o <> r AND o.leftOn IS NULL }"
_HOME = f"""(r)-[:MEMBER_OF]->(h:Household)-[l:LIVES_IN]->(:Dwelling)-[:IN]->(c:Corridor)
            WHERE {home_on("l")}"""
ELDERS = f"""
    MATCH (c:Corridor) WHERE {area_in_scope("c")}
      AND ($below IS NULL OR $below IN [(c)-[:PART_OF*0..6]->(u:Area) | u.code])
    MATCH (r:Resident)-[:MEMBER_OF]->(h:Household)-[l:LIVES_IN]->(:Dwelling)-[:IN]->(c)
    WHERE {home_on("l")} AND r.leftOn IS NULL AND r.birthYear <= $bornBy
    OPTIONAL MATCH (r)-[:HAS_PLAN]->(p:EmergencyPlan)
    RETURN r.id AS id, r.name AS name, r.birthYear AS born, coalesce(r.mobility, 'independent')
           AS mobility, coalesce(r.tags, []) AS tags, c.code AS corridor,
           {ALONE} AS alone,
           CASE WHEN p IS NULL THEN null ELSE p {{.destination, .needs, .contact, .note,
               .updatedOn, first: [(p)-[:FIRST_RESPONDER]->(x) | x.id][0],
               backup: [(p)-[:BACKUP_RESPONDER]->(x) | x.id][0]}} END AS plan,
           [(c)-[:PART_OF]->(b:Area) | b.code][0] AS parent,
           [(c)-[:PART_OF*1..6]->(a:Area) | [a.code, [(a)-[:PART_OF]->(b:Area) | b.code][0]]]
           AS above
    ORDER BY id"""
RESPONDERS = f"""
    UNWIND $ids AS id MATCH (r:Person {{id: id}})
    OPTIONAL MATCH {_HOME}
    RETURN r.id AS id, r.name AS name, r.leftOn IS NOT NULL AS left, r:Resident AS resident,
           r.birthYear AS born, coalesce(r.mobility, 'independent') AS mobility,
           coalesce(r.tags, []) AS tags,
           h IS NOT NULL AND {ALONE} AS alone,
           COUNT {{ (r)<-[:FIRST_RESPONDER|BACKUP_RESPONDER]-(:EmergencyPlan) }} AS plans"""
SET_PLAN = """
    MATCH (r:Resident {id: $elder})
    MERGE (r)-[:HAS_PLAN]->(p:EmergencyPlan {elder: $elder})
    SET p.destination = $destination, p.needs = $needs, p.contact = $contact, p.note = $note,
        p.updatedOn = $on, p.accountId = $account
    WITH p
    OPTIONAL MATCH (p)-[old:FIRST_RESPONDER|BACKUP_RESPONDER]->() DELETE old
    WITH DISTINCT p
    CALL (p) { MATCH (x:Person {id: $first}) CREATE (p)-[:FIRST_RESPONDER]->(x) }
    CALL (p) { MATCH (x:Person {id: $backup}) CREATE (p)-[:BACKUP_RESPONDER]->(x) }"""


def _plan(row: dict[str, Any] | None) -> Plan | None:
    if row is None:
        return None
    return Plan(row.get("first"), row.get("backup"), row.get("destination"),
                tuple(row.get("needs") or ()), row.get("contact"), row.get("note"),
                row.get("updatedOn"))  # fmt: skip


def needs_of(row: dict[str, Any], rules: Rules, year: int) -> tuple[str, ...]:
    """Why the resident of a row (``born``, ``mobility``, ``tags``, ``alone``) needs a plan."""
    return needs_plan(age=year - int(row["born"]), mobility=row["mobility"],
                      tags=tuple(row["tags"]), alone=bool(row["alone"]), rules=rules)  # fmt: skip


def statuses(board: Board, *, rules: Rules, window: str | None) -> dict[str, PlanStatus]:
    """Whether the plan of each elder of ``board`` who needs one would work (in ``window``)."""
    return {
        e.id: plan_status(e.plan.facts(e.id) if e.plan else None, e.id, board.responders,
                          rules=rules, window=window)
        for e in board.elders if e.needs_plan
    }  # fmt: skip


async def plan_board(
    db: GraphSession, *, rules: Rules, on: date, year: int, below: str | None = None
) -> Board:
    """The elders of the caller's scope (below ``below``) living there on ``on``, and the
    responders their plans name; ages are of ``year``."""
    rows = await db.read(ELDERS, bornBy=year - rules.elder_age, below=below, asOf=on)
    elders: list[Elder] = []
    parents: dict[str, str | None] = {}
    for r in rows:
        elders.append(Elder(r["id"], r["name"], year - int(r["born"]), r["corridor"],
                            needs_of(r, rules, year), _plan(r["plan"])))  # fmt: skip
        parents[r["corridor"]] = r["parent"]
        parents.update((code, up) for code, up in r["above"])
    named = sorted({p for e in elders if e.plan for p in (e.plan.first, e.plan.backup) if p})
    responders, names = await _responders(db, named, rules, on, year)
    return Board(tuple(elders), responders, names, parents)


async def _responders(
    db: GraphSession, ids: list[str], rules: Rules, on: date, year: int
) -> tuple[dict[str, Responder], dict[str, str]]:
    if not ids:
        return {}, {}
    rows = await db.read(RESPONDERS, ids=ids, asOf=on)
    windows = await windows_of(db, ids, rules, year)
    out, names = {}, {}
    for r in rows:
        needs = r["resident"] and r["born"] is not None and bool(needs_of(r, rules, year))
        out[r["id"]] = Responder(r["id"], bool(r["left"]), needs,
                                 windows.get(r["id"], frozenset()), int(r["plans"]))  # fmt: skip
        names[r["id"]] = r["name"]
    return out, names


async def set_plan(
    db: GraphSession, *, elder: str, first: str | None, backup: str | None,
    destination: str | None, needs: list[str], contact: str | None, note: str | None,
    on: date, account: str | None,
) -> ChangeError | None:  # fmt: skip
    """Set ``elder``'s plan (replacing the one they had); None when done."""

    async def work(tx: AsyncManagedTransaction) -> ChangeError | None:
        found = await one_row(tx, FIND_PERSON, id=elder)
        if found is None or not found["resident"] or found["leftOn"] is not None:
            return not_found("residentId", "resident", "居民", elder)
        if first is not None and first == backup:
            return ChangeError("SAME_RESPONDER", "backupResponderId",
                               "The backup responder must be someone else than the first.",
                               "后备联系人须与第一联系人不同。")  # fmt: skip
        for field, who in (("firstResponderId", first), ("backupResponderId", backup)):
            if who is None:
                continue
            person = await one_row(tx, FIND_PERSON, id=who)
            if person is None or person["leftOn"] is not None:
                return not_found(field, "person", "人员", who)
            if who == elder:
                return ChangeError("SELF_HELP", field, "Nobody is their own responder.",
                                   "本人不能做自己的应急联系人。")  # fmt: skip
        await run_rows(tx, SET_PLAN, elder=elder, first=first, backup=backup,
                       destination=destination, needs=needs, contact=contact, note=note, on=on,
                       account=account)  # fmt: skip
        return None

    return await db.write(work)
