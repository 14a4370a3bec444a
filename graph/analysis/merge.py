"""The report of a street, a district or every community, put together from its communities'.

Each community's report is complete on its own: an elder's status depends only on the elder's
corridor, household and helpers, and a helper's load is counted over the whole graph whatever
the scope (``OUTSIDE_LINKS``). So a scope above the community is its communities' reports side
by side, plus the figures of the areas above them: ratios added up, and helpers (overloaded, or
single points of failure) counted once however many communities they serve. That keeps each
read and analysis the size of one community (memory bounded, one community's work at a time
holding a core) and lets a community's report serve its committee and its street alike.

Example::

    street = merge_reports(scope=("XY",), above=[xy], parts=[qs_report, qt_report])
"""

from __future__ import annotations

from collections.abc import Sequence

from graph.analysis.elders import spof_detail
from graph.analysis.types import (
    LEVELS,
    Area,
    AreaCoverage,
    CoverageReport,
    OverloadedHelper,
    Ratio,
    SinglePointOfFailure,
)

__all__ = ["added_up", "merge_reports"]

_RATIOS = tuple(
    name for name, f in AreaCoverage.__dataclass_fields__.items() if f.type in ("Ratio", Ratio)
)


def _overloaded(parts: Sequence[CoverageReport]) -> dict[str, OverloadedHelper]:
    out: dict[str, OverloadedHelper] = {}
    for part in parts:
        for o in part.overloaded:
            seen = out.get(o.person_id)
            elders = o.elders if seen is None else tuple(sorted({*seen.elders, *o.elders}))
            out[o.person_id] = OverloadedHelper(
                o.person_id, o.name, o.capacity, o.capacity_source, o.load, elders, o.message
            )
    return out


def _spofs(parts: Sequence[CoverageReport]) -> dict[str, SinglePointOfFailure]:
    elders: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    for part in parts:
        for s in part.single_points_of_failure:
            elders.setdefault(s.person_id, set()).update(s.elders)
            names[s.person_id] = s.name
    return {
        h: SinglePointOfFailure(h, names[h], tuple(sorted(e)), spof_detail(h, names[h], len(e)))
        for h, e in elders.items()
    }


def added_up(
    area: Area, roots: Sequence[AreaCoverage], *, overloaded: int, spofs: int
) -> AreaCoverage:
    """The figures of ``area`` from those of the areas just below it (``roots``): ratios added
    up; helpers counted by the caller, once each however many of the roots they serve."""
    ratios = {
        name: Ratio(
            sum(getattr(r, name).actual for r in roots),
            sum(getattr(r, name).expected for r in roots),
        )
        for name in _RATIOS
    }
    return AreaCoverage(
        code=area.code,
        level=area.level,
        name=area.name,
        parent=area.parent,
        overloaded_helpers=overloaded,
        single_points_of_failure=spofs,
        **ratios,
    )


def _above(area: Area, parts: Sequence[CoverageReport]) -> AreaCoverage:
    return added_up(
        area,
        [a for p in parts for a in p.areas if a.code in p.scope],
        overloaded=len({o.person_id for p in parts for o in p.overloaded}),
        spofs=len({s.person_id for p in parts for s in p.single_points_of_failure}),
    )


def merge_reports(
    *, scope: tuple[str, ...], above: Sequence[Area], parts: Sequence[CoverageReport]
) -> CoverageReport:
    """One report of ``scope`` from the reports of its communities (``parts``, each of one
    community, same day, rules and removals); ``above``: the areas of the scope above the
    communities (the scope itself first), each with its parent."""
    if not parts:
        raise ValueError("a merged report needs at least one community's report")
    below: dict[str, list[CoverageReport]] = {a.code: [] for a in above}
    parent = {a.code: a.parent for a in above}
    for part in parts:
        for root in (a for a in part.areas if a.code in part.scope):
            up = root.parent
            while up in below:
                below[up].append(part)
                up = parent[up]
    overloaded, spofs = _overloaded(parts), _spofs(parts)
    areas = [_above(a, below[a.code]) for a in above]
    areas.extend(a for p in parts for a in p.areas)
    areas.sort(key=lambda a: (a.code not in scope, LEVELS.index(a.level), a.code))
    first = parts[0]
    return CoverageReport(
        scope=scope,
        as_of=first.as_of,
        removed=first.removed,
        areas=tuple(areas),
        area_gaps=tuple(
            sorted(
                (g for p in parts for g in p.area_gaps),
                key=lambda g: (LEVELS.index(g.level), g.area, g.rule),
            )
        ),
        elders=tuple(sorted((e for p in parts for e in p.elders), key=lambda e: e.id)),
        overloaded=tuple(overloaded[h] for h in sorted(overloaded)),
        single_points_of_failure=tuple(spofs[h] for h in sorted(spofs)),
        window=first.window,
    )
