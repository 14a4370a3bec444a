"""Changes to accounts, as the command line and the administrator's page make them: create
(role, scope and person checked), disable (its sessions end), give a password (its sessions
end). The model and the reads are in :mod:`graph.access.accounts`.

Expected refusals come back as :class:`graph.errors.ChangeError` values (``NOT_FOUND``,
``WRONG_SCOPE``, ``BAD_USER_INPUT``, ``ALREADY_EXISTS``, ``ROLE_NOT_HELD``), never as exceptions.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from neo4j import Driver, ManagedTransaction
from neo4j.exceptions import ConstraintError

from graph.access.accounts import (
    ACCOUNT_BY_ID,
    ACCOUNT_FIELDS,
    ACCOUNT_ID,
    ACCOUNT_ROLES,
    ACCOUNT_SCOPE_LEVEL,
    PERSON_REQUIRED,
    STANDS_FOR,
    Account,
    account_from,
    get_account,
    role_params,
)
from graph.access.home import FEW_COMMUNITIES
from graph.access.passwords import check_new_password, hash_password
from graph.errors import ChangeError
from graph.store.bootstrap import ACCOUNT_SCHEMA, ensure_schema

__all__ = [
    "SET_PASSWORD",
    "add_account",
    "disable_account",
    "ensure_account",
    "set_password",
    "set_role",
]

# A session ends with its account's password or its account (graph/access/sessions.py).
_END_SESSIONS = "CALL (a) { MATCH (s:Session {accountId: a.id}) DELETE s }"
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
    RETURN {ACCOUNT_FIELDS}"""
SET_ROLE = f"""
    MATCH (a:Account {{id: $id}})
    SET a.role = $role, a.scope = $scope, a.personId = $person
    WITH a
    CALL (a) {{ MATCH (a)-[i:IS]->() DELETE i }}
    CALL (a) {{
        WITH a WHERE $person IS NOT NULL
        MATCH (p:Person {{id: $person}}) CREATE (a)-[:IS]->(p)
    }}
    RETURN {ACCOUNT_FIELDS}"""
# Idempotent: the first disabledAt is kept. Its sessions end with it.
DISABLE_ACCOUNT = f"""
    MATCH (a:Account {{id: $id}})
    SET a.disabledAt = coalesce(a.disabledAt, $now), a.disabled = true
    WITH a
    {_END_SESSIONS}
    RETURN {ACCOUNT_FIELDS}"""
# A new password ends every session of the account (the caller starts the one it needs).
SET_PASSWORD = f"""
    MATCH (a:Account {{id: $id}})
    SET a.passwordHash = $hash, a.mustChangePassword = $mustChange, a.passwordSetAt = $now,
        a.demoPassword = $demo
    WITH a
    {_END_SESSIONS}
    RETURN {ACCOUNT_FIELDS}"""


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
        if tx.run(ACCOUNT_BY_ID, id=account_id, **role_params()).single() is not None:
            return _exists(account_id)
        placed = _placed(tx, role, scope, person_id)
        if isinstance(placed, ChangeError):
            return placed
        row = tx.run(
            CREATE_ACCOUNT,
            id=account_id,
            role=role,
            scope=placed[0],
            person=placed[1],
            now=created,
            **role_params(),
        ).single()
        assert row is not None
        made = account_from(row.data())
        if not made.role_held:  # rolled back with the transaction
            raise _RoleNotHeld
        return made

    return _run(driver, database, work, account_id, role, scope, person_id)


def _placed(
    tx: ManagedTransaction, role: str, scope: str | None, person_id: str | None
) -> tuple[str | None, str | None] | ChangeError:
    """The scope and person of an account of ``role``, as the graph writes them (references),
    or why they will not do."""
    if scope is not None:
        area = tx.run(FIND_AREA, code=scope).single()
        if area is None:
            return ChangeError(
                "NOT_FOUND", "scope", f"No area with code {scope!r}.", f"找不到网格单元“{scope}”。"
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
                "NOT_FOUND", "person", f"No person with id {person_id!r}.",
                f"找不到人员“{person_id}”。",
            )  # fmt: skip
        person_id = person["id"]
    return scope, person_id


def _run(
    driver: Driver,
    database: str,
    work: Callable[[ManagedTransaction], Account | ChangeError],
    account_id: str,
    role: str,
    scope: str | None,
    person_id: str | None,
) -> Account | ChangeError:
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


def set_role(
    driver: Driver,
    *,
    database: str,
    account_id: str,
    role: str,
    scope: str | None,
    person_id: str | None,
) -> Account | ChangeError:
    """Give an account another role, scope or person, checked as when it was created; it takes
    effect at its next request (the role is read on every one)."""
    if (bad := _check_input(account_id, role, scope, person_id)) is not None:
        return bad

    def work(tx: ManagedTransaction) -> Account | ChangeError:
        placed = _placed(tx, role, scope, person_id)
        if isinstance(placed, ChangeError):
            return placed
        row = tx.run(
            SET_ROLE, id=account_id, role=role, scope=placed[0], person=placed[1],
            **role_params(),
        ).single()  # fmt: skip
        if row is None:
            return ChangeError(
                "NOT_FOUND", "id", f"No account {account_id!r}.", f"找不到账号“{account_id}”。"
            )
        changed = account_from(row.data())
        if not changed.role_held:
            raise _RoleNotHeld
        return changed

    return _run(driver, database, work, account_id, role, scope, person_id)


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


def disable_account(
    driver: Driver, *, database: str, account_id: str, now: datetime | None = None
) -> Account | ChangeError:
    """Disable an account (idempotent); every token of it is refused from then on."""
    return _changed(driver, database, DISABLE_ACCOUNT, account_id, now=now or datetime.now(UTC))


def set_password(
    driver: Driver,
    *,
    database: str,
    account_id: str,
    password: str,
    must_change: bool,
    demo: bool = False,
    now: datetime | None = None,
) -> Account | ChangeError:
    """Give ``account_id`` a password (checked, then kept as its Argon2id hash); every session
    of the account ends. ``must_change``: an initial password, to be changed at first sign-in."""
    if not demo and (bad := check_new_password(password, account_id=account_id)) is not None:
        return bad
    return _changed(
        driver, database, SET_PASSWORD, account_id, hash=hash_password(password),
        mustChange=must_change, demo=demo, now=now or datetime.now(UTC),
    )  # fmt: skip


def _changed(
    driver: Driver, database: str, query: str, account_id: str, **params: Any
) -> Account | ChangeError:
    """One statement on one account, which it returns; NOT_FOUND when there is none."""
    records, _, _ = driver.execute_query(
        query, id=account_id, **params, **role_params(), database_=database
    )
    if not records:
        return ChangeError(
            "NOT_FOUND", "id", f"No account {account_id!r}.", f"找不到账号“{account_id}”。"
        )
    return account_from(records[0].data())
