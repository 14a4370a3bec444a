"""The accounts of the requests that arrive while an account read is under way, read together in
the next one (graph/access/grouped.py): one statement for a round of requests instead of one
each, which under load is a third of what a request costs Neo4j.

Each request still has its own account read after it arrived — its role, scope, ``disabled``
flag, token revocation, home and the data version as they are then —, so a revoked token or a
disabled account is refused as at once as by a read of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from graph.access.accounts import ACCOUNTS_ON_REQUEST, Account, account_from, role_params
from graph.access.grouped import Grouped
from graph.access.session import GraphSession

__all__ = ["AccountReader"]

Ask = tuple[str, str | None]  # (account id, token id or None)


class AccountReader(Grouped[Ask, Account | None]):
    """One per service process, over a session without a request's bookmarks or scope."""

    max_weight = 200

    def __init__(self, session: GraphSession) -> None:
        super().__init__()
        self.session = session

    async def account(self, account_id: str, token_id: str | None = None) -> Account | None:
        """As :func:`graph.access.accounts.account_by_id`: None for an unknown account, or one
        whose token ``token_id`` is revoked or not its own."""
        return await self.submit((account_id, token_id))

    async def run(self, items: Sequence[Ask]) -> Sequence[Account | None]:
        asks = sorted(set(items), key=lambda a: (a[0], a[1] or ""))
        params = [{"n": n, "id": i, "tokenId": t} for n, (i, t) in enumerate(asks)]
        rows = await self.session.read(ACCOUNTS_ON_REQUEST, asks=params, **role_params())
        found = {asks[row["n"]]: account_from(row) for row in rows}
        return [found.get(item) for item in items]
