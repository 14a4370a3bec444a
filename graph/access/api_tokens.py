"""Named bearer tokens of programs (scripts, integrations), listed and revocable per account.

    (:ApiToken {id, name, accountId, createdAt, expiresAt, revokedAt, createdBy})

The token itself is a signed JWT (server/tokens.py) naming the account and, as ``jti``, this
node's id; the graph keeps no copy of the token, so it is shown once, when made. Every request
with a named token checks that its node is there and not revoked, in the same read as the
account (:data:`LIVE`). Tokens without a ``jti`` (made by ``louzhi users token`` before names
existed, and still by it) are not listed and end with their expiry or their account.

Example::

    made = await create_token(db, account_id="etl", name="nightly export", days=90, by="admin",
                              now=now)
    listed = await tokens_of(db, account_ids=["etl"])
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from graph.access.session import GraphSession
from graph.errors import ChangeError

__all__ = [
    "MAX_DAYS",
    "ApiToken",
    "create_token",
    "live",
    "revoke_token",
    "token_owner",
    "tokens_of",
]

MAX_DAYS = 366
MAX_NAME = 80

CREATE = """
    MATCH (a:Account {id: $account})
    CREATE (t:ApiToken {id: $id, name: $name, accountId: a.id, createdAt: $now,
                        expiresAt: $expires, createdBy: $by})
    RETURN t {.*} AS t"""
LIST = """
    UNWIND $accounts AS account
    MATCH (t:ApiToken {accountId: account})
    RETURN t {.*} AS t ORDER BY t.createdAt DESC"""
REVOKE = """
    MATCH (t:ApiToken {id: $id})
    SET t.revokedAt = coalesce(t.revokedAt, $now)
    RETURN t {.*} AS t"""


# The request path: whether a named token is still good (one EXISTS in the account's read).
def live(token: str = "$tokenId") -> str:
    """The test that the token whose id is ``token`` (a Cypher expression) is the account
    ``a``'s and not revoked."""
    return f"""EXISTS {{ MATCH (t:ApiToken {{id: {token}}})
                   WHERE t.accountId = a.id AND t.revokedAt IS NULL }}"""


LIVE = live()


@dataclass(frozen=True)
class ApiToken:
    id: str
    name: str
    account_id: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    created_by: str | None

    @classmethod
    def of(cls, row: dict[str, Any]) -> ApiToken:
        return cls(
            row["id"],
            row["name"],
            row["accountId"],
            row["createdAt"],
            row["expiresAt"],
            row.get("revokedAt"),
            row.get("createdBy"),
        )


async def _write(db: GraphSession, query: str, **params: Any) -> list[dict[str, Any]]:
    return await db.write_rows(query, params, data=False)  # tokens are not data


async def create_token(
    db: GraphSession, *, account_id: str, name: str, days: int, by: str | None, now: datetime
) -> ApiToken | ChangeError:
    """A new named token of ``account_id``, valid ``days`` days (the caller signs it)."""
    name = name.strip()
    if not 0 < len(name) <= MAX_NAME:
        return ChangeError(
            "BAD_USER_INPUT", "name", f"A token's name has 1 to {MAX_NAME} characters.",
            f"令牌名称为 1 至 {MAX_NAME} 个字符。",
        )  # fmt: skip
    if not 0 < days <= MAX_DAYS:
        return ChangeError(
            "BAD_USER_INPUT", "days", f"A token lasts 1 to {MAX_DAYS} days.",
            f"令牌有效期为 1 至 {MAX_DAYS} 天。",
        )  # fmt: skip
    rows = await _write(
        db, CREATE, account=account_id, id=secrets.token_hex(16), name=name, now=now,
        expires=now + timedelta(days=days), by=by,
    )  # fmt: skip
    if not rows:
        return ChangeError(
            "NOT_FOUND", "accountId", f"No account {account_id!r}.", f"找不到账号“{account_id}”。"
        )
    return ApiToken.of(rows[0]["t"])


async def tokens_of(db: GraphSession, *, account_ids: list[str]) -> list[ApiToken]:
    """The named tokens of some accounts, newest first, in one read."""
    return [ApiToken.of(r["t"]) for r in await db.read(LIST, accounts=account_ids)]


async def token_owner(db: GraphSession, *, token_id: str) -> str | None:
    """The account a token (named by its id) is of."""
    rows = await db.read("MATCH (t:ApiToken {id: $id}) RETURN t.accountId AS a", id=token_id)
    return rows[0]["a"] if rows else None


async def revoke_token(db: GraphSession, *, token_id: str, now: datetime) -> ApiToken | None:
    """Revoke a token (idempotent: the first revocation's time is kept); None if unknown."""
    rows = await _write(db, REVOKE, id=token_id, now=now)
    return ApiToken.of(rows[0]["t"]) if rows else None
