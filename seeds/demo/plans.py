"""The demo's emergency plans, at the states a committee finds them in: most elders who need a
plan have one that works at any hour (a retired neighbour of their corridor first, another of
their building or block as backup); some name a working-age neighbour first, so the plan fails
on weekday days; a few lack a backup, or name a responder who needs a plan themselves; some have
none yet. Written through the same function as the API (:func:`graph.emergency.plans.set_plan`)
once, like the ledger.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from graph.access.session import GraphSession
from graph.analysis.rules import base_rules
from graph.emergency.plans import plan_board, set_plan
from graph.store.connection import Neo4jTarget
from seeds.demo.ledger import once
from seeds.rows import Roster

__all__ = ["PlansSummary", "write_plans"]

HAS_PLANS = "MATCH (p:EmergencyPlan) WHERE p.elder STARTS WITH $prefix RETURN count(p) > 0 AS has"
_NEEDS = (("轮椅",), ("常用药",), ("制氧机", "常用药"), ("助听器",), ())
_GOES = ("社区活动室", "小区会所", "女儿家", "街道避难点")


@dataclass(frozen=True)
class PlansSummary:
    needing: int
    written: int


def write_plans(target: Neo4jTarget, roster: Roster, *, today: date | None = None) -> PlansSummary:
    """Plans for the demo community (loaded already), unless it has some."""
    day = today or date.today()
    return once(target, roster, has=HAS_PLANS, write=lambda db: _plans(db, roster, day),
                skipped=PlansSummary(0, 0))  # fmt: skip


async def _plans(db: GraphSession, roster: Roster, day: date) -> PlansSummary:
    rules = base_rules()
    board = await plan_board(db, rules=rules, on=day, year=day.year)
    community = roster.community
    by_corridor: dict[str, list[str]] = defaultdict(list)
    working: dict[str, list[str]] = defaultdict(list)
    needing = {e.id for e in board.elders if e.needs_plan}
    for r in roster.residents:
        rid, age = f"{community}/{r.resident_id}", day.year - r.birth_year
        if rid in needing or r.mobility != "independent":
            continue
        if 60 <= age < 78:
            by_corridor[f"{community}/{r.corridor}"].append(rid)
        elif 25 <= age < 55:
            working[f"{community}/{r.corridor}"].append(rid)
    rng = random.Random(f"{roster.community}/plans")
    load: dict[str, int] = defaultdict(int)
    written = 0
    for e in sorted((e for e in board.elders if e.needs_plan), key=lambda e: e.id):
        draw = rng.random()
        if draw < 0.15:
            continue  # no plan yet
        near = [p for p in by_corridor[e.corridor] if load[p] < rules.responder_capacity]
        if len(near) < 2:
            continue
        first, backup = rng.sample(near, 2)
        if draw < 0.3 and working[e.corridor]:
            first = rng.choice(working[e.corridor])  # out on weekday days
        elif draw < 0.36:
            backup = None  # not yet asked
        elif draw < 0.4:
            backup = rng.choice(sorted(needing - {e.id}))  # frail themselves
        for p in (first, backup):
            if p:
                load[p] += 1
        await set_plan(db, elder=e.id, first=first, backup=backup,
                       destination=rng.choice(_GOES), needs=list(rng.choice(_NEEDS)),
                       contact="家属（见名册）", note=None, on=day, account=None)  # fmt: skip
        written += 1
    return PlansSummary(len(needing), written)
