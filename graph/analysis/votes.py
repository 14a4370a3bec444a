"""Vote rules: who votes, which ballot counts, and whether a vote is quorate and passes.

Standard library only, exact arithmetic (``Fraction``; areas from Decimal): no boundary is
decided by rounding (only the words round).

The law
-------
* 《民法典》第一千二百五十九条 (Civil Code art. 1259): "以上、以下、以内、届满" include the number
  itself, "不满、超过、以外" exclude it. So 三分之二以上 is ``>= 2/3`` and 过半数 is ``> 1/2``:
  exactly half is not a majority.
* 居民会议 (residents' meeting), 《城市居民委员会组织法》第九条 (2018 text): the meeting is held
  only when more than half of the residents aged 18 or over, or of the household
  representatives, attend; its decisions pass with more than half of those present. (The third
  form, representatives elected by residents' groups, is not modelled.)
* 业主共同决定 (owners' joint decision), 《民法典》第二百七十八条: owners holding at least two
  thirds of the exclusive area and at least two thirds of the number of owners take part. The
  maintenance fund, rebuilding, and changing or letting the common parts (items 6–8,
  ``owners_special``) need at least three quarters of the *participating* area and of the
  *participating* owners; any other matter (``owners_ordinary``) needs more than half of each.
  An abstention is participation.
* Counting owners, 最高人民法院《关于审理建筑物区分所有权纠纷案件适用法律若干问题的解释》
  (2020 text) 第八、九条: area is the exclusive part's registered area; owners are counted by
  exclusive part, but one owner of several parts is one person, and the co-owners of one part
  are one. Both rules together make an *owner unit* a connected component of the bipartite
  graph owners–dwellings. A dwelling with no recorded owner is a unit of its own: it stays in the
  denominators (it cannot vote through the system). Art. 9 counts a developer's unsold parts
  as one person: record the developer as their owner and the grouping does the rest.

Example::

    result = tally("owners_special", owner_electors(dwellings), ballots)
    result.passed, [t.en for t in result.thresholds if not t.met]
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from fractions import Fraction
from typing import Literal

__all__ = [
    "CHOICES",
    "RULES",
    "Ballot",
    "Choice",
    "Dwelling",
    "Elector",
    "NotAnElector",
    "Tally",
    "Threshold",
    "VoteRule",
    "counted",
    "elector_of",
    "electors_by_person",
    "owner_electors",
    "resident_electors",
    "tally",
]

Choice = Literal["yes", "no", "abstain"]
CHOICES: tuple[Choice, ...] = ("yes", "no", "abstain")
VoteRule = Literal["residents_meeting", "owners_ordinary", "owners_special"]
RULES: tuple[VoteRule, ...] = ("residents_meeting", "owners_ordinary", "owners_special")

HALF, TWO_THIRDS, THREE_QUARTERS = Fraction(1, 2), Fraction(2, 3), Fraction(3, 4)

# (ratio, inclusive) -> how Chinese and English say the requirement.
_NEEDS: dict[tuple[Fraction, bool], tuple[str, str]] = {
    (HALF, False): ("须过半数", "more than half"),
    (TWO_THIRDS, True): ("须达三分之二以上", "at least two thirds"),
    (THREE_QUARTERS, True): ("须达四分之三以上", "at least three quarters"),
}
# Threshold key -> (quantity, zh label, zh unit of a count, en label).
_LABELS: dict[str, tuple[Literal["count", "area"], str, str, str]] = {
    # A residents' meeting elector is a resident or a household: no unit fits both.
    "attendance": ("count", "到会", "", "present"),
    "approval": ("count", "到会者中赞成", "", "in favour among those present"),
    "participation_area": ("area", "参与表决的专有部分面积", "", "participating exclusive area"),
    "participation_owners": ("count", "参与表决的业主人数", " 人", "participating owners"),
    "approval_area": ("area", "赞成的专有部分面积（占参与表决）", "", "exclusive area in favour"),
    "approval_owners": ("count", "赞成的业主人数（占参与表决）", " 人", "owners in favour"),
}
_RULE_NAMES: dict[str, tuple[str, str]] = {
    "residents_meeting": ("居民会议", "Residents' meeting"),
    "owners_ordinary": ("业主共同决定（一般事项）", "Owners' joint decision (ordinary matter)"),
    "owners_special": (
        "业主共同决定（《民法典》第二百七十八条第六至八项事项）",
        "Owners' joint decision (Civil Code art. 278 items 6–8)",
    ),
}


@dataclass(frozen=True)
class Dwelling:
    """An exclusive part (专有部分): its registered area in m² and its recorded owners."""

    id: str
    area: Decimal
    owners: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # A float area would already be rounded; only an exact, positive Decimal is accepted.
        area = self.area
        if not isinstance(area, Decimal) or not area.is_finite() or area <= 0:
            raise ValueError(f"dwelling {self.id!r}: area must be a Decimal > 0, not {area!r}")


@dataclass(frozen=True)
class Elector:
    """One voter: an owner unit, an adult resident, or a household."""

    key: str  # owner units: the smallest dwelling id of the unit
    people: frozenset[str]  # who may cast this elector's ballot
    area: Fraction  # owner units: summed area; residents and households: 1
    dwellings: tuple[str, ...] = ()  # sorted; owner units only


@dataclass(frozen=True)
class Ballot:
    voter: str  # the person who cast it
    choice: Choice
    at: datetime

    def __post_init__(self) -> None:
        if self.choice not in CHOICES:
            raise ValueError(f"a ballot's choice is one of {CHOICES}, not {self.choice!r}")


class NotAnElector(ValueError):
    """A ballot (or a presence) by someone who casts no elector's ballot."""

    def __init__(self, voter: str) -> None:
        super().__init__(f"{voter!r} may cast no elector's ballot in this vote")
        self.voter = voter


