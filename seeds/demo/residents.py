"""The residents sheet: every drafted household member with an id, a household number, a phone
number and (within the doctors' capacity) a family doctor; the rules of age and vulnerability;
and :class:`Community`, the lookups over the residents that roles, pairings and visits share."""

from __future__ import annotations

import random
from datetime import date

from seeds.demo.constants import DOCTOR_CAPACITY, FLOOR_CHIEF_CAPACITY, VULNERABLE_TAGS
from seeds.demo.households import draft_households, rebalance
from seeds.demo.layout import Corridor, GapPlaces
from seeds.rows import PersonRow, ResidentRow

__all__ = ["Community", "age", "is_vulnerable", "resident_rows"]


_RESIDENT_PHONES = 13900000000


def age(resident: ResidentRow, today: date) -> int:
    """Age in whole years as rosters allow it (birth year only)."""
    return today.year - resident.birth_year


def is_vulnerable(resident: ResidentRow, today: date) -> bool:
    """A resident aged 60+ who lives alone, is 80+, is disabled, or is not fully independent."""
    if age(resident, today) < 60:
        return False
    return resident.mobility != "independent" or any(t in VULNERABLE_TAGS for t in resident.tags)


# --- family doctors -------------------------------------------------------------------------

_DOCTOR_BUSY = DOCTOR_CAPACITY * 6 // 7


class _Doctors:
    """Contracts residents with the doctor of their micro-grid, never beyond capacity."""

    def __init__(self, people: list[PersonRow], micro_grids: list[str]) -> None:
        self.ids = [p.person_id for p in people if p.kind == "doctor"]
        self.index = {m: i * len(self.ids) // len(micro_grids) for i, m in enumerate(micro_grids)}
        self.load = [0] * len(self.ids)

    def contract(self, micro_grid: str) -> str:
        # A busy doctor passes new contracts on to the least busy colleague, well before capacity,
        # so that no doctor is even close to overloaded.
        i = self.index[micro_grid]
        if self.load[i] >= _DOCTOR_BUSY:
            i = min(range(len(self.ids)), key=self.load.__getitem__)
            if self.load[i] >= _DOCTOR_BUSY:
                return ""
        self.load[i] += 1
        return self.ids[i]


def _contracts(rng: random.Random, years: int, vulnerable: bool) -> bool:
    if years >= 65:
        return rng.random() < 0.85
    if years >= 60:
        return rng.random() < (0.9 if vulnerable else 0.4)
    return False


# --- residents --------------------------------------------------------------------------------


def resident_rows(
    rng: random.Random,
    corridors: list[Corridor],
    rooms: dict[str, list[str]],
    people: list[PersonRow],
    places: GapPlaces,
    today: date,
) -> list[ResidentRow]:
    forced = {places.bare: 2, places.thin: 1}
    drafts = draft_households(rng, corridors, places, forced, today)
    rebalance(drafts, FLOOR_CHIEF_CAPACITY)
    doctors = _Doctors(people, list(dict.fromkeys(c.micro_grid for c in corridors)))
    width = max(5, len(str(sum(c.households for c in corridors))))
    residents: list[ResidentRow] = []
    phones = 0
    household_no = 0
    for c, homes in zip(corridors, drafts, strict=True):
        for k, (room, home) in enumerate(zip(rooms[c.code], homes, strict=True)):
            household_no += 1
            for n, p in enumerate(home.people):
                phone = ""
                if p.has_phone:
                    phones += 1
                    phone = str(_RESIDENT_PHONES + phones)
                doctor = ""
                planted = 1 <= k <= forced.get(c.code, 0)
                if c.code in places.second and p.years >= 60 and not planted:
                    # One floor chief at most follows this corridor's elders, and may be the one
                    # they live with: each has a family doctor as well.
                    doctor = doctors.contract(c.micro_grid)
                elif _contracts(rng, p.years, p.vulnerable) and not planted:
                    doctor = doctors.contract(c.micro_grid)
                residents.append(
                    ResidentRow(
                        resident_id=f"R{len(residents) + 1:0{width + 1}d}",
                        name=p.name,
                        gender=p.gender,
                        birth_year=today.year - p.years,
                        household_id=f"H{household_no:0{width}d}",
                        relation=p.relation,
                        corridor=c.code,
                        room=room,
                        phone=phone,
                        mobility=p.mobility,
                        smartphone=p.smartphone,
                        tags=p.tags,
                        party="double" if k == n == 0 else p.party,
                        family_doctor=doctor,
                    )
                )
    return residents


# --- who is where -----------------------------------------------------------------------------


class Community:
    """Lookups over the generated residents, built once for roles, helpers and visits."""

    def __init__(self, corridors: list[Corridor], residents: list[ResidentRow], today: date):
        self.today = today
        self.corridors = corridors
        self.residents = residents
        self.block_of = {c.code: c.block for c in corridors}
        self.micro_of = {c.code: c.micro_grid for c in corridors}
        self.vulnerable = [r for r in residents if is_vulnerable(r, today)]
        self.in_corridor: dict[str, list[ResidentRow]] = {c.code: [] for c in corridors}
        self.in_block: dict[str, list[ResidentRow]] = {c.block: [] for c in corridors}
        self.in_household: dict[str, list[ResidentRow]] = {}
        # Residents able to help others, by corridor, by block (party members) and by surname.
        self.fit_in_corridor: dict[str, list[ResidentRow]] = {c.code: [] for c in corridors}
        self.party_in_block: dict[str, list[ResidentRow]] = {c.block: [] for c in corridors}
        self.fit_by_surname: dict[str, list[ResidentRow]] = {}
        for r in residents:
            block = self.block_of[r.corridor]
            self.in_corridor[r.corridor].append(r)
            self.in_block[block].append(r)
            self.in_household.setdefault(r.household_id, []).append(r)
            if self.fit(r):
                self.fit_in_corridor[r.corridor].append(r)
                self.fit_by_surname.setdefault(r.name[0], []).append(r)
                if r.party:
                    self.party_in_block[block].append(r)

    def age(self, r: ResidentRow) -> int:
        return age(r, self.today)

    def fit(self, r: ResidentRow) -> bool:
        return 25 <= self.age(r) <= 72 and r.mobility == "independent" and not r.tags
