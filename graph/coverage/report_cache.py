"""Coverage reports kept per (data version, scope, day, rules, what-if), so that the next page
of a list, a second look at the same figures, or a what-if's baseline does not read and analyse
the scope again.

The data version (graph/store/data_version.py) moves with every write of Louzhi's data, in the
write's own transaction (a mutation, a roster load), and not with the audit log, so an audited
read (a committee's page, which names people) finds its report again. Reading it costs one
round trip through the request's causal driver: a client reads at least the version of its own
last write, on any worker. Identical requests arriving together share one computation.

The cache is per process (each worker keeps its own), bounded in entries, and holds reports,
not people's data beyond what a report holds; masks are applied later, per caller, by the API.
A write made outside Louzhi is seen once it moves the version (``BUMP``).
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from typing import Any

from graph.analysis.types import CoverageReport
from graph.store.data_version import data_version

__all__ = ["ReportCache", "data_version", "reports"]

MAX_REPORTS = 1024  # entries: a district's 300 communities, its streets and itself, and more
# The reports' weight in elders (each elder's status, helpers and paths are most of a report):
# about a district and a half. A street or district report holds its communities' statuses,
# not copies, so this overstates what is kept.
MAX_ELDERS = 200_000


def _one(_: Any) -> int:
    return 1


class ReportCache:
    """An LRU of computed values bounded in entries and in weight, with one computation per
    key at a time."""

    def __init__(
        self,
        size: int = MAX_REPORTS,
        *,
        weigh: Callable[[Any], int] = _one,
        budget: int | None = None,
    ) -> None:
        self.size = size
        self.weigh = weigh
        self.budget = budget
        self._done: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._running: dict[Hashable, asyncio.Future[Any]] = {}
        self._weight = 0
        self.computed = 0  # for tests: how many times a value was computed

    async def get(self, key: Hashable, compute: Callable[[], Awaitable[Any]]) -> Any:
        if key in self._done:
            self._done.move_to_end(key)
            return self._done[key][0]
        running = self._running.get(key)
        if running is not None:
            return await asyncio.shield(running)
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._running[key] = future
        try:
            value = await compute()
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # retrieved: no "never retrieved" warning when nobody waits
            raise
        finally:
            del self._running[key]
        self.computed += 1
        future.set_result(value)
        self._keep(key, value)
        return value

    def _keep(self, key: Hashable, value: Any) -> None:
        weight = self.weigh(value)
        if self.budget is not None and weight > self.budget:
            return  # larger than the whole cache: served once, not kept
        self._done[key] = (value, weight)
        self._weight += weight
        while len(self._done) > self.size or (
            self.budget is not None and self._weight > self.budget
        ):
            _, (_, dropped) = self._done.popitem(last=False)
            self._weight -= dropped

    def clear(self) -> None:
        self._done.clear()
        self._weight = 0


def _elders(report: CoverageReport) -> int:
    return len(report.elders) + 1


reports = ReportCache(weigh=_elders, budget=MAX_ELDERS)
