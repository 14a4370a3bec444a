"""What a valid demo roster and a "planted only" roster mean: the checks shared by the tests of
every size, and the day they are checked on."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from itertools import pairwise

from seeds import columns
from seeds.demo import PLANTED_GAPS, PlantedGaps, age, is_vulnerable, planted_gaps
from seeds.rows import Roster
from tests.graph.coverage.oracle import Oracle

TODAY = date(2025, 6, 15)


def active(since: date, until: date | None, day: date = TODAY) -> bool:
    return since <= day and (until is None or day <= until)


# --- checks shared by every size: what a valid roster and a "planted only" roster mean -------


def check_valid(r: Roster, today: date = TODAY) -> None:
    """The roster rules, until seeds/validate/ can be used here."""
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
