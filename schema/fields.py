"""Pieces every object type's fields share: the ``asOf`` argument, personal-detail fields, and
the age band shown to roles that may not read an age."""

from __future__ import annotations

from datetime import date

import strawberry

from schema.context import Info
from schema.errors import BadInput
from schema.permissions import Forbidden, PersonalDetail, Principal, reads_details

__all__ = [
    "AGE_BAND",
    "DETAIL",
    "age_band",
    "ages_on",
    "as_of_or_today",
    "check_inside",
    "detail_field",
]

DETAIL = "Personal detail: null with a FORBIDDEN error for planners and outside your scope."
AGE_BAND = (
    "Age band (0-17, 18-59, 60-69 … 90+) in the year of asOf; today's for roles that read no "
    "ages. Only for residents living in your scope."
)


def age_band(age: int | None) -> str | None:
    """What a planner sees instead of an age: 0-17, 18-59, then decades up to 90+."""
    if age is None:
        return None
    if age < 18:
        return "0-17"
    if age < 60:
        return "18-59"
    if age >= 90:
        return "90+"
    low = age // 10 * 10
    return f"{low}-{low + 9}"


def detail_field(description: str | None = None) -> object:
    """A field of a personal detail: masked (null and FORBIDDEN) for roles that may not read it."""
    return strawberry.field(
        description=f"{description} {DETAIL}" if description else DETAIL,
        extensions=[PersonalDetail()],
    )


# The earliest day an analysis may be asked about: the roster's first birth year. Analyses count
# back from their day (contact windows, trends), and a day near year 1 has no days before it.
FIRST_AS_OF = date(1900, 1, 1)


def as_of_or_today(info: Info, as_of: date | None) -> date:
    if as_of is not None and as_of < FIRST_AS_OF:
        raise BadInput(
            f"The day {as_of} is before {FIRST_AS_OF}: nothing is recorded that early.",
            f"日期 {as_of} 早于 {FIRST_AS_OF}，没有这么早的记录。",
        )
    return as_of or info.context.today


def ages_on(info: Info, as_of: date | None) -> date:
    """The day a caller's ages are counted on: ``asOf`` for roles that read ages, today for the
    others. An age band, an age filter or an elder count that moved with ``asOf`` would tell a
    birth year by the day it changes; counted today, it tells no more than the band."""
    if reads_details(info.context.principal):
        return as_of_or_today(info, as_of)
    return info.context.today


def check_inside(code: str, in_scope: bool, principal: Principal | None) -> None:
    """What is in an area above the caller's scope is not shown: only its code and level."""
    if not in_scope:
        scope = principal.scope if principal else None
        raise Forbidden(
            f"{code} is above your scope ({scope}); only its code and level are shown.",
            f"{code} 超出您的管辖范围（{scope}），只显示其编号和层级。",
        )
