"""A person's sign-in: the throttle first, then the password, then a session.

Every refusal a client hears is one of three, whatever the cause, so that the answer does not
tell which accounts exist: ``TOO_MANY_ATTEMPTS`` (locked: retry after), ``BAD_CREDENTIALS``
(unknown account, wrong password, disabled account, no password set), and ``DEMO_PASSWORD``
(a published demo password, off loopback). See graph/access/passwords.py for the throttle's
rule; its counts live in the graph so that every worker shares them.

Example::

    done = await sign_in(db, account_id="demo-committee", password="…", address="127.0.0.1",
                         now=now, loopback=True)
    if isinstance(done, SignedIn): cookie = done.secret
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from graph.access.account_changes import SET_PASSWORD
from graph.access.accounts import PASSWORD_OF, Account, account_by_id, account_from, role_params
from graph.access.passwords import (
    FREE_ADDRESS_FAILURES,
    FREE_FAILURES,
    MAX_LOCK,
    check_new_password,
    hash_password,
    needs_rehash,
    verify_password,
)
from graph.access.session import GraphSession
from graph.access.sessions import start_session
from graph.access.signin_codes import redeem_code
from graph.errors import ChangeError

__all__ = ["Refused", "SignedIn", "change_password", "sign_in", "sign_in_with_code"]

LOCKED = """
    UNWIND $keys AS k
    MATCH (t:SignInThrottle {key: k})
    WHERE t.lockedUntil > $now
    RETURN max(t.lockedUntil) AS until"""
# Failures older than a day are forgotten; past the free ones, each locks twice as long.
FAILED = """
    UNWIND $keys AS k
    MERGE (t:SignInThrottle {key: k.key})
    ON CREATE SET t.failures = 0, t.lastAt = $now
    SET t.failures = CASE WHEN t.lastAt < $now - duration('P1D') THEN 1
                          ELSE t.failures + 1 END,
        t.lastAt = $now
    SET t.lockedUntil = CASE WHEN t.failures <= k.free THEN null
        ELSE $now + duration({seconds: CASE WHEN t.failures - k.free >= 10 THEN $maxLock
                                            ELSE toInteger(2 ^ (t.failures - k.free)) END})
        END"""
SUCCEEDED = "MATCH (t:SignInThrottle {key: $key}) DELETE t"
REHASH = "MATCH (a:Account {id: $id}) SET a.passwordHash = $hash"


@dataclass(frozen=True)
class SignedIn:
    account: Account
    secret: str  # the session's secret, for the cookie


@dataclass(frozen=True)
class Refused:
    code: str  # TOO_MANY_ATTEMPTS | BAD_CREDENTIALS | DEMO_PASSWORD
    message: str
    retry_after: int | None = None  # seconds, when throttled


def _keys(account_id: str, address: str) -> list[dict[str, Any]]:
    return [
        {"key": f"account:{account_id}", "free": FREE_FAILURES},
        {"key": f"address:{address}", "free": FREE_ADDRESS_FAILURES},
    ]


async def _write(db: GraphSession, query: str, **params: Any) -> None:
    await db.write_rows(query, params, data=False)  # sign-ins are not data


async def _locked(db: GraphSession, keys: list[dict[str, Any]], now: datetime) -> int | None:
    rows = await db.read(LOCKED, keys=[k["key"] for k in keys], now=now)
    until = rows[0]["until"] if rows else None
    return None if until is None else max(1, int((until - now).total_seconds()) + 1)


async def _checked(db: GraphSession, account_id: str, password: str) -> Account | None:
    """The account when ``password`` is its password (hashed off the event loop)."""
    rows = await db.read(PASSWORD_OF, id=account_id, **role_params())
    hashed = rows[0]["hash"] if rows else None
    if not await asyncio.to_thread(verify_password, hashed, password) or not rows:
        return None
    if hashed is not None and needs_rehash(hashed):
        rehashed = await asyncio.to_thread(hash_password, password)
        await _write(db, REHASH, id=account_id, hash=rehashed)
    return account_from(rows[0])


def _throttled(wait: int) -> Refused:
    return Refused(
        "TOO_MANY_ATTEMPTS",
        f"尝试次数过多，请 {wait} 秒后再试。 Too many failed sign-ins: try again in {wait} s.",
        wait,
    )


async def _failed(db: GraphSession, keys: list[dict[str, Any]], now: datetime) -> None:
    await _write(db, FAILED, keys=keys, now=now, maxLock=int(MAX_LOCK.total_seconds()))


BAD = Refused(
    "BAD_CREDENTIALS",
    "账号或密码不正确。 The account or the password is not right.",
)


async def sign_in(
    db: GraphSession,
    *,
    account_id: str,
    password: str,
    address: str,
    now: datetime,
    loopback: bool,
    kind: str = "browser",
) -> SignedIn | Refused:
    """Check the throttle, then the password; on success a new session of ``kind``."""
    keys = _keys(account_id, address)
    if (wait := await _locked(db, keys, now)) is not None:
        return _throttled(wait)
    account = await _checked(db, account_id, password)
    if account is None or account.disabled or not account.role_held:
        await _failed(db, keys, now)
        return BAD
    if account.demo_password and not loopback:
        return Refused(
            "DEMO_PASSWORD",
            "演示密码只能在本机使用，请设置新密码（louzhi users set-password）。 A demo password "
            "works on loopback only: set a real one (louzhi users set-password).",
        )
    await _write(db, SUCCEEDED, key=f"account:{account_id}")
    secret = await start_session(db, account_id=account.id, kind=kind, now=now)
    return SignedIn(account, secret)


BAD_CODE = Refused(
    "BAD_CREDENTIALS",
    "登录码不正确、已用过或已过期，请向居委会要一个新的。 The code is wrong, used or expired: ask "
    "the committee for a new one.",
)


async def sign_in_with_code(
    db: GraphSession, *, code: str, address: str, now: datetime
) -> SignedIn | Refused:
    """A phone signs in once with a one-time code: a long ``device`` session."""
    keys = [{"key": f"address:{address}", "free": FREE_FAILURES}]
    if (wait := await _locked(db, keys, now)) is not None:
        return _throttled(wait)
    account_id = await redeem_code(db, code=code.strip(), now=now)
    found = await account_by_id(db, account_id=account_id) if account_id else None
    if found is None or found.disabled or not found.role_held:
        await _failed(db, keys, now)
        return BAD_CODE
    secret = await start_session(db, account_id=found.id, kind="device", now=now)
    return SignedIn(found, secret)


async def change_password(
    db: GraphSession, *, account: Account, current: str, new: str, now: datetime
) -> SignedIn | Refused | ChangeError:
    """A person's own new password, given the current one; every session of the account ends
    and a new one starts for this browser."""
    if await _checked(db, account.id, current) is None:
        return BAD
    if (bad := check_new_password(new, account_id=account.id)) is not None:
        return bad
    if new == current:
        return ChangeError(
            "BAD_USER_INPUT", "password", "Choose a password you have not used here.",
            "新密码不能与当前密码相同。",
        )  # fmt: skip
    await _write(
        db, SET_PASSWORD, id=account.id, hash=await asyncio.to_thread(hash_password, new),
        mustChange=False, demo=False,
        now=now, **role_params(),
    )  # fmt: skip
    secret = await start_session(db, account_id=account.id, kind="browser", now=now)
    return SignedIn(account, secret)
