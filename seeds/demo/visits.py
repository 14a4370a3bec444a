"""Visits of the last 60 days: two different helpers within 10 days for every vulnerable elder,
one for every other resident aged 60+, and none lately for the elders planted unvisited."""

from __future__ import annotations

import random
from datetime import date

from seeds.demo.dates import active, days
from seeds.demo.gaps import Plan
from seeds.demo.residents import Community, is_vulnerable
from seeds.rows import HelperRow, PersonRow, ResidentRow, RoleRow, VisitRow

__all__ = ["visit_rows"]


_NOTES = (
    "",
    "",
    "身体状况良好",
    "了解生活需求",
    "测量血压",
    "提醒按时服药",
    "送去防暑用品",
    "教用智能手机",
)


def visit_rows(
    rng: random.Random,
    com: Community,
    plan: Plan,
    roles: list[RoleRow],
    helpers: list[HelperRow],
    people: list[PersonRow],
) -> list[VisitRow]:
    today = com.today
    unvisited = {plan.unseen, *plan.no_contact}
    doctors = {p.person_id for p in people if p.kind == "doctor"}
    roles_in: dict[str, list[RoleRow]] = {}
    for role in roles:
        roles_in.setdefault(role.scope, []).append(role)
    helpers_of: dict[str, list[HelperRow]] = {}
    for h in helpers:
        helpers_of.setdefault(h.resident_id, []).append(h)

    def candidates(r: ResidentRow, on: date) -> list[str]:
        # The resident's helpers on that day: pairings, floor chiefs, grid worker, doctor.
        terms = [
            *helpers_of.get(r.resident_id, ()),
            *roles_in.get(r.corridor, ()),
            *roles_in.get(com.micro_of[r.corridor], ()),
        ]
        found = [
            t.person_id if isinstance(t, RoleRow) else t.helper_id
            for t in terms
            if active(t.since, t.until, on)
        ]
        if r.family_doctor:
            found.append(r.family_doctor)
        # Not someone at home: a visit is news from outside, and the one person an elder lives
        # with must not be their only recent contact (their leaving would then leave two gaps).
        home = {x.resident_id for x in com.in_household[r.household_id]}
        return list(dict.fromkeys(c for c in found if c not in home))

    visits: dict[tuple[date, str, str], VisitRow] = {}

    def visit(r: ResidentRow, days_ago: int, visitor: str) -> None:
        on = today - days(days_ago)
        mode = _mode(rng, visitor in doctors, r)
        visits[(on, visitor, r.resident_id)] = VisitRow(
            on, visitor, r.resident_id, mode, rng.choice(_NOTES)
        )

    for r in com.residents:
        if com.age(r) < 60:
            continue
        if r.resident_id in unvisited:
            if rng.random() < 0.5:
                day = rng.randint(21, 59)
                visit(r, day, rng.choice(candidates(r, today - days(day))))
            continue
        around = candidates(r, today)
        # Two different helpers in the last 10 days for every vulnerable elder (one for the
        # others), so that nobody's contact hangs on a single person.
        recent = 2 if is_vulnerable(r, today) and len(around) > 1 else 1
        for visitor in rng.sample(around, recent):
            visit(r, rng.randint(0, 10), visitor)
        extra = rng.choice((0, 1, 1, 2, 2, 3)) if is_vulnerable(r, today) else rng.random() < 0.25
        for _ in range(int(extra)):
            day = rng.randint(0, 59)
            visit(r, day, rng.choice(candidates(r, today - days(day))))
    return sorted(visits.values(), key=lambda v: (v.date, v.resident_id, v.visitor_id))


def _mode(rng: random.Random, doctor: bool, r: ResidentRow) -> str:
    if doctor:
        return rng.choice(("home", "phone"))
    if r.smartphone:
        return rng.choices(("home", "phone", "wechat"), (6, 3, 2))[0]
    return rng.choices(("home", "phone"), (65, 35))[0]
