"""Governance matters (议题/事项): their levels, the steps of their history, and when one should
move up a level.

Qingsong's rule of thumb: small things are solved within the building (*building*: the floor
chiefs and the building's autonomy group), urgent and difficult matters by consultation
(*consultation*, 协商议事会), major matters by a vote of the community (*community_vote*, 表决).
A matter's history is a list of dated steps, each by someone, only ever appended:

    raise → accept → note … → escalate (next level: raised there) → … → resolve | close

Pure Python: :func:`next_state` says what a step makes of a matter (or why it may not be
taken), :func:`escalation_due` whether an open matter has waited too long at its level. The
days are rules (``[matters] escalate_after_days`` in the rules file, like the coverage rules).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from pathlib import Path

from graph.analysis.rules import RULES_ENV, RulesError
from graph.errors import ChangeError

__all__ = [
    "ACTIONS",
    "CATEGORIES",
    "LEVELS",
    "OPEN",
    "STATUSES",
    "MatterRules",
    "State",
    "escalation_due",
    "load_matter_rules",
    "next_state",
]

LEVELS: tuple[str, ...] = ("building", "consultation", "community_vote")
STATUSES: tuple[str, ...] = ("raised", "accepted", "resolved", "closed")
OPEN: frozenset[str] = frozenset({"raised", "accepted"})
ACTIONS: tuple[str, ...] = ("raise", "accept", "note", "escalate", "resolve", "close")
CATEGORIES: tuple[str, ...] = (
    "environment",
    "parking",
    "safety",
    "repairs",
    "neighbour_dispute",
    "elderly_care",
    "greening",
    "facilities",
    "other",
)
# The steps that keep the level: the statuses they may be taken from, and the status they leave.
_MOVES: dict[str, tuple[frozenset[str], str | None]] = {
    "accept": (frozenset({"raised"}), "accepted"),
    "note": (OPEN, None),
    "resolve": (frozenset({"accepted"}), "resolved"),
    "close": (OPEN, "closed"),
}
_LEVEL_WORDS = {"building": "楼组", "consultation": "协商", "community_vote": "表决"}
_STATUS_WORDS = {"raised": "已提出", "accepted": "已受理", "resolved": "已解决", "closed": "已关闭"}


@dataclass(frozen=True)
class MatterRules:
    """How long an open matter may stay at a level before it is proposed for the next one."""

    escalate_after_days: Mapping[str, int] = field(
        default_factory=lambda: {"building": 14, "consultation": 30}
    )


def load_matter_rules(env: Mapping[str, str] = os.environ) -> MatterRules:
    """The ``[matters]`` table of the deployment's rules file (``LOUZHI_RULES``), read once."""
    return _matter_rules(env.get(RULES_ENV, "").strip())


@cache
def _matter_rules(path: str) -> MatterRules:
    if not path:
        return MatterRules()
    try:
        data = tomllib.loads(Path(path).read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RulesError(f"cannot read rules file {path}: {exc}") from exc
    days = data.get("matters", {}).get("escalate_after_days", {})
    unknown = set(days) - set(LEVELS[:-1])
    if unknown or not all(isinstance(v, int) and v > 0 for v in days.values()):
        raise RulesError(
            f"{path}: [matters] escalate_after_days takes whole days > 0 for "
            f"{', '.join(LEVELS[:-1])}; got {days!r}"
        )
    return MatterRules({**MatterRules().escalate_after_days, **days})


@dataclass(frozen=True)
class State:
    """Where a matter stands: its level, its status, and since when it is at that level."""

    level: str
    status: str
    level_since: date


def _refuse(action: str, state: State) -> ChangeError:
    status, level = state.status, state.level
    return ChangeError(
        "INVALID_STEP",
        "action",
        f"A matter {status} at the {level.replace('_', ' ')} level cannot be given "
        f"the step {action}.",
        f"{_LEVEL_WORDS[level]}层级、状态为“{_STATUS_WORDS[status]}”的议题不能执行“{action}”。",
    )


def next_state(
    state: State | None, action: str, on: date, *, level: str | None = None
) -> State | ChangeError:
    """The matter after the step ``action`` taken on ``on``; ``state`` None for a new matter,
    whose ``raise`` gives its starting ``level``."""
    if state is None:
        if action != "raise" or level not in LEVELS:
            return ChangeError("INVALID_STEP", "action", "A matter starts by being raised.",
                               "议题须先提出。")  # fmt: skip
        return State(level, "raised", on)
    if state.status not in OPEN or action == "raise":
        return _refuse(action, state)
    if action == "escalate":
        index = LEVELS.index(state.level)
        if index == len(LEVELS) - 1:
            return _refuse(action, state)
        return State(LEVELS[index + 1], "raised", on)
    if action in _MOVES:
        needs, then = _MOVES[action]
        if state.status not in needs:
            return _refuse(action, state)
        return state if then is None else replace(state, status=then)
    return ChangeError(
        "BAD_USER_INPUT", "action", f"Unknown step {action!r}.", f"未知的步骤“{action}”。"
    )


def escalation_due(state: State, today: date, rules: MatterRules) -> int | None:
    """Days an open matter has been at its level beyond the rule's limit ("open over 14 days":
    1 on the fifteenth day), or None when it is not due: closed, at the top level, or within
    its days."""
    limit = rules.escalate_after_days.get(state.level)
    if state.status not in OPEN or limit is None:
        return None
    over = (today - state.level_since).days - limit
    return over if over > 0 else None
