"""The vote rules (:mod:`graph.analysis.votes`): every boundary by hand, then random votes
against an independent tally (:mod:`tests.graph.analysis.vote_oracle`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Literal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.analysis.votes import (
    CHOICES,
    RULES,
    Ballot,
    Choice,
    Dwelling,
    Elector,
    NotAnElector,
    Tally,
    Threshold,
    VoteRule,
    counted,
    elector_of,
    owner_electors,
    resident_electors,
    tally,
)
from tests.graph.analysis.vote_oracle import owners_verdict, residents_verdict

T0 = datetime(2025, 5, 1, 9, 0)


def vote(voter: str, choice: Choice, minute: int = 0) -> Ballot:
    return Ballot(voter, choice, T0 + timedelta(minutes=minute))


def homes(*areas: str) -> tuple[Elector, ...]:
    """One dwelling d1, d2, ... per area, owned by p1, p2, ... alone."""
    return owner_electors(
        Dwelling(f"d{i}", Decimal(a), (f"p{i}",)) for i, a in enumerate(areas, start=1)
    )


def ballots(choices: str) -> list[Ballot]:
    """One ballot per letter, by p1, p2, ...: y(es), n(o), a(bstain), or - (no ballot)."""
    word: dict[str, Choice] = {"y": "yes", "n": "no", "a": "abstain"}
    return [vote(f"p{i}", word[c]) for i, c in enumerate(choices, start=1) if c != "-"]


def threshold(t: Tally, key: str) -> Threshold:
    return next(th for th in t.thresholds if th.key == key)


def met(t: Tally) -> dict[str, bool]:
    return {th.key: th.met for th in t.thresholds}


# -- owners: participation ---------------------------------------------------------------------


def test_participation_of_exactly_two_thirds_of_area_and_owners_is_enough() -> None:
    # 150 + 50 + 100 = 300 m²; p1 and p2 take part: 200 m² = 2/3 · 300 exactly, and 2 of 3
    # owners = 2/3 exactly. 以上 includes the number itself (Civil Code art. 1259): both met.
    t = tally("owners_ordinary", homes("150.00", "50.00", "100.00"), ballots("yn-"))
    assert t.quorate and met(t)["participation_area"] and met(t)["participation_owners"]
    assert threshold(t, "participation_area").shortfall == 0
    assert (t.total_area, t.present) == (300, 2)


def test_participation_one_square_metre_below_two_thirds_fails_by_that_metre() -> None:
    # 149 + 50 + 101 = 300 m²; p1 and p2 hold 199 m², two thirds is 200: 1.00 m² short, though
    # 2 of 3 owners is still exactly two thirds.
    t = tally("owners_ordinary", homes("149.00", "50.00", "101.00"), ballots("yy-"))
    area = threshold(t, "participation_area")
    assert (area.met, area.shortfall, area.value, area.of) == (False, 1, 199, 300)
    assert met(t)["participation_owners"] and not t.quorate and not t.passed
    assert "还差 1.00 m²" in area.zh and "1.00 m² short" in area.en


def test_participation_of_owners_counts_heads_at_exactly_two_thirds() -> None:
    # Nine owners of 10 m² each. Six take part: 6 = 2/3 · 9, met (area 60/90 = 2/3 too).
    # Five take part: ceil(2/3 · 9) − 5 = 1 owner short; area 90 · 2/3 − 50 = 10 m² short.
    nine = homes(*["10.00"] * 9)
    assert tally("owners_ordinary", nine, ballots("yyyyyy---")).quorate
    five = tally("owners_ordinary", nine, ballots("yyyyy----"))
    owners = threshold(five, "participation_owners")
    assert (owners.met, owners.shortfall) == (False, 1)
    assert threshold(five, "participation_area").shortfall == 10
    assert "还差 1 人" in owners.zh and owners.en.endswith("needs at least two thirds: 1 short")


# -- owners: approval --------------------------------------------------------------------------


def test_special_matters_pass_at_exactly_three_quarters() -> None:
    # Four owners of 25 m², all take part: 3 yes = 75 of 100 m² = 3/4, and 3 of 4 owners = 3/4.
    t = tally("owners_special", homes(*["25.00"] * 4), ballots("yyyn"))
    assert t.passed and met(t)["approval_area"] and met(t)["approval_owners"]
    # 25 + 25 + 24.99 = 74.99 m² in favour, 3/4 of 100 is 75: 0.01 m² short (heads still 3/4).
    short = tally("owners_special", homes("25.00", "25.00", "24.99", "25.01"), ballots("yyyn"))
    area = threshold(short, "approval_area")
    assert (area.met, area.shortfall, short.passed) == (False, Fraction(1, 100), False)
    assert met(short)["approval_owners"] and short.quorate
    assert "四分之三以上" in area.zh and "0.01 m² short" in area.en


def test_ordinary_matters_need_more_than_half_not_half() -> None:
    # Four owners of 25 m², all take part, 2 yes: 50 of 100 m², exactly half: not more than half.
    # Heads: 2 of 4, floor(4/2) + 1 − 2 = 1 owner short.
    half = tally("owners_ordinary", homes(*["25.00"] * 4), ballots("yynn"))
    area, owners = threshold(half, "approval_area"), threshold(half, "approval_owners")
    assert half.quorate and not half.passed and not area.met and not owners.met
    assert (area.shortfall, owners.shortfall) == (0, 1)  # exactly half: any more area would do
    assert "恰为半数，不算过半数" in area.zh and "exactly half is not more than half" in area.en
    # Half and one more owner: 3 of 4 owners, 75 of 100 m²: passes.
    assert tally("owners_ordinary", homes(*["25.00"] * 4), ballots("yyyn")).passed
    # 25.01 + 25.00 = 50.01 m² is more than half of 100: the area passes, the heads (2/4) do not.
    more = tally("owners_ordinary", homes("25.01", "25.00", "25.00", "24.99"), ballots("yynn"))
    assert met(more)["approval_area"] and not met(more)["approval_owners"]
    # 40 of 100 m²: more than 50 − 40 = 10 m² are missing, said as "more than".
    less = threshold(
        tally("owners_ordinary", homes("40.00", "60.00"), ballots("yn")), "approval_area"
    )
    assert less.shortfall == 10 and "还须多于 10.00 m²" in less.zh
    assert "more than 10.00 m² short" in less.en


def test_abstentions_take_part_but_do_not_approve() -> None:
    # Three owners of 10 m², all take part; 1 yes, 2 abstain: quorate, 1 of 3 is not > 1/2.
    t = tally("owners_ordinary", homes(*["10.00"] * 3), ballots("yaa"))
    assert t.quorate and not t.passed
    assert (t.yes, t.abstain, t.abstain_area, t.present) == (1, 2, 20, 3)


# -- residents' meeting ------------------------------------------------------------------------


def test_a_tie_at_a_residents_meeting_does_not_pass() -> None:
    # Four adults, all vote: attendance 4/4; 2 yes of 4 present is exactly half, 1 short.
    electors = resident_electors([(f"p{i}", f"h{i}") for i in range(1, 5)], by="residents")
    t = tally("residents_meeting", electors, ballots("yynn"))
    approval = threshold(t, "approval")
    assert t.quorate and not t.passed and (approval.met, approval.shortfall) == (False, 1)
    # Seven present, 3 yes: floor(7/2) + 1 − 3 = 1 short.
    seven = resident_electors([(f"p{i}", f"h{i}") for i in range(1, 8)], by="residents")
    assert (
        threshold(tally("residents_meeting", seven, ballots("yyynnnn")), "approval").shortfall == 1
    )


def test_a_residents_meeting_needs_more_than_half_present() -> None:
    # Six adults. Three vote yes: 3 of 6 present is exactly half, the meeting cannot be held
    # (floor(6/2) + 1 − 3 = 1 short) although all present approve.
    six = resident_electors([(f"p{i}", "h") for i in range(1, 7)], by="residents")
    held_not = tally("residents_meeting", six, ballots("yyy"))
    assert (held_not.quorate, held_not.passed, met(held_not)["approval"]) == (False, False, True)
    assert threshold(held_not, "attendance").shortfall == 1
    assert "会议不能举行" in held_not.zh and "Not quorate" in held_not.en
    # p4 is marked present without a ballot: 4 of 6 attend (> 3), 3 yes of 4 present (> 2).
    held = tally("residents_meeting", six, ballots("yyy"), present=["p4"])
    assert held.quorate and held.passed and held.present == 4
    # Presence counts in the approval denominator: 3 yes of 6 present is not more than half.
    assert not tally("residents_meeting", six, ballots("yyy"), present=["p4", "p5", "p6"]).passed
    with pytest.raises(NotAnElector):
        tally("residents_meeting", six, [], present=["stranger"])


def test_households_vote_once_however_many_adults_they_have() -> None:
    adults = [("x", "h1"), ("y", "h1"), ("z", "h2")]
    by_household = resident_electors(adults, by="households")
    assert [(e.key, e.people) for e in by_household] == [
        ("h1", frozenset({"x", "y"})),
        ("h2", frozenset({"z"})),
    ]
    assert len(resident_electors(adults, by="residents")) == 3
    # x votes yes, then y, of the same household, no: the household's ballot is y's.
    t = tally("residents_meeting", by_household, [vote("x", "yes", 0), vote("y", "no", 1)])
    assert (t.electors, t.yes, t.no, t.present) == (2, 0, 1, 1)
    assert elector_of(by_household, "y") == by_household[0]
    assert elector_of(by_household, "nobody") is None
    with pytest.raises(ValueError, match="households"):
        resident_electors([("x", "h1"), ("x", "h2")], by="households")


# -- ballots and electors ----------------------------------------------------------------------


def test_only_the_latest_ballot_counts() -> None:
    electors = homes("10.00", "10.00", "10.00")
    changed = [vote("p1", "yes", 0), vote("p2", "yes", 0), vote("p1", "no", 5)]
    assert counted(electors, changed)["d1"].choice == "no"
    t = tally("owners_ordinary", electors, changed)
    assert (t.yes, t.no, t.yes_area, t.no_area, t.present) == (1, 1, 10, 10, 2)
    # Latest by time, not by list order; on a tie of time, the later in the list.
    assert counted(electors, [vote("p1", "no", 5), vote("p1", "yes", 0)])["d1"].choice == "no"
    assert counted(electors, [vote("p1", "no", 5), vote("p1", "abstain", 5)])["d1"].choice == (
        "abstain"
    )


def test_a_ballot_by_someone_who_is_no_owner_is_refused() -> None:
    with pytest.raises(NotAnElector) as refused:
        tally("owners_special", homes("10.00"), [vote("p1", "yes"), vote("tenant", "yes")])
    assert refused.value.voter == "tenant"


def test_co_owners_are_one_owner_and_either_may_vote() -> None:
    # d1 (40 m²) is owned by a and b together, d2 (20 m²) by c: two owners, not three.
    electors = owner_electors(
        [Dwelling("d1", Decimal("40.00"), ("a", "b")), Dwelling("d2", Decimal("20.00"), ("c",))]
    )
    assert [(e.key, e.people, e.area) for e in electors] == [
        ("d1", frozenset({"a", "b"}), 40),
        ("d2", frozenset({"c"}), 20),
    ]
    t = tally("owners_ordinary", electors, [vote("a", "yes", 1), vote("b", "no", 2)])
    # b's later ballot counts for d1: 1 of 2 owners takes part, 40 of 60 m² = 2/3.
    assert (t.electors, t.yes, t.no, t.present) == (2, 0, 1, 1)
    assert met(t)["participation_area"] and not met(t)["participation_owners"]


def test_one_owner_of_several_dwellings_is_one_owner_with_their_summed_area() -> None:
    # a owns d1 (60) and d3 (40); b owns d2 (50): two owners, a holds 100 m² of 150.
    # e and f share d4, f also owns d5: the chain makes one owner of d4 and d5.
    electors = owner_electors(
        [
            Dwelling("d3", Decimal("40.00"), ("a",)),
            Dwelling("d1", Decimal("60.00"), ("a",)),
            Dwelling("d2", Decimal("50.00"), ("b",)),
            Dwelling("d4", Decimal("5.00"), ("e", "f")),
            Dwelling("d5", Decimal("5.00"), ("f",)),
        ]
    )
    assert [(e.key, e.dwellings, e.area) for e in electors] == [
        ("d1", ("d1", "d3"), 100),
        ("d2", ("d2",), 50),
        ("d4", ("d4", "d5"), 10),
    ]
    t = tally("owners_ordinary", electors, [vote("a", "yes")])
    # 100 of 160 m² takes part (< 2/3 · 160 = 106.67), 1 of 3 owners.
    assert (t.electors, t.yes_area, t.present) == (3, 100, 1)


def test_a_dwelling_without_a_recorded_owner_stays_in_the_denominators() -> None:
    # d1 (100 m², p1) and d2 (50 m², nobody): 100 of 150 m² = 2/3, but 1 of 2 owners only.
    electors = owner_electors(
        [Dwelling("d1", Decimal("100.00"), ("p1",)), Dwelling("d2", Decimal("50.00"), ())]
    )
    assert electors[1] == Elector("d2", frozenset(), Fraction(50), ("d2",))
    t = tally("owners_ordinary", electors, ballots("y"))
    assert (t.electors, t.total_area) == (2, 150)
    assert met(t)["participation_area"] and not met(t)["participation_owners"]
    assert threshold(t, "participation_owners").shortfall == 1


@pytest.mark.parametrize("rule", RULES)
def test_an_empty_electorate_meets_nothing(rule: VoteRule) -> None:
    t = tally(rule, (), ())
    assert not t.quorate and not t.passed and t.electors == 0
    assert all(not th.met and th.shortfall == 0 for th in t.thresholds)
    assert "分母为零" in t.zh and "denominator is zero" in t.en


def test_the_explanation_names_the_failing_threshold_and_its_shortfall() -> None:
    # 812.40 + 417.60 = 1230.00 m²; only d1 takes part: 812.40 / 1230 = 66.05%, two thirds is
    # 820.00: 7.60 m² short. The owners threshold fails too (1 of 2); the approvals are met.
    t = tally("owners_special", homes("812.40", "417.60"), ballots("y"))
    area = threshold(t, "participation_area")
    assert area.zh == (
        "参与表决的专有部分面积 812.40 / 1230.00 m²（66.05%），须达三分之二以上，还差 7.60 m²"
    )
    assert area.en == (
        "participating exclusive area 812.40 of 1230.00 m² (66.05%); "
        "needs at least two thirds: 7.60 m² short"
    )
    assert area.zh in t.zh and "还差 1 人" in t.zh and "赞成的" not in t.zh
    assert "Participating exclusive area 812.40 of 1230.00 m²" in t.en and "7.60 m² short" in t.en
    assert "1 short" in t.en and "in favour" not in t.en
    everyone = tally("owners_special", homes("812.40", "417.60"), ballots("yy"))
    assert "通过" in everyone.zh and "Every threshold is met: passed." in everyone.en


def test_what_cannot_be_counted_is_refused() -> None:
    with pytest.raises(ValueError, match="Decimal > 0"):
        Dwelling("d1", Decimal("0"), ())
    with pytest.raises(ValueError, match="Decimal > 0"):
        Dwelling("d1", 12.5, ())  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="listed twice"):
        owner_electors([Dwelling("d1", Decimal(1)), Dwelling("d1", Decimal(2))])
    with pytest.raises(ValueError, match="choice"):
        Ballot("p1", "maybe", T0)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="rule"):
        tally("show_of_hands", (), ())  # type: ignore[arg-type]
    twice = (
        Elector("a", frozenset({"x"}), Fraction(1)),
        Elector("b", frozenset({"x"}), Fraction(1)),
    )
    with pytest.raises(ValueError, match="several electors"):
        elector_of(twice, "x")
    with pytest.raises(ValueError, match="in electors"):
        counted(twice, [vote("x", "yes")])


# -- random votes against the independent tally ------------------------------------------------

OWNERS = [f"o{i}" for i in range(7)]
ADULTS = [f"r{i}" for i in range(8)]
HOUSEHOLDS = [f"h{i}" for i in range(4)]
# A case's areas are all equal, or a few round values, or any 2-decimal area up to 999.99 m²:
# the first two make exact halves, thirds and quarters common.
CENTS = (st.just(2500), st.sampled_from([100, 200, 300]), st.integers(1, 99_999))


Row = tuple[str, Choice, int]  # (person, choice, minute), in the order cast


@dataclass(frozen=True)
class Case:
    rule: VoteRule
    rows: list[Row]
    dwellings: list[tuple[str, int, list[str]]] = field(default_factory=list)  # cents of m²
    adults: list[tuple[str, str]] = field(default_factory=list)
    by: Literal["residents", "households"] = "residents"
    present: list[str] = field(default_factory=list)


def _ballot_rows(draw: st.DrawFn, voters: list[str]) -> list[Row]:
    """A ballot from most of the voters, then a few more (changes, co-owners), shuffled."""
    if draw(st.integers(0, 9)) == 5:  # now and then a stranger tries to vote
        voters = [*voters, "stranger"]
    if not voters:
        return []
    choice, minute = st.sampled_from(CHOICES), st.integers(0, 4)
    rows = [(v, draw(choice), draw(minute)) for v in voters if draw(st.integers(0, 3)) != 1]
    rows += draw(st.lists(st.tuples(st.sampled_from(voters), choice, minute), max_size=4))
    return draw(st.permutations(rows))


@st.composite
def vote_cases(draw: st.DrawFn) -> Case:
    rule = draw(st.sampled_from(RULES))
    if rule == "residents_meeting":
        home = draw(st.dictionaries(st.sampled_from(ADULTS), st.sampled_from(HOUSEHOLDS)))
        present = draw(st.lists(st.sampled_from([*sorted(home), "stranger"]), max_size=4))
        if draw(st.integers(0, 9)) != 5:  # a stranger marked present only now and then
            present = [p for p in present if p in home]
        by = draw(st.sampled_from(["residents", "households"]))
        rows = _ballot_rows(draw, sorted(home))
        return Case(rule, rows, adults=sorted(home.items()), by=by, present=present)
    owners = st.lists(st.sampled_from(OWNERS), max_size=3, unique=True)
    parts = draw(st.lists(st.tuples(draw(st.sampled_from(CENTS)), owners), max_size=6))
    dwellings = [(f"d{i}", cents, sorted(who)) for i, (cents, who) in enumerate(parts)]
    voters = sorted({p for _, _, who in dwellings for p in who})
    return Case(rule, _ballot_rows(draw, voters), dwellings=dwellings)


@settings(max_examples=300, deadline=None)
@given(case=vote_cases())
def test_tally_agrees_with_an_independent_count(case: Case) -> None:
    cast = [vote(person, choice, minute) for person, choice, minute in case.rows]
    if case.rule == "residents_meeting":
        electors = resident_electors(case.adults, by=case.by)
        households = case.by == "households"
        expected = residents_verdict(case.adults, case.rows, case.present, households=households)
    else:
        electors = owner_electors(
            Dwelling(d, Decimal(cents).scaleb(-2), tuple(who)) for d, cents, who in case.dwellings
        )
        special = case.rule == "owners_special"
        expected = owners_verdict(case.dwellings, case.rows, special=special)
    if expected is None:
        with pytest.raises(NotAnElector):
            tally(case.rule, electors, cast, present=case.present)
        return
    t = tally(case.rule, electors, cast, present=case.present)
    assert (t.quorate, t.passed, met(t)) == (expected.quorate, expected.passed, expected.met)
    assert t.yes + t.no + t.abstain == len(counted(electors, cast))
    for th in t.thresholds:
        exactly_half_area = th.quantity == "area" and not th.inclusive and th.value * 2 == th.of
        if th.of == 0 or exactly_half_area:
            # Nothing to count, or a strict bar reached exactly: it fails with nothing
            # measurable missing (any more area at all would do).
            assert not th.met and th.shortfall == 0
            continue
        assert (th.shortfall == 0) == th.met
        if not th.met and th.quantity == "area":
            assert th.value + th.shortfall == th.ratio * th.of
        elif not th.met:
            # A whole count: the shortfall is enough, and one fewer is not.
            bar, enough = th.ratio * th.of, th.value + th.shortfall
            assert enough >= bar if th.inclusive else enough > bar
            assert not (enough - 1 >= bar if th.inclusive else enough - 1 > bar)
