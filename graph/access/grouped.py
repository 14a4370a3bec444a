"""Work that requests hand in while the same work is under way, done together in the next round.

Under load every request of the service makes the same two small statements — its account read
as it arrives, its audit entries written as it ends — and on Neo4j each statement costs about
the same whatever it does (0.6–1 ms of its CPU for a read, 1.8 ms for a write, warm), which is
what bounds the service's throughput. Here the requests that ask while one round is under way
are answered by the next, one statement for all of them: at low load a request waits for
nobody (a round starts at once), under load the statements grow fewer than the requests.

Each request hears its own answer or the round's error, and returns only once its round is
done: a round begins after every request in it was handed in, so it is as fresh for each of
them as a statement of its own (graph/access/account_reader.py, audit_writer.py).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence
from typing import Generic, TypeVar

__all__ = ["Grouped"]

T = TypeVar("T")  # what a request hands in
R = TypeVar("R")  # what it is answered


class Grouped(Generic[T, R]):
    """Rounds of :meth:`run`, each over the requests handed in since the last began (at most
    ``max_weight`` of :meth:`weight` in one round, and at least one request)."""

    max_weight = 500

    def __init__(self) -> None:
        self.rounds = 0  # done so far (the tests read it)
        self._pending: list[tuple[T, asyncio.Future[R]]] = []
        self._flusher: asyncio.Task[None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    async def run(self, items: Sequence[T]) -> Sequence[R]:
        """The answers to ``items``, in their order: one statement for all of them."""
        raise NotImplementedError

    def weight(self, item: T) -> int:
        return 1

    async def submit(self, item: T) -> R:
        """``item``'s answer from the next round; raises what that round raised."""
        loop = asyncio.get_running_loop()
        if loop is not self._loop:  # a new event loop (a test client's): nothing of the old
            self._loop, self._pending, self._flusher = loop, [], None
        done: asyncio.Future[R] = loop.create_future()
        # A request cancelled while waiting still has its round done; mark the outcome as seen
        # so that no "exception never retrieved" is logged for it.
        done.add_done_callback(lambda f: f.cancelled() or f.exception())
        self._pending.append((item, done))
        if self._flusher is None or self._flusher.done():
            self._flusher = loop.create_task(self._flush())
        return await asyncio.shield(done)

    async def _flush(self) -> None:
        while self._pending:
            batch = self._take()
            try:
                answers = await self.run([item for item, _ in batch])
                self.rounds += 1
            except Exception as exc:  # every waiting request hears it
                for _, done in batch:
                    with contextlib.suppress(asyncio.InvalidStateError):
                        done.set_exception(exc)
            else:
                for (_, done), answer in zip(batch, answers, strict=True):
                    with contextlib.suppress(asyncio.InvalidStateError):
                        done.set_result(answer)

    def _take(self) -> list[tuple[T, asyncio.Future[R]]]:
        """Remove and return the first requests pending, up to :attr:`max_weight`."""
        size = count = 0
        for item, _ in self._pending:
            if count and size + self.weight(item) > self.max_weight:
                break
            size += self.weight(item)
            count += 1
        taken = self._pending[:count]
        del self._pending[:count]
        return taken
