"""People and what a request will ask of them next, in one statement.

A DataLoader reads one level of a nested request per statement: a resident, then their
household's members and their pairings, then the helpers of those pairings — three round trips
for ``resident { household { members } helpers { helper } }``. When the API knows from the
request's selection what it will need (schema/prefetch.py), it reads it all here at once and
primes the loaders, which then answer from memory.

Every part is a :class:`graph.records.keyed.KeyedRead` that the loaders also run alone, with the
session's scope parameters, so nothing is read here that the loaders would not have read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from graph.access.session import GraphSession
from graph.records.keyed import KeyedRead
from graph.records.people import (
    ALL_COLUMNS,
    MEMBERS,
    PAIRINGS_OF_RESIDENT,
    PEOPLE,
    PairingRow,
    PersonRow,
    columns_size,
    members_read,
    pairing_from,
    people_of,
    people_read,
    person_from,
)
from graph.records.places import AREAS, AreaRow, areas_of
from graph.store.values import grouped

__all__ = ["PREFETCH", "Lead", "Needs", "Prefetched", "prefetch_people"]

T = TypeVar("T")


@dataclass(frozen=True)
class Needs:
    """What of the people will be asked for (each part read only when asked)."""

    members: bool = False  # their households' members
    pairings: bool = False  # the pairings that name them as the resident helped
    helpers: bool = False  # the people of those pairings (needs ``pairings``)
    corridors: bool = False  # the corridors they live in, as places

    @property
    def anything(self) -> bool:
        return self.members or self.pairings or self.helpers or self.corridors


@dataclass
class Prefetched:
    people: dict[str, PersonRow | None] = field(default_factory=dict)
    members: dict[str, list[PersonRow]] = field(default_factory=dict)  # by household
    pairings: dict[str, list[PairingRow]] = field(default_factory=dict)  # by resident
    areas: dict[str, AreaRow | None] = field(default_factory=dict)
    carried: dict[str, Any] = field(default_factory=dict)  # what a Lead carried


def _distinct(items: str) -> str:
    """The list ``items`` without repeats, in first-seen order (each key read once)."""
    return (
        f"reduce(_seen = [], _x IN {items} | CASE WHEN _x IN _seen THEN _seen ELSE _seen + _x END)"
    )


@dataclass(frozen=True)
class Lead:
    """A statement the prefetch goes on from, in the same round trip: ``query`` ends with
    ``end`` (a RETURN of ``carried``), and ``keys`` is the carried list of people's ids."""

    query: str
    end: str
    carried: tuple[str, ...]
    keys: str

    def opening(self) -> str:
        return self.query.removesuffix(self.end) + f"WITH {', '.join(self.carried)}"


def prefetch_statement(
    people: KeyedRead = PEOPLE, members: KeyedRead = MEMBERS, lead: Lead | None = None
) -> str:
    """The statement, with these reads of people and of members (schema/compiled/ reads only the
    columns a request selects: graph/records/people.people_read), after ``lead`` if given."""
    keys = "$keys" if lead is None else lead.keys
    first = people.collected(keys, "people", imports=() if lead is None else (keys,))
    c = "" if lead is None else "".join(f"{name}, " for name in lead.carried)
    return f"""{"" if lead is None else lead.opening()}
    {first}
    WITH {c}people, CASE WHEN $members
        THEN {_distinct("[r IN people WHERE r.household IS NOT NULL | r.household]")}
        ELSE [] END AS households
    {members.collected("households", "members", imports=("households",))}
    WITH {c}people, members, CASE WHEN $pairings
        THEN {_distinct("[r IN people WHERE r.kind = 'resident' | r.id]")} ELSE [] END AS helped
    {PAIRINGS_OF_RESIDENT.collected("helped", "pairings", imports=("helped",))}
    WITH {c}people, members, pairings,
         CASE WHEN $helpers THEN {_distinct("[x IN pairings | x.helper]")} ELSE [] END AS helperKeys
    {people.collected("helperKeys", "helpers", imports=("helperKeys",))}
    WITH {c}people, members, pairings, helpers, CASE WHEN $corridors
        THEN {_distinct("[r IN people WHERE r.corridor IS NOT NULL | r.corridor]")}
        ELSE [] END AS corridors
    {AREAS.collected("corridors", "areas", imports=("corridors",))}
    RETURN {c}people, members, pairings, helpers, corridors, areas"""


PREFETCH = prefetch_statement()
_STATEMENTS: dict[tuple[frozenset[str], frozenset[str], Lead | None], str] = {}


def _statement(
    people: frozenset[str] | None, members: frozenset[str] | None, lead: Lead | None
) -> str:
    if people is None and members is None and lead is None:
        return PREFETCH
    key = (
        ALL_COLUMNS if people is None else columns_size(people),
        ALL_COLUMNS if members is None else columns_size(members),
        lead,
    )
    if key not in _STATEMENTS:  # at most 4 × 4 for each lead (the searches: 12)
        _STATEMENTS[key] = prefetch_statement(people_read(key[0]), members_read(key[1]), lead)
    return _STATEMENTS[key]


async def prefetch_people(
    db: GraphSession,
    *,
    keys: list[str] | None = None,
    needs: Needs,
    people: frozenset[str] | None = None,
    members: frozenset[str] | None = None,
    lead: tuple[Lead, dict[str, Any]] | None = None,
) -> Prefetched:
    """The people of ``keys`` and what ``needs`` names, as the loaders would read them; with
    ``people`` and ``members``, only those columns of the people (and helpers) and of the
    members (the rest left at their defaults). With ``lead`` (a statement and its parameters)
    instead of ``keys``: the people of its keys, read after it in one statement, and what it
    carried (``Prefetched.carried``)."""
    pairings = needs.pairings or needs.helpers  # a pairing's helper is read through it
    if people is not None:  # the columns the statement itself follows
        people |= {"household"} if needs.members else frozenset()
        people |= {"corridor"} if needs.corridors else frozenset()
    rows = await db.read(
        _statement(people, members, None if lead is None else lead[0]),
        **({"keys": keys} if lead is None else lead[1]),
        members=needs.members,
        pairings=pairings,
        helpers=needs.helpers,
        corridors=needs.corridors,
    )
    row = rows[0]
    carried = {} if lead is None else {name: row[name] for name in lead[0].carried}
    if lead is not None:
        keys = list(carried[lead[0].keys])
    assert keys is not None
    found = Prefetched(people=_by_key(keys, people_of(row["people"], keys)), carried=carried)
    if needs.members:
        households = sorted({r["household"] for r in row["people"] if r["household"] is not None})
        found.members = _by_key(households, grouped(row["members"], households, person_from))
    if pairings:
        helped = list(dict.fromkeys(r["id"] for r in row["people"] if r["kind"] == "resident"))
        found.pairings = _by_key(helped, grouped(row["pairings"], helped, pairing_from))
    if needs.helpers:
        helpers = [x["helper"] for x in row["pairings"]]
        found.people.update(_by_key(helpers, people_of(row["helpers"], helpers)))
    if needs.corridors:
        corridors = row["corridors"]
        found.areas = _by_key(corridors, areas_of(row["areas"], corridors))
    return found


def _by_key(keys: list[str], values: list[T]) -> dict[str, T]:
    return dict(zip(keys, values, strict=True))
