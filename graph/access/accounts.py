"""Accounts of the people who use the API: a role, a scope area, maybe the person they are.

    (:Account {id, role, scope, personId, disabled, createdAt, disabledAt})-[:IS]->(:Person)

An account holds no secret: tokens are signed by the service (``server.tokens``) and name only
the account id, so the role, scope and ``disabled`` flag read here on each request are the truth.
Accounts are never deleted, only disabled, so an id is never reused by someone else and an old
token can never come to mean a new account.

Expected refusals come back as :class:`graph.errors.ChangeError` values (the codes the API
already speaks: ``NOT_FOUND``, ``WRONG_SCOPE``, ``BAD_USER_INPUT``, plus ``ALREADY_EXISTS``),
never as exceptions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from neo4j import Driver, ManagedTransaction, RoutingControl
from neo4j.exceptions import ConstraintError

from graph.access.home import FEW_COMMUNITIES
from graph.access.session import GraphSession
from graph.errors import ChangeError
from graph.store.bootstrap import ACCOUNT_SCHEMA, ensure_schema
from graph.store.values import native

__all__ = [
    "Account",
    "Principal",
    "account_by_id",
    "add_account",
    "disable_account",
    "ensure_account",
    "get_account",
    "list_accounts",
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
_FIELDS = f"""a.id AS id, a.role AS role, a.scope AS scope, a.personId AS personId,
    a.disabled AS disabled, a.createdAt AS createdAt, a.disabledAt AS disabledAt,
    {_ROLE_HELD} AS roleHeld"""
# A code as given, or else as written in the graph's only community (graph.identity): in a
# single-community deployment ``--scope B01-C1`` means QS/B01-C1; with several, write it whole.
_ONLY_COMMUNITY = f"""
    {FEW_COMMUNITIES}
    WITH CASE WHEN size(few) = 1 THEN few[0] + '/' + $code END AS qualified"""
FIND_AREA = f"""{_ONLY_COMMUNITY}
    OPTIONAL MATCH (a:Area {{code: $code}})
    OPTIONAL MATCH (q:Area {{code: qualified}})
    WITH coalesce(a, q) AS a WHERE a IS NOT NULL
    RETURN a.code AS code, a.level AS level"""
FIND_PERSON = f"""{_ONLY_COMMUNITY}
    OPTIONAL MATCH (p:Person {{id: $code}})
    OPTIONAL MATCH (q:Person {{id: qualified}})
    WITH coalesce(p, q) AS p WHERE p IS NOT NULL
    RETURN p.id AS id"""
CREATE_ACCOUNT = f"""
    CREATE (a:Account {{id: $id, role: $role, scope: $scope, personId: $person,
                        disabled: false, createdAt: $now}})
    WITH a
    CALL (a) {{
        WITH a WHERE $person IS NOT NULL
        MATCH (p:Person {{id: $person}}) CREATE (a)-[:IS]->(p)
    }}
    RETURN {_FIELDS}"""
ACCOUNT_BY_ID = f"MATCH (a:Account {{id: $id}}) RETURN {_FIELDS}"
ALL_ACCOUNTS = f"MATCH (a:Account) RETURN {_FIELDS} ORDER BY a.id"
# Idempotent: the first disabledAt is kept.
DISABLE_ACCOUNT = f"""
    MATCH (a:Account {{id: $id}})
    SET a.disabledAt = coalesce(a.disabledAt, $now), a.disabled = true
    RETURN {_FIELDS}"""


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


def _account(row: dict[str, Any]) -> Account:
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
    )


def _held(today: date | None = None) -> dict[str, Any]:
    """The parameters of the role-held test, for every query that returns accounts."""
    return {
        "boundRoles": list(STANDS_FOR),
        "standsFor": {k: list(v) for k, v in STANDS_FOR.items()},
        "today": today or date.today(),
    }


def _bad(field: str, message: str, message_zh: str) -> ChangeError:
    return ChangeError("BAD_USER_INPUT", field, message, message_zh)


def _check_input(
    account_id: str, role: str, scope: str | None, person_id: str | None
) -> ChangeError | None:
    if not ACCOUNT_ID.fullmatch(account_id):
        return _bad(
            "id",
            "An account id is 1-64 letters, digits or . _ @ - (starting with a letter or digit).",
            "账号为 1-64 位字母、数字或 . _ @ -，以字母或数字开头。",
        )
    if role not in ACCOUNT_ROLES:
        return _bad(
            "role",
            f"Unknown role {role!r}; one of {', '.join(ACCOUNT_ROLES)}.",
            f"未知角色“{role}”，应为 {', '.join(ACCOUNT_ROLES)} 之一。",
        )
    if scope is None and role != "admin":
        return _bad("scope", f"A {role} account needs a scope area.", "该角色的账号需要指定范围。")
    if person_id is None and role in PERSON_REQUIRED:
        return _bad(
            "person", f"A {role} account must be bound to a person.", "该角色的账号需绑定人员。"
        )
    return None


def add_account(
    driver: Driver,
    *,
    database: str,
    account_id: str,
    role: str,
    scope: str | None,
    person_id: str | None,
    now: datetime | None = None,
) -> Account | ChangeError:
    """Create an account after checking its role, scope and person; one transaction."""
    if (bad := _check_input(account_id, role, scope, person_id)) is not None:
        return bad
    ensure_schema(driver, database=database, statements=ACCOUNT_SCHEMA)  # a bare database too
    created = now or datetime.now(UTC)

    def work(tx: ManagedTransaction) -> Account | ChangeError:
        nonlocal scope, person_id
        if tx.run(ACCOUNT_BY_ID, id=account_id, **_held()).single() is not None:
            return _exists(account_id)
        if scope is not None:
            area = tx.run(FIND_AREA, code=scope).single()
            if area is None:
                return ChangeError(
                    "NOT_FOUND",
                    "scope",
                    f"No area with code {scope!r}.",
                    f"找不到网格单元“{scope}”。",
                )
            wanted = ACCOUNT_SCOPE_LEVEL[role]
            if wanted is not None and area["level"] != wanted:
                return ChangeError(
                    "WRONG_SCOPE",
                    "scope",
                    f"A {role} account is scoped to a {wanted}; {scope} is a {area['level']}.",
                    f"该角色的范围应为 {wanted}，而 {scope} 是 {area['level']}。",
                )
            scope = area["code"]
        if person_id is not None:
            person = tx.run(FIND_PERSON, code=person_id).single()
            if person is None:
                return ChangeError(
                    "NOT_FOUND",
                    "person",
                    f"No person with id {person_id!r}.",
                    f"找不到人员“{person_id}”。",
                )
            person_id = person["id"]
        row = tx.run(
            CREATE_ACCOUNT,
            id=account_id,
            role=role,
            scope=scope,
            person=person_id,
            now=created,
            **_held(),
        ).single()
        assert row is not None
        made = _account(row.data())
        if not made.role_held:  # rolled back with the transaction
            raise _RoleNotHeld
        return made

    with driver.session(database=database) as session:
        try:
            return session.execute_write(work)
        except ConstraintError:
            return _exists(account_id)  # created by someone else between our check and write
        except _RoleNotHeld:
            held = " or ".join(STANDS_FOR[role])
            return ChangeError(
                "ROLE_NOT_HELD",
                "person",
                f"{person_id} does not serve {scope} as {held} today: a {role} account stands "
                "for that role.",
                f"{person_id} 今天并未在 {scope} 担任该职务，不能开设此角色账号。",
            )


class _RoleNotHeld(Exception):
    """Raised inside the creating transaction to roll it back."""


def _exists(account_id: str) -> ChangeError:
    return ChangeError(
        "ALREADY_EXISTS",
        "id",
        f"An account {account_id!r} already exists (accounts are disabled, never deleted).",
        f"账号“{account_id}”已存在（账号只停用，不删除）。",
    )


def ensure_account(
    driver: Driver,
    *,
    database: str,
    account_id: str,
    role: str,
    scope: str | None,
    person_id: str | None,
    now: datetime | None = None,
) -> Account | ChangeError:
    """The account as it is when it exists (whatever its role or state), else a new one: for
    setups that run again (the demo, tests, benchmarks)."""
    found = get_account(driver, database=database, account_id=account_id)
    if found is not None:
        return found
    return add_account(
        driver,
        database=database,
        account_id=account_id,
        role=role,
        scope=scope,
        person_id=person_id,
        now=now,
    )


def get_account(driver: Driver, *, database: str, account_id: str) -> Account | None:
    records, _, _ = driver.execute_query(
        ACCOUNT_BY_ID, id=account_id, **_held(), database_=database, routing_=RoutingControl.READ
    )
    return _account(records[0].data()) if records else None


def list_accounts(driver: Driver, *, database: str) -> list[Account]:
    records, _, _ = driver.execute_query(
        ALL_ACCOUNTS, **_held(), database_=database, routing_=RoutingControl.READ
    )
    return [_account(r.data()) for r in records]


def disable_account(
    driver: Driver, *, database: str, account_id: str, now: datetime | None = None
) -> Account | ChangeError:
    """Disable an account (idempotent); every token of it is refused from then on."""
    records, _, _ = driver.execute_query(
        DISABLE_ACCOUNT, id=account_id, now=now or datetime.now(UTC), **_held(), database_=database
    )
    if not records:
        return ChangeError(
            "NOT_FOUND", "id", f"No account {account_id!r}.", f"找不到账号“{account_id}”。"
        )
    return _account(records[0].data())


async def account_by_id(session: GraphSession, *, account_id: str) -> Account | None:
    """The request path's lookup: one read through the request's :class:`GraphSession`."""
    rows = await session.read(ACCOUNT_BY_ID, id=account_id, **_held())
    return _account(rows[0]) if rows else None
