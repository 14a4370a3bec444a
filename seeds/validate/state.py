"""What every check shares: the raw sheets, their rows once typed (:class:`Parsed`), the problems
found so far, and the ids and grid codes the sheets define."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from seeds.columns import sheet_for
from seeds.reader import RawRoster, RawSheet
from seeds.rows import Problem

__all__ = ["GRID_LEVELS", "REQUIRED_SHEETS", "CheckState", "Parsed"]


REQUIRED_SHEETS = ("grid", "residents")
# The grid's levels from the top down; each row's code at one level belongs to its parent's.
GRID_LEVELS = ("area", "micro_grid", "block", "corridor")


@dataclass(frozen=True)
class Parsed:
    """One data row after typing: the values that parsed, and whether all of them did."""

    number: int
    values: dict[str, Any]
    ok: bool

    def get(self, key: str) -> Any:
        return self.values.get(key)


class CheckState:
    """A roster being checked: the sheets read, their typed rows, and the problems so far."""

    def __init__(self, raw: RawRoster, today: date) -> None:
        self.raw = raw
        self.today = today
        self.problems: list[Problem] = []
        self.rows: dict[str, list[Parsed]] = {}
        # Sheets whose CSV file could not be decoded: already reported, and of unknown content.
        undecoded = [sheet_for(p.sheet) for p in raw.problems if p.code == "bad_encoding"]
        self.undecoded = {s.key for s in undecoded if s is not None}

    # Reporting.

    def cell(self, sheet: RawSheet, row: int | None, key: str, code: str, zh: str, en: str) -> None:
        self.problems.append(Problem(sheet.file, sheet.name, row, sheet.header(key), code, zh, en))

    def _sheet(self, key: str) -> RawSheet | None:
        return self.raw.sheets.get(key)

    # Ids and codes the sheets define.

    def _ids(self, sheet_key: str, column: str) -> set[str] | None:
        """The ids a sheet defines, or None when they cannot be known (so references to them
        are not checked: one missing sheet should not bury the clerk in follow-on problems)."""
        sheet = self._sheet(sheet_key)
        if sheet is None:
            known_empty = sheet_key not in REQUIRED_SHEETS and sheet_key not in self.undecoded
            return set() if known_empty else None
        if column not in sheet.headers:
            return None
        return {p.get(column) for p in self.rows[sheet_key] if p.get(column) is not None}

    def _everyone(self) -> set[str] | None:
        residents, people = self._ids("residents", "resident_id"), self._ids("people", "person_id")
        return None if residents is None or people is None else residents | people

    def _grid_codes(self) -> dict[str, set[str]] | None:
        """The codes at each level of the grid, or None when the grid cannot be read."""
        sheet = self._sheet("grid")
        if sheet is None or any(level not in sheet.headers for level in GRID_LEVELS):
            return None
        codes: dict[str, set[str]] = {level: set() for level in GRID_LEVELS}
        for p in self.rows["grid"]:
            for level in GRID_LEVELS:
                if p.get(level) is not None:
                    codes[level].add(p.get(level))
        return codes