@dataclass(frozen=True)
class Threshold:
    """One legal requirement, measured: ``value`` against ``ratio`` of ``of``."""

    key: str
    quantity: Literal["count", "area"]
    value: Fraction
    of: Fraction
    ratio: Fraction
    inclusive: bool  # >= (以上) or > (过半数)
    met: bool
    # 0 when met (and when ``of`` is 0). Otherwise the least extra value that meets it; for a
    # strict area requirement no least value exists, so it is the gap to exactly ``ratio * of``
    # and the words say "more than" (0 at exactly half, which still fails).
    shortfall: Fraction
    zh: str
    en: str


@dataclass(frozen=True)
class Tally:
    rule: VoteRule
    electors: int
    total_area: Fraction
    yes: int
    no: int
    abstain: int
    yes_area: Fraction
    no_area: Fraction
    abstain_area: Fraction
    present: int  # residents' meeting: electors present; owners: participating electors
    thresholds: tuple[Threshold, ...]
    quorate: bool
    passed: bool
    zh: str
    en: str


def owner_electors(dwellings: Iterable[Dwelling]) -> tuple[Elector, ...]:
    """The owner units of these dwellings (interpretation art. 8–9), sorted by key."""
    parts = list(dwellings)
    if len({d.id for d in parts}) < len(parts):
        raise ValueError("a dwelling is listed twice")
    # Nodes are tagged so that a person id equal to a dwelling id stays a different node.
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(node: tuple[str, str]) -> tuple[str, str]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for d in parts:
        for person in d.owners:
            parent[find(("dwelling", d.id))] = find(("person", person))
    units: dict[tuple[str, str], list[Dwelling]] = defaultdict(list)
    for d in parts:
        units[find(("dwelling", d.id))].append(d)
    electors = []
    for members in units.values():
        ids = tuple(sorted(d.id for d in members))
        area = sum((Fraction(d.area) for d in members), Fraction(0))
        electors.append(Elector(ids[0], frozenset(p for d in members for p in d.owners), area, ids))
    return tuple(sorted(electors, key=lambda e: e.key))


def resident_electors(
    adults: Iterable[tuple[str, str]], *, by: Literal["residents", "households"]
) -> tuple[Elector, ...]:
    """Electors of a residents' meeting from ``(person, household)`` of residents aged 18+:
    one per resident (key: person id), or one per household (key: household id), sorted."""
    if by not in ("residents", "households"):
        raise ValueError(f"by is 'residents' or 'households', not {by!r}")
    home: dict[str, str] = {}
    for person, household in adults:
        # A resident in two households would vote twice in households mode.
        if home.setdefault(person, household) != household:
            raise ValueError(
                f"{person!r} is listed in households {home[person]!r} and {household!r}"
            )
    if by == "residents":
        return tuple(Elector(p, frozenset({p}), Fraction(1)) for p in sorted(home))
    members: dict[str, set[str]] = defaultdict(set)
    for person, household in home.items():
        members[household].add(person)
    return tuple(Elector(h, frozenset(ps), Fraction(1)) for h, ps in sorted(members.items()))


