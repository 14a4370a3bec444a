"""Pieces every object type's fields share: the ``asOf`` argument, personal-detail fields, and
the age band shown to roles that may not read an age."""

from __future__ import annotations

from datetime import date

import strawberry

from schema.context import Info
from schema.permissions import PersonalDetail

__all__ = ["DETAIL", "age_band", "as_of_or_today", "detail_field"]

DETAIL = "Personal detail: null with a FORBIDDEN error for planners and outside your scope."


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


def as_of_or_today(info: Info, as_of: date | None) -> date:
    return as_of or info.context.today
