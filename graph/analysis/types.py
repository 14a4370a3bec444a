"""The typed facts the coverage queries return, and the typed answers the analyses give.

Facts (``Area`` .. ``ScopeData``) are what :mod:`graph.coverage.scope_reads` reads from Neo4j
for one area and one day; answers (``HelperPath`` .. ``CoverageReport``) are what
:mod:`graph.analysis.report`, :mod:`graph.analysis.network` and :mod:`graph.analysis.assignment`
compute from them. Nothing here holds a driver
record, so the analyses are plain Python and testable without a database.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from graph.messages import Message
from graph.vocabulary import AREA_LEVELS

__all__ = [
    "MEMO_PARTS",
    "ActiveRole",
    "Area",
    "AreaCoverage",
    "AreaGap",
    "CoverageReport",
    "ElderStatus",
    "Helper",
    "HelperPath",
    "Member",
    "OutsideLink",
    "OverloadedHelper",
    "Pairing",
    "Person",
    "Ratio",
    "Reason",
    "RoleTerm",
    "ScopeData",
    "SinglePointOfFailure",
    "Visit",
]

# The kinds of helper an answer names, in the order they are listed.
HELPER_KINDS: tuple[str, ...] = (
    "family",
    "neighbour",
    "floor_chief",
    "party_member",
    "grid_staff",
    "doctor",
    "volunteer",
    "other",
)

# Roles held on a corridor that make the holder a helper of its residents, with the kind.
CORRIDOR_ROLE_KINDS: dict[str, str] = {
    "first_floor_chief": "floor_chief",
    "second_floor_chief": "floor_chief",
    "volunteer": "volunteer",
    "party_member": "party_member",
}
GRID_WORKER_ROLE = "grid_worker"
STRUCTURAL_ROLES: tuple[str, ...] = (*CORRIDOR_ROLE_KINDS, GRID_WORKER_ROLE)
LEVELS: tuple[str, ...] = AREA_LEVELS

# -- facts -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Area:
    code: str
    level: str
    name: str
    kind: str | None  # "region" for a villa region, "corridor" otherwise, None above corridors
    parent: str | None


@dataclass(frozen=True)
class RoleTerm:
    """One SERVES tie on an area of the scope, active or not (gaps explain with history)."""

    person_id: str
    person_name: str
    role: str
    area: str
    since: date
    until: date | None
    holder_left: bool
    holder_party: str | None  # REGISTERED_WITH kind of a resident holder

    def active(self, day: date) -> bool:
        return self.since <= day and (self.until is None or day <= self.until)


@dataclass(frozen=True)
class Pairing:
    helper_id: str
    kind: str
    since: date
    until: date | None
    helper_name: str = ""
    plain_resident: bool = False  # a resident with no active role: no capacity, no location


@dataclass(frozen=True)
class Visit:
    visitor_id: str
    on: date
    mode: str


@dataclass(frozen=True)
class Member:
    """A resident of the scope, as the analyses see them (people who left are never read)."""

    id: str
    name: str
    birth_year: int
    household: str
    corridor: str
    mobility: str = "independent"
    tags: tuple[str, ...] = ()
    doctor: str | None = None
    pairings: tuple[Pairing, ...] = ()  # active on the day; read for elders only
    visits: tuple[Visit, ...] = ()  # latest per visitor on or before the day; elders only
    serves: bool = False  # holds an active role somewhere


@dataclass(frozen=True)
class ActiveRole:
    role: str
    area: str
    level: str


@dataclass(frozen=True)
class Person:
    """Someone who may help: a resident or staff, with what decides capacity and location."""

    id: str
    name: str
    kind: str  # the roster kind (volunteer, grid_worker, ...) or "resident"
    capacity: int | None  # from the roster
    volunteer: bool
    birth_year: int | None
    left: bool
    party: str | None
    home: tuple[str, ...] = ()  # (corridor, block, micro-grid) of a resident's home, else ()
    roles: tuple[ActiveRole, ...] = ()  # active on the day, anywhere


@dataclass(frozen=True)
class OutsideLink:
    """A possible help tie from a helper of the scope to an elder outside it (for loads)."""

    helper_id: str
    elder_id: str
    birth_year: int
    mobility: str
    tags: tuple[str, ...]
    housemates: tuple[str, ...]
    via: str  # pairing | role | doctor | household
    role: str | None = None
    level: str | None = None


@dataclass
class ScopeData:
    """Everything the analyses need about one scope on one day."""

    scope: tuple[str, ...]  # the codes asked for (several communities when none was named)
    as_of: date
    areas: dict[str, Area]  # the scope and everything below it
    above: dict[str, Area]  # the areas the scope lies in (their grid workers serve it too)
    roles: list[RoleTerm]
    members: dict[str, Member]
    households: dict[str, tuple[str, ...]]  # household -> member ids (scope residents only)
    people: dict[str, Person]
    outside: list[OutsideLink] = field(default_factory=list)
    # The day ages are counted on, when it is not ``as_of``: for callers who may not read ages,
    # ages are today's whatever day the ties are read for (an age that moved with ``as_of`` would
    # tell a birth year by the day it changes).
    ages_on: date | None = None
    # The windows each possible helper can be reached in (graph/analysis/windows.py); someone
    # missing can be reached any time.
    available: dict[str, frozenset[str]] = field(default_factory=dict)
    # What the analyses of these facts worked out, for the next analysis of the same facts to
    # reuse (an elder's helpers and kinds, their status while their visits are the same): the
    # facts of a scope are kept per structure version and read again for every visit
    # (graph/coverage/fact_cache.py). Not an argument, so that ``dataclasses.replace`` never
    # carries it to other facts: only :func:`~graph.coverage.fact_cache.with_visits`, which
    # changes nothing but visits, shares it on purpose.
    memo: dict[Hashable, dict[Any, Any]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def age_year(self) -> int:
        return (self.ages_on or self.as_of).year

    def memo_part(self, key: Hashable) -> dict[Any, Any]:
        """The part of :attr:`memo` under ``key``, made empty when first asked; beyond
        :data:`MEMO_PARTS` parts (what-ifs of many removals, rules of many overrides) a dict of
        the caller's own, which is not kept."""
        found = self.memo.get(key)
        if found is None:
            found = {}
            if len(self.memo) < MEMO_PARTS:
                found = self.memo.setdefault(key, found)
        return found


