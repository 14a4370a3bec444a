"""The figures of governance per area, rolled up like coverage: matters raised, open, resolved
and closed by level, the median days from raising to resolution per level, the escalation rate,
the corridors where nothing was raised lately (silent corridors), vote participation by block,
and projects by status. Pure Python over plain rows (:mod:`graph.governance.figures` reads them).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from statistics import median

from graph.analysis.matters import LEVELS

__all__ = [
    "AreaFigures",
    "LevelFigures",
    "MatterFacts",
    "Participation",
    "area_figures",
]


@dataclass(frozen=True)
class MatterFacts:
    area: str
    level: str
    status: str
    raised_on: date
    resolved_on: date | None
    escalated: bool


@dataclass(frozen=True)
class LevelFigures:
    level: str
    raised: int
    open: int
    resolved: int
    closed: int
    median_days_to_resolution: float | None


@dataclass(frozen=True)
class Participation:
    vote: str
    block: str
    electors: int
    took_part: int

    @property
    def ratio(self) -> float | None:
        return self.took_part / self.electors if self.electors else None


@dataclass(frozen=True)
class AreaFigures:
    code: str
    level: str
    by_level: tuple[LevelFigures, ...]
    escalation_rate: float | None  # matters escalated at least once / matters raised
    silent_corridors: tuple[str, ...]
    projects: dict[str, int] = field(default_factory=dict)  # status -> how many
    participation: tuple[Participation, ...] = ()

    @property
    def raised(self) -> int:
        return sum(f.raised for f in self.by_level)


def _levels(matters: list[MatterFacts]) -> tuple[LevelFigures, ...]:
    out = []
    for level in LEVELS:
        here = [m for m in matters if m.level == level]
        counts = Counter(m.status for m in here)
        days = [(m.resolved_on - m.raised_on).days for m in here if m.resolved_on is not None]
        out.append(LevelFigures(
            level, len(here), counts["raised"] + counts["accepted"], counts["resolved"],
            counts["closed"], float(median(days)) if days else None,
        ))  # fmt: skip
    return tuple(out)


def area_figures(
    areas: dict[str, tuple[str, str | None]],
    shown: list[str],
    matters: list[MatterFacts],
    projects: list[tuple[str, tuple[str, ...]]],
    participation: list[Participation],
    *,
    as_of: date,
    silent_since: date,
) -> list[AreaFigures]:
    """Figures of each area of ``shown``, over everything below it. ``areas``: code -> (level,
    parent); ``projects``: (status, places); ``participation``: per vote and block."""
    below: dict[str, set[str]] = defaultdict(set)  # area -> itself and everything under it
    for code in areas:
        up: str | None = code
        while up is not None and up in areas:
            below[up].add(code)
            up = areas[up][1]
    recent = {m.area for m in matters if silent_since <= m.raised_on <= as_of}
    found = []
    for code in shown:
        inside = below[code]
        here = [m for m in matters if m.area in inside and m.raised_on <= as_of]
        corridors = sorted(c for c in inside if areas[c][0] == "corridor")
        blocks = {c for c in inside if areas[c][0] == "block"}
        found.append(AreaFigures(
            code=code, level=areas[code][0], by_level=_levels(here),
            escalation_rate=sum(m.escalated for m in here) / len(here) if here else None,
            silent_corridors=tuple(c for c in corridors if c not in recent),
            projects=dict(Counter(s for s, places in projects if inside & set(places))),
            participation=tuple(p for p in participation if p.block in blocks),
        ))  # fmt: skip
    return found
