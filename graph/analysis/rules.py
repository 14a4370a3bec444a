"""The rules of the coverage analyses: who is a vulnerable elder, who helps, what is enough.

Defaults follow the committee's own definitions (see the coverage issue); a deployment may change
them in a TOML file named by ``LOUZHI_RULES``, and a request may override single fields. Every
figure an analysis reports was computed under one :class:`Rules`, which it echoes back.

Example rules file::

    [vulnerable]
    min_age = 60
    very_old_age = 80
    tags = ["独居", "高龄", "残疾"]
    mobility = ["assisted", "dependent"]

    [helpers]
    household_min_age = 18
    household_max_age = 75        # household members aged 75+ are not counted as helpers

    [support]
    min_helpers = 2
    min_kinds = 2
    contact_days = 14

    [capacity]                    # for people the roster gives no capacity
    volunteer = 5
    floor_chief = 5

    [suggestions]
    kinds = ["volunteer", "floor_chief"]

    [emergency]                   # who needs an individual evacuation plan (any of)
    mobility = ["assisted", "dependent"]
    alone_age = 80                # living alone at this age or more
    tags = ["残疾"]
    responder_capacity = 3        # plans one person may be first or backup responder of

    [availability]                # when helpers can be reached, unless the roster says
    party_double = ["weekday_evening", "night", "weekend"]
    working_age = ["weekday_evening", "night", "weekend"]
    working_age_until = 60        # residents from household_min_age up to this age work
    doctor = ["weekday_day"]
    grid_worker = ["weekday_day"]
    committee_staff = ["weekday_day"]

Example override::

    rules = load_rules(path).merged({"min_helpers": 3})
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from functools import cache
from pathlib import Path
from typing import Any

from graph.analysis.windows import WINDOWS

__all__ = ["RULES_ENV", "Rules", "RulesError", "base_rules", "load_rules"]

RULES_ENV = "LOUZHI_RULES"

# TOML section -> the Rules fields it holds, under their names in the file.
_SECTIONS: dict[str, dict[str, str]] = {
    "vulnerable": {
        "min_age": "elder_age",
        "very_old_age": "very_old_age",
        "tags": "vulnerable_tags",
        "mobility": "vulnerable_mobility",
    },
    "helpers": {
        "household_min_age": "household_min_age",
        "household_max_age": "household_max_age",
    },
    "support": {
        "min_helpers": "min_helpers",
        "min_kinds": "min_kinds",
        "contact_days": "contact_days",
    },
    "capacity": {"volunteer": "volunteer_capacity", "floor_chief": "floor_chief_capacity"},
    "suggestions": {"kinds": "suggestion_kinds"},
    "emergency": {
        "mobility": "plan_mobility",
        "alone_age": "plan_alone_age",
        "tags": "plan_tags",
        "responder_capacity": "responder_capacity",
    },
    "availability": {
        "party_double": "party_double_windows",
        "working_age": "working_age_windows",
        "working_age_until": "working_age_until",
        "doctor": "doctor_windows",
        "grid_worker": "grid_worker_windows",
        "committee_staff": "committee_staff_windows",
    },
}
SUGGESTION_KINDS = ("volunteer", "floor_chief")
_OFF_WEEKDAY_DAYS = ("weekday_evening", "night", "weekend")
# The roster kinds (of non-residents) whose windows the rules set, and the field of each.
WINDOW_KINDS = {"doctor": "doctor_windows", "grid_worker": "grid_worker_windows",
                "committee_staff": "committee_staff_windows"}  # fmt: skip


class RulesError(ValueError):
    """A rules file or override that cannot be used; the message names the field."""


@dataclass(frozen=True)
class Rules:
    """The thresholds of every coverage figure. Ages are whole years from the birth year."""

    elder_age: int = 60
    very_old_age: int = 80
    vulnerable_tags: tuple[str, ...] = ("独居", "高龄", "残疾")
    vulnerable_mobility: tuple[str, ...] = ("assisted", "dependent")
    household_min_age: int = 18
    household_max_age: int = 75  # exclusive: "adult household members under 75"
    min_helpers: int = 2
    min_kinds: int = 2
    contact_days: int = 14
    volunteer_capacity: int = 5
    floor_chief_capacity: int = 5
    suggestion_kinds: tuple[str, ...] = field(default=SUGGESTION_KINDS)
    # Who needs an emergency plan (any of): reduced mobility, this age and living alone, a tag.
    plan_mobility: tuple[str, ...] = ("assisted", "dependent")
    plan_alone_age: int = 80
    plan_tags: tuple[str, ...] = ("残疾",)
    responder_capacity: int = 3  # plans one person may be a responder of
    party_double_windows: tuple[str, ...] = _OFF_WEEKDAY_DAYS
    working_age_windows: tuple[str, ...] = _OFF_WEEKDAY_DAYS
    working_age_until: int = 60  # exclusive, like household_max_age
    doctor_windows: tuple[str, ...] = ("weekday_day",)
    grid_worker_windows: tuple[str, ...] = ("weekday_day",)
    committee_staff_windows: tuple[str, ...] = ("weekday_day",)

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, tuple):
                if not all(isinstance(v, str) for v in value):
                    raise RulesError(f"{f.name} must be a list of strings")
            elif not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise RulesError(f"{f.name} must be a whole number >= 0, not {value!r}")
        if self.household_min_age > self.household_max_age:
            raise RulesError("household_min_age must not exceed household_max_age")
        unknown = set(self.suggestion_kinds) - set(SUGGESTION_KINDS)
        if unknown:
            raise RulesError(f"suggestion_kinds may hold {SUGGESTION_KINDS}, not {sorted(unknown)}")
        for name in ("party_double_windows", "working_age_windows", *WINDOW_KINDS.values()):
            unknown = set(getattr(self, name)) - set(WINDOWS)
            if unknown:
                raise RulesError(f"{name} may hold {WINDOWS}, not {sorted(unknown)}")

    def window_defaults(self) -> dict[str, tuple[str, ...]]:
        """The windows of people the roster gives none, by who they are
        (:func:`graph.analysis.windows.available_windows`)."""
        return {"party_double": self.party_double_windows,
                "working_age": self.working_age_windows,
                **{kind: getattr(self, name) for kind, name in WINDOW_KINDS.items()}}  # fmt: skip

    def merged(self, overrides: Mapping[str, Any] | None) -> Rules:
        """These rules with the given fields replaced (None values are ignored)."""
        if not overrides:
            return self
        names = {f.name for f in fields(self)}
        changes: dict[str, Any] = {}
        for name, value in overrides.items():
            if name not in names:
                raise RulesError(f"unknown rule {name!r}")
            if value is None:
                continue
            changes[name] = tuple(value) if isinstance(value, list | tuple) else value
        return replace(self, **changes)

    def born_by(self, year: int) -> int:
        """The latest birth year of an elder in ``year`` (birth year ``<=`` this)."""
        return year - self.elder_age

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


# Sections of the same file read by other rules: governance matters (graph/analysis/matters.py).
OTHER_SECTIONS = frozenset({"matters"})


def _from_toml(data: Mapping[str, Any], source: str) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for section, content in data.items():
        if section in OTHER_SECTIONS:
            continue
        if section not in _SECTIONS or not isinstance(content, dict):
            raise RulesError(f"{source}: unknown section [{section}]")
        for key, value in content.items():
            if key not in _SECTIONS[section]:
                raise RulesError(f"{source}: unknown key {key!r} in [{section}]")
            values[_SECTIONS[section][key]] = value
    return values


def load_rules(path: Path | None = None) -> Rules:
    """The default rules, changed by the TOML file at ``path`` when given."""
    if path is None:
        return Rules()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RulesError(f"cannot read rules file {path}: {exc}") from exc
    return Rules().merged(_from_toml(data, str(path)))


@cache
def _cached(path: str) -> Rules:
    return load_rules(Path(path) if path else None)


def base_rules(env: Mapping[str, str] = os.environ) -> Rules:
    """The deployment's rules: the file named by ``LOUZHI_RULES``, else the defaults."""
    return _cached(env.get(RULES_ENV, "").strip())
