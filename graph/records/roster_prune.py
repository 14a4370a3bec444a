"""Ending what left the roster (``louzhi load --prune``): people leave, their roles and pairings
end; nothing is deleted but ties that never held.

One rule for "ended on the load day", as ``moveHousehold`` has it: ``until`` is inclusive, so a
tie ended on the load day ends the day before (:func:`ended_by`) and no longer counts on that
day. A tie that had not started before the load day never held: it is withdrawn (deleted),
since an end before its start would be an impossible interval.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from neo4j import ManagedTransaction

__all__ = ["end_missing", "end_or_withdraw", "ended_by"]

Key = tuple[Any, ...]


def ended_by(day: date) -> date:
    """The ``until`` of a tie ended on ``day``: the day before (``until`` is inclusive)."""
    return day - timedelta(days=1)


def end_or_withdraw(tie: str, unstarted: str) -> str:
    """Cypher that ends the relationship ``tie`` on the load day (``until`` = ``$yesterday``),
    or deletes it when the boolean variable ``unstarted`` says it had not begun. ``unstarted``
    must be read before this runs: a deleted relationship's properties cannot be read after."""
    return f"""
    FOREACH (_ IN CASE WHEN {unstarted} THEN [1] ELSE [] END | DELETE {tie})
    FOREACH (_ IN CASE WHEN {unstarted} THEN [] ELSE [1] END | SET {tie}.until = $yesterday)"""


_END_TIE = f"""
    WITH t WHERE t.until IS NULL OR t.until > $yesterday
    WITH t, t.since > $yesterday AS unstarted{end_or_withdraw("t", "unstarted")}"""
END_PEOPLE = f"""
    UNWIND $ids AS id
    MATCH (p:Person {{id: id}}) WHERE p.leftOn IS NULL
    SET p.leftOn = $today
    WITH collect(p) AS left
    UNWIND left AS p
    MATCH (p)-[t:SERVES|HELPS]-()
    WITH DISTINCT t  // a pairing between two people who both left is ended once
    {_END_TIE}"""
END_ROLES = f"""
    UNWIND $rows AS row
    MATCH (:Person {{id: row[0]}})-[t:SERVES {{role: row[1], since: row[3]}}]
          ->(:Area {{code: row[2]}})
    {_END_TIE}"""
END_HELPERS = f"""
    UNWIND $rows AS row
    MATCH (:Person {{id: row[0]}})-[t:HELPS {{kind: row[2], since: row[3]}}]
          ->(:Resident {{id: row[1]}})
    {_END_TIE}"""


def end_missing(
    tx: ManagedTransaction,
    *,
    people: list[str],
    roles: list[Key],
    helpers: list[Key],
    today: date,
) -> None:
    """Record that people, roles and pairings have ended on ``today``: ``leftOn``, and ``until``
    the day before; only ties that had not started yet are withdrawn."""
    yesterday = ended_by(today)
    tx.run(END_PEOPLE, ids=people, today=today, yesterday=yesterday).consume()
    tx.run(END_ROLES, rows=[list(k) for k in roles], yesterday=yesterday).consume()
    tx.run(END_HELPERS, rows=[list(k) for k in helpers], yesterday=yesterday).consume()
