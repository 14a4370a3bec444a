"""An emergency event — a typhoon warning, a heat wave, a power cut — as the marks made during it
say: where each elder stands, the live board, and the after-action report.

When the committee starts an event for an area, every elder there who needs a plan is taken in
with their plan as it stood then (its responders, and whether it was complete in the window of
the start: :func:`graph.analysis.windows.window_at`). Floor chiefs and responders then *mark*
each elder, from their phone: ``reached``, ``evacuated``, ``safe_at_home``, ``needs_help``, or
``not_reached`` (tried, nobody answered). Marks are appended, never changed: an elder's state is
their latest mark, and their history is all of them.

- **Reached**: any mark but ``not_reached`` (somebody saw them); an elder whose latest mark is
  ``not_reached``, or who has none, is *not reached*, since their latest mark (else the start).
- **After action**: for each elder, the minutes from the start to the first mark that reached
  them, and by whom; who was never reached; and which plans failed, and why:
  ``NO_COMPLETE_PLAN`` (there was none that would work when the event started, with the plan's
  problems then), ``NEVER_REACHED``, ``NOT_BY_RESPONDER`` (reached, but first by somebody the
  plan does not name), ``NEEDED_HELP`` (their latest mark).

Pure Python: :mod:`graph.emergency.events` reads and writes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from statistics import median

__all__ = [
    "CONTACT",
    "EVENT_KINDS",
    "FAILURES",
    "MARKS",
    "AfterAction",
    "ElderAfter",
    "ElderNow",
    "Included",
    "Mark",
    "after_action",
    "now_of",
]

EVENT_KINDS = ("typhoon", "heat_wave", "cold_wave", "flood", "power_cut", "water_cut", "other")
MARKS = ("reached", "evacuated", "safe_at_home", "needs_help", "not_reached")
CONTACT = frozenset(MARKS) - {"not_reached"}
FAILURES = ("NO_COMPLETE_PLAN", "NEVER_REACHED", "NOT_BY_RESPONDER", "NEEDED_HELP")


@dataclass(frozen=True)
class Included:
    """An elder taken into the event, with their plan as it stood at the start."""

    elder_id: str
    corridor: str
    first: str | None
    backup: str | None
    complete: bool
    problems: tuple[str, ...]  # the plan's problem codes at the start (NO_PLAN when none)


@dataclass(frozen=True)
class Mark:
    seq: int  # the event's marks in the order they were written
    elder_id: str
    status: str
    at: datetime
    person: str | None  # the marker's person, when their account has one
    account: str | None
    note: str | None


@dataclass(frozen=True)
class ElderNow:
    elder_id: str
    corridor: str
    status: str | None  # the latest mark's; None when unmarked
    reached: bool
    since: datetime  # the latest mark, else the event's start
    marks: tuple[Mark, ...]


def now_of(included: Iterable[Included], marks: Iterable[Mark],
           started: datetime) -> list[ElderNow]:  # fmt: skip
    """Each elder's state from their marks (in ``seq`` order), by corridor then id."""
    by_elder: dict[str, list[Mark]] = {}
    for m in sorted(marks, key=lambda m: m.seq):
        by_elder.setdefault(m.elder_id, []).append(m)
    out = []
    for e in sorted(included, key=lambda e: (e.corridor, e.elder_id)):
        mine = tuple(by_elder.get(e.elder_id, ()))
        last = mine[-1] if mine else None
        out.append(ElderNow(e.elder_id, e.corridor, last.status if last else None,
                            last is not None and last.status in CONTACT,
                            last.at if last else started, mine))  # fmt: skip
    return out


@dataclass(frozen=True)
class ElderAfter:
    elder_id: str
    corridor: str
    minutes_to_reach: float | None  # None: never reached
    reached_by: str | None
    by_responder: bool
    failures: tuple[str, ...]  # NO_COMPLETE_PLAN, NEVER_REACHED, NOT_BY_RESPONDER, NEEDED_HELP
    problems_at_start: tuple[str, ...]


@dataclass(frozen=True)
class AfterAction:
    elders: tuple[ElderAfter, ...]
    reached: int
    never_reached: tuple[str, ...]
    median_minutes: float | None
    longest_minutes: float | None

    @property
    def failed(self) -> tuple[ElderAfter, ...]:
        return tuple(e for e in self.elders if e.failures)


def after_action(included: Iterable[Included], marks: Iterable[Mark],
                 started: datetime) -> AfterAction:  # fmt: skip
    """The report of an event (closed or not: it reads the marks made so far)."""
    kept = {e.elder_id: e for e in included}
    rows = []
    for now in now_of(kept.values(), marks, started):
        e = kept[now.elder_id]
        first_contact = next((m for m in now.marks if m.status in CONTACT), None)
        minutes = ((first_contact.at - started).total_seconds() / 60
                   if first_contact else None)  # fmt: skip
        by = first_contact.person if first_contact else None
        named = by is not None and by in (e.first, e.backup)
        failures = []
        if not e.complete:
            failures.append("NO_COMPLETE_PLAN")
        if first_contact is None:
            failures.append("NEVER_REACHED")
        elif not named:
            failures.append("NOT_BY_RESPONDER")
        if now.status == "needs_help":
            failures.append("NEEDED_HELP")
        rows.append(ElderAfter(e.elder_id, e.corridor, minutes, by, named, tuple(failures),
                               e.problems))  # fmt: skip
    times = [r.minutes_to_reach for r in rows if r.minutes_to_reach is not None]
    return AfterAction(
        elders=tuple(rows),
        reached=len(times),
        never_reached=tuple(r.elder_id for r in rows if r.minutes_to_reach is None),
        median_minutes=median(times) if times else None,
        longest_minutes=max(times) if times else None,
    )
