"""Typing the cells of the ledger sheets (:data:`LEDGER_ROW_TYPES`): what :mod:`cells` types,
and lists of days, a meeting's attendees and an amount of yuan."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from seeds import ledger_columns
from seeds.cell_values import parse_date, parse_money, quoted
from seeds.columns import TAG_SEPARATORS
from seeds.rows import LedgerDecisionRow, LedgerMatterRow, LedgerMeetingRow, LedgerProjectRow
from seeds.validate.cells import DATE_FORMATS_EN, DATE_FORMATS_ZH, Cells, en_name, sheet_column

__all__ = ["LEDGER_ROW_TYPES"]

_LIST = re.compile("|".join(TAG_SEPARATORS))


def _past_day(c: Cells, key: str, today: date) -> date | None:
    """A day that has already come: a ledger records what happened."""
    day = c.day(key)
    if day is not None and day > today:
        column = sheet_column(c.sheet, key)
        c.fail(
            key,
            "bad_date",
            f"{column.zh} {day.isoformat()} 晚于今天（{today.isoformat()}），台账只记已发生的事",
            f"{en_name(column)} {day.isoformat()} is after today ({today.isoformat()}); a ledger "
            "records what has happened",
        )
        return None
    return day


def _days(c: Cells, key: str, today: date) -> tuple[date, ...]:
    """Days separated by ; each a valid day that has come, in the order written."""
    text = c.text(key)
    if text is None:
        return ()
    column, found = sheet_column(c.sheet, key), []
    for part in (p.strip() for p in _LIST.split(text) if p.strip()):
        day = parse_date(part)
        if day is None:
            c.fail(
                key,
                "bad_date",
                f"{column.zh}{quoted(part)}不是有效日期（可写 {DATE_FORMATS_ZH}，多个以分号分隔）",
                f"{en_name(column)}{quoted(part, ' ')} is not a valid date (write "
                f"{DATE_FORMATS_EN}, several separated by ;)",
            )
            return ()
        if day > today:
            c.fail(
                key,
                "bad_date",
                f"{column.zh} {day} 晚于今天（{today}）",
                f"{en_name(column)} {day} is after today ({today})",
            )
            return ()
        found.append(day)
    return tuple(found)


def _attendees(c: Cells, key: str) -> tuple[tuple[str, str], ...]:
    """``id:as-what`` pairs separated by ;, the as-what in either language."""
    column, pairs = sheet_column(c.sheet, key), []
    for part in c.codes(key):  # folded like ids (full-width colons too)
        person, sep, capacity = part.partition(":")
        as_what = ledger_columns.CAPACITY_WORDS.parse(capacity) if sep else None
        if not person.strip() or as_what is None:
            words = ledger_columns.CAPACITY_WORDS.choices()
            c.fail(
                key,
                "unknown_value",
                f"{column.zh}{quoted(part)}应写成“编号:身份”，身份可填：{words}",
                f"{en_name(column)}{quoted(part, ' ')} must be written id:as-what, as-what one "
                f"of: {words}",
            )
            return ()
        pairs.append((person.strip(), as_what))
    return tuple(pairs)


def _money(c: Cells, key: str) -> Decimal | None:
    return c.number(
        key,
        parse_money,
        " 0 或正的金额（元），最多两位小数，如 120000 或 12万",
        "an amount of yuan, 0 or more, at most two decimals, e.g. 120000 or 12万",
    )


def _matter_fields(c: Cells, today: date) -> dict[str, Any]:
    return {
        "matter_id": c.code("matter_id"),
        "title": c.text("title"),
        "place": c.code("place"),
        "category": c.choice("category", ledger_columns.MATTER_CATEGORIES),
        "level": c.choice("level", ledger_columns.MATTER_LEVELS),
        "raised_by": c.code("raised_by") or "",
        "raised_on": _past_day(c, "raised_on", today),
        "accepted_on": _past_day(c, "accepted_on", today),
        "escalated_on": _days(c, "escalated_on", today),
        "ended_on": _past_day(c, "ended_on", today),
        "ended_as": c.choice("ended_as", ledger_columns.ENDINGS) or "",
        "outcome": c.text("outcome") or "",
        "description": c.text("description") or "",
        "row": c.row,
    }


def _meeting_fields(c: Cells, today: date) -> dict[str, Any]:
    return {
        "meeting_id": c.code("meeting_id"),
        "title": c.text("title"),
        "date": _past_day(c, "date", today),
        "place": c.code("place"),
        "venue": c.text("venue") or "",
        "matters": c.codes("matters"),
        "attendees": _attendees(c, "attendees"),
        "row": c.row,
    }


def _decision_fields(c: Cells, today: date) -> dict[str, Any]:
    seq = c.count("seq")
    if seq == 0:
        c.fail("seq", "bad_number", "序号从 1 开始", "a decision's number starts at 1")
    return {
        "meeting_id": c.code("meeting_id"),
        "seq": seq,
        "text": c.text("text"),
        "responsible": c.text("responsible"),
        "due": c.day("due"),
        "done_on": _past_day(c, "done_on", today),
        "row": c.row,
    }


def _project_fields(c: Cells, today: date) -> dict[str, Any]:
    return {
        "project_id": c.code("project_id"),
        "title": c.text("title"),
        "kind": c.choice("kind", ledger_columns.PROJECT_KINDS),
        "places": c.codes("places"),
        "decided_by": c.code("decided_by") or "",
        "budget": _money(c, "budget"),
        "funding": c.choice("funding", ledger_columns.FUNDING_SOURCES) or "",
        "proposed_on": _past_day(c, "proposed_on", today),
        "approved_on": _past_day(c, "approved_on", today),
        "started_on": _past_day(c, "started_on", today),
        "done_on": _past_day(c, "done_on", today),
        "description": c.text("description") or "",
        "row": c.row,
    }


_Fields = Callable[[Cells, date], dict[str, Any]]
LEDGER_ROW_TYPES: dict[str, tuple[_Fields, type]] = {
    "matters": (_matter_fields, LedgerMatterRow),
    "meetings": (_meeting_fields, LedgerMeetingRow),
    "decisions": (_decision_fields, LedgerDecisionRow),
    "projects": (_project_fields, LedgerProjectRow),
}
