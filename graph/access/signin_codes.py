"""One-time sign-in codes: how a floor chief's phone signs in once, without a password.

    (:SignInCode {id, accountId, issuedBy, issuedAt, expiresAt})

The committee issues a code for an account: :data:`DIGITS` digits, valid :data:`VALID`,
shown as digits and as a QR code of the page's address with the code. The phone that enters
or scans it gets a long ``device`` session (graph/access/sessions.py) that the committee can
end. The graph keeps the code's SHA-256 only; redeeming deletes it in the same transaction
that starts the session, so a code signs in once, even when two phones try it at the same
moment (the second finds it gone). Issuing a new code for an account withdraws its older ones.
Guessing is bounded by the sign-in throttle per client address (graph/access/signin.py): 10^8
codes, a few tries a minute.

Example::

    issued = await issue_code(db, account_id="chief-502", by="demo-committee", now=now)
    found = await redeem_code(db, code=issued.code, now=now)   # account id, or None
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from graph.access.session import GraphSession
from graph.access.sessions import secret_hash

__all__ = ["DIGITS", "VALID", "IssuedCode", "issue_code", "redeem_code"]

DIGITS = 8
VALID = timedelta(minutes=15)

ISSUE = """
    MATCH (a:Account {id: $account})
    CALL (a) { MATCH (old:SignInCode {accountId: a.id}) DELETE old }
    CREATE (:SignInCode {id: $id, accountId: a.id, issuedBy: $by, issuedAt: $now,
                         expiresAt: $expires})
    RETURN a.id AS accountId"""
# Locked (SET) before it is read again and deleted: of two redeemers, the second waits on the
# lock and then finds nothing.
REDEEM = """
    MATCH (c:SignInCode {id: $id})
    SET c.redeeming = true
    WITH c, c.accountId AS accountId, c.expiresAt > $now AS live
    DELETE c
    RETURN accountId, live"""


@dataclass(frozen=True)
class IssuedCode:
    account_id: str
    code: str
    expires_at: datetime


async def issue_code(
    db: GraphSession, *, account_id: str, by: str | None, now: datetime
) -> IssuedCode | None:
    """A new code for ``account_id`` (None: no such account)."""
    code = "".join(secrets.choice("0123456789") for _ in range(DIGITS))
    rows = await db.write_rows(
        ISSUE,
        {"account": account_id, "id": secret_hash(code), "by": by, "now": now,
         "expires": now + VALID},
        data=False,
    )  # fmt: skip
    return IssuedCode(account_id, code, now + VALID) if rows else None


async def redeem_code(db: GraphSession, *, code: str, now: datetime) -> str | None:
    """The account of a live ``code``, which is used up; None when it is unknown, used or
    expired."""
    if not (code.isascii() and code.isdigit() and len(code) == DIGITS):
        return None
    rows = await db.write_rows(REDEEM, {"id": secret_hash(code), "now": now}, data=False)
    return rows[0]["accountId"] if rows and rows[0]["live"] else None
