"""Governance matters in the graph: ``(:Matter)-[:ABOUT]->(:Area)``, raised by a person, with a
history of ``(:MatterStep)`` nodes that is only ever appended to.

A step is one write transaction that first locks its matter (so two steps taken at once are
numbered one after the other, and the second sees the first's result), then asks
:func:`graph.analysis.matters.next_state` whether the step may be taken, then writes. Nothing
here changes or deletes a step: ``MatterStep.key`` (matter id # number) is unique, so not even a
raced write could number two steps alike. What the steps do to the matter (level, status) is
kept on the matter too, for reads.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.access.scope import area_in_scope
from graph.access.session import GraphSession
from graph.analysis.matters import State, next_state
from graph.errors import ChangeError
from graph.governance.places import communities_of
from graph.records.changes import FIND_PERSON, not_found, one_row
from graph.store.values import run_rows

__all__ = ["MatterRow", "StepRow", "append_step", "matters", "raise_matter"]


@dataclass(frozen=True)
class StepRow:
    seq: int
    action: str
    on: date
    at: datetime
    level: str
    status: str
    note: str | None
    outcome: str | None
    person: str | None  # who took it (the account's person, when it has one)
    account: str | None


@dataclass(frozen=True)
class MatterRow:
    id: str
    title: str
    description: str | None
    category: str
    level: str
    status: str
    level_since: date
    area: str
    raised_by: str | None
    outcome: str | None
    steps: tuple[StepRow, ...]

    @property
    def state(self) -> State:
        return State(self.level, self.status, self.level_since)


_STEP = """s {.seq, .action, .on, .at, .level, .status, .note, .outcome, account: s.accountId,
              person: [(p:Person)-[:TOOK]->(s) | p.id][0]}"""
_MATTER_FIELDS = f"""m.id AS id, m.title AS title, m.description AS description,
    m.category AS category, m.level AS level, m.status AS status, m.levelSince AS levelSince,
    a.code AS area, [(r:Person)-[:RAISED]->(m) | r.id][0] AS raisedBy, m.outcome AS outcome,
    COLLECT {{ MATCH (m)-[:STEP]->(s:MatterStep) RETURN {_STEP} AS step ORDER BY s.seq }}
    AS steps"""
MATTERS = f"""
    MATCH (m:Matter)-[:ABOUT]->(a:Area)
    WHERE {area_in_scope("a")}
      AND ($id IS NULL OR m.id = $id)
      AND ($below IS NULL OR $below IN [(a)-[:PART_OF*0..6]->(u:Area) | u.code])
      AND ($level IS NULL OR m.level = $level) AND ($status IS NULL OR m.status IN $status)
      AND ($category IS NULL OR m.category = $category)
    RETURN {_MATTER_FIELDS}
    ORDER BY m.raisedAt DESC, m.id LIMIT $first"""
CREATE_MATTER = """
    MATCH (a:Area {code: $area})
    CREATE (m:Matter {id: $id, title: $title, description: $description, category: $category,
                      level: $level, status: 'raised', levelSince: $on, raisedAt: $at,
                      steps: 1})
    CREATE (m)-[:ABOUT]->(a)
    CREATE (m)-[:STEP]->(s:MatterStep {key: $id + '#1', seq: 1, action: 'raise', on: $on,
                                       at: $at, level: $level, status: 'raised', note: $note,
                                       accountId: $account})
    WITH m, s
    CALL (m) { MATCH (r:Person {id: $raisedBy}) CREATE (r)-[:RAISED]->(m) }
    CALL (s) { MATCH (p:Person {id: $person}) CREATE (p)-[:TOOK]->(s) }"""
LOCK_MATTER = """
    MATCH (m:Matter {id: $id}) SET m._lock = true REMOVE m._lock
    RETURN m.level AS level, m.status AS status, m.levelSince AS levelSince, m.steps AS steps,
           [(s:MatterStep)<-[:STEP]-(m) | s.on] AS days"""
APPEND_STEP = """
    MATCH (m:Matter {id: $id})
    SET m.level = $level, m.status = $status, m.levelSince = $levelSince, m.steps = $seq,
        m.outcome = coalesce($outcome, m.outcome)
    CREATE (m)-[:STEP]->(s:MatterStep {key: $id + '#' + toString($seq), seq: $seq,
                                       action: $action, on: $on, at: $at, level: $level,
                                       status: $status, note: $note, outcome: $outcome,
                                       accountId: $account})
    WITH s
    CALL (s) { MATCH (p:Person {id: $person}) CREATE (p)-[:TOOK]->(s) }"""


def _step(row: dict[str, Any]) -> StepRow:
    return StepRow(
        row["seq"], row["action"], row["on"], row["at"], row["level"], row["status"],
        row.get("note"), row.get("outcome"), row.get("person"), row.get("account"),
    )  # fmt: skip


def _matter(row: dict[str, Any]) -> MatterRow:
    return MatterRow(
        id=row["id"],
        title=row["title"],
        description=row["description"],
        category=row["category"],
        level=row["level"],
        status=row["status"],
        level_since=row["levelSince"],
        area=row["area"],
        raised_by=row["raisedBy"],
        outcome=row["outcome"],
        steps=tuple(_step(s) for s in row["steps"]),
    )


async def matters(
    db: GraphSession,
    *,
    id: str | None = None,
    below: str | None = None,
    level: str | None = None,
    status: list[str] | None = None,
    category: str | None = None,
    first: int = 100,
) -> list[MatterRow]:
    """Matters about places in the caller's scope (and below ``below``), newest first."""
    rows = await db.read(
        MATTERS, id=id, below=below, level=level, status=status, category=category, first=first
    )
    return [_matter(r) for r in rows]


