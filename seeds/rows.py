"""A validated roster: typed rows, and the problems found while reading one.

The reader turns sheets into these rows (or into :class:`Problem` entries); the demo generator
builds them directly; the loader writes them to the graph. Enumerated fields hold the canonical
English values of :mod:`seeds.columns`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class CommunityRow:
    """The community a roster is of, and the street and district it belongs to (codes are the
    deployment's own, unique in it; names as people say them)."""

    community: str
    community_name: str = ""
    street: str = ""
    street_name: str = ""
    district: str = ""
    district_name: str = ""


@dataclass(frozen=True)
class GridRow:
    area: str
    micro_grid: str
    block: str
    corridor: str
    building: str
    housing_type: str  # high_rise | stacked | townhouse | villa


@dataclass(frozen=True)
class ResidentRow:
    resident_id: str
    name: str
    gender: str  # female | male
    birth_year: int
    household_id: str
    relation: str  # canonical relation when recognised, else the text as written ("" if empty)
    corridor: str
    room: str
    phone: str = ""
    mobility: str = "independent"  # independent | assisted | dependent
    smartphone: bool | None = None  # None when the roster leaves it empty
    tags: tuple[str, ...] = ()
    party: str = ""  # double | retired | community | "" (not a member)
    family_doctor: str = ""  # a person_id, or ""
    availability: tuple[str, ...] | None = None  # windows; None: the rules' default


@dataclass(frozen=True)
class PersonRow:
    person_id: str
    name: str
    # committee_staff | grid_worker | doctor | volunteer | property | owners_committee | owner
    kind: str
    organisation: str = ""
    phone: str = ""
    capacity: int | None = None
    availability: tuple[str, ...] | None = None  # windows; None: the rules' default


@dataclass(frozen=True)
class DwellingRow:
    """A dwelling as the dwellings sheet gives it: its exclusive floor area (m², two decimals)
    and its owners (resident or person ids; co-owners all listed)."""

    corridor: str
    room: str
    exclusive_area: Decimal | None = None
    owners: tuple[str, ...] = ()


@dataclass(frozen=True)
class RoleRow:
    person_id: str
    role: str  # first_floor_chief | second_floor_chief | grid_worker | block_leader
    scope: str
    since: date
    until: date | None = None


@dataclass(frozen=True)
class HelperRow:
    helper_id: str
    resident_id: str
    kind: str  # family | neighbour | volunteer | party_member | floor_chief | other
    since: date
    until: date | None = None


@dataclass(frozen=True)
class VisitRow:
    date: date
    visitor_id: str
    resident_id: str
    mode: str  # home | phone | wechat
    note: str = ""


@dataclass(frozen=True)
class LedgerMatterRow:
    """A matter of the ledger sheets and the days of what happened to it; ``row`` is its row on
    the sheet (for problems found once the graph is read)."""

    matter_id: str
    title: str
    place: str
    category: str
    level: str  # the level it was raised at
    raised_on: date
    raised_by: str = ""
    accepted_on: date | None = None
    escalated_on: tuple[date, ...] = ()
    ended_on: date | None = None
    ended_as: str = ""  # resolve | close | "" (still open)
    outcome: str = ""
    description: str = ""
    row: int = 0


@dataclass(frozen=True)
class LedgerMeetingRow:
    meeting_id: str
    title: str
    date: date
    place: str
    venue: str = ""
    matters: tuple[str, ...] = ()
    attendees: tuple[tuple[str, str], ...] = ()  # (person id, as what)
    row: int = 0


@dataclass(frozen=True)
class LedgerDecisionRow:
    meeting_id: str
    seq: int
    text: str
    responsible: str
    due: date | None = None
    done_on: date | None = None
    row: int = 0


@dataclass(frozen=True)
class LedgerProjectRow:
    project_id: str
    title: str
    kind: str
    places: tuple[str, ...]
    proposed_on: date
    decided_by: str = ""
    budget: Decimal | None = None
    funding: str = ""
    approved_on: date | None = None
    started_on: date | None = None
    done_on: date | None = None
    description: str = ""
    row: int = 0

    @property
    def days(self) -> tuple[date | None, ...]:
        """The day of each status, proposed → approved → in progress → done."""
        return (self.proposed_on, self.approved_on, self.started_on, self.done_on)


@dataclass
class Roster:
    """Everything one roster holds, already validated. ``community`` is its community's code
    ("" when the roster names none: the loader then uses the graph's only community); ``place``
    the community sheet's row, when there is one."""

    community: str = ""
    grid: list[GridRow] = field(default_factory=list)
    residents: list[ResidentRow] = field(default_factory=list)
    people: list[PersonRow] = field(default_factory=list)
    roles: list[RoleRow] = field(default_factory=list)
    helpers: list[HelperRow] = field(default_factory=list)
    visits: list[VisitRow] = field(default_factory=list)
    place: CommunityRow | None = None
    # These last: callers give them by name.
    dwellings: list[DwellingRow] = field(default_factory=list)
    matters: list[LedgerMatterRow] = field(default_factory=list)
    meetings: list[LedgerMeetingRow] = field(default_factory=list)
    decisions: list[LedgerDecisionRow] = field(default_factory=list)
    projects: list[LedgerProjectRow] = field(default_factory=list)

    @property
    def where(self) -> CommunityRow:
        """The community sheet's row (a bare code when the roster has no sheet)."""
        if self.place is not None and self.place.community == self.community:
            return self.place
        return CommunityRow(self.community)

    def sheet(self, key: str) -> list[Any]:
        """The rows of the sheet ``key`` of :data:`seeds.columns.SHEETS`."""
        if key == "community":
            return [self.where] if self.community else []
        rows: list[Any] = getattr(self, key)  # the other fields are named like the sheets
        return rows

    def counts(self) -> dict[str, int]:
        return {
            "grid": len(self.grid),
            "residents": len(self.residents),
            "people": len(self.people),
            "dwellings": len(self.dwellings),
            "roles": len(self.roles),
            "helpers": len(self.helpers),
            "visits": len(self.visits),
            "matters": len(self.matters),
            "meetings": len(self.meetings),
            "decisions": len(self.decisions),
            "projects": len(self.projects),
        }


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a roster, located precisely and explained in both languages.

    ``row`` is the row number as the clerk sees it (the header is row 1, so the first data row
    is row 2); it is None for problems of a whole sheet or file. ``column`` is the header as
    written in the file when there is one, else the canonical column name.
    """

    file: str
    sheet: str
    row: int | None
    column: str | None
    code: str
    message_zh: str
    message_en: str

    def __str__(self) -> str:
        where = [self.file]
        if self.sheet:
            where.append(f"sheet {self.sheet}")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.message_zh} / {self.message_en} [{self.code}]"


class RosterError(Exception):
    """A roster that cannot be loaded; ``problems`` lists every reason found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = "; ".join(str(p) for p in problems[:3])
        more = f" (+{len(problems) - 3} more)" if len(problems) > 3 else ""
        super().__init__(f"{len(problems)} problem(s) in the roster: {first}{more}")
