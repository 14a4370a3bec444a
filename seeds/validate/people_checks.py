"""The residents and people sheets: ids unique across both, one household per resident and one
dwelling per household, corridors on the grid, family doctors who are doctors."""

from __future__ import annotations

from seeds import columns, messages
from seeds.cell_values import quoted
from seeds.reader import RawSheet
from seeds.validate.state import CheckState, Parsed

__all__ = ["PeopleChecks"]


class PeopleChecks(CheckState):
    """The checks of the residents and people sheets."""

    def _check_residents(self) -> None:
        sheet = self._sheet("residents")
        if sheet is None:
            return
        rows = self.rows["residents"]
        self._check_resident_ids(sheet, rows)
        self._check_dwellings(sheet, rows)
        codes = self._grid_codes()
        people = {p.get("person_id"): p for p in self.rows.get("people", [])}
        people_known = self._ids("people", "person_id") is not None
        for p in rows:
            corridor = p.get("corridor")
            if codes is not None and corridor is not None and corridor not in codes["corridor"]:
                self.cell(
                    sheet, p.number, "corridor", "unknown_corridor", *messages.no_corridor(corridor)
                )
            doctor = p.get("family_doctor")
            if doctor and people_known:
                self._check_doctor(sheet, p.number, doctor, people.get(doctor))

    def _check_resident_ids(self, sheet: RawSheet, rows: list[Parsed]) -> None:
        first: dict[str, Parsed] = {}
        for p in rows:
            rid = p.get("resident_id")
            if rid is None:
                continue
            seen = first.setdefault(rid, p)
            if seen is p:
                continue
            households = (seen.get("household_id"), p.get("household_id"))
            if None not in households and households[0] != households[1]:
                zh, en = messages.two_households(rid, seen.number, *households)
                self.cell(sheet, p.number, "household_id", "two_households", zh, en)
            else:
                zh, en = messages.duplicate_id("居民编号", "resident id", rid, seen.number)
                self.cell(sheet, p.number, "resident_id", "duplicate_id", zh, en)

    def _check_dwellings(self, sheet: RawSheet, rows: list[Parsed]) -> None:
        first: dict[str, Parsed] = {}
        for p in rows:
            household = p.get("household_id")
            if household is None or p.get("corridor") is None or p.get("room") is None:
                continue
            seen = first.setdefault(household, p)
            here, there = _dwelling(p), _dwelling(seen)
            if here != there:
                key = "corridor" if here[0] != there[0] else "room"
                zh, en = messages.two_dwellings(household, seen.number, there, here)
                self.cell(sheet, p.number, key, "household_two_dwellings", zh, en)

    def _check_doctor(self, sheet: RawSheet, row: int, doctor: str, person: Parsed | None) -> None:
        if person is None:
            zh = f"家庭医生{quoted(doctor)}不在“人员”表中（应填家庭医生的人员编号）"
            en = (
                f"family doctor{quoted(doctor, ' ')} is not in the people sheet "
                "(give the doctor's person id)"
            )
            self.cell(sheet, row, "family_doctor", "unknown_person", zh, en)
        elif person.get("kind") not in (None, "doctor"):
            kind = person.get("kind")
            zh = (
                f"家庭医生{quoted(doctor)}在“人员”表第 {person.number} 行登记为"
                f"{columns.PERSON_KINDS.zh(kind)}，不是家庭医生"
            )
            en = (
                f"family doctor{quoted(doctor, ' ')} is a {kind.replace('_', ' ')} on row "
                f"{person.number} of the people sheet, not a doctor"
            )
            self.cell(sheet, row, "family_doctor", "wrong_kind", zh, en)

    def _check_people(self) -> None:
        sheet = self._sheet("people")
        if sheet is None:
            return
        residents = {p.get("resident_id"): p.number for p in self.rows.get("residents", [])}
        first: dict[str, int] = {}
        for p in self.rows["people"]:
            pid = p.get("person_id")
            if pid is None:
                continue
            seen = first.setdefault(pid, p.number)
            if seen != p.number:
                zh, en = messages.duplicate_id("人员编号", "person id", pid, seen)
                self.cell(sheet, p.number, "person_id", "duplicate_id", zh, en)
            elif pid in residents:
                zh, en = messages.id_is_resident(pid, residents[pid])
                self.cell(sheet, p.number, "person_id", "duplicate_id", zh, en)


def _dwelling(p: Parsed) -> tuple[str, str]:
    return (p.get("corridor"), p.get("room"))
