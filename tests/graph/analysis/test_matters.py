"""The steps of a matter and when it is proposed for the next level: pure rules, no database."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from graph.analysis.matters import (
    ACTIONS,
    LEVELS,
    MatterRules,
    State,
    escalation_due,
    load_matter_rules,
    next_state,
)
from graph.analysis.rules import RulesError, load_rules
from graph.errors import ChangeError

DAY = date(2026, 6, 1)


def test_a_matter_starts_raised_at_its_level() -> None:
    assert next_state(None, "raise", DAY, level="building") == State("building", "raised", DAY)
    for bad in (next_state(None, "accept", DAY, level="building"), next_state(None, "raise", DAY)):
        assert isinstance(bad, ChangeError) and bad.code == "INVALID_STEP"


def test_each_step_from_each_status() -> None:
    raised = State("building", "raised", DAY)
    later = DAY + timedelta(3)
    assert next_state(raised, "accept", later) == State("building", "accepted", DAY)
    assert next_state(raised, "note", later) == raised
    assert next_state(raised, "escalate", later) == State("consultation", "raised", later)
    assert next_state(raised, "close", later) == State("building", "closed", DAY)
    accepted = State("building", "accepted", DAY)
    assert next_state(accepted, "resolve", later) == State("building", "resolved", DAY)
    refused = [next_state(raised, "resolve", later), next_state(accepted, "accept", later)]
    refused += [next_state(State("community_vote", "accepted", DAY), "escalate", later)]
    refused += [next_state(State("building", s, DAY), a, later)
                for s in ("resolved", "closed") for a in ACTIONS]  # fmt: skip
    assert all(isinstance(r, ChangeError) and r.code == "INVALID_STEP" for r in refused)
    assert "不能" in refused[0].message_zh and "cannot" in refused[0].message


@pytest.mark.parametrize(("days", "due"), [(13, None), (14, None), (15, 1), (40, 26)])
def test_a_building_matter_open_over_14_days_is_due(days: int, due: int | None) -> None:
    state = State("building", "accepted", DAY)
    assert escalation_due(state, DAY + timedelta(days), MatterRules()) == due


def test_closed_and_top_level_matters_are_never_due() -> None:
    far = DAY + timedelta(365)
    assert escalation_due(State("building", "resolved", DAY), far, MatterRules()) is None
    assert escalation_due(State(LEVELS[-1], "raised", DAY), far, MatterRules()) is None


def test_the_rules_file_sets_the_days(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text("[matters]\nescalate_after_days = {building = 7}\n", "utf-8")
    rules = load_matter_rules({"LOUZHI_RULES": str(path)})
    assert dict(rules.escalate_after_days) == {"building": 7, "consultation": 30}
    assert load_rules(path).min_helpers == load_rules().min_helpers  # the coverage rules' file
    path = tmp_path / "other.toml"
    path.write_text("[matters]\nescalate_after_days = {community_vote = 3}\n", "utf-8")
    with pytest.raises(RulesError, match="escalate_after_days"):
        load_matter_rules({"LOUZHI_RULES": str(path)})