async def _read_back(tx: AsyncManagedTransaction, matter_id: str) -> MatterRow:
    rows = await run_rows(tx, MATTERS, id=matter_id, below=None, level=None, status=None,
                          category=None, first=1, scope=None)  # fmt: skip
    return _matter(rows[0])


async def raise_matter(
    db: GraphSession,
    *,
    area: str,
    title: str,
    description: str | None,
    category: str,
    level: str,
    raised_by: str | None,
    note: str | None,
    on: date,
    at: datetime,
    account: str | None,
    person: str | None,
) -> MatterRow | ChangeError:
    async def work(tx: AsyncManagedTransaction) -> MatterRow | ChangeError:
        found = await communities_of(tx, [area])
        if area not in found:
            return not_found("area", "area", "网格单元", area)
        community = found[area]
        if community is None:
            return ChangeError(
                "WRONG_SCOPE", "area", "A matter is about a community or a place in one.",
                "议题须关于某个社区或其中的地方。",
            )  # fmt: skip
        if raised_by is not None and await one_row(tx, FIND_PERSON, id=raised_by) is None:
            return not_found("raisedBy", "person", "人员", raised_by)
        state = next_state(None, "raise", on, level=level)
        if isinstance(state, ChangeError):
            return state
        matter_id = f"{community}/M-{secrets.token_hex(4).upper()}"
        await run_rows(
            tx, CREATE_MATTER, id=matter_id, area=area, title=title, description=description,
            category=category, level=level, on=on, at=at, note=note, account=account,
            raisedBy=raised_by or person, person=person,
        )  # fmt: skip
        return await _read_back(tx, matter_id)

    return await db.write(work)


async def append_step(
    db: GraphSession,
    *,
    matter_id: str,
    action: str,
    note: str | None,
    outcome: str | None,
    on: date,
    at: datetime,
    account: str | None,
    person: str | None,
) -> MatterRow | ChangeError:
    async def work(tx: AsyncManagedTransaction) -> MatterRow | ChangeError:
        locked = await one_row(tx, LOCK_MATTER, id=matter_id)
        if locked is None:
            return not_found("id", "matter", "议题", matter_id)
        last = max(locked["days"])
        if on < last:
            return ChangeError(
                "INVALID_DATES", "on", f"A step cannot be dated before the last one ({last}).",
                f"步骤日期不能早于上一步（{last}）。",
            )  # fmt: skip
        if action in ("resolve", "close") and not outcome:
            return ChangeError(
                "BAD_USER_INPUT", "outcome", "Say the outcome of a resolved or closed matter.",
                "解决或关闭议题须写明结果。",
            )  # fmt: skip
        state = next_state(
            State(locked["level"], locked["status"], locked["levelSince"]), action, on
        )
        if isinstance(state, ChangeError):
            return state
        await run_rows(
            tx, APPEND_STEP, id=matter_id, seq=locked["steps"] + 1, action=action, on=on, at=at,
            level=state.level, status=state.status, levelSince=state.level_since, note=note,
            outcome=outcome, account=account, person=person,
        )  # fmt: skip
        return await _read_back(tx, matter_id)

    return await db.write(work)
