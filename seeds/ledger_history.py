"""What a ledger row says happened, as the graph's steps: a matter's dated steps and a project's
status, or why the row cannot be read that way.

A matter's row gives days (raised, accepted, escalated once or twice, ended); its steps are those
days in order, each checked by :func:`graph.analysis.matters.next_state` like a step taken
through the API. One step is implied: a matter resolved while not accepted at its level (it was
escalated after being accepted, or the ledger gives no day of acceptance) is accepted on the day
it is resolved. A project's row gives the day of each status it reached; its status is the last.

Pure Python; :mod:`seeds.validate.ledger_checks` reports a :class:`Refusal` at its cell, and
:mod:`seeds.ledger_plan` compares the steps with the graph's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from graph.analysis.matters import LEVELS, State, next_state
from graph.errors import ChangeError
from seeds.rows import LedgerMatterRow, LedgerProjectRow

__all__ = ["PROJECT_DAYS", "Refusal", "Step", "matter_steps", "project_status"]

_LEVEL_ZH = {"building": "楼组", "consultation": "协商", "community_vote": "社区表决"}
PROJECT_DAYS = ("proposed_on", "approved_on", "started_on", "done_on")
_DAY_ZH = {
    "proposed_on": "立项日期",
    "approved_on": "批准日期",
    "started_on": "开工日期",
    "done_on": "完工日期",
}


@dataclass(frozen=True)
class Step:
    action: str  # raise | accept | escalate | resolve | close
    on: date
    level: str  # the matter's level once the step is taken
    status: str  # its status once the step is taken
    outcome: str | None = None


@dataclass(frozen=True)
class Refusal:
    """Why a row cannot be read: the column to point at, in Chinese and English."""

    column: str
    zh: str
    en: str
    code: str = "invalid_dates"


def _ending(row: LedgerMatterRow) -> Refusal | None:
    if row.ended_on is not None and not row.ended_as:
        return Refusal(
            "ended_as",
            "写了办结日期，须写办结方式：解决或关闭",
            "an end day needs how it ended: resolve or close",
            "required",
        )
    if row.ended_as and row.ended_on is None:
        return Refusal(
            "ended_on",
            "写了办结方式，须写办结日期",
            "how it ended needs the day it ended",
            "required",
        )
    if row.ended_as and not row.outcome:
        return Refusal(
            "outcome", "办结的议题须写明结果", "an ended matter needs its outcome", "required"
        )
    return None


def _too_many_escalations(row: LedgerMatterRow) -> Refusal | None:
    room = len(LEVELS) - 1 - LEVELS.index(row.level)
    if len(row.escalated_on) <= room:
        return None
    above = "、".join(_LEVEL_ZH[level] for level in LEVELS[LEVELS.index(row.level) + 1 :])
    return Refusal(
        "escalated_on",
        f"从“{_LEVEL_ZH[row.level]}”层级最多升级 {room} 次（{above or '已是最高层级'}），"
        f"这里写了 {len(row.escalated_on)} 次",
        f"a matter raised at the {row.level.replace('_', ' ')} level moves up at most {room} "
        f"time(s), not {len(row.escalated_on)}",
        "invalid_step",
    )


def _dated(row: LedgerMatterRow) -> list[tuple[date, int, str, str]] | Refusal:
    """(day, order on a day, action, column) for every day the row gives, in date order."""
    events = [(row.raised_on, 0, "raise", "raised_on")]
    if row.accepted_on is not None:
        events.append((row.accepted_on, 1, "accept", "accepted_on"))
    last = row.raised_on
    for day in row.escalated_on:
        if day < last:
            return Refusal(
                "escalated_on",
                f"升级日期 {day} 早于提出日期或上一次升级（{last}）",
                f"escalated on {day}, before it was raised or last escalated ({last})",
            )
        events.append((day, 2, "escalate", "escalated_on"))
        last = day
    if row.ended_on is not None:
        events.append((row.ended_on, 3, row.ended_as, "ended_on"))
    for day, _, _, column in events:
        if day < row.raised_on:
            return Refusal(
                column,
                f"{day} 早于提出日期（{row.raised_on}）",
                f"{day} is before the day it was raised ({row.raised_on})",
            )
    latest = max(day for day, *_ in events)
    if row.ended_on is not None and row.ended_on < latest:
        return Refusal(
            "ended_on",
            f"办结日期 {row.ended_on} 早于受理或升级日期（{latest}）",
            f"ended on {row.ended_on}, before it was accepted or escalated ({latest})",
        )
    return sorted(events, key=lambda e: (e[0], e[1]))


def matter_steps(row: LedgerMatterRow) -> list[Step] | Refusal:
    """The steps a matter's row gives, in order, or why it cannot be read."""
    refusal = _ending(row) or _too_many_escalations(row)
    if refusal is not None:
        return refusal
    events = _dated(row)
    if isinstance(events, Refusal):
        return events
    steps: list[Step] = []
    state: State | None = None
    for day, _, action, column in events:
        if action == "resolve" and state is not None and state.status != "accepted":
            state = State(state.level, "accepted", state.level_since)
            steps.append(Step("accept", day, state.level, state.status))
        after = next_state(state, action, day, level=row.level)
        if isinstance(after, ChangeError):
            return Refusal(column, after.message_zh, after.message, "invalid_step")
        state = after
        outcome = row.outcome if action in ("resolve", "close") else None
        steps.append(Step(action, day, state.level, state.status, outcome))
    return steps


def project_status(row: LedgerProjectRow) -> int | Refusal:
    """The index in :data:`graph.governance.projects.STATUSES` of the last status the row gives
    a day for, or why its days cannot be read: each status needs the ones before it, in order."""
    days = row.days
    reached = max(i for i, day in enumerate(days) if day is not None)
    for i in range(1, reached + 1):
        day, before = days[i], days[i - 1]
        column = PROJECT_DAYS[i]
        if day is None:
            later = _DAY_ZH[PROJECT_DAYS[reached]]
            return Refusal(
                column,
                f"写了{later}，也须写{_DAY_ZH[column]}",
                f"{PROJECT_DAYS[reached].replace('_', ' ')} needs {column.replace('_', ' ')} too",
            )
        assert before is not None
        if day < before:
            return Refusal(
                column,
                f"{_DAY_ZH[column]} {day} 早于{_DAY_ZH[PROJECT_DAYS[i - 1]]}（{before}）",
                f"{column.replace('_', ' ')} {day} is before "
                f"{PROJECT_DAYS[i - 1].replace('_', ' ')} ({before})",
            )
    return reached
