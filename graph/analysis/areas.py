"""Area gaps and the roll-up of coverage figures through the grid.

Area rules (a role counts when active on the day and its holder has not left, nor been removed
in a what-if):

* ``NO_FIRST_FLOOR_CHIEF`` / ``NO_SECOND_FLOOR_CHIEF``: a corridor (or villa region) without one;
* ``NO_PARTY_MEMBER``: a block or micro-grid where no role, on it or on any area below it, is
  held by a double-registered party member (在职党员双报到);
* ``NO_GRID_WORKER``: a micro-grid without a grid worker.

The roll-up gives each area of the scope its figures as actual against expected (corridors with
both chiefs 51/58, elders supported 412/447...), counted over the area and everything below it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from graph.analysis.types import (
    LEVELS,
    AreaCoverage,
    AreaGap,
    ElderStatus,
    OverloadedHelper,
    Ratio,
    RoleTerm,
    ScopeData,
    SinglePointOfFailure,
)
from graph.messages import Message, Ref

__all__ = ["AREA_RULES", "area_gaps", "area_order", "below", "roll_up"]

AREA_RULES: dict[str, str] = {
    "NO_FIRST_FLOOR_CHIEF": "corridor without an active first floor chief (第一楼组长)",
    "NO_SECOND_FLOOR_CHIEF": "corridor without an active second floor chief (第二楼组长)",
    "NO_PARTY_MEMBER": "block or micro-grid without a double-registered party member serving",
    "NO_GRID_WORKER": "micro-grid without an active grid worker (网格员)",
}
_CORRIDOR_RULES = {
    "first_floor_chief": "NO_FIRST_FLOOR_CHIEF",
    "second_floor_chief": "NO_SECOND_FLOOR_CHIEF",
}


def below(data: ScopeData) -> dict[str, set[str]]:
    """Each area of the scope with the codes of itself and everything below it."""
    out: dict[str, set[str]] = {code: {code} for code in data.areas}
    for code in data.areas:
        up = data.areas[code].parent
        while up in data.areas:
            out[up].add(code)
            up = data.areas[up].parent
    return out


def _serving(r: RoleTerm, data: ScopeData, removed: frozenset[str]) -> bool:
    return r.active(data.as_of) and not r.holder_left and r.person_id not in removed


def _why_not(role: str, terms: list[RoleTerm], data: ScopeData) -> Message:
    day = data.as_of
    gone = [t for t in terms if t.active(day)]
    if gone:
        t = gone[0]
        code = "ROLE_HOLDER_LEFT" if t.holder_left else "ROLE_HOLDER_REMOVED"
        return Message.of(code, role=role, holder=Ref(t.person_id, t.person_name))
    ended = [t for t in terms if t.until is not None and t.until < day]
    future = [t for t in terms if t.since > day]
    if future:
        t = min(future, key=lambda t: t.since)
        return Message.of(
            "ROLE_NOT_YET", role=role, holder=Ref(t.person_id, t.person_name), since=t.since
        )
    if ended:
        t = max(ended, key=lambda t: t.until or day)
        return Message.of(
            "ROLE_ENDED", role=role, holder=Ref(t.person_id, t.person_name), until=t.until
        )
    return Message.of("ROLE_NEVER_HELD", role=role)


def area_gaps(data: ScopeData, removed: frozenset[str]) -> tuple[AreaGap, ...]:
    """The gaps of every area of the scope with ``removed`` gone: of the structure alone, so
    made once for the same facts (ScopeData.memo) and the same removal."""
    made = data.memo_part("area gaps")
    if removed not in made:
        made[removed] = _area_gaps(data, removed)
    gaps: tuple[AreaGap, ...] = made[removed]
    return gaps


def _area_gaps(data: ScopeData, removed: frozenset[str]) -> tuple[AreaGap, ...]:
    by_area: dict[str, list[RoleTerm]] = defaultdict(list)
    for r in data.roles:
        by_area[r.area].append(r)
    gaps: list[AreaGap] = []
    tree = below(data)
    for a in data.areas.values():
        roles = by_area.get(a.code, [])
        if a.level == "corridor":
            for role, rule in _CORRIDOR_RULES.items():
                terms = [r for r in roles if r.role == role]
                if not any(_serving(r, data, removed) for r in terms):
                    gaps.append(AreaGap(a.code, a.level, rule, _why_not(role, terms, data)))
        if a.level in ("block", "micro_grid"):
            serving = [
                r
                for code in tree[a.code]
                for r in by_area.get(code, ())
                if _serving(r, data, removed)
            ]
            if not any(r.holder_party == "double" for r in serving):
                gaps.append(
                    AreaGap(
                        a.code,
                        a.level,
                        "NO_PARTY_MEMBER",
                        Message.of(
                            "NO_DOUBLE_PARTY_MEMBER", area=Ref(a.code, a.name), roles=len(serving)
                        ),
                    )
                )
        if a.level == "micro_grid":
            terms = [r for r in roles if r.role == "grid_worker"]
            if not any(_serving(r, data, removed) for r in terms):
                why = _why_not("grid_worker", terms, data)
                gaps.append(AreaGap(a.code, a.level, "NO_GRID_WORKER", why))
    return tuple(sorted(gaps, key=lambda g: (LEVELS.index(g.level), g.area, g.rule)))


def area_order(data: ScopeData) -> list[str]:
    """The scope first, then every area below it, by level and code."""
    return sorted(
        data.areas,
        key=lambda c: (c not in data.scope, LEVELS.index(data.areas[c].level), c),
    )


def _chains(data: ScopeData) -> dict[str, tuple[str, ...]]:
    """Each area of the scope with itself and its ancestors inside the scope."""
    out: dict[str, tuple[str, ...]] = {}
    for code in data.areas:
        chain, up = [code], data.areas[code].parent
        while up in data.areas:
            chain.append(up)
            up = data.areas[up].parent
        out[code] = tuple(chain)
    return out


_FIGURES = (
    "both",
    "first",
    "second",
    "block_party",
    "micro_party",
    "micro_worker",
    "elders",
    "supported",
    "seen",
    "overloaded",
    "spofs",
)


class _Grid:
    """What the roll-up needs of the scope's grid alone: made once for the same facts."""

    def __init__(self, data: ScopeData) -> None:
        self.chains = _chains(data)
        self.order = area_order(data)
        self.corridor_of = {m.id: m.corridor for m in data.members.values()}
        self.levels: dict[str, dict[str, int]] = {c: defaultdict(int) for c in data.areas}
        for code, a in data.areas.items():
            for up in self.chains[code]:
                self.levels[up][a.level] += 1
        self._areas = data.areas
        self._base: dict[int, tuple[Sequence[AreaGap], dict[str, dict[str, int]]]] = {}

    def base(self, gaps: Sequence[AreaGap]) -> dict[str, dict[str, int]]:
        """The area rules' figures of every area under ``gaps`` (kept per gaps object: the
        same removal gives the same one, graph/analysis/areas.area_gaps)."""
        was = self._base.get(id(gaps))
        if was is not None and was[0] is gaps:
            return was[1]
        gap_at: set[tuple[str, str]] = {(g.area, g.rule) for g in gaps}
        totals: dict[str, dict[str, int]] = {c: dict.fromkeys(_FIGURES, 0) for c in self._areas}

        def add(code: str, figure: str, n: int) -> None:
            for up in self.chains[code]:
                totals[up][figure] += n

        for code, a in self._areas.items():
            ok = {rule for rule in AREA_RULES if (code, rule) not in gap_at}
            if a.level == "corridor":
                add(code, "first", "NO_FIRST_FLOOR_CHIEF" in ok)
                add(code, "second", "NO_SECOND_FLOOR_CHIEF" in ok)
                add(code, "both", {"NO_FIRST_FLOOR_CHIEF", "NO_SECOND_FLOOR_CHIEF"} <= ok)
            elif a.level == "block":
                add(code, "block_party", "NO_PARTY_MEMBER" in ok)
            elif a.level == "micro_grid":
                add(code, "micro_party", "NO_PARTY_MEMBER" in ok)
                add(code, "micro_worker", "NO_GRID_WORKER" in ok)
        if len(self._base) >= 8:  # a few removals: what-ifs
            self._base.clear()
        self._base[id(gaps)] = (gaps, totals)  # the gaps held: their id is not reused
        return totals


