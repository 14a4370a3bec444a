"""The audit log: who read personal details or changed something, when, and about whom.

    (:AuditEntry {at, accountId, role, operation, kind: "read"|"mutation"|"access", personIds,
                  target, ok})

``target`` is the account an administrator's change or a sign-in code was about (``access``:
sign-ins and sign-outs, whose ``accountId`` is the account signing in).

An entry names the operation (a GraphQL field or mutation name) and the *ids* of the people
concerned, never their names, phones, birth dates or any value read or written: the log can be
shown to an admin, or kept for years, without becoming a second copy of the personal data.
:class:`AuditEntry` enforces this by shape: the operation must be an identifier and each person
id a short token without spaces, so free text cannot be smuggled in.

Append-only, and how it is kept so: the only Cypher in the code base that touches
``:AuditEntry`` is in this module, and it is ``CREATE`` and ``MATCH … RETURN`` — there is no
``SET``, ``REMOVE``, ``MERGE`` or ``DELETE`` of an entry anywhere (a test greps the packages for
one). The database itself cannot forbid a delete in Neo4j Community; on Enterprise, give the
service's user a role with ``DENY DELETE ON GRAPH * NODES AuditEntry`` and ``DENY SET PROPERTY
{*} ON GRAPH * NODES AuditEntry`` to make it a rule of the server too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from neo4j import Driver, RoutingControl

from graph.access.session import GraphSession
from graph.store.values import native

__all__ = ["AuditEntry", "entries_of", "is_id", "list_entries", "record", "record_many"]

KINDS: tuple[str, ...] = ("read", "mutation", "access")  # access: sign-ins and sign-outs
MAX_LIMIT = 1000
_OPERATION = re.compile(r"[A-Za-z_][A-Za-z0-9_.]{0,99}")
_ID = re.compile(r"[^\s]{1,64}")

RECORD_MANY = """
    UNWIND $entries AS e
    CREATE (:AuditEntry {at: e.at, accountId: e.accountId, role: e.role, operation: e.operation,
                         kind: e.kind, personIds: e.personIds, target: e.target, ok: e.ok})"""
LIST_ENTRIES = """
    MATCH (e:AuditEntry)
    WHERE ($since IS NULL OR e.at >= $since) AND ($accountId IS NULL OR e.accountId = $accountId)
    RETURN e.at AS at, e.accountId AS accountId, e.role AS role, e.operation AS operation,
           e.kind AS kind, e.personIds AS personIds, e.target AS target, e.ok AS ok
    ORDER BY e.at DESC
    LIMIT $limit"""


@dataclass(frozen=True)
class AuditEntry:
    """One audited operation; only ids, never personal values.

    >>> AuditEntry(at=datetime.now(UTC), account_id="demo-committee", role="committee",
    ...            operation="resident", kind="read", person_ids=("R000001",), ok=True)
    """

    at: datetime
    account_id: str | None
    role: str | None
    operation: str
    kind: str
    person_ids: tuple[str, ...] = field(default=())
    ok: bool = True
    target: str | None = None  # the account acted on (an administrator's change)

    def __post_init__(self) -> None:
        if self.at.tzinfo is None:
            raise ValueError("at must be timezone-aware")
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {self.kind!r}")
        if not _OPERATION.fullmatch(self.operation):
            raise ValueError("operation must be an identifier (a field or mutation name)")
        bad = [i for i in self.person_ids if not isinstance(i, str) or not _ID.fullmatch(i)]
        if bad:
            raise ValueError("person_ids must be ids (1-64 characters, no spaces)")
        for name in ("account_id", "target"):
            value = getattr(self, name)
            if value is not None and not _ID.fullmatch(value):
                raise ValueError(f"{name} must be an id")


def is_id(text: object) -> bool:
    """Whether ``text`` may stand in an entry as an id (1-64 characters, no spaces)."""
    return isinstance(text, str) and _ID.fullmatch(text) is not None


def _params(entry: AuditEntry) -> dict[str, Any]:
    return {
        "at": entry.at,
        "accountId": entry.account_id,
        "role": entry.role,
        "operation": entry.operation,
        "kind": entry.kind,
        "personIds": sorted(set(entry.person_ids)),
        "ok": entry.ok,
        "target": entry.target,
    }


async def record(session: GraphSession, *, entry: AuditEntry) -> None:
    """Append ``entry``: :func:`record_many` of one."""
    await record_many(session, entries=[entry])


async def record_many(session: GraphSession, *, entries: list[AuditEntry]) -> None:
    """Append ``entries`` (one request's, or a batch's): one auto-committed ``UNWIND … CREATE``
    (GraphSession.append: one round trip)."""
    if entries:
        await session.append(RECORD_MANY, entries=[_params(e) for e in entries])


def _entry(row: dict[str, Any]) -> AuditEntry:
    row = native(row)
    return AuditEntry(
        at=row["at"],
        account_id=row["accountId"],
        role=row["role"],
        operation=row["operation"],
        kind=row["kind"],
        person_ids=tuple(row["personIds"] or ()),
        ok=row["ok"],
        target=row.get("target"),
    )


def _check_limit(limit: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise ValueError(f"limit must be between 1 and {MAX_LIMIT}")


async def entries_of(
    session: GraphSession,
    *,
    since: datetime | None = None,
    account_id: str | None = None,
    limit: int = 100,
) -> list[AuditEntry]:
    """:func:`list_entries` for the API, through the request's session."""
    _check_limit(limit)
    rows = await session.read(LIST_ENTRIES, since=since, accountId=account_id, limit=limit)
    return [_entry(r) for r in rows]


def list_entries(
    driver: Driver,
    *,
    database: str,
    since: datetime | None = None,
    account_id: str | None = None,
    limit: int = 100,
) -> list[AuditEntry]:
    """Entries at or after ``since`` (of one account, if given), newest first."""
    _check_limit(limit)
    records, _, _ = driver.execute_query(
        LIST_ENTRIES,
        since=since,
        accountId=account_id,
        limit=limit,
        database_=database,
        routing_=RoutingControl.READ,
    )
    return [_entry(r.data()) for r in records]
