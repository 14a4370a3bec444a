"""The audit log in the real Neo4j: append, list, filter; ids only; append-only by construction."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from neo4j import Driver

from graph.access import audit
from graph.access.audit import AuditEntry, list_entries, record
from graph.access.session import GraphSession
from graph.store.connection import Neo4jTarget

ROOT = Path(__file__).resolve().parents[3]
T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def entry(minutes: int, account: str = "demo-committee", **kw: object) -> AuditEntry:
    fields: dict[str, object] = {
        "at": T0 + timedelta(minutes=minutes),
        "account_id": account,
        "role": "committee",
        "operation": "resident",
        "kind": "read",
        "person_ids": ("R000001",),
        "ok": True,
    }
    fields.update(kw)
    return AuditEntry(**fields)  # type: ignore[arg-type]


def write(target: Neo4jTarget, *entries: AuditEntry) -> int:
    """Record each entry through one GraphSession; returns the Cypher count."""

    async def go() -> int:
        async with target.async_driver() as driver:
            session = GraphSession(driver, database=target.database)
            for e in entries:
                await record(session, entry=e)
            return session.queries

    return asyncio.run(go())


def test_entries_come_back_newest_first_and_filtered(
    empty_graph: Driver, neo4j_target: Neo4jTarget
) -> None:
    a = entry(0, person_ids=("R000002", "R000001", "R000002"))
    b = entry(5, account="demo-admin", role="admin", operation="recordVisit", kind="mutation")
    c = entry(10, ok=False, person_ids=())
    assert write(neo4j_target, a, b, c) == 3  # one write per entry
    listed = list_entries(empty_graph, database="neo4j")
    assert [e.at for e in listed] == [c.at, b.at, a.at]
    assert listed[2].person_ids == ("R000001", "R000002")  # deduplicated, in order
    assert listed[1] == b and listed[0] == c
    assert [e.at for e in list_entries(empty_graph, database="neo4j", since=b.at)] == [c.at, b.at]
    mine = list_entries(empty_graph, database="neo4j", account_id="demo-admin")
    assert [e.operation for e in mine] == ["recordVisit"]
    assert [e.at for e in list_entries(empty_graph, database="neo4j", limit=1)] == [c.at]


def test_only_ids_are_stored(empty_graph: Driver, neo4j_target: Neo4jTarget) -> None:
    write(neo4j_target, entry(0))
    records, _, _ = empty_graph.execute_query("MATCH (e:AuditEntry) RETURN properties(e) AS p")
    assert set(records[0]["p"]) == {
        "at",
        "accountId",
        "role",
        "operation",
        "kind",
        "personIds",
        "ok",
    }
    assert records[0]["p"]["personIds"] == ["R000001"]


@pytest.mark.parametrize(
    "bad",
    [
        {"kind": "delete"},
        {"operation": "resident name=王秀英"},
        {"operation": ""},
        {"person_ids": ("王 秀英",)},
        {"person_ids": ("13800000001 R001",)},
        {"account_id": "two words"},
        {"at": datetime(2026, 11, 1)},
    ],
)
def test_an_entry_cannot_carry_free_text(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        entry(0, **bad)


def test_limit_is_bounded(empty_graph: Driver) -> None:
    for limit in (0, audit.MAX_LIMIT + 1):
        with pytest.raises(ValueError):
            list_entries(empty_graph, database="neo4j", limit=limit)


def test_no_code_updates_or_deletes_an_audit_entry() -> None:
    """Append-only by construction: no Cypher that changes or removes :AuditEntry exists."""
    writers = re.compile(r"\b(SET|REMOVE|DELETE|DETACH|MERGE)\b", re.IGNORECASE)
    cypher = [
        value
        for name, value in vars(audit).items()
        if not name.startswith("__") and isinstance(value, str) and "AuditEntry" in value
    ]
    assert {audit.RECORD_MANY, audit.LIST_ENTRIES} <= set(cypher)
    assert [c for c in cypher if writers.search(c)] == []
    mentions = [
        path.relative_to(ROOT).as_posix()
        for folder in ("graph", "schema", "server", "seeds")
        for path in (ROOT / folder).rglob("*.py")
        if ":AuditEntry" in path.read_text(encoding="utf-8")
    ]
    # The label in Cypher appears only here (and in the bootstrap's index statements).
    assert set(mentions) <= {"graph/access/audit.py", "graph/store/bootstrap.py"}, mentions
