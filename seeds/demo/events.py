"""The demo's one past emergency event: a typhoon warning for the first micro-grid, started on a
weekday afternoon four weeks before the load day and closed that night, marked through the same
functions as the API (:mod:`graph.emergency.events`), once, like the ledger and the plans.

Elders whose plan worked that afternoon are reached by their first responder within the hour or
two; those whose plan failed in the window (a first responder at work) are reached later by the
backup or the corridor's floor chief; one needs help; two are never reached. So the
after-action report has every kind of line.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from graph.access.session import GraphSession
from graph.analysis.rules import base_rules
from graph.analysis.windows import BEIJING
from graph.emergency.events import close_event, events, mark_elder, start_event
from graph.store.connection import Neo4jTarget
from seeds.demo.ledger import once
from seeds.rows import Roster

__all__ = ["EventSummary", "write_event"]

HAS_EVENT = "MATCH (e:EmergencyEvent) WHERE e.id STARTS WITH $prefix RETURN count(e) > 0 AS has"
_CHIEFS = ("first_floor_chief", "second_floor_chief")


@dataclass(frozen=True)
class EventSummary:
    elders: int
    marks: int
    never_reached: int


def write_event(target: Neo4jTarget, roster: Roster, *, today: date | None = None) -> EventSummary:
    """The past event of the demo community (loaded, with its plans), unless it has one."""
    day = today or date.today()
    return once(target, roster, has=HAS_EVENT, write=lambda db: _event(db, roster, day),
                skipped=EventSummary(0, 0, 0))  # fmt: skip


def _afternoon(day: date) -> datetime:
    """A weekday 14:00 in Beijing, about four weeks before ``day``, in UTC."""
    start = day - timedelta(days=28)
    while start.weekday() >= 5:
        start -= timedelta(days=1)
    return datetime.combine(start, time(14, 0), BEIJING).astimezone(UTC)


async def _event(db: GraphSession, roster: Roster, day: date) -> EventSummary:
    c = roster.community
    area = f"{c}/{min(g.micro_grid for g in roster.grid)}"
    chiefs = {f"{c}/{r.scope}": f"{c}/{r.person_id}" for r in roster.roles if r.role in _CHIEFS}
    at = _afternoon(day)
    event = await start_event(db, area=area, kind="typhoon", title="台风“海燕”橙色预警",
                              note="转移低洼楼栋的行动不便老人", at=at, account=None,
                              rules=base_rules())  # fmt: skip
    assert isinstance(event, str), event
    (row,) = await events(db, person=None, id=event)
    rng = random.Random(f"{c}/event")
    ids = sorted(e.elder_id for e in row.included)
    drawn = rng.sample(ids, min(3, len(ids)))
    never, helped = set(drawn[:2]), set(drawn[2:])
    marks = 0
    for e in row.included:
        draw = rng.random()
        if e.elder_id in never:
            continue
        chief = chiefs.get(e.corridor)
        if e.complete and e.first:
            who, minutes = e.first, rng.randint(10, 90)
        else:
            # The plan failed that afternoon: the backup or the floor chief comes later.
            who, minutes = (e.backup or chief), rng.randint(120, 300)
            await mark_elder(db, event=event, elder=e.elder_id, status="not_reached",
                             note="敲门无人应答", at=at + timedelta(minutes=minutes - 60),
                             account=None, person=chief)  # fmt: skip
            marks += 1
        status = ("needs_help" if e.elder_id in helped else "evacuated" if draw < 0.4
                  else "safe_at_home")  # fmt: skip
        note = "血压偏高，已联系家庭医生" if status == "needs_help" else None
        await mark_elder(db, event=event, elder=e.elder_id, status=status, note=note,
                         at=at + timedelta(minutes=minutes), account=None, person=who)  # fmt: skip
        marks += 1
    await close_event(db, event=event, note="预警解除", at=at + timedelta(hours=8), account=None)
    return EventSummary(len(row.included), marks, len(never))