def electors_by_person(electors: Iterable[Elector]) -> dict[str, Elector]:
    index: dict[str, Elector] = {}
    for e in electors:
        for person in e.people:
            if (other := index.get(person)) is not None and other.key != e.key:
                raise ValueError(f"{person!r} is in electors {other.key!r} and {e.key!r}")
            index[person] = e
    return index


def elector_of(electors: Iterable[Elector], person: str) -> Elector | None:
    """The elector ``person`` casts for, or None; a person in several electors is an error."""
    found = [e for e in electors if person in e.people]
    if len({e.key for e in found}) > 1:
        raise ValueError(f"{person!r} is in several electors: {sorted(e.key for e in found)}")
    return found[0] if found else None


def counted(electors: Iterable[Elector], ballots: Iterable[Ballot]) -> dict[str, Ballot]:
    """Elector key -> the ballot that counts: the latest by any of its people (ties: the later
    in ``ballots``). A ballot can be changed until the vote closes; the caller closes it."""
    index = electors_by_person(electors)
    latest: dict[str, Ballot] = {}
    for ballot in ballots:
        elector = index.get(ballot.voter)
        if elector is None:
            raise NotAnElector(ballot.voter)
        held = latest.get(elector.key)
        if held is None or ballot.at >= held.at:
            latest[elector.key] = ballot
    return latest


_ROUND = {"up": math.ceil, "down": math.floor, "half_up": lambda x: math.floor(x + HALF)}


def _fixed(x: Fraction, rounding: Literal["half_up", "up", "down"] = "half_up") -> str:
    """``x >= 0`` to two decimals (shortfalls round so that less never seems to be enough)."""
    cents = _ROUND[rounding](x * 100)
    return f"{cents // 100}.{cents % 100:02d}"


def _threshold(key: str, value: Fraction, of: Fraction, ratio: Fraction, strict: bool) -> Threshold:
    quantity, zh, unit, en = _LABELS[key]
    zh_need, en_need = _NEEDS[(ratio, not strict)]
    area, bar = quantity == "area", ratio * of
    met = of > 0 and (value > bar if strict else value >= bar)
    # The least whole count that meets it; an area may be any exact amount.
    least = bar if area else Fraction(math.floor(bar) + 1 if strict else math.ceil(bar))
    shortfall = Fraction(0) if met or of == 0 else max(Fraction(0), least - value)
    pct = f"{_fixed(value / of * 100)}%" if of else "—"
    show, zh_unit, en_unit = (_fixed, " m²", " m²") if area else (str, unit, "")
    zh = f"{zh} {show(value)} / {show(of)}{zh_unit}（{pct}）"
    en = f"{en} {show(value)} of {show(of)}{en_unit} ({pct})"
    num = _fixed(shortfall, "down" if strict else "up") if area else str(shortfall)
    if of == 0:
        ends = ("分母为零（无可计数者），不能达到", "the denominator is zero, so it cannot be met")
    elif met:
        ends = ("已达到", "met")
    elif strict and value == bar:
        ends = ("恰为半数，不算过半数", "exactly half is not more than half")
        if not area:
            ends = (f"{ends[0]}，还差 {num}{zh_unit}", f"{ends[1]}, {num} short")
    elif area and strict:
        ends = (f"还须多于 {num}{zh_unit}", f"more than {num}{en_unit} short")
    else:
        ends = (f"还差 {num}{zh_unit}", f"{num}{en_unit} short")
    zh, en = f"{zh}，{zh_need}，{ends[0]}", f"{en}; needs {en_need}: {ends[1]}"
    return Threshold(key, quantity, value, of, ratio, not strict, met, shortfall, zh, en)


