"""The coverage analysis (:func:`graph.analysis.report.analyse`): its rules on hand-built facts."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from graph.analysis.report import analyse
from graph.analysis.rules import Rules
from graph.analysis.types import OutsideLink
from graph.messages import Message, Ref, render
from tests.graph.analysis.facts import DAY, Town, pairing, seen

RULES = Rules()


def test_helpers_are_found_along_every_path_with_their_kinds() -> None:
    t = Town()
    t.resident("E", 82, "H1", pairings=(pairing("N", "neighbour"), pairing("X", "other")),
               doctor="D")  # fmt: skip
    t.resident("SON", 50, "H1")
    t.resident("GRANDMA", 90, "H1")  # too old to count as a household helper
    t.resident("KID", 12, "H1")
    t.role("CHIEF", "first_floor_chief", "C1")
    t.role("CHIEF2", "second_floor_chief", "C1", party="double")
    t.role("G", "grid_worker", "M1")
    t.role("VOL", "volunteer", "C1")
    t.role("OTHER", "first_floor_chief", "C2")  # another corridor's chief
    t.role("LEADER", "block_leader", "B1")  # block leaders are no helpers by themselves
    report = analyse(t.data(), rules=RULES)
    (elder,) = [e for e in report.elders if e.id == "E"]
    kinds = {h.person_id: h.kinds for h in elder.helpers}
    assert kinds == {
        "N": ("neighbour",),
        "X": ("other",),
        "D": ("doctor",),
        "SON": ("family",),
        "CHIEF": ("floor_chief",),
        "CHIEF2": ("floor_chief",),
        "G": ("grid_staff",),
        "VOL": ("volunteer",),
    }
    grid = next(h for h in elder.helpers if h.person_id == "G")
    assert grid.paths[0].steps[-3:] == (
        "MicroGrid M1",
        f"<-SERVES(grid_worker, since {DAY - timedelta(days=100)})-",
        "Person G",
    )
    why = grid.paths[0].explanation
    assert (why.code, why.get("micro_grid"), why.get("since")) == (
        "PATH_GRID_WORKER",
        Ref("M1", "M1"),
        DAY - timedelta(days=100),
    )
    assert "grid worker of micro-grid M1" in render(why, "en")


def test_one_person_on_several_paths_is_one_helper_of_several_kinds_and_never_their_own() -> None:
    t = Town()
    # E is herself the first floor chief; P is second floor chief, party member and a pairing.
    t.resident("E", 70, "H1", mobility="assisted", pairings=(pairing("P", "party_member"),))
    t.resident("P", 40, "H2")
    t.role("E", "first_floor_chief", "C1")
    t.role("P", "second_floor_chief", "C1", party="double")
    (elder,) = analyse(t.data(), rules=RULES).elders
    assert [(h.person_id, h.kinds) for h in elder.helpers] == [
        ("P", ("floor_chief", "party_member"))
    ]
    assert [r.code for r in elder.reasons] == ["FEW_HELPERS", "NO_RECENT_CONTACT"]


def test_roles_are_valid_from_since_to_until_inclusive_and_leavers_help_nobody() -> None:
    t = Town()
    t.resident("E", 81, "H1")
    t.role("ENDED", "first_floor_chief", "C1", since=-300, until=-1)  # ended yesterday
    t.role("TODAY", "second_floor_chief", "C1", since=-300, until=0)  # ends today: still on
    t.role("SOON", "first_floor_chief", "C1", since=1)  # starts tomorrow
    t.role("STARTS", "grid_worker", "M1", since=0)  # starts today
    t.role("GONE", "volunteer", "C1", left=True)
    report = analyse(t.data(), rules=RULES)
    assert [h.person_id for h in report.elders[0].helpers] == ["STARTS", "TODAY"]
    gaps = {(g.area, g.rule): g.message for g in report.area_gaps}
    soon = gaps[("C1", "NO_FIRST_FLOOR_CHIEF")]
    assert (soon.code, soon.get("role"), soon.get("since")) == (
        "ROLE_NOT_YET",
        "first_floor_chief",
        DAY + timedelta(days=1),
    )
    assert isinstance(holder := soon.get("holder"), Ref) and holder.id == "SOON"
    assert gaps[("C2", "NO_FIRST_FLOOR_CHIEF")] == Message.of(
        "ROLE_NEVER_HELD", role="first_floor_chief"
    )
    assert render(gaps[("C2", "NO_FIRST_FLOOR_CHIEF")], "zh") == "第一楼组长：从未有人担任"
    assert ("C1", "NO_SECOND_FLOOR_CHIEF") not in gaps


def test_vulnerability_and_each_reason_of_under_support() -> None:
    t = Town()
    t.resident("ALONE", 65, "H1", visits=(seen("G", 14),))  # 14 days ago is still recent
    t.resident("COUPLE1", 65, "H2", visits=(seen("G", 15),))
    t.resident("COUPLE2", 66, "H2")
    t.resident("TAGGED", 61, "H3", tags=("残疾",), visits=(seen("G", 15), seen("X", 1)))
    t.resident("CARER", 30, "H3")
    t.resident("YOUNG", 59, "H4", tags=("独居",))  # not an elder at all
    t.role("G", "grid_worker", "M1")
    t.role("CHIEF", "first_floor_chief", "C1")
    report = analyse(t.data(), rules=RULES)
    because = {e.id: e.vulnerable_because for e in report.elders}
    assert because == {
        "ALONE": (Message.of("LIVES_ALONE"),),
        "TAGGED": (Message.of("TAGGED", tag="残疾"),),
    }
    reasons = {e.id: [r.code for r in e.reasons] for e in report.under_supported}
    # X visited TAGGED, but X is no helper of theirs: a visit counts only from a helper.
    assert reasons == {"TAGGED": ["NO_RECENT_CONTACT"]}
    after = analyse(t.data(), rules=RULES, removed={"COUPLE2"})
    assert [e.id for e in after.under_supported] == ["COUPLE1", "TAGGED"]
    why = after.under_supported[0].reasons[0].message
    assert (why.code, why.get("since")) == ("NO_RECENT_CONTACT", DAY - timedelta(days=14))


def test_single_points_of_failure_are_what_removing_them_would_add() -> None:
    t = Town()
    t.resident("E1", 85, "H1", visits=(seen("G", 2), seen("CHIEF", 3)))
    # E2 is not vulnerable while S lives with her; alone in C2 (no floor chief) she would be.
    t.resident("E2", 70, "H2", corridor="C2", visits=(seen("G", 2),))
    t.resident("S", 50, "H2", corridor="C2")
    t.resident("E3", 88, "H3", pairings=(pairing("N"),), visits=(seen("N", 1), seen("G", 1)))
    t.role("G", "grid_worker", "M1")
    t.role("CHIEF", "first_floor_chief", "C1")
    report = analyse(t.data(), rules=RULES)
    spofs = {s.person_id: s.elders for s in report.single_points_of_failure}
    # E3 has N, G and CHIEF, visited by two: no single departure hurts. E1 has G and CHIEF.
    assert spofs == {"CHIEF": ("E1",), "G": ("E1",), "S": ("E2",)}
    base = {e.id for e in report.under_supported}
    for person, elders in spofs.items():
        after = {e.id for e in analyse(t.data(), rules=RULES, removed={person}).under_supported}
        assert after - base == set(elders)


def test_loads_count_elders_outside_the_scope_and_capacities_have_defaults() -> None:
    t = Town()
    for i in range(3):
        t.resident(f"E{i}", 85, f"H{i}", pairings=(pairing("V", "volunteer"), pairing("R")))
    t.person("V", kind="volunteer", volunteer=True)  # no roster capacity: the default, 5
    t.person("R")  # a resident: no capacity, never overloaded
    t.person("D", kind="doctor", capacity=2)
    t.members["E0"] = replace(t.members["E0"], doctor="D")
    t.outside = [
        OutsideLink("V", f"X{i}", DAY.year - 90, "independent", (), ("Y",), "pairing")
        for i in range(3)
    ]
    t.outside.append(OutsideLink("D", "X0", DAY.year - 61, "assisted", (), ("Y",), "doctor"))
    t.outside.append(OutsideLink("D", "X9", DAY.year - 61, "independent", (), ("Y",), "doctor"))
    report = analyse(t.data(), rules=RULES)
    loads = {o.person_id: (o.load, o.capacity, o.capacity_source) for o in report.overloaded}
    assert loads == {"V": (6, 5, "volunteer default")}  # D: E0 and X0 (X9 is no elder at risk)
    assert analyse(t.data(), rules=Rules(volunteer_capacity=6)).overloaded == ()
    assert analyse(t.data(), rules=RULES, removed={"X0"}).overloaded == ()  # V back to 5


def test_figures_roll_up_from_corridors_to_the_community() -> None:
    t = Town()
    t.resident("E1", 85, "H1", corridor="C1")
    t.resident("E2", 85, "H2", corridor="C2")
    t.role("A1", "first_floor_chief", "C1")
    t.role("A2", "second_floor_chief", "C1", party="double")
    t.role("G", "grid_worker", "M1")
    report = analyse(t.data(), rules=RULES)
    top = report.areas[0]
    assert (top.code, top.level) == ("COM", "community")
    assert [a.code for a in report.areas] == ["COM", "A", "M1", "B1", "C1", "C2"]
    assert (top.corridors_with_both_chiefs.actual, top.corridors_with_both_chiefs.expected) == (
        1,
        2,
    )
    assert top.blocks_with_party_member.actual == top.micro_grids_with_party_member.actual == 1
    assert (top.elders_supported.actual, top.elders_supported.expected) == (0, 2)
    c2 = next(a for a in report.areas if a.code == "C2")
    assert (c2.corridors_with_first_chief.actual, c2.corridors_with_first_chief.expected) == (0, 1)
    assert c2.blocks_with_party_member.expected == 0