# Parts of a ScopeData's memo: each window's helpers and contacts, the statuses of each window
# and of a few what-ifs.
MEMO_PARTS = 32


# -- answers -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class HelperPath:
    """How a helper was found: the rule (``via``), the kind it gives, the graph path."""

    via: str  # pairing | household | corridor_role | grid_worker_role | family_doctor
    kind: str
    steps: tuple[str, ...]
    explanation: Message


@dataclass(frozen=True)
class Helper:
    person_id: str
    name: str
    kinds: tuple[str, ...]
    paths: tuple[HelperPath, ...]
    last_visit: Visit | None


@dataclass(frozen=True)
class Reason:
    code: str  # FEW_HELPERS | FEW_KINDS | NO_RECENT_CONTACT
    message: Message


@dataclass(frozen=True)
class ElderStatus:
    id: str
    name: str
    age: int
    corridor: str
    vulnerable_because: tuple[Message, ...]
    helpers: tuple[Helper, ...]
    kinds: tuple[str, ...]
    last_contact: Visit | None  # the latest visit by a current helper
    reasons: tuple[Reason, ...]  # empty when supported

    @property
    def vulnerable(self) -> bool:
        return bool(self.vulnerable_because)

    @property
    def under_supported(self) -> bool:
        return self.vulnerable and bool(self.reasons)


@dataclass(frozen=True)
class AreaGap:
    area: str
    level: str
    rule: str  # NO_FIRST_FLOOR_CHIEF | NO_SECOND_FLOOR_CHIEF | NO_PARTY_MEMBER | NO_GRID_WORKER
    message: Message


@dataclass(frozen=True)
class OverloadedHelper:
    person_id: str
    name: str
    capacity: int
    capacity_source: str  # roster | volunteer default | floor chief default
    load: int  # vulnerable elders helped anywhere
    elders: tuple[str, ...]  # those of them in the scope
    message: Message


@dataclass(frozen=True)
class SinglePointOfFailure:
    person_id: str
    name: str
    elders: tuple[str, ...]
    message: Message


@dataclass(frozen=True)
class Ratio:
    actual: int
    expected: int


@dataclass(frozen=True)
class AreaCoverage:
    """DHIS2-style figures of one area: actual against expected, rolled up from below."""

    code: str
    level: str
    name: str
    parent: str | None
    corridors_with_both_chiefs: Ratio
    corridors_with_first_chief: Ratio
    corridors_with_second_chief: Ratio
    blocks_with_party_member: Ratio
    micro_grids_with_party_member: Ratio
    micro_grids_with_grid_worker: Ratio
    elders_supported: Ratio
    elders_with_recent_contact: Ratio
    overloaded_helpers: int
    single_points_of_failure: int


@dataclass(frozen=True)
class CoverageReport:
    scope: tuple[str, ...]
    as_of: date
    removed: tuple[str, ...]
    areas: tuple[AreaCoverage, ...]  # the scope first, then every area below it by level, code
    area_gaps: tuple[AreaGap, ...]
    elders: tuple[ElderStatus, ...]  # every vulnerable elder of the scope
    overloaded: tuple[OverloadedHelper, ...]
    single_points_of_failure: tuple[SinglePointOfFailure, ...]
    window: str | None = None  # counting only the helpers available then; None: every helper

    @property
    def under_supported(self) -> tuple[ElderStatus, ...]:
        return tuple(e for e in self.elders if e.under_supported)
