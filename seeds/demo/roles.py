"""Who serves where, over time: a first and a second floor chief in each corridor (living apart),
a block leader in each block and a grid worker in each micro-grid, with predecessors, handovers
already agreed, and the planted gaps (a role ended, never held, or held from a future date)."""

from __future__ import annotations

import random
from datetime import date

from seeds.demo.dates import days
from seeds.demo.gaps import Plan
from seeds.demo.residents import Community
from seeds.demo.staff import GridWorkers
from seeds.rows import ResidentRow, RoleRow

__all__ = ["role_rows"]


_SECOND_CHIEF_GAPS = ("ended", "none", "future")


def _tenures(
    rng: random.Random, today: date, role: str, scope: str, pool: list[str], gap: str = ""
) -> list[RoleRow]:
    """The holders of one role over time; without a gap, exactly one is active today."""
    if not pool or gap == "none":
        return []
    holders = rng.sample(pool, min(3, len(pool)))
    if gap == "ended":
        since = today - days(rng.randint(400, 1600))
        return [RoleRow(holders[0], role, scope, since, today - days(rng.randint(30, 200)))]
    if gap == "future":
        return [RoleRow(holders[0], role, scope, today + days(rng.randint(15, 45)))]
    since = today - days(rng.randint(60, 1200))
    spare = holders[1:]
    rows = []
    if spare and rng.random() < 0.15:  # replaced a predecessor
        before = since - days(rng.randint(200, 700))
        rows.append(RoleRow(spare.pop(), role, scope, before, since - days(1)))
    if spare and rng.random() < 0.06:  # hands over on a date already agreed
        until = today + days(rng.randint(30, 120))
        rows.append(RoleRow(holders[0], role, scope, since, until))
        rows.append(RoleRow(spare.pop(), role, scope, until + days(1)))
    else:
        rows.append(RoleRow(holders[0], role, scope, since))
    return rows


def _first_chief_pool(rng: random.Random, com: Community, members: list[ResidentRow]) -> list[str]:
    # Mostly retired residents; some corridors chose a younger one.
    fit = [r for r in members if r.party != "double" and com.fit(r)]
    retired = [r.resident_id for r in fit if com.age(r) >= 58]
    younger = [r.resident_id for r in fit if com.age(r) < 58]
    if retired and (rng.random() < 0.85 or not younger):
        return retired
    return younger or [r.resident_id for r in members if r.party != "double" and com.age(r) >= 22]


def _block_leader_pool(
    rng: random.Random, com: Community, members: list[ResidentRow], chiefs: set[str]
) -> list[str]:
    # Never double-registered, so a block is served by a party member only through its corridors.
    free = [r for r in members if r.party != "double" and r.resident_id not in chiefs]
    fit = [r for r in free if com.fit(r) and com.age(r) >= 50]
    retired_members = [r.resident_id for r in fit if r.party == "retired"]
    if retired_members and rng.random() < 0.5:
        return retired_members
    return [r.resident_id for r in fit] or [r.resident_id for r in free if com.age(r) >= 22]


def role_rows(
    rng: random.Random, com: Community, plan: Plan, workers: list[GridWorkers]
) -> list[RoleRow]:
    today = com.today
    first_gaps = (plan.places.bare,)
    second_gaps = plan.places.second
    roles: list[RoleRow] = []
    for c in com.corridors:
        members = com.in_corridor[c.code]
        first_gap = "ended" if c.code in first_gaps else ""
        # The two chiefs live apart: an elder at home with both would lose both at once.
        homes = {r.household_id for r in members if r.party == "double"}
        firsts = _first_chief_pool(
            rng, com, [r for r in members if r.household_id not in homes]
        ) or _first_chief_pool(rng, com, members)
        roles += _tenures(rng, today, "first_floor_chief", c.code, firsts, first_gap)
        second_gap = ""
        if c.code in second_gaps:
            second_gap = _SECOND_CHIEF_GAPS[second_gaps.index(c.code) % len(_SECOND_CHIEF_GAPS)]
        doubles = [r.resident_id for r in members if r.party == "double"]
        roles += _tenures(rng, today, "second_floor_chief", c.code, doubles, second_gap)
    chiefs = {r.person_id for r in roles}
    for block, members in com.in_block.items():
        leaders = _block_leader_pool(rng, com, members, chiefs)
        roles += _tenures(rng, today, "block_leader", block, leaders)
    for w in workers:
        since = today - days(rng.randint(100, 1000))
        if w.former:
            before = since - days(rng.randint(200, 700))
            roles.append(RoleRow(w.former, "grid_worker", w.micro_grid, before, since - days(1)))
        roles.append(RoleRow(w.current, "grid_worker", w.micro_grid, since))
    return roles
