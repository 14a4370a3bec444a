"""A scope's structural facts kept per structure version, and its visits read fresh.

A scope's facts (graph/coverage/scope_reads.py) are of two kinds: who lives where, who helps and
serves whom, their capacities and the helpers' ties outside the scope — the structure, four
statements and most of a request's time in Neo4j — and the visits, which floor chiefs record
every day. A recorded visit moves the data version but not the structure version
(graph/store/data_version.py), so the facts of before it are still the graph's but for the
visits: they are kept here under the structure version, and each read adds the visits it reads
at once, in its own transaction (:data:`SCOPE_VISITS`). Nothing served is older than the last
committed write: the structure by its version, the visits by being read each time. What links
a support network's helpers to the committee is structure too, and kept alike (:data:`reaches`),
as are the resident's place (:data:`places`) and how a report above a community is made
(:data:`plans`).

The structure version is read before the facts it keys (with the account, or in the same
transaction): a write committed between the two can only make the kept facts newer than their
key, never older.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable, Hashable
from typing import Any, TypeVar

from graph.analysis.types import Member, ScopeData
from graph.coverage.report_cache import ReportCache
from graph.coverage.rows import latest_visits

__all__ = [
    "MAX_MEMBERS",
    "SCOPE_VISITS",
    "facts",
    "kept",
    "places",
    "plans",
    "reaches",
    "with_visits",
]

T = TypeVar("T")

# Residents the kept facts may hold in all (each is a Member of a few hundred bytes): a street
# and a half. A district's request goes community by community, each read once per version.
MAX_MEMBERS = 150_000

# The visits on or before the day to each elder of ``$ids`` who had any.
SCOPE_VISITS = """
    UNWIND $ids AS id
    MATCH (r:Resident {id: id})
    WITH id, [(r)<-[v:VISITED]-(p:Person) WHERE v.on <= $asOf | [p.id, toString(v.on), v.mode]]
        AS seen
    WHERE size(seen) > 0
    RETURN collect([id, seen]) AS rows"""


def _members(data: ScopeData) -> int:
    return len(data.members) + 1


facts = ReportCache(weigh=_members, budget=MAX_MEMBERS)
# What links a support network's helpers to the committee (graph/coverage/support_reads.REACH):
# organisations, branches, roles and homes, all structure; a few rows per network. And which of
# the people on those paths a caller's scope reaches (graph/coverage/support.reachable_of).
reaches = ReportCache(size=4096)
# Where a resident lives, whether they left and their birth year, for a support network: all
# structure, so kept per structure version too (graph/coverage/support.py).
places = ReportCache(size=4096)
# How a scope's report is made (graph/coverage/gaps.plan_of: which communities, which areas
# above them): structure as well.
plans = ReportCache(size=1024)


async def kept(
    cache: ReportCache, structure: str, key: Hashable, compute: Callable[[], Awaitable[T]]
) -> T:
    """``compute()``'s value kept in ``cache`` under (``structure``, ``key``); made afresh when
    ``structure`` is '' (nothing written by Louzhi yet: the same version for any graph)."""
    if not structure:
        return await compute()
    value: T = await cache.get((structure, key), compute)
    return value


def with_visits(data: ScopeData, rows: list[list[Any]]) -> ScopeData:
    """``data`` (kept: never changed) with the visits of ``rows`` (of :data:`SCOPE_VISITS`),
    as a new ScopeData; its other parts are shared, and so is its memo (the analyses' work
    that visits do not change, graph/analysis/elders.py). A member whose visits read as the
    last time is the same object as the last time, which tells the analyses that nothing of
    theirs changed."""
    visited: dict[str, tuple[list[Any], Member]] = data.memo_part("visited")
    members = dict(data.members)
    for resident, seen in rows:
        if resident in members:
            was = visited.get(resident)
            if was is None or was[0] != seen:
                was = visited[resident] = (
                    seen,
                    dataclasses.replace(members[resident], visits=latest_visits(seen)),
                )
            members[resident] = was[1]
    shown = dataclasses.replace(data, members=members)
    shown.memo = data.memo
    return shown
