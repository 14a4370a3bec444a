"""The coverage report of one scope and day: elders, area gaps, loads, single points of failure.

Example::

    data = await fetch_scope(driver, database="neo4j", scope="QS-MG1", as_of=day, rules=rules)
    report = analyse(data, rules=rules)                     # as the graph is
    after = analyse(data, rules=rules, removed={"V01"})     # as if V01 left
"""

from __future__ import annotations

from collections.abc import Iterable

from graph.analysis.areas import area_gaps, roll_up
from graph.analysis.elders import Analysis
from graph.analysis.gc import paused_gc
from graph.analysis.loads import overloaded_helpers
from graph.analysis.rules import Rules
from graph.analysis.types import CoverageReport, ScopeData

__all__ = ["analyse"]


def analyse(
    data: ScopeData, *, rules: Rules, removed: Iterable[str] = (), window: str | None = None
) -> CoverageReport:
    """The coverage report of ``data`` as if the people in ``removed`` had left, counting only
    the helpers available in ``window`` when one is given (graph/analysis/windows.py)."""
    with paused_gc():
        return _analyse(data, rules, removed, window)


def _analyse(
    data: ScopeData, rules: Rules, removed: Iterable[str], window: str | None
) -> CoverageReport:
    a = Analysis(data, rules, removed, window)
    elders = tuple(s for _, s in sorted(a.statuses.items()))
    gaps = area_gaps(data, a.removed)
    overloaded = overloaded_helpers(a)
    spofs = a.single_points_of_failure()
    return CoverageReport(
        scope=data.scope,
        as_of=data.as_of,
        removed=tuple(sorted(a.removed)),
        areas=roll_up(data, gaps, elders, overloaded, spofs),
        area_gaps=gaps,
        elders=elders,
        overloaded=tuple(overloaded),
        single_points_of_failure=tuple(spofs),
        window=window,
    )
