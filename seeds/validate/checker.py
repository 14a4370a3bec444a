"""The roster checked as a whole: its structure (sheets and columns), every row typed, then the
checks of each sheet group; and the entry points, :func:`read_roster`, :func:`check_roster` and
:func:`check_raw`."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from seeds import messages
from seeds.columns import SHEETS, sheet_for
from seeds.reader import RawRoster, RawSheet, read_raw
from seeds.rows import Problem, Roster, RosterError
from seeds.validate.cells import ROW_TYPES, Cells
from seeds.validate.community_checks import CommunityChecks
from seeds.validate.dwelling_checks import DwellingChecks
from seeds.validate.grid_checks import GridChecks
from seeds.validate.ledger_cells import LEDGER_ROW_TYPES
from seeds.validate.ledger_checks import LedgerChecks
from seeds.validate.people_checks import PeopleChecks
from seeds.validate.state import REQUIRED_SHEETS, Parsed
from seeds.validate.tie_checks import TieChecks

__all__ = ["Checker", "check_raw", "check_roster", "read_roster"]


def read_roster(path: Path, *, today: date | None = None, community: str | None = None) -> Roster:
    """The roster at ``path`` (an .xlsx workbook or a folder of CSV files), fully checked.

    Raises :class:`RosterError` whose ``problems`` lists everything wrong, in file order.
    ``today`` (default: the real today) bounds birth years and visit dates. ``community`` (the
    ``--community`` option) names the roster's community; the community sheet must agree.
    """
    roster, problems = check_roster(path, today=today, community=community)
    if roster is None:
        raise RosterError(problems)
    return roster


def check_roster(
    path: Path, *, today: date | None = None, community: str | None = None
) -> tuple[Roster | None, list[Problem]]:
    """``(roster, [])`` for a good roster, ``(None, problems)`` otherwise; never raises."""
    return check_raw(read_raw(Path(path)), today=today, community=community)


def check_raw(
    raw: RawRoster, *, today: date | None = None, community: str | None = None
) -> tuple[Roster | None, list[Problem]]:
    """Check sheets already read by :func:`seeds.reader.read_raw`; see :func:`check_roster`."""
    if any(p.code in ("unreadable", "too_large") for p in raw.problems):
        return None, list(raw.problems)
    checker = Checker(raw, today or date.today())
    checker.community_option = community
    roster = checker.run()
    problems = _in_file_order([*raw.problems, *checker.problems])
    return (None, problems) if problems else (roster, [])


_ROW_TYPES = ROW_TYPES | LEDGER_ROW_TYPES


class Checker(CommunityChecks, GridChecks, PeopleChecks, DwellingChecks, TieChecks, LedgerChecks):
    """Every check of a roster, in the order a clerk reads it."""

    def run(self) -> Roster:
        self._check_structure()
        for key, sheet in self.raw.sheets.items():
            self.rows[key] = self._parse(sheet)
        place = self._community()
        self._check_separators(place)
        self._check_grid()
        self._check_residents()
        self._check_people()
        self._check_dwelling_sheet()
        self._check_roles()
        self._check_helpers()
        self._check_visits()
        self.community_code = place.community if place else ""
        self._check_ledger()
        sheets = {key: self._typed(key) for key in SHEETS if key != "community"}
        return Roster(community=place.community if place else "", place=place, **sheets)

    # Structure: sheets and columns.

    def _check_structure(self) -> None:
        for key in REQUIRED_SHEETS:
            if key not in self.raw.sheets and key not in self.undecoded:
                self.problems.append(messages.missing_sheet(self.raw, SHEETS[key]))
        for sheet in self.raw.sheets.values():
            for column in sheet.sheet.columns:
                if column.required and column.key not in sheet.headers:
                    self.problems.append(messages.missing_column(sheet, column))

    def _parse(self, sheet: RawSheet) -> list[Parsed]:
        fields, _ = _ROW_TYPES[sheet.sheet.key]
        parsed = []
        for row in sheet.rows:
            cells = Cells(self, sheet, row.values, row.number)
            values = fields(cells, self.today)
            parsed.append(Parsed(row.number, values, cells.ok))
        return parsed

    def _typed(self, key: str) -> list[Any]:
        _, row_type = _ROW_TYPES[key]
        return [row_type(**p.values) for p in self.rows.get(key, []) if p.ok]


def _in_file_order(problems: list[Problem]) -> list[Problem]:
    """Problems sheet by sheet in the contract's order, then row by row, as a clerk fixes them."""
    order = list(SHEETS)

    def key(p: Problem) -> tuple[int, int]:
        sheet = sheet_for(p.sheet)
        return (order.index(sheet.key) if sheet else -1, p.row or 0)

    return sorted(problems, key=key)
