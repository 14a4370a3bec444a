"""Group commit of the audit log: requests that finish while an audit write is under way have
their entries written together in the next one.

Every request that read personal details still returns only once its own entries are committed
(or hears the write's error), as when each wrote its own transaction: the log never misses an
answer that was given. What changes is the number of write transactions under load — one per
batch instead of one per request — which is most of what auditing cost a busy service.
"""

from __future__ import annotations

import asyncio
import contextlib

from graph.access.audit import AuditEntry, record_many
from graph.access.session import GraphSession

__all__ = ["MAX_BATCH", "AuditWriter"]

MAX_BATCH = 500  # entries per transaction: a burst is written in bounded transactions


class AuditWriter:
    """One per service process, over a session without a request's bookmarks or scope."""

    def __init__(self, session: GraphSession) -> None:
        self.session = session
        self.transactions = 0  # written so far (the tests read it)
        self._pending: list[tuple[list[AuditEntry], asyncio.Future[None]]] = []
        self._flusher: asyncio.Task[None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    async def append(self, entries: list[AuditEntry]) -> None:
        """Return once ``entries`` are committed; raise what their write raised."""
        if not entries:
            return
        loop = asyncio.get_running_loop()
        if loop is not self._loop:  # a new event loop (a test client's): nothing of the old
            self._loop, self._pending, self._flusher = loop, [], None
        done: asyncio.Future[None] = loop.create_future()
        # A request cancelled while waiting still has its entries written; mark the outcome
        # as seen so that no "exception never retrieved" is logged for it.
        done.add_done_callback(lambda f: f.cancelled() or f.exception())
        self._pending.append((entries, done))
        if self._flusher is None or self._flusher.done():
            self._flusher = loop.create_task(self._flush())
        await asyncio.shield(done)

    async def _flush(self) -> None:
        while self._pending:
            batch = _take(self._pending)
            try:
                await record_many(
                    self.session, entries=[e for entries, _ in batch for e in entries]
                )
                self.transactions += 1
            except Exception as exc:  # every waiting request hears it
                for _, done in batch:
                    with contextlib.suppress(asyncio.InvalidStateError):
                        done.set_exception(exc)
            else:
                for _, done in batch:
                    with contextlib.suppress(asyncio.InvalidStateError):
                        done.set_result(None)


def _take(pending: list[tuple[list[AuditEntry], asyncio.Future[None]]]
          ) -> list[tuple[list[AuditEntry], asyncio.Future[None]]]:  # fmt: skip
    """Remove and return the first requests of ``pending`` up to :data:`MAX_BATCH` entries
    (at least one request, however many entries it has)."""
    size = 0
    count = 0
    for entries, _ in pending:
        if count and size + len(entries) > MAX_BATCH:
            break
        size += len(entries)
        count += 1
    taken = pending[:count]
    del pending[:count]
    return taken
