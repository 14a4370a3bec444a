"""Days and terms: ``since``/``until`` are inclusive, the one reading of "active" that the
planted gaps and the ties (roles, pairings, visits) share."""

from __future__ import annotations

from datetime import date, timedelta

__all__ = ["active", "days"]


def days(n: int) -> timedelta:
    return timedelta(days=n)


def active(since: date, until: date | None, day: date) -> bool:
    return since <= day and (until is None or day <= until)