def _verdict(
    rule: VoteRule, counts: dict[str, int], total: Fraction, thresholds: tuple[Threshold, ...]
) -> tuple[bool, bool, str, str]:
    """Quorate, passed, and why: the counts, the outcome, and every threshold that fails."""
    zh_rule, en_rule = _RULE_NAMES[rule]
    owners = rule != "residents_meeting"
    # Headcounts come from the headcount threshold: attendance (0) or participating owners (1).
    n, present = int(thresholds[owners].of), int(thresholds[owners].value)
    yes, no, abstain = counts["yes"], counts["no"], counts["abstain"]
    zh = f"{zh_rule}：共 {n} 个表决单位"
    en = f"{en_rule}: {n} electors"
    if owners:
        zh += f"，专有部分总面积 {_fixed(total)} m²"
        en += f" holding {_fixed(total)} m² of exclusive area"
    zh += f"；{'参与表决' if owners else '到会'} {present}；赞成 {yes}、反对 {no}、弃权 {abstain}。"
    en += f"; {present} {'participating' if owners else 'present'}"
    en += f"; {yes} yes, {no} no, {abstain} abstaining."
    # Attendance or participation decides whether the vote counts at all; then every approval.
    quorate = all(t.met for t in thresholds if not t.key.startswith("approval"))
    passed = quorate and all(t.met for t in thresholds)
    if n == 0:
        zh += "没有任何表决单位，分母为零，任何门槛都不能达到：未通过。"
        en += " There are no electors: every denominator is zero, so nothing can pass."
    elif passed:
        zh, en = zh + "各项门槛均已达到：通过。", en + " Every threshold is met: passed."
    elif quorate:
        zh, en = zh + "未通过。", en + " Not passed."
    else:
        zh += "参与表决的业主不足法定要求，未通过。" if owners else "会议不能举行，未通过。"
        en += " Not quorate, so not passed."
    for t in thresholds:
        if n and not t.met:
            zh += t.zh + "。"
            en += f" {t.en[0].upper()}{t.en[1:]}."
    return quorate, passed, zh, en


def tally(
    rule: VoteRule,
    electors: Sequence[Elector],
    ballots: Iterable[Ballot],
    *,
    present: Iterable[str] = (),
) -> Tally:
    """The count of a vote under ``rule``: every threshold measured, quorum and outcome, and
    why, in Chinese and English. ``present``: people marked present at a residents' meeting
    without a ballot (ignored for owners' decisions)."""
    if rule not in RULES:
        raise ValueError(f"rule is one of {RULES}, not {rule!r}")
    area_of = {e.key: e.area for e in electors}
    if len(area_of) != len(electors):
        raise ValueError("two electors share a key")
    ballot_of = counted(electors, ballots)
    counts = {c: 0 for c in CHOICES}
    areas = {c: Fraction(0) for c in CHOICES}
    for key, ballot in ballot_of.items():
        counts[ballot.choice] += 1
        areas[ballot.choice] += area_of[key]
    n, yes = Fraction(len(electors)), Fraction(counts["yes"])
    total = sum(area_of.values(), Fraction(0))
    if rule == "residents_meeting":
        index = electors_by_person(electors)
        here = set(ballot_of)
        for person in present:
            if person not in index:
                raise NotAnElector(person)
            here.add(index[person].key)
        m = Fraction(len(here))
        thresholds = (
            _threshold("attendance", m, n, HALF, strict=True),
            _threshold("approval", yes, m, HALF, strict=True),
        )
    else:
        m, part_area = Fraction(len(ballot_of)), sum(areas.values(), Fraction(0))
        ratio, strict = (THREE_QUARTERS, False) if rule == "owners_special" else (HALF, True)
        thresholds = (
            _threshold("participation_area", part_area, total, TWO_THIRDS, strict=False),
            _threshold("participation_owners", m, n, TWO_THIRDS, strict=False),
            _threshold("approval_area", areas["yes"], part_area, ratio, strict),
            _threshold("approval_owners", yes, m, ratio, strict),
        )
    quorate, passed, zh, en = _verdict(rule, counts, total, thresholds)
    return Tally(
        rule=rule,
        electors=len(electors),
        total_area=total,
        yes=counts["yes"],
        no=counts["no"],
        abstain=counts["abstain"],
        yes_area=areas["yes"],
        no_area=areas["no"],
        abstain_area=areas["abstain"],
        present=int(m),
        thresholds=thresholds,
        quorate=quorate,
        passed=passed,
        zh=zh,
        en=en,
    )
