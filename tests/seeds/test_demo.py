"""The synthetic demo community: its shape, its validity, and exactly the gaps planted in it."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from itertools import pairwise

import pytest

from seeds import columns
from seeds.columns import SHEETS
from seeds.demo import (
    PLANTED_GAPS,
    PlantedGaps,
    age,
    generate,
    is_vulnerable,
    planted_gaps,
)
from seeds.reader import read_rows
from seeds.rows import Roster
from seeds.validate import check_raw
from seeds.writer import sheet_rows
from tests.graph.test_coverage_oracle import Oracle

TODAY = date(2025, 6, 15)


@pytest.fixture(scope="module")
def roster() -> Roster:
    return generate(seed=1, today=TODAY)


@pytest.fixture(scope="module")
def big() -> Roster:
    return generate(seed=7, households=5000, today=TODAY)


def active(since: date, until: date | None, day: date = TODAY) -> bool:
    return since <= day and (until is None or day <= until)


# --- checks shared by every size: what a valid roster and a "planted only" roster mean -------


def check_valid(r: Roster, today: date = TODAY) -> None:
    """The roster rules, until seeds/validate.py can be used here."""
    resident_ids = [x.resident_id for x in r.residents]
    person_ids = [p.person_id for p in r.people]
    resident_set = set(resident_ids)
    everyone = resident_set | set(person_ids)
    assert len(everyone) == len(resident_ids) + len(person_ids), "ids unique across both sheets"

    level_of: dict[str, str] = {}
    parent: dict[str, str] = {}
    for g in r.grid:
        assert columns.HOUSING_TYPES.parse(g.housing_type) == g.housing_type
        for code, level, up in (
            (g.area, "area", ""),
            (g.micro_grid, "micro_grid", g.area),
            (g.block, "block", g.micro_grid),
            (g.corridor, "corridor", g.block),
        ):
            assert level_of.setdefault(code, level) == level, f"{code} used at two levels"
            assert parent.setdefault(code, up) == up, f"{code} in two places"
    building_block = {}
    for g in r.grid:
        assert building_block.setdefault(g.building, g.block) == g.block
    assert not set(building_block) & set(level_of)

    dwelling_of: dict[str, tuple[str, str]] = {}
    household_at: dict[tuple[str, str], str] = {}
    doctors = {p.person_id for p in r.people if p.kind == "doctor"}
    for x in r.residents:
        assert level_of[x.corridor] == "corridor"
        assert today.year - 105 <= x.birth_year <= today.year
        assert columns.GENDERS.parse(x.gender) == x.gender
        assert columns.MOBILITY.parse(x.mobility) == x.mobility
        assert columns.RELATIONS.parse(x.relation) == x.relation
        assert x.party == "" or columns.PARTY.parse(x.party) == x.party
        assert set(x.tags) <= set(columns.KNOWN_TAGS)
        assert x.family_doctor == "" or x.family_doctor in doctors
        dwelling = (x.corridor, x.room)
        assert dwelling_of.setdefault(x.household_id, dwelling) == dwelling, "one dwelling"
        assert household_at.setdefault(dwelling, x.household_id) == x.household_id
    for p in r.people:
        assert columns.PERSON_KINDS.parse(p.kind) == p.kind

    for role in r.roles:
        assert role.person_id in everyone
        assert level_of[role.scope] == columns.ROLE_SCOPE_LEVEL[role.role]
        assert role.until is None or role.until >= role.since
    for h in r.helpers:
        assert h.helper_id in everyone and h.resident_id in resident_set
        assert h.helper_id != h.resident_id
        assert columns.HELPER_KINDS.parse(h.kind) == h.kind
        assert h.until is None or h.until >= h.since
    for v in r.visits:
        assert v.visitor_id in everyone and v.resident_id in resident_set
        assert v.visitor_id != v.resident_id
        assert columns.VISIT_MODES.parse(v.mode) == v.mode
        assert today - timedelta(days=60) < v.date <= today


def check_households(r: Roster, today: date = TODAY) -> None:
    """Households of 1-5 with one head, and relations that fit the ages."""
    members: dict[str, list] = {}
    for x in r.residents:
        members.setdefault(x.household_id, []).append(x)
    for household in members.values():
        assert 1 <= len(household) <= 5
        heads = [x for x in household if x.relation == "head"]
        assert len(heads) == 1
        head_age = age(heads[0], today)
        assert head_age >= 22
        for x in household:
            gap = head_age - age(x, today)
            if x.relation == "spouse":
                assert abs(gap) <= 10 and x.gender != heads[0].gender
            elif x.relation == "child":
                assert gap >= 20
            elif x.relation == "parent":
                assert gap <= -20
            elif x.relation == "grandchild":
                assert gap >= 40
        alone = len(household) == 1 and head_age >= 60
        assert ("独居" in heads[0].tags) == alone
    for x in r.residents:
        years = age(x, today)
        assert ("高龄" in x.tags) == (years >= 80)
        if years < 60:  # vulnerability is an elder's: nothing flags a younger resident
            assert not x.tags and x.mobility == "independent"
        if x.party == "double":
            assert 22 <= years < 60
        if x.party == "retired":
            assert years >= 60


def found_gaps(r: Roster, today: date = TODAY) -> dict[str, object]:
    """Every gap the coverage analysis reports, found by the independent oracle."""
    v = Oracle(r, today).verdict(None)
    level = {g.block: "block" for g in r.grid} | {g.micro_grid: "micro_grid" for g in r.grid}

    def areas(rule: str, kind: str = "corridor") -> tuple[str, ...]:
        return tuple(
            sorted(a for a, x in v.area_gaps if x == rule and level.get(a, "corridor") == kind)
        )

    return {
        "corridors_without_first_floor_chief": areas("NO_FIRST_FLOOR_CHIEF"),
        "corridors_without_second_floor_chief": areas("NO_SECOND_FLOOR_CHIEF"),
        "blocks_without_serving_party_member": areas("NO_PARTY_MEMBER", "block"),
        "micro_grids_without_serving_party_member": areas("NO_PARTY_MEMBER", "micro_grid"),
        "micro_grids_without_grid_worker": areas("NO_GRID_WORKER", "micro_grid"),
        "under_supported": v.under,
        "overloaded_helpers": {h: load for h, (load, _) in v.overloaded.items()},
        "single_points_of_failure": v.spofs,
    }


def check_roles(r: Roster, today: date = TODAY) -> None:
    """Who holds what: at most one active holder each, of the right kind, living in the place."""
    residents = {x.resident_id: x for x in r.residents}
    people = {p.person_id: p for p in r.people}
    corridor_block = {g.corridor: g.block for g in r.grid}
    terms: dict[tuple[str, str], list] = {}
    for role in r.roles:
        terms.setdefault((role.role, role.scope), []).append(role)
        if role.role == "grid_worker":
            assert people[role.person_id].kind == "grid_worker"
            continue
        holder = residents[role.person_id]
        if role.role == "block_leader":
            assert corridor_block[holder.corridor] == role.scope
            assert holder.party != "double"
        else:
            assert holder.corridor == role.scope
        if role.role == "second_floor_chief":
            assert holder.party == "double"
    for held in terms.values():
        held.sort(key=lambda x: x.since)
        for before, after in pairwise(held):
            assert before.until is not None and before.until < after.since, "terms overlap"


def check_loads(r: Roster, today: date = TODAY) -> None:
    people = {p.person_id: p for p in r.people}
    load = Counter(h.helper_id for h in r.helpers if active(h.since, h.until, today))
    for helper, n in load.items():
        if helper not in people:
            assert n <= 2, "residents help at most two people"
    contracted = Counter(x.family_doctor for x in r.residents if x.family_doctor)
    for doctor, n in contracted.items():  # well below capacity, as documented
        assert n <= (people[doctor].capacity or 0) * 6 // 7
    corridor_micro = {g.corridor: g.micro_grid for g in r.grid}
    per_micro = Counter(corridor_micro[x.corridor] for x in r.residents if is_vulnerable(x, today))
    workers = {x.scope: x.person_id for x in r.roles if x.role == "grid_worker"}
    for micro_grid, n in per_micro.items():
        assert n <= (people[workers[micro_grid]].capacity or 0)
    per_corridor = Counter(x.corridor for x in r.residents if is_vulnerable(x, today))
    assert max(per_corridor.values()) <= 5, "a floor chief follows at most 5 vulnerable elders"


def check_margins(r: Roster, gaps: PlantedGaps, today: date = TODAY) -> None:
    """No planted date sits near a boundary, so < and <= readings of "active" agree."""
    for role in r.roles:
        for day in (role.since, role.until):
            assert day is None or abs((day - today).days) > 14
    for h in r.helpers:
        for day in (h.since, h.until):
            assert day is None or abs((day - today).days) > 14
    vulnerable = [x.resident_id for x in r.residents if is_vulnerable(x, today)]
    last_visit: dict[str, date] = {}
    for v in r.visits:
        last_visit[v.resident_id] = max(v.date, last_visit.get(v.resident_id, v.date))
    unseen = {e for e, why in gaps.under_supported if "NO_RECENT_CONTACT" in why}
    for v in vulnerable:
        days = (today - last_visit[v]).days if v in last_visit else 999
        assert days >= 20 if v in unseen else days <= 10
    helpers = Counter(h.resident_id for h in r.helpers if active(h.since, h.until, today))
    alone = {e for e, why in gaps.under_supported if "FEW_HELPERS" in why}
    alone |= {e for _, elders in gaps.single_points_of_failure for e in elders}
    for v in vulnerable:
        assert helpers[v] == 0 if v in alone else helpers[v] >= 2


def check_all(r: Roster, today: date = TODAY) -> PlantedGaps:
    gaps = planted_gaps(r, today=today)
    check_valid(r, today)
    check_households(r, today)
    check_roles(r, today)
    check_loads(r, today)
    check_margins(r, gaps, today)
    assert found_gaps(r, today) == gaps.as_dict()
    assert set(gaps.as_dict()) == set(PLANTED_GAPS)
    return gaps


# --- the default community --------------------------------------------------------------------


def test_the_default_community_has_qingsongs_shape(roster: Roster) -> None:
    grid = roster.grid
    assert sorted({g.area for g in grid}) == ["QS-P1", "QS-P2", "QS-P3"]
    assert sorted({g.micro_grid for g in grid}) == [f"QS-MG{i}" for i in range(1, 7)]
    assert sorted({g.block for g in grid}) == [f"QS-B{i:02d}" for i in range(1, 24)]
    assert len({g.corridor for g in grid}) == 58
    assert {g.housing_type for g in grid} == set(columns.HOUSING_TYPES.values)
    corridor_types = {g.corridor: g.housing_type for g in grid}
    assert Counter(corridor_types.values()).most_common(1)[0][0] == "high_rise"
    regions = [c for c, t in corridor_types.items() if t == "villa"]
    assert regions and all(c.endswith("-R1") for c in regions)
    for region in regions:  # a region spans several villas, one building each
        assert len({g.building for g in grid if g.corridor == region}) > 3


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


def test_the_people_around_the_residents(roster: Roster) -> None:
    kinds = Counter(p.kind for p in roster.people)
    assert kinds["committee_staff"] == 8
    assert kinds["doctor"] == 6
    assert kinds["volunteer"] == 30
    assert kinds["grid_worker"] == 7  # one per micro-grid, and one who handed over
    assert kinds["property"] and kinds["owners_committee"]
    by_kind = {p.kind: p for p in roster.people}
    assert by_kind["committee_staff"].organisation == "青松居委会"
    assert by_kind["doctor"].organisation == "夏阳街道社区卫生服务中心"
    assert by_kind["doctor"].capacity == 150
    assert by_kind["volunteer"].capacity == 5


def test_history_is_there_ended_replaced_and_future(roster: Roster) -> None:
    assert any(x.until and x.until < TODAY for x in roster.roles)
    assert any(x.since > TODAY for x in roster.roles)
    assert any(x.until and x.until > TODAY for x in roster.roles)  # a handover already agreed
    assert any(h.until and h.until < TODAY for h in roster.helpers)
    assert all(x.since >= TODAY - timedelta(days=6 * 366) for x in roster.roles)
    modes = {v.mode for v in roster.visits}
    assert modes == set(columns.VISIT_MODES.values)
    kinds = Counter(p.kind for p in roster.people)
    visitors = {v.visitor_id for v in roster.visits}
    assert {p.kind for p in roster.people if p.person_id in visitors} >= {
        "doctor",
        "volunteer",
        "grid_worker",
    }
    assert kinds


def test_the_default_community_is_valid_and_only_planted_gaps_exist(roster: Roster) -> None:
    check_all(roster)


def test_the_default_community_passes_the_roster_checks(roster: Roster) -> None:
    sheets = {s.zh: list(sheet_rows(roster, s)) for s in SHEETS.values()}
    assert check_raw(read_rows("demo", sheets), today=TODAY) == (roster, [])


def test_the_planted_gaps_at_the_default_size(roster: Roster) -> None:
    gaps = planted_gaps(roster, today=TODAY)
    assert gaps.corridors_without_first_floor_chief == ("QS-B07-C3",)
    assert gaps.corridors_without_second_floor_chief == (
        "QS-B07-C3",
        "QS-B14-C2",
        "QS-B21-C1",
        "QS-B21-R1",
        "QS-B22-C1",
        "QS-B22-R1",
        "QS-B23-C1",
        "QS-B23-R1",
    )
    assert gaps.blocks_without_serving_party_member == ("QS-B21", "QS-B22", "QS-B23")
    assert gaps.micro_grids_without_serving_party_member == ("QS-MG6",)
    assert gaps.micro_grids_without_grid_worker == ()
    assert gaps.overloaded_helpers == (("V01", 7), ("V02", 8))
    reasons = Counter(why for _, why in gaps.under_supported)
    assert reasons == {
        ("FEW_HELPERS", "FEW_KINDS"): 1,
        ("FEW_HELPERS", "FEW_KINDS", "NO_RECENT_CONTACT"): 1,
        ("NO_RECENT_CONTACT",): 3,
    }
    residents = {x.resident_id: x for x in roster.residents}
    for rid, why in gaps.under_supported:
        assert age(residents[rid], TODAY) >= 80 and "独居" in residents[rid].tags
        assert ("FEW_HELPERS" in why) == (residents[rid].corridor == "QS-B07-C3")
    (chief, elders), (worker, same) = sorted(
        gaps.single_points_of_failure, key=lambda s: s[0].startswith("G")
    )
    assert elders == same and len(elders) == 1
    assert residents[elders[0]].corridor == "QS-B14-C2" and worker.startswith("G")
    assert residents[chief].corridor == "QS-B14-C2"


def test_the_planted_second_chief_gaps_vary(roster: Roster) -> None:
    gaps = planted_gaps(roster, today=TODAY)
    chiefs = [x for x in roster.roles if x.role == "second_floor_chief"]
    histories = {
        c: [x for x in chiefs if x.scope == c] for c in gaps.corridors_without_second_floor_chief
    }
    assert any(not h for h in histories.values())  # never had one
    assert any(h and h[-1].until and h[-1].until < TODAY for h in histories.values())  # ended
    assert any(h and h[-1].since > TODAY for h in histories.values())  # appointed, not yet
    first = [
        x
        for x in roster.roles
        if x.role == "first_floor_chief" and x.scope in gaps.corridors_without_first_floor_chief
    ]
    assert first and all(x.until and x.until < TODAY for x in first)


def test_a_planted_elder_lost_a_helper(roster: Roster) -> None:
    gaps = planted_gaps(roster, today=TODAY)
    ended = {h.resident_id for h in roster.helpers if h.until and h.until < TODAY}
    alone = {e for e, why in gaps.under_supported if "FEW_HELPERS" in why}
    assert ended & alone


# --- determinism, dates and scale -------------------------------------------------------------


def test_the_same_seed_gives_the_same_roster(roster: Roster) -> None:
    assert generate(seed=1, today=TODAY) == roster


def test_another_seed_gives_another_roster(roster: Roster) -> None:
    other = generate(seed=2, today=TODAY)
    assert other.residents != roster.residents
    assert other.grid == roster.grid  # the grid's shape depends on the size alone
    check_all(other)


def test_dates_follow_today() -> None:
    later = TODAY + timedelta(days=400)
    shifted = generate(seed=3, households=200, today=later)
    check_all(shifted, later)
    assert max(v.date for v in shifted.visits) <= later
    assert generate(households=60) == generate(households=60, today=date.today())


@pytest.mark.parametrize("households", [50, 200, 777])
def test_small_communities_keep_the_rules(households: int) -> None:
    r = generate(seed=households, households=households, today=TODAY)
    assert len({x.household_id for x in r.residents}) == households
    gaps = check_all(r)
    assert gaps.micro_grids_without_serving_party_member


def test_too_small_is_refused() -> None:
    with pytest.raises(ValueError, match="at least"):
        generate(households=10)


def test_a_larger_community_scales_the_grid(big: Roster) -> None:
    corridors = {g.corridor for g in big.grid}
    assert len({x.household_id for x in big.residents}) == 5000
    assert 20 <= 5000 / len(corridors) <= 25
    assert len({g.micro_grid for g in big.grid}) > 6
    assert {g.housing_type for g in big.grid} == set(columns.HOUSING_TYPES.values)
    ages = [age(x, TODAY) for x in big.residents]
    assert 0.20 <= sum(a >= 60 for a in ages) / len(ages) <= 0.26
    assert 2.6 <= len(big.residents) / 5000 <= 3.1


def test_a_larger_community_is_valid_and_only_planted_gaps_exist(big: Roster) -> None:
    gaps = check_all(big)
    assert len(gaps.corridors_without_first_floor_chief) == 1
    assert len(gaps.under_supported) == 5
    assert len(gaps.single_points_of_failure) == 2
    volunteers = sorted(p.person_id for p in big.people if p.kind == "volunteer")
    assert gaps.overloaded_helpers == ((volunteers[0], 7), (volunteers[1], 8))
