"""Accounts of the people who use the API: a role, a scope area, maybe the person they are.

    (:Account {id, role, scope, personId, disabled, createdAt, disabledAt,
               passwordHash, mustChangePassword, passwordSetAt, demoPassword})-[:IS]->(:Person)

The only secret an account holds is its password's Argon2id hash (graph/access/passwords.py),
which no query but the sign-in's returns. Tokens are signed by the service (``server.tokens``)
and sessions live in the graph (graph/access/sessions.py); both name only the account id, so
the role, scope and ``disabled`` flag read here on each request are the truth.
Accounts are never deleted, only disabled, so an id is never reused by someone else and an old
token can never come to mean a new account.

Expected refusals come back as :class:`graph.errors.ChangeError` values (the codes the API
already speaks: ``NOT_FOUND``, ``WRONG_SCOPE``, ``BAD_USER_INPUT``, plus ``ALREADY_EXISTS``),
never as exceptions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from neo4j import Driver, RoutingControl

from graph.access.api_tokens import LIVE, live
from graph.access.home import home_clauses, home_from
from graph.access.session import GraphSession
from graph.identity import Home
from graph.store.data_version import MATCH_VERSION, VERSION_OF
from graph.store.values import native

__all__ = [
    "ACCOUNTS_ON_REQUEST",
    "ACCOUNT_BY_ID",
    "ACCOUNT_FIELDS",
    "ACCOUNT_ID",
    "ACCOUNT_ROLES",
    "ACCOUNT_SCOPE_LEVEL",
    "ALL_ACCOUNTS",
    "PASSWORD_OF",
    "PERSON_REQUIRED",
    "STANDS_FOR",
    "Account",
    "Principal",
    "account_by_id",
    "account_from",
    "get_account",
    "list_accounts",
    "role_params",
]

ACCOUNT_ROLES: tuple[str, ...] = ("admin", "committee", "grid_worker", "floor_chief", "planner")
# The level an account's scope must have; None: any level. An admin needs no scope at all.
ACCOUNT_SCOPE_LEVEL: dict[str, str | None] = {
    "admin": None,
    "committee": "community",
    "grid_worker": "micro_grid",
    "floor_chief": "corridor",
    "planner": None,
}
# Grid workers and floor chiefs act as themselves (they record their own visits), so they must
# be bound to their person; the others may be.
PERSON_REQUIRED: frozenset[str] = frozenset({"grid_worker", "floor_chief"})
ACCOUNT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")

# The roles an account of a role stands for: a floor-chief account is a floor chief of its
# corridor, a grid-worker account the grid worker of its micro-grid, and only while that term
# lasts (and the person has not left). Read with the account on every request.
STANDS_FOR: dict[str, tuple[str, ...]] = {
    "floor_chief": ("first_floor_chief", "second_floor_chief"),
    "grid_worker": ("grid_worker",),
}
_ROLE_HELD = """CASE WHEN a.role IN $boundRoles THEN EXISTS {
        MATCH (p:Person {id: a.personId})-[s:SERVES]->(:Area {code: a.scope})
        WHERE s.role IN $standsFor[a.role] AND p.leftOn IS NULL
          AND s.since <= $today AND (s.until IS NULL OR $today <= s.until)
    } ELSE true END"""
ACCOUNT_FIELDS = f"""a.id AS id, a.role AS role, a.scope AS scope, a.personId AS personId,
    a.disabled AS disabled, a.createdAt AS createdAt, a.disabledAt AS disabledAt,
    {_ROLE_HELD} AS roleHeld, a.passwordHash IS NOT NULL AS hasPassword,
    coalesce(a.mustChangePassword, false) AS mustChangePassword,
    coalesce(a.demoPassword, false) AS demoPassword"""
ACCOUNT_BY_ID = f"MATCH (a:Account {{id: $id}}) RETURN {ACCOUNT_FIELDS}"
ACCOUNT_BY_TOKEN = f"MATCH (a:Account {{id: $id}}) WHERE {LIVE} RETURN {ACCOUNT_FIELDS}"
# On every request: the account, and its home read with it (one statement, not two).
# With the graph's data version: a request that reads coverage need not ask for it again
# (schema/context.version_for_reports, which uses it only when that is as fresh as asking).
_ON_REQUEST = f"""{home_clauses("a.scope", "a")}
    {MATCH_VERSION}
    RETURN {ACCOUNT_FIELDS}, home, above, {VERSION_OF} AS version"""
ACCOUNT_ON_REQUEST = f"MATCH (a:Account {{id: $id}}) {_ON_REQUEST}"
TOKEN_ON_REQUEST = f"MATCH (a:Account {{id: $id}}) WHERE {LIVE} {_ON_REQUEST}"
# The same for several requests at once (graph/access/account_reader.py): ``$asks`` of
# {n, id, tokenId}, each answered by its row ``n`` (none: unknown, or its token is not live).
ACCOUNTS_ON_REQUEST = f"""UNWIND $asks AS ask
    MATCH (a:Account {{id: ask.id}})
    WHERE ask.tokenId IS NULL OR {live("ask.tokenId")}
    {home_clauses("a.scope", "a", "ask")}
    {MATCH_VERSION}
    RETURN ask.n AS n, {ACCOUNT_FIELDS}, home, above, {VERSION_OF} AS version"""
ALL_ACCOUNTS = f"MATCH (a:Account) RETURN {ACCOUNT_FIELDS} ORDER BY a.id"
PASSWORD_OF = f"MATCH (a:Account {{id: $id}}) RETURN a.passwordHash AS hash, {ACCOUNT_FIELDS}"


@dataclass(frozen=True)
class Account:
    id: str
    role: str
    scope: str | None
    person_id: str | None
    disabled: bool
    created_at: datetime
    disabled_at: datetime | None = None
    role_held: bool = True  # False: the person no longer holds the role the account stands for
    has_password: bool = False
    must_change_password: bool = False  # an initial password, to be changed at first sign-in
    demo_password: bool = False  # a published demo password: refused off loopback
    # The community its codes are relative to, when read with it (not part of its identity).
    home: Home | None = field(default=None, compare=False)
    # The graph's data version when it was read on a request (graph/store/data_version.py).
    version: str | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Principal:
    """Who a request acts for: an enabled account, as read when its token was checked."""

    account_id: str
    role: str
    scope: str | None  # an area code; None for an admin
    person_id: str | None

    @classmethod
    def of(cls, account: Account) -> Principal:
        return cls(account.id, account.role, account.scope, account.person_id)


def account_from(row: dict[str, Any]) -> Account:
    """An account from a row of ``ACCOUNT_FIELDS``."""
    row = native(row)
    return Account(
        id=row["id"],
        role=row["role"],
        scope=row["scope"],
        person_id=row["personId"],
        disabled=bool(row["disabled"]),
        created_at=row["createdAt"],
        disabled_at=row["disabledAt"],
        role_held=bool(row["roleHeld"]),
        has_password=bool(row["hasPassword"]),
        must_change_password=bool(row["mustChangePassword"]),
        demo_password=bool(row["demoPassword"]),
        home=home_from(row) if "home" in row else None,
        version=row.get("version"),
    )


def role_params(today: date | None = None) -> dict[str, Any]:
    """The parameters of the role-held test, for every query that returns accounts."""
    return {
        "boundRoles": list(STANDS_FOR),
        "standsFor": {k: list(v) for k, v in STANDS_FOR.items()},
        "today": today or date.today(),
    }


def get_account(driver: Driver, *, database: str, account_id: str) -> Account | None:
    records, _, _ = driver.execute_query(
        ACCOUNT_BY_ID,
        id=account_id,
        **role_params(),
        database_=database,
        routing_=RoutingControl.READ,
    )
    return account_from(records[0].data()) if records else None


def list_accounts(driver: Driver, *, database: str) -> list[Account]:
    records, _, _ = driver.execute_query(
        ALL_ACCOUNTS, **role_params(), database_=database, routing_=RoutingControl.READ
    )
    return [account_from(r.data()) for r in records]


async def account_by_id(
    session: GraphSession, *, account_id: str, token_id: str | None = None
) -> Account | None:
    """The request path's lookup: one read through the request's :class:`GraphSession`, which
    also gives the account's home; with ``token_id`` (a named token's), None also when that
    token is revoked or not the account's."""
    query = ACCOUNT_ON_REQUEST if token_id is None else TOKEN_ON_REQUEST
    rows = await session.read(query, id=account_id, tokenId=token_id, **role_params())
    return account_from(rows[0]) if rows else None
