"""The shared health probe: one query for many callers, and no caller waits once an answer is
known (unit tests of the timing logic, with the probe itself replaced)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from graph.store import health
from graph.store.health import HealthWatch, Neo4jHealth


class SlowProbe:
    def __init__(self, delay: float) -> None:
        self.delay, self.calls = delay, 0

    async def __call__(self, driver: Any, *, database: str) -> Neo4jHealth:
        self.calls += 1
        await asyncio.sleep(self.delay)
        return Neo4jHealth(reachable=True, version=str(self.calls))


def test_callers_share_one_probe_and_later_ones_never_wait(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake = SlowProbe(delay=0.2)
    monkeypatch.setattr(health, "probe", fake)

    async def scenario() -> None:
        watch = HealthWatch(object(), database="neo4j", fresh_for=0.05)  # type: ignore[arg-type]
        first = await asyncio.gather(*(watch.current() for _ in range(20)))
        assert fake.calls == 1 and {f.version for f in first} == {"1"}
        await asyncio.sleep(0.1)  # stale now: the next callers start a refresh but do not wait
        loop = asyncio.get_running_loop()
        started = loop.time()
        again = await asyncio.gather(*(watch.current() for _ in range(20)))
        assert loop.time() - started < 0.05
        assert {f.version for f in again} == {"1"} and fake.calls == 2
        await asyncio.sleep(0.3)
        assert (await watch.current()).version == "2"

    asyncio.run(scenario())
