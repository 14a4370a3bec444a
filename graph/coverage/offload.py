"""CPU-bound work of a request, off the event loop: small pools shared by the whole process.

An analysis of a street, or a large workbook, keeps a core busy for a second or more; on the
event loop that would stall every other request, ``health`` included. :func:`cpu_bound` runs it
in one of :data:`WORKERS` threads instead (a job beyond that waits its turn), so the loop keeps
answering. That work is pure Python and holds the GIL; the loop gets it back at each switch
interval (5 ms), which is enough for work that lasts a fraction of a second.

It is not enough for seconds of it: every time the loop waits on a socket it lets go of the
GIL and then queues for up to a switch interval to take it back, and one small request waits on
sockets dozens of times. A three-second workbook made ``health`` wait 1–2 s that way (measured,
``tests/server/test_abuse.py``). :func:`own_process` runs such work in a separate process,
which shares no GIL with the loop; its function and arguments must pickle, and the function's
module should import little, since the process imports it afresh.

Example::

    report = await cpu_bound(analyse, data, rules=rules)
    book = await own_process(workbook_from_json, body)
"""

from __future__ import annotations

import asyncio
import functools
import multiprocessing
import signal
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import ParamSpec, TypeVar

__all__ = [
    "PROCESS_WORKERS",
    "WORKERS",
    "BrokenProcessPool",
    "cpu_bound",
    "own_process",
    "shutdown",
]

P = ParamSpec("P")
T = TypeVar("T")

WORKERS = 2  # the machine's cores: more threads would only take turns at the GIL
PROCESS_WORKERS = 1  # rare, large jobs; a second one waits rather than take the last core
_POOL = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="louzhi-cpu")
_processes: ProcessPoolExecutor | None = None
_processes_lock = threading.Lock()


async def cpu_bound(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """``fn(*args, **kwargs)`` in the shared thread pool, awaited from the event loop."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_POOL, functools.partial(fn, *args, **kwargs))


def _quiet() -> None:
    # Ctrl-C reaches the whole process group; the service shuts its pool down, so the worker
    # itself need not print a KeyboardInterrupt traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _pool() -> ProcessPoolExecutor:
    global _processes
    with _processes_lock:
        if _processes is None:
            # spawn, not fork: forking a process that runs threads can copy a held lock
            context = multiprocessing.get_context("spawn")
            _processes = ProcessPoolExecutor(PROCESS_WORKERS, context, initializer=_quiet)
        return _processes


def _discard(broken: ProcessPoolExecutor) -> None:
    global _processes
    with _processes_lock:
        if _processes is broken:
            _processes = None
    broken.shutdown(wait=False, cancel_futures=True)


async def own_process(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """``fn(*args, **kwargs)`` in a separate worker process, awaited from the event loop.

    The process starts at the first call and is kept. If it dies (killed, out of memory), this
    call raises :class:`BrokenProcessPool` and the next one starts a new process.
    """
    loop = asyncio.get_running_loop()
    pool = _pool()
    try:
        return await loop.run_in_executor(pool, functools.partial(fn, *args, **kwargs))
    except BrokenProcessPool:
        _discard(pool)
        raise


def shutdown() -> None:
    """Stop the worker process, if one was started (the service calls this as it stops)."""
    global _processes
    with _processes_lock:
        pool, _processes = _processes, None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)
