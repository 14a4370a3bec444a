"""The rules file: read from TOML, overridden per request, and refused when wrong."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.analysis.rules import RULES_ENV, Rules, RulesError, base_rules, load_rules


def test_rules_load_from_toml_and_take_overrides(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(
        '[vulnerable]\nmin_age = 65\ntags = ["独居"]\n[support]\ncontact_days = 30\n'
        "[capacity]\nvolunteer = 8\n",
        encoding="utf-8",
    )
    rules = load_rules(path)
    assert (rules.elder_age, rules.vulnerable_tags, rules.contact_days) == (65, ("独居",), 30)
    assert rules.volunteer_capacity == 8 and rules.min_helpers == Rules().min_helpers
    assert rules.merged({"min_helpers": 3, "contact_days": None}).min_helpers == 3
    assert rules.merged({"vulnerable_tags": ["残疾"]}).vulnerable_tags == ("残疾",)
    assert base_rules({RULES_ENV: str(path)}) == rules
    assert base_rules({}) == Rules()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[vulnerable]\nminimum = 3\n", "unknown key 'minimum'"),
        ("[elsewhere]\nx = 1\n", "unknown section [elsewhere]"),
        ("[support]\nmin_helpers = -1\n", "min_helpers must be a whole number"),
        ("[support]\nmin_helpers = true\n", "min_helpers must be a whole number"),
        ("[vulnerable]\ntags = [1]\n", "vulnerable_tags must be a list of strings"),
        ("[suggestions]\nkinds = ['doctor']\n", "suggestion_kinds may hold"),
        ("[support\n", "cannot read rules file"),
    ],
)
def test_a_bad_rules_file_says_what_is_wrong(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulesError, match=re.escape(message)):
        load_rules(path)
    with pytest.raises(RulesError, match="unknown rule"):
        Rules().merged({"nonsense": 1})
