"""Per-request DataLoaders: each answers a whole level of a nested query with one Cypher."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import date
from typing import TypeVar

from strawberry.dataloader import DataLoader

from graph.access.session import GraphSession
from graph.analysis.rules import base_rules
from graph.coverage.availability_reads import windows_by_person
from graph.governance.meetings import MeetingRow, meetings_by_matter
from graph.governance.votes import VoteRow, votes_by_matter
from graph.records import people, places
from graph.records.people import PairingRow, PersonRow, RoleRow, VisitRow
from graph.records.places import AreaRow, BuildingRow, DwellingRow, HouseholdRow

K = TypeVar("K")
V = TypeVar("V")

RECENT_VISITS = 10  # visits per resident a nested list shows


def _loader(db: GraphSession, fetch: Callable[..., Awaitable[Sequence[V]]]) -> DataLoader[str, V]:
    async def load(keys: list[str]) -> Sequence[V]:
        return await fetch(db, keys=list(keys))

    return DataLoader(load_fn=load)


class Loaders:
    """Named as Saleor names them: ``ThingByKeyLoader``, one instance per request."""

    def __init__(self, db: GraphSession) -> None:
        self.area_by_code: DataLoader[str, AreaRow | None] = _loader(db, places.areas_by_code)
        self.children_by_area: DataLoader[str, list[AreaRow]] = _loader(db, places.children_by_code)
        self.buildings_by_area: DataLoader[str, list[BuildingRow]] = _loader(
            db, places.buildings_by_area
        )
        self.dwellings_by_corridor: DataLoader[str, list[DwellingRow]] = _loader(
            db, places.dwellings_by_corridor
        )
        self.dwelling_by_key: DataLoader[str, DwellingRow | None] = _loader(
            db, places.dwellings_by_key
        )
        self.household_ids_by_dwelling: DataLoader[str, list[str]] = _loader(
            db, places.household_ids_by_dwelling
        )
        self.household_by_id: DataLoader[str, HouseholdRow | None] = _loader(
            db, places.households_by_id
        )
        self.person_by_id: DataLoader[str, PersonRow | None] = _loader(db, people.people_by_id)
        self.members_by_household: DataLoader[str, list[PersonRow]] = _loader(
            db, people.members_by_household
        )
        self.roles_by_person: DataLoader[str, list[RoleRow]] = _loader(db, people.roles_by_person)
        self.roles_by_area: DataLoader[str, list[RoleRow]] = _loader(db, people.roles_by_area)
        self.pairings_by_resident: DataLoader[str, list[PairingRow]] = _loader(
            db, people.pairings_by_resident
        )
        self.pairings_by_helper: DataLoader[str, list[PairingRow]] = _loader(
            db, people.pairings_by_helper
        )

        async def visits(db: GraphSession, *, keys: list[str]) -> list[list[VisitRow]]:
            return await people.visits_by_resident(db, keys=keys, limit=RECENT_VISITS)

        self.visits_by_resident: DataLoader[str, list[VisitRow]] = _loader(db, visits)
        self.votes_by_matter: DataLoader[str, list[VoteRow]] = _loader(db, votes_by_matter)
        self.meetings_by_matter: DataLoader[str, list[MeetingRow]] = _loader(db, meetings_by_matter)

        async def windows(db: GraphSession, *, keys: list[str]) -> list[tuple[str, ...]]:
            # Ages (working age) are of this year's, as for every caller who reads no ages.
            return await windows_by_person(db, keys=keys, rules=base_rules(),
                                           year=date.today().year)  # fmt: skip

        self.windows_by_person: DataLoader[str, tuple[str, ...]] = _loader(db, windows)
        self._db = db
        self._counts: dict[int, DataLoader[str, places.AreaCounts]] = {}

    def counts_by_area(self, year: int) -> DataLoader[str, places.AreaCounts]:
        """Counts depend on the year of ``asOf`` (ages); one loader per year asked for."""
        if year not in self._counts:

            async def load(keys: list[str]) -> list[places.AreaCounts]:
                return await places.counts_by_area(self._db, keys=keys, as_of=date(year, 1, 1))

            self._counts[year] = DataLoader(load_fn=load)
        return self._counts[year]
