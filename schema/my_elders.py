"""``myElders``: a floor chief's vulnerable elders, the longest unvisited first.

For every corridor the caller's own person serves as first or second floor chief on ``asOf``
(and that lies in the account's scope: :mod:`graph.records.my_elders`), the corridor's coverage
report (:func:`graph.coverage.gaps.coverage_gaps`, from the report cache) gives its vulnerable
elders with their latest visit by a current helper; an elder is **overdue** when that visit is
more than the rules' ``contact_days`` ago, or when there is none. Overdue first, then the days
since the last visit, most first (never visited counts as the most), then the resident id.

The same definitions as ``coverageGaps`` (vulnerable, helper, recent contact), so the list and
the committee's figures never disagree. Who may call it: floor chiefs, and committee members and
admins for the person their account is bound to (an account bound to nobody gets an empty list).
The last visit is a personal detail (masked like ``lastContact``); names are audited.

Example::

    { myElders { residentId name ageBand corridor daysSinceLastVisit overdue underSupported } }
"""

from __future__ import annotations

from datetime import date

import strawberry

from graph.access.scope_checks import living_in_scope
from graph.analysis.rules import Rules, base_rules
from graph.analysis.types import ElderStatus
from graph.coverage.gaps import coverage_gaps
from graph.coverage.report_cache import reports
from graph.records.my_elders import chief_corridors
from schema.context import Info, version_for_reports
from schema.enums import UnderSupportReason, VisitMode
from schema.fields import DETAIL, age_band, ages_on, as_of_or_today
from schema.permissions import Audited, PersonalDetail

__all__ = ["MyElder", "order_key", "resolve_my_elders"]


@strawberry.type(description="A vulnerable elder of a corridor the caller serves as floor chief.")
class MyElder:
    resident_id: strawberry.ID
    name: str = strawberry.field(extensions=[Audited()])
    age_band: str = strawberry.field(description="60-69, 70-79, 80-89 or 90+.")
    corridor: strawberry.ID
    days_since_last_visit: int | None = strawberry.field(
        description="Days from the latest visit by a current helper to asOf; null when never "
        f"visited. {DETAIL}",
        extensions=[PersonalDetail()],
    )
    last_visit_on: date | None = strawberry.field(
        description=f"The day of that visit. {DETAIL}", extensions=[PersonalDetail()]
    )
    last_visit_mode: VisitMode | None = strawberry.field(
        description=f"How that visit was made. {DETAIL}", extensions=[PersonalDetail()]
    )
    last_visitor_id: strawberry.ID | None = strawberry.field(
        description=f"Who made it. {DETAIL}", extensions=[PersonalDetail()]
    )
    overdue: bool = strawberry.field(
        description="No visit by a helper within the rules' contactDays (default 14) of asOf."
    )
    under_supported: bool = strawberry.field(description="As in coverageGaps.underSupported.")
    reasons: list[UnderSupportReason] = strawberry.field(
        description="Why under-supported; empty when supported."
    )

    @classmethod
    def of(cls, s: ElderStatus, day: date, rules: Rules) -> MyElder:
        last = s.last_contact
        days = (day - last.on).days if last else None
        return cls(
            resident_id=strawberry.ID(s.id),
            name=s.name,
            age_band=age_band(s.age) or "",
            corridor=strawberry.ID(s.corridor),
            days_since_last_visit=days,
            last_visit_on=last.on if last else None,
            last_visit_mode=VisitMode(last.mode) if last else None,
            last_visitor_id=strawberry.ID(last.visitor_id) if last else None,
            # The analysis' recent contact is as_of - contact_days <= on: overdue is its negation.
            overdue=days is None or days > rules.contact_days,
            under_supported=s.under_supported,
            reasons=[UnderSupportReason(r.code) for r in s.reasons],
        )


def order_key(e: MyElder) -> tuple[bool, float, str]:
    """Overdue first, then the longest since the last visit (never: the longest), then id."""
    days = float("inf") if e.days_since_last_visit is None else e.days_since_last_visit
    return (not e.overdue, -days, str(e.resident_id))


async def resolve_my_elders(info: Info, as_of: date | None = None) -> list[MyElder]:
    ctx = info.context
    principal = ctx.principal
    if principal is None or principal.person_id is None:
        return []  # an account bound to nobody serves no corridor
    day = as_of_or_today(info, as_of)
    corridors = await chief_corridors(ctx.db, person_id=principal.person_id, on=day)
    if not corridors:
        return []
    rules = base_rules()
    version = await version_for_reports(info)
    found: dict[str, ElderStatus] = {}
    for corridor in corridors:  # a chief serves one or two corridors: one report each, cached
        report = await coverage_gaps(
            ctx.driver, database=ctx.database, scope=corridor, as_of=day, rules=rules,
            ages_on=ages_on(info, day), kept=reports, version=version,
        )  # fmt: skip
        found.update((e.id, e) for e in report.elders)
    if not found:
        return []
    # A report for a past day places people in the homes of that day; the details shown here
    # are only for those who live in the caller's scope now, like every other field's.
    living = await living_in_scope(ctx.db, ids=sorted(found))
    elders = [MyElder.of(e, day, rules) for i, e in found.items() if i in living]
    return sorted(elders, key=order_key)
