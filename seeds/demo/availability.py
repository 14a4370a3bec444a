"""When the demo's people can be reached, where the roster says more than the rules' defaults
(graph/analysis/windows.py): some volunteers give their hours, some working-age residents are
at home all week (retired early, caring, working from home), and some older residents are out
in the evenings. Everyone else takes the default for who they are, as most rosters will.

Planted: four elders living alone whose named helpers come only on weekdays, day and evening
(a daughter after work, a volunteer team), so that at night and at weekends only the corridor's
two floor chiefs are left — supported on paper, short of kinds then (the 分时段 view shows them).

Drawn from its own generator (``"{seed}/availability"``), so the rest of the demo is the same
with or without it.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace
from datetime import date

from graph.analysis.windows import WINDOWS
from seeds.demo.dates import active
from seeds.demo.residents import is_vulnerable
from seeds.rows import HelperRow, PersonRow, ResidentRow

__all__ = ["PLANTED_WINDOW_ELDERS", "with_availability"]

_VOLUNTEER_HOURS = (
    ("weekday_day", "weekend"),
    ("weekday_evening", "weekend"),
    ("weekday_day",),
    WINDOWS,
)
_OLDER_HOURS = (("weekday_day", "weekend"), ("weekday_day", "weekday_evening", "weekend"))


_WEEKDAYS_ONLY = ("weekday_day", "weekday_evening")
PLANTED_WINDOW_ELDERS = 4


def _weekday_helpers(
    rng: random.Random, residents: list[ResidentRow], helpers: list[HelperRow], today: date
) -> set[str]:
    """The named helpers of a few elders who live alone: they will come on weekdays only."""
    households = Counter(r.household_id for r in residents)
    alone = sorted(r.resident_id for r in residents
                   if is_vulnerable(r, today) and households[r.household_id] == 1)  # fmt: skip
    named: dict[str, set[str]] = {}
    for h in helpers:
        if h.resident_id in alone and active(h.since, h.until, today):
            named.setdefault(h.resident_id, set()).add(h.helper_id)
    chosen = rng.sample(sorted(named), min(PLANTED_WINDOW_ELDERS, len(named)))
    return {helper for elder in chosen for helper in named[elder]}


def with_availability(
    seed: int, residents: list[ResidentRow], people: list[PersonRow], helpers: list[HelperRow],
    today: date,
) -> tuple[list[ResidentRow], list[PersonRow]]:  # fmt: skip
    rng = random.Random(f"{seed}/availability")
    weekdays = _weekday_helpers(rng, residents, helpers, today)
    staff = []
    for p in people:
        if p.person_id in weekdays:
            p = replace(p, availability=_WEEKDAYS_ONLY)
        elif p.kind == "volunteer" and rng.random() < 0.5:
            p = replace(p, availability=rng.choice(_VOLUNTEER_HOURS))
        staff.append(p)
    out = []
    for r in residents:
        age, draw = today.year - r.birth_year, rng.random()
        if r.resident_id in weekdays:
            r = replace(r, availability=_WEEKDAYS_ONLY)
        elif 18 <= age < 60 and not r.party and draw < 0.12:
            r = replace(r, availability=WINDOWS)  # at home on weekdays too
        elif 60 <= age < 80 and draw < 0.08:
            r = replace(r, availability=rng.choice(_OLDER_HOURS))
        out.append(r)
    return out, staff
