"""The worker process for work that would hold the GIL for seconds (a large XLSX export)."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator

import pytest

from graph.coverage import offload


@pytest.fixture(autouse=True)
def _no_worker_left() -> Iterator[None]:
    yield
    offload.shutdown()


def test_the_work_runs_in_another_process_which_is_kept() -> None:
    async def pids() -> tuple[int, int]:
        return await offload.own_process(os.getpid), await offload.own_process(os.getpid)

    first, second = asyncio.run(pids())
    assert first != os.getpid()
    assert first == second


def test_a_worker_that_dies_fails_its_call_and_the_next_call_gets_a_new_one() -> None:
    async def die_then_ask() -> tuple[int, int]:
        before = await offload.own_process(os.getpid)
        with pytest.raises(offload.BrokenProcessPool):
            await offload.own_process(os._exit, 3)
        return before, await offload.own_process(os.getpid)

    before, after = asyncio.run(die_then_ask())
    assert after not in (before, os.getpid())
