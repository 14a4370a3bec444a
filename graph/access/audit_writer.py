"""Group commit of the audit log: requests that finish while an audit write is under way have
their entries written together in the next one (graph/access/grouped.py).

Every request that read personal details still returns only once its own entries are committed
(or hears the write's error), as when each wrote its own transaction: the log never misses an
answer that was given. What changes is the number of write transactions under load — one per
batch instead of one per request — which is most of what auditing cost a busy service.
"""

from __future__ import annotations

from collections.abc import Sequence

from graph.access.audit import AuditEntry, record_many
from graph.access.grouped import Grouped
from graph.access.session import GraphSession

__all__ = ["MAX_BATCH", "AuditWriter"]

MAX_BATCH = 500  # entries per transaction: a burst is written in bounded transactions


class AuditWriter(Grouped[list[AuditEntry], None]):
    """One per service process, over a session without a request's bookmarks or scope."""

    max_weight = MAX_BATCH

    def __init__(self, session: GraphSession) -> None:
        super().__init__()
        self.session = session

    @property
    def transactions(self) -> int:
        """Written so far (the tests read it)."""
        return self.rounds

    async def append(self, entries: list[AuditEntry]) -> None:
        """Return once ``entries`` are committed; raise what their write raised."""
        if entries:
            await self.submit(entries)

    async def run(self, items: Sequence[list[AuditEntry]]) -> Sequence[None]:
        await record_many(self.session, entries=[e for entries in items for e in entries])
        return [None] * len(items)

    def weight(self, item: list[AuditEntry]) -> int:
        return len(item)