def roll_up(
    data: ScopeData,
    gaps: Sequence[AreaGap],
    elders: Sequence[ElderStatus],
    overloaded: Sequence[OverloadedHelper],
    spofs: Sequence[SinglePointOfFailure],
) -> tuple[AreaCoverage, ...]:
    """The figures of every area of the scope, each counted once and added up its chain. An
    area whose figures are those of the last roll-up of the same facts is the same object
    (after a visit, only the visited elder's chain of areas changes)."""
    part = data.memo_part("roll-up")
    grid: _Grid = part.get("grid") or part.setdefault("grid", _Grid(data))
    chains = grid.chains
    totals = {c: dict(t) for c, t in grid.base(gaps).items()}

    def add(code: str, figure: str, n: int = 1) -> None:
        for up in chains[code]:
            totals[up][figure] += n

    for e in elders:
        if e.corridor in chains:
            add(e.corridor, "elders")
            add(e.corridor, "supported", not e.under_supported)
            add(e.corridor, "seen", not any(r.code == "NO_RECENT_CONTACT" for r in e.reasons))
    for figure, lists in (("overloaded", overloaded), ("spofs", spofs)):
        for item in lists:
            reached = {
                up for e in item.elders for up in chains.get(grid.corridor_of.get(e, ""), ())
            }
            for up in reached:
                totals[up][figure] += 1
    shown: dict[str, tuple[tuple[int, ...], AreaCoverage]] = part.setdefault("shown", {})
    out = []
    for code in grid.order:
        figures = tuple(totals[code].values())
        was = shown.get(code)
        if was is None or was[0] != figures:
            was = shown[code] = (figures, _coverage(data, code, totals[code], grid.levels[code]))
        out.append(was[1])
    return tuple(out)


def _coverage(data: ScopeData, code: str, t: dict[str, int], n: dict[str, int]) -> AreaCoverage:
    a = data.areas[code]
    return AreaCoverage(
        code=code,
        level=a.level,
        name=a.name,
        parent=a.parent,
        corridors_with_both_chiefs=Ratio(t["both"], n["corridor"]),
        corridors_with_first_chief=Ratio(t["first"], n["corridor"]),
        corridors_with_second_chief=Ratio(t["second"], n["corridor"]),
        blocks_with_party_member=Ratio(t["block_party"], n["block"]),
        micro_grids_with_party_member=Ratio(t["micro_party"], n["micro_grid"]),
        micro_grids_with_grid_worker=Ratio(t["micro_worker"], n["micro_grid"]),
        elders_supported=Ratio(t["supported"], t["elders"]),
        elders_with_recent_contact=Ratio(t["seen"], t["elders"]),
        overloaded_helpers=t["overloaded"],
        single_points_of_failure=t["spofs"],
    )
