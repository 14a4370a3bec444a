"""Availability windows: when each helper can be reached in a week, and coverage window by window.

A week has four windows (``WINDOWS``): weekday days (Monday–Friday 8:00–18:00), weekday evenings
(18:00–22:00), nights (22:00–8:00) and weekends (Saturday and Sunday 8:00–22:00). A helper's
windows are what the roster says (a cell such as ``工作日晚间;周末``), else a default the rules
give by who they are, in this order:

1. a double-registered, in-service party member (在职党员双报到) is at work on weekday days;
2. a resident of working age (``household_min_age`` up to ``working_age_until``) too;
3. a family doctor keeps clinic hours, a grid worker and the committee's staff their office
   hours: weekday days (a non-resident's roster kind);
4. everyone else — retired floor chiefs, older neighbours, volunteers — can be reached any time.

Coverage in a window is the analysis with only the helpers available then
(:class:`graph.analysis.elders.Analysis` with ``window``): who is vulnerable does not change with
the hour, and neither does the last visit (a fact of the past fortnight, not of a time of day);
the helpers counted, and so the kinds, do. :func:`by_window` sets the windows' reports side by
side: per elder and per area, the worst window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from graph.analysis.types import LEVELS, CoverageReport, Ratio

__all__ = [
    "BEIJING",
    "WINDOWS",
    "WINDOW_WORDS",
    "AreaWindows",
    "Availability",
    "ElderWindow",
    "ElderWindows",
    "WindowsReport",
    "available_windows",
    "by_window",
    "window_at",
]

WINDOWS: tuple[str, ...] = ("weekday_day", "weekday_evening", "night", "weekend")
WINDOW_WORDS: dict[str, tuple[str, ...]] = {
    "weekday_day": ("工作日白天", "工作日", "白天"),
    "weekday_evening": ("工作日晚间", "晚间", "晚上"),
    "night": ("夜间", "夜里"),
    "weekend": ("周末", "双休日"),
}
ALWAYS: frozenset[str] = frozenset(WINDOWS)


@dataclass(frozen=True)
class Availability:
    """What decides a person's windows: the roster's, else who they are."""

    person_id: str
    windows: tuple[str, ...] | None  # as the roster gives them; None when it says nothing
    resident: bool
    kind: str | None  # a non-resident's roster kind (doctor, grid_worker, committee_staff, …)
    birth_year: int | None
    party: str | None  # double | retired | community, for a resident who is a member


def available_windows(fact: Availability, *, defaults: dict[str, tuple[str, ...]],
                      working_ages: tuple[int, int], year: int) -> frozenset[str]:  # fmt: skip
    """The windows ``fact``'s person can be reached in (``defaults``: the rules' by who they
    are; ``working_ages``: from, and up to but not including; ``year``: the one ages are of)."""
    if fact.windows is not None:
        return frozenset(fact.windows)
    if fact.resident:
        if fact.party == "double":
            return frozenset(defaults["party_double"])
        low, high = working_ages
        if fact.birth_year is not None and low <= year - fact.birth_year < high:
            return frozenset(defaults["working_age"])
        return ALWAYS
    return frozenset(defaults.get(fact.kind or "", WINDOWS))


@dataclass(frozen=True)
class ElderWindow:
    window: str
    helpers: int
    kinds: tuple[str, ...]
    reasons: tuple[str, ...]  # empty when supported in the window

    @property
    def under_supported(self) -> bool:
        return bool(self.reasons)


@dataclass(frozen=True)
class ElderWindows:
    """A vulnerable elder window by window, and the window with the fewest helpers."""

    elder_id: str
    corridor: str
    supported: bool  # overall, every helper counted
    windows: tuple[ElderWindow, ...]

    @property
    def worst(self) -> ElderWindow:
        return min(self.windows, key=lambda w: (-len(w.reasons), w.helpers, len(w.kinds)))

    @property
    def changes(self) -> bool:
        """Supported overall but not in some window (the elder the page points at)."""
        return self.supported and any(w.under_supported for w in self.windows)


@dataclass(frozen=True)
class AreaWindows:
    code: str
    level: str
    name: str
    supported: Ratio  # overall
    by_window: tuple[tuple[str, Ratio], ...]
    under_in_some_window: int  # vulnerable elders under-supported in at least one window

    @property
    def worst(self) -> str | None:
        """The window with the fewest elders supported, when one has fewer than any time."""
        window, ratio = min(self.by_window, key=lambda w: w[1].actual)
        return window if ratio.actual < self.supported.actual else None


@dataclass(frozen=True)
class WindowsReport:
    scope: tuple[str, ...]
    as_of: date
    areas: tuple[AreaWindows, ...]
    elders: tuple[ElderWindows, ...]


def by_window(overall: CoverageReport, windows: dict[str, CoverageReport]) -> WindowsReport:
    """The windows' reports of one scope and day, side by side."""
    per_elder: dict[str, list[ElderWindow]] = {e.id: [] for e in overall.elders}
    for w in WINDOWS:
        for e in windows[w].elders:
            codes = tuple(r.code for r in e.reasons)
            per_elder[e.id].append(ElderWindow(w, len(e.helpers), e.kinds, codes))
    elders = tuple(
        ElderWindows(e.id, e.corridor, not e.under_supported, tuple(per_elder[e.id]))
        for e in overall.elders
    )
    ratios = {w: {a.code: a.elders_supported for a in windows[w].areas} for w in WINDOWS}
    under_somewhere = {x.elder_id for x in elders if any(w.under_supported for w in x.windows)}
    corridors_of = _corridors_below(overall)
    areas = tuple(
        AreaWindows(
            a.code,
            a.level,
            a.name,
            a.elders_supported,
            tuple((w, ratios[w][a.code]) for w in WINDOWS),
            sum(
                1
                for x in elders
                if x.elder_id in under_somewhere and x.corridor in corridors_of[a.code]
            ),
        )
        for a in overall.areas
    )
    return WindowsReport(overall.scope, overall.as_of, areas, elders)


def _corridors_below(report: CoverageReport) -> dict[str, set[str]]:
    """Each area of the report with the corridors at or below it."""
    parent = {a.code: a.parent for a in report.areas}
    out: dict[str, set[str]] = {a.code: set() for a in report.areas}
    for a in report.areas:
        if a.level != LEVELS[-1]:
            continue
        up: str | None = a.code
        while up is not None and up in out:
            out[up].add(a.code)
            up = parent.get(up)
    return out


# China keeps one time, without summer time: the windows are of Beijing time.
BEIJING = timezone(timedelta(hours=8))


def window_at(moment: datetime) -> str:
    """The window ``moment`` (timezone-aware) falls in, in Beijing time."""
    local = moment.astimezone(BEIJING)
    if local.hour >= 22 or local.hour < 8:
        return "night"
    if local.weekday() >= 5:
        return "weekend"
    return "weekday_day" if local.hour < 18 else "weekday_evening"
