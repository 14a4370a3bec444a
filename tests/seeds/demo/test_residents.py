"""The demo residents: a Shanghai population, smartphones by age, family doctors."""

from __future__ import annotations

from seeds import columns
from seeds.demo import age
from seeds.rows import Roster
from tests.seeds.demo.checks import TODAY


def test_the_default_community_has_a_shanghai_population(roster: Roster) -> None:
    residents = roster.residents
    assert len({x.household_id for x in residents}) == 1302
    assert 3600 <= len(residents) <= 3800
    ages = [age(x, TODAY) for x in residents]
    assert 0.20 <= sum(a >= 60 for a in ages) / len(ages) <= 0.26
    assert 0.035 <= sum(a >= 80 for a in ages) / len(ages) <= 0.065
    adults = [x for x, a in zip(residents, ages, strict=True) if a >= 18]
    assert 0.06 <= sum(bool(x.party) for x in adults) / len(adults) <= 0.10
    assert {x.party for x in adults} == {"", "double", "retired", "community"}
    assert sum("独居" in x.tags for x in residents) >= 20
    assert 5 <= sum("残疾" in x.tags for x in residents) <= 60
    assert {x.mobility for x in residents} == set(columns.MOBILITY.values)
    assert all(x.phone.startswith("1390") and len(x.phone) == 11 for x in residents if x.phone)


def test_smartphone_use_falls_with_age(roster: Roster) -> None:
    def share(low: int, high: int) -> float:
        answers = [
            x.smartphone
            for x in roster.residents
            if low <= age(x, TODAY) < high and x.smartphone is not None
        ]
        return sum(answers) / len(answers)

    assert share(20, 60) > share(60, 70) > share(70, 80) > share(80, 120)


def test_most_elders_have_a_family_doctor(roster: Roster) -> None:
    elders = [x for x in roster.residents if age(x, TODAY) >= 65]
    assert sum(bool(x.family_doctor) for x in elders) / len(elders) > 0.75
