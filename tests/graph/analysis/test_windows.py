"""Availability windows, pure: whose windows the rules give by default, and coverage counted with
only the helpers available in a window (the elder supported overall, alone on weekday days)."""

from __future__ import annotations

import pytest

from graph.analysis.elders import Analysis
from graph.analysis.report import analyse
from graph.analysis.rules import Rules, RulesError, load_rules
from graph.analysis.windows import WINDOWS, Availability, available_windows, by_window
from tests.graph.analysis.facts import DAY, Town, pairing, seen

RULES = Rules()


def windows(**fact: object) -> frozenset[str]:
    base: dict[str, object] = {"person_id": "P", "windows": None, "resident": True, "kind": None,
                               "birth_year": DAY.year - 70, "party": None}  # fmt: skip
    return available_windows(Availability(**(base | fact)), defaults=RULES.window_defaults(),
                             working_ages=(18, 60), year=DAY.year)  # fmt: skip


OFF_DAYS = frozenset({"weekday_evening", "night", "weekend"})


@pytest.mark.parametrize(
    ("fact", "expected"),
    [
        ({}, frozenset(WINDOWS)),  # a retired neighbour: any time
        ({"party": "double", "birth_year": DAY.year - 70}, OFF_DAYS),  # in service, whatever age
        ({"party": "retired", "birth_year": DAY.year - 66}, frozenset(WINDOWS)),
        ({"birth_year": DAY.year - 45}, OFF_DAYS),  # working age
        ({"birth_year": DAY.year - 60}, frozenset(WINDOWS)),  # 60: past working age
        ({"birth_year": DAY.year - 17}, frozenset(WINDOWS)),  # not yet working age
        ({"resident": False, "kind": "doctor"}, frozenset({"weekday_day"})),
        ({"resident": False, "kind": "grid_worker"}, frozenset({"weekday_day"})),
        ({"resident": False, "kind": "volunteer"}, frozenset(WINDOWS)),
        ({"windows": ("night",), "party": "double"}, frozenset({"night"})),  # the roster's first
    ],
)
def test_a_helpers_windows_come_from_the_roster_else_who_they_are(
    fact: dict[str, object], expected: frozenset[str]
) -> None:
    assert windows(**fact) == expected


def test_the_rules_file_sets_the_default_windows(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "rules.toml"
    path.write_text('[availability]\ndoctor = ["weekday_day", "weekend"]\nworking_age_until = 65\n',
                    encoding="utf-8")  # fmt: skip
    rules = load_rules(path)
    assert rules.window_defaults()["doctor"] == ("weekday_day", "weekend")
    assert rules.working_age_until == 65
    path.write_text('[availability]\ndoctor = ["lunchtime"]\n', encoding="utf-8")
    with pytest.raises(RulesError, match="doctor_windows"):
        load_rules(path)


def working_family() -> Town:
    """E (82) is helped by her son and daughter-in-law (working age, living with her), the
    second floor chief (an in-service party member) and a retired neighbour."""
    t = Town()
    t.resident("E", 82, "H1", pairings=(pairing("N"),), visits=(seen("N", 3),))
    t.resident("S", 52, "H1")
    t.resident("D", 50, "H1")
    t.role("C2F", "second_floor_chief", "C1", party="double")
    t.person("C2F", party="double")
    t.person("N")
    return t


def test_an_elder_supported_overall_can_be_alone_on_weekday_days() -> None:
    data = working_family().data()
    data.available = {"S": OFF_DAYS, "D": OFF_DAYS, "C2F": OFF_DAYS, "N": frozenset({"night"})}
    overall = analyse(data, rules=RULES)
    (elder,) = overall.elders
    assert not elder.under_supported and len(elder.helpers) == 4
    assert Analysis(data, RULES).windows("N") == frozenset({"night"})
    day = analyse(data, rules=RULES, window="weekday_day")
    (alone,) = day.elders
    assert alone.helpers == () and {r.code for r in alone.reasons} == {"FEW_HELPERS", "FEW_KINDS"}
    assert alone.vulnerable  # who is vulnerable does not move with the hour
    evening = analyse(data, rules=RULES, window="weekday_evening")
    assert not evening.elders[0].under_supported

    side = by_window(overall, {w: analyse(data, rules=RULES, window=w) for w in WINDOWS})
    (row,) = side.elders
    assert row.changes and row.worst.window == "weekday_day" and row.worst.helpers == 0
    assert [w.helpers for w in row.windows] == [0, 3, 4, 3]
    community = next(a for a in side.areas if a.code == "COM")
    assert dict(community.by_window)["weekday_day"].actual == 0
    assert community.worst == "weekday_day" and community.under_in_some_window == 1


def test_a_helper_unavailable_in_a_window_is_no_single_point_of_failure_there() -> None:
    data = working_family().data()
    data.available = {"S": OFF_DAYS, "D": OFF_DAYS, "C2F": OFF_DAYS}
    evening = analyse(data, rules=RULES, window="weekday_evening")
    assert not evening.elders[0].under_supported
    day = analyse(data, rules=RULES, window="weekday_day")
    assert day.single_points_of_failure == ()  # N alone: already under-supported, nothing to lose
    assert [h.person_id for h in day.elders[0].helpers] == ["N"]
