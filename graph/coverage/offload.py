"""CPU-bound work of a request, off the event loop: a small pool shared by the whole process.

An analysis of a street, or a large workbook, keeps a core busy for a second or more; on the
event loop that would stall every other request, ``health`` included. :func:`cpu_bound` runs it
in one of :data:`WORKERS` threads instead (a job beyond that waits its turn), so the loop keeps
answering. The work is pure Python and holds the GIL, but the interpreter switches threads
every few milliseconds, which is all the loop needs to serve small requests meanwhile.

Example::

    report = await cpu_bound(analyse, data, rules=rules)
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

__all__ = ["WORKERS", "cpu_bound"]

P = ParamSpec("P")
T = TypeVar("T")

WORKERS = 2  # the machine's cores: more threads would only take turns at the GIL
_POOL = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="louzhi-cpu")


async def cpu_bound(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """``fn(*args, **kwargs)`` in the shared pool, awaited from the event loop."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_POOL, functools.partial(fn, *args, **kwargs))
