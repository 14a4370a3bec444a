"""An independent tally, for the property test of :mod:`graph.analysis.votes`.

Written apart from that module and on purpose differently, so that one mistake is unlikely to
be made twice: areas are whole hundredths of a m² (``int``), every threshold is an integer
cross-multiplication (``3 * part >= 2 * total``), owners are grouped by a breadth-first search
over dwellings and people, and the ballot that counts is found by replaying the ballots in time
order (a stable sort, so of two ballots at the same minute the later in the list wins). It
imports nothing from the project and returns only the verdicts.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Verdict", "owners_verdict", "residents_verdict"]

# (person, choice, minute), in the order the ballots were cast.
BallotRow = tuple[str, str, int]


@dataclass(frozen=True)
class Verdict:
    quorate: bool
    passed: bool
    met: dict[str, bool]  # threshold key -> met


def _final_choices(ballots: Sequence[BallotRow], unit_of: dict[str, str]) -> dict[str, str] | None:
    """Unit -> the choice that stands, or None when a ballot comes from outside every unit."""
    final: dict[str, str] = {}
    for person, choice, _minute in sorted(ballots, key=lambda row: row[2]):
        if person not in unit_of:
            return None
        final[unit_of[person]] = choice
    return final


def _units(
    dwellings: Sequence[tuple[str, int, Sequence[str]]],
) -> tuple[dict[str, str], dict[str, int]]:
    """(person -> unit name, unit name -> hundredths of m²): each unit named after its first
    dwelling met; the names only need to be distinct."""
    links: dict[str, list[str]] = {}
    for dwelling, _cents, owners in dwellings:
        links.setdefault("dwelling:" + dwelling, [])
        for person in owners:
            links["dwelling:" + dwelling].append("person:" + person)
            links.setdefault("person:" + person, []).append("dwelling:" + dwelling)
    unit_of_node: dict[str, str] = {}
    for dwelling, _cents, _owners in dwellings:
        start = "dwelling:" + dwelling
        if start in unit_of_node:
            continue
        unit_of_node[start] = dwelling
        queue = deque([start])
        while queue:
            for nxt in links[queue.popleft()]:
                if nxt not in unit_of_node:
                    unit_of_node[nxt] = dwelling
                    queue.append(nxt)
    cents: dict[str, int] = {}
    for dwelling, area, _owners in dwellings:
        unit = unit_of_node["dwelling:" + dwelling]
        cents[unit] = cents.get(unit, 0) + area
    people = {
        node.removeprefix("person:"): unit
        for node, unit in unit_of_node.items()
        if node.startswith("person:")
    }
    return people, cents


def owners_verdict(
    dwellings: Sequence[tuple[str, int, Sequence[str]]],
    ballots: Sequence[BallotRow],
    *,
    special: bool,
) -> Verdict | None:
    """Civil Code art. 278 over ``(dwelling, hundredths of m², owners)``; None: a stranger voted."""
    unit_of, cents = _units(dwellings)
    final = _final_choices(ballots, unit_of)
    if final is None:
        return None
    total, units = sum(cents.values()), len(cents)
    part = len(final)
    part_cents = sum(cents[u] for u in final)
    yes = [u for u, choice in final.items() if choice == "yes"]
    yes_cents = sum(cents[u] for u in yes)

    def approves(got: int, of: int) -> bool:
        if of == 0:
            return False
        return 4 * got >= 3 * of if special else 2 * got > of

    met = {
        "participation_area": total > 0 and 3 * part_cents >= 2 * total,
        "participation_owners": units > 0 and 3 * part >= 2 * units,
        "approval_area": approves(yes_cents, part_cents),
        "approval_owners": approves(len(yes), part),
    }
    quorate = met["participation_area"] and met["participation_owners"]
    return Verdict(quorate, quorate and met["approval_area"] and met["approval_owners"], met)


def residents_verdict(
    adults: Sequence[tuple[str, str]],
    ballots: Sequence[BallotRow],
    present: Sequence[str],
    *,
    households: bool,
) -> Verdict | None:
    """Organic Law art. 9 over ``(person, household)``; None: a stranger voted or was present."""
    unit_of = {person: household if households else person for person, household in adults}
    final = _final_choices(ballots, unit_of)
    if final is None or any(person not in unit_of for person in present):
        return None
    electors = len(set(unit_of.values()))
    attending = len(set(final) | {unit_of[person] for person in present})
    yes = sum(1 for choice in final.values() if choice == "yes")
    met = {"attendance": 2 * attending > electors, "approval": 2 * yes > attending}
    return Verdict(met["attendance"], met["attendance"] and met["approval"], met)
