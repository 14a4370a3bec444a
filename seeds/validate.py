"""Checking a roster and turning it into typed rows.

:func:`read_roster` reads a workbook or a folder of CSV files and returns a :class:`Roster`, or
raises :class:`RosterError` listing every problem found, each located by file, sheet, row and
column and explained in Chinese and English in the clerk's words. Nothing is loaded from a
roster with problems: a half-loaded roster would show gaps that are not there.

Example::

    >>> roster = read_roster(Path("roster.xlsx"), today=date(2026, 3, 1))  # doctest: +SKIP
    >>> roster.residents[0].birth_year  # doctest: +SKIP
    1938

Problem codes, besides those of :mod:`seeds.reader` (``unreadable``, ``bad_encoding``,
``duplicate_sheet``, ``duplicate_column``): ``missing_sheet``, ``missing_column``,
``required``, ``unknown_value``, ``bad_date``, ``bad_year``, ``bad_number``, ``duplicate_id``,
``two_households``, ``household_two_dwellings``, ``grid_conflict``, ``unknown_corridor``,
``unknown_person``, ``wrong_kind``, ``unknown_resident``, ``unknown_scope``, ``wrong_scope``,
``until_before_since``, ``self_help``, and ``date_in_id`` (Excel turned a code such as 12-1
into a date).

Messages never quote a value holding a long run of digits: that may be a phone or an identity
card number, and problems end up in logs. The row and column still point at the cell.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from graph.vocabulary import ROLE_SCOPE_LEVEL
from seeds import columns, messages
from seeds.cell_values import (
    FIRST_BIRTH_YEAR,
    cell_text,
    parse_count,
    parse_date,
    parse_year,
    quoted,
)
from seeds.columns import SHEETS, Column, Enum, sheet_for
from seeds.reader import CellValue, RawRoster, RawSheet, read_raw
from seeds.rows import (
    GridRow,
    HelperRow,
    PersonRow,
    Problem,
    ResidentRow,
    RoleRow,
    Roster,
    RosterError,
    VisitRow,
)

REQUIRED_SHEETS = ("grid", "residents")
# The grid's levels from the top down; each row's code at one level belongs to its parent's.
GRID_LEVELS = ("area", "micro_grid", "block", "corridor")
DATE_FORMATS_ZH = "2026-03-01、2026/3/1、2026.3.1 或 2026年3月1日"
DATE_FORMATS_EN = "2026-03-01, 2026/3/1, 2026.3.1 or 2026年3月1日"


def read_roster(path: Path, *, today: date | None = None) -> Roster:
    """The roster at ``path`` (an .xlsx workbook or a folder of CSV files), fully checked.

    Raises :class:`RosterError` whose ``problems`` lists everything wrong, in file order.
    ``today`` (default: the real today) bounds birth years and visit dates.
    """
    roster, problems = check_roster(path, today=today)
    if roster is None:
        raise RosterError(problems)
    return roster


def check_roster(path: Path, *, today: date | None = None) -> tuple[Roster | None, list[Problem]]:
    """``(roster, [])`` for a good roster, ``(None, problems)`` otherwise; never raises."""
    return check_raw(read_raw(Path(path)), today=today)


def check_raw(raw: RawRoster, *, today: date | None = None) -> tuple[Roster | None, list[Problem]]:
    """Check sheets already read by :func:`seeds.reader.read_raw`; see :func:`check_roster`."""
    if any(p.code == "unreadable" for p in raw.problems):
        return None, list(raw.problems)
    checker = _Checker(raw, today or date.today())
    roster = checker.run()
    problems = _in_file_order([*raw.problems, *checker.problems])
    return (None, problems) if problems else (roster, [])


# Typing one row's cells.


@dataclass(frozen=True)
class _Parsed:
    """One data row after typing: the values that parsed, and whether all of them did."""

    number: int
    values: dict[str, Any]
    ok: bool

    def get(self, key: str) -> Any:
        return self.values.get(key)


class _Cells:
    """The cells of one raw row, typed one column at a time; each failure becomes a problem."""

    def __init__(
        self, checker: _Checker, sheet: RawSheet, values: dict[str, CellValue], row: int
    ) -> None:
        self.checker = checker
        self.sheet = sheet
        self.values = values
        self.row = row
        self.ok = True

    def fail(self, key: str, code: str, zh: str, en: str) -> None:
        self.ok = False
        self.checker.cell(self.sheet, self.row, key, code, zh, en)

    def _cell(self, key: str) -> CellValue:
        """The cell's value, or None when empty (a problem if the column is required)."""
        column = _column(self.sheet, key)
        if key not in self.sheet.headers:
            # A missing required column is reported once for the sheet, not on every row.
            self.ok = self.ok and not column.required
            return None
        value = self.values.get(key)
        if value is None and column.required:
            self.fail(key, "required", f"“{column.zh}”不能为空", f"{_en(column)} is required")
        return value

    def text(self, key: str) -> str | None:
        value = self._cell(key)
        return None if value is None else cell_text(value)

    def code(self, key: str) -> str | None:
        """An id or a grid code. Full-width letters and digits typed with a Chinese input
        method are folded to ASCII, so Ｒ００１ and R001 are the same resident."""
        value = self._cell(key)
        if isinstance(value, date):
            # Excel turns a code such as 12-1 typed into a General cell into 1 December; taken
            # as text it would match itself everywhere and load silently as "2026-12-01".
            column = _column(self.sheet, key)
            shown = cell_text(value)
            self.fail(
                key,
                "date_in_id",
                f"{column.zh}中是日期 {shown}：Excel 可能把 12-1 这样的编号自动改成了日期，"
                "请把该列设为“文本”格式后重新输入",
                f"{_en(column)} holds the date {shown}: Excel may have turned a code such as "
                "12-1 into a date; format the column as Text and type it again",
            )
            return None
        return None if value is None else unicodedata.normalize("NFKC", cell_text(value)).strip()

    def choice(self, key: str, enum: Enum) -> str | None:
        text = self.text(key)
        if text is None:
            return None
        canonical = enum.parse(text)
        if canonical is None:
            column = _column(self.sheet, key)
            self.fail(
                key,
                "unknown_value",
                f"{column.zh}{quoted(text)}无法识别（可填：{enum.choices()}）",
                f"{_en(column)}{quoted(text, ' ')} is not recognised (accepted: {enum.choices()})",
            )
        return canonical

    def yes_no(self, key: str) -> bool | None:
        answer = self.choice(key, columns.YES_NO)
        return None if answer is None else answer == "yes"

    def relation(self, key: str) -> str:
        # Relations are free text: an unusual one is kept as written, not refused.
        text = self.text(key)
        return "" if text is None else columns.RELATIONS.parse(text) or text

    def tags(self, key: str) -> tuple[str, ...]:
        text = self.text(key) or ""
        tags = (t.strip() for t in re.split("|".join(columns.TAG_SEPARATORS), text))
        return tuple(dict.fromkeys(t for t in tags if t))

    def day(self, key: str) -> date | None:
        value = self._cell(key)
        if value is None:
            return None
        parsed = parse_date(value)
        if parsed is None:
            column = _column(self.sheet, key)
            self.fail(
                key,
                "bad_date",
                f"{column.zh}{quoted(value)}不是有效日期（可写 {DATE_FORMATS_ZH}）",
                f"{_en(column)}{quoted(value, ' ')} is not a valid date (write {DATE_FORMATS_EN})",
            )
        return parsed

    def year(self, key: str, today: date) -> int | None:
        value = self._cell(key)
        if value is None:
            return None
        column = _column(self.sheet, key)
        year = parse_year(value)
        if year is None or not 0 <= year <= 9999:
            self.fail(
                key,
                "bad_year",
                f"{column.zh}{quoted(value)}不是年份（应写四位数字，如 1948）",
                f"{_en(column)}{quoted(value, ' ')} is not a year (write four digits, e.g. 1948)",
            )
            return None
        if not FIRST_BIRTH_YEAR <= year <= today.year:
            span = f"{FIRST_BIRTH_YEAR}–{today.year}"
            self.fail(
                key,
                "bad_year",
                f"{column.zh} {year} 不可能（应在 {FIRST_BIRTH_YEAR} 至 {today.year} 之间）",
                f"{_en(column)} {year} is impossible (expected {span})",
            )
            return None
        return year

    def count(self, key: str) -> int | None:
        value = self._cell(key)
        if value is None:
            return None
        number = parse_count(value)
        if number is None:
            column = _column(self.sheet, key)
            self.fail(
                key,
                "bad_number",
                f"{column.zh}{quoted(value)}应为 0 或正整数",
                f"{_en(column)}{quoted(value, ' ')} must be a whole number, 0 or more",
            )
        return number


# The rows of each sheet.


def _grid_fields(c: _Cells, today: date) -> dict[str, Any]:
    codes = {key: c.code(key) for key in (*GRID_LEVELS, "building")}
    return codes | {"housing_type": c.choice("housing_type", columns.HOUSING_TYPES)}


def _resident_fields(c: _Cells, today: date) -> dict[str, Any]:
    return {
        "resident_id": c.code("resident_id"),
        "name": c.text("name"),
        "gender": c.choice("gender", columns.GENDERS),
        "birth_year": c.year("birth_year", today),
        "household_id": c.code("household_id"),
        "relation": c.relation("relation"),
        "corridor": c.code("corridor"),
        "room": c.code("room"),
        "phone": c.text("phone") or "",
        "mobility": c.choice("mobility", columns.MOBILITY) or "independent",
        "smartphone": c.yes_no("smartphone"),
        "tags": c.tags("tags"),
        "party": c.choice("party", columns.PARTY) or "",
        "family_doctor": c.code("family_doctor") or "",
    }


def _person_fields(c: _Cells, today: date) -> dict[str, Any]:
    return {
        "person_id": c.code("person_id"),
        "name": c.text("name"),
        "kind": c.choice("kind", columns.PERSON_KINDS),
        "organisation": c.text("organisation") or "",
        "phone": c.text("phone") or "",
        "capacity": c.count("capacity"),
    }


def _role_fields(c: _Cells, today: date) -> dict[str, Any]:
    return {
        "person_id": c.code("person_id"),
        "role": c.choice("role", columns.ROLES),
        "scope": c.code("scope"),
        "since": c.day("since"),
        "until": c.day("until"),
    }


def _helper_fields(c: _Cells, today: date) -> dict[str, Any]:
    return {
        "helper_id": c.code("helper_id"),
        "resident_id": c.code("resident_id"),
        "kind": c.choice("kind", columns.HELPER_KINDS),
        "since": c.day("since"),
        "until": c.day("until"),
    }


def _visit_fields(c: _Cells, today: date) -> dict[str, Any]:
    day = c.day("date")
    if day is not None and day > today:
        c.fail(
            "date",
            "bad_date",
            f"走访日期 {day.isoformat()} 晚于今天（{today.isoformat()}），尚未发生的走访不能登记",
            f"visit date {day.isoformat()} is after today ({today.isoformat()}); "
            "a visit cannot be recorded before it happens",
        )
    return {
        "date": day,
        "visitor_id": c.code("visitor_id"),
        "resident_id": c.code("resident_id"),
        "mode": c.choice("mode", columns.VISIT_MODES),
        "note": c.text("note") or "",
    }


_Fields = Callable[[_Cells, date], dict[str, Any]]
_ROW_TYPES: dict[str, tuple[_Fields, type]] = {
    "grid": (_grid_fields, GridRow),
    "residents": (_resident_fields, ResidentRow),
    "people": (_person_fields, PersonRow),
    "roles": (_role_fields, RoleRow),
    "helpers": (_helper_fields, HelperRow),
    "visits": (_visit_fields, VisitRow),
}


# Checking the roster as a whole.


class _Checker:
    def __init__(self, raw: RawRoster, today: date) -> None:
        self.raw = raw
        self.today = today
        self.problems: list[Problem] = []
        self.rows: dict[str, list[_Parsed]] = {}
        # Sheets whose CSV file could not be decoded: already reported, and of unknown content.
        undecoded = [sheet_for(p.sheet) for p in raw.problems if p.code == "bad_encoding"]
        self.undecoded = {s.key for s in undecoded if s is not None}

    def run(self) -> Roster:
        self._check_structure()
        for key, sheet in self.raw.sheets.items():
            self.rows[key] = self._parse(sheet)
        self._check_grid()
        self._check_residents()
        self._check_people()
        self._check_roles()
        self._check_helpers()
        self._check_visits()
        return Roster(**{key: self._typed(key) for key in SHEETS})

    # Reporting.

    def cell(self, sheet: RawSheet, row: int | None, key: str, code: str, zh: str, en: str) -> None:
        self.problems.append(Problem(sheet.file, sheet.name, row, sheet.header(key), code, zh, en))

    def _sheet(self, key: str) -> RawSheet | None:
        return self.raw.sheets.get(key)

    # Structure: sheets and columns.

    def _check_structure(self) -> None:
        for key in REQUIRED_SHEETS:
            if key not in self.raw.sheets and key not in self.undecoded:
                self.problems.append(messages.missing_sheet(self.raw, SHEETS[key]))
        for sheet in self.raw.sheets.values():
            for column in sheet.sheet.columns:
                if column.required and column.key not in sheet.headers:
                    self.problems.append(messages.missing_column(sheet, column))

    def _parse(self, sheet: RawSheet) -> list[_Parsed]:
        fields, _ = _ROW_TYPES[sheet.sheet.key]
        parsed = []
        for row in sheet.rows:
            cells = _Cells(self, sheet, row.values, row.number)
            values = fields(cells, self.today)
            parsed.append(_Parsed(row.number, values, cells.ok))
        return parsed

    def _typed(self, key: str) -> list[Any]:
        _, row_type = _ROW_TYPES[key]
        return [row_type(**p.values) for p in self.rows.get(key, []) if p.ok]

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

    # The grid.

    def _check_grid(self) -> None:
        sheet = self._sheet("grid")
        if sheet is None:
            return
        rows = self.rows["grid"]
        for child, parent in zip(GRID_LEVELS[1:], GRID_LEVELS, strict=False):
            self._check_one_parent(sheet, rows, child, parent)
        self._check_levels_distinct(sheet, rows)
        first: dict[tuple[str, str], int] = {}
        for p in rows:
            pair = (p.get("corridor"), p.get("building"))
            if None in pair:
                continue
            seen = first.setdefault(pair, p.number)
            if seen != p.number:
                self.cell(
                    sheet,
                    p.number,
                    "building",
                    "duplicate_id",
                    *messages.duplicate_pair(pair, seen),
                )

    def _check_one_parent(
        self, sheet: RawSheet, rows: list[_Parsed], child: str, parent: str
    ) -> None:
        first: dict[str, tuple[str, int]] = {}
        reported: set[tuple[str, str]] = set()
        for p in rows:
            code, owner = p.get(child), p.get(parent)
            if code is None or owner is None:
                continue
            seen_owner, seen_row = first.setdefault(code, (owner, p.number))
            if seen_owner != owner and (code, owner) not in reported:
                reported.add((code, owner))
                zh, en = messages.two_parents(child, parent, code, seen_owner, seen_row, owner)
                self.cell(sheet, p.number, parent, "grid_conflict", zh, en)

    def _check_levels_distinct(self, sheet: RawSheet, rows: list[_Parsed]) -> None:
        # Roles name their scope by code alone, so a code must mean one place at one level.
        first: dict[str, tuple[str, int]] = {}
        reported: set[tuple[str, str]] = set()
        for p in rows:
            for level in GRID_LEVELS:
                code = p.get(level)
                if code is None:
                    continue
                seen_level, seen_row = first.setdefault(code, (level, p.number))
                if seen_level != level and (code, level) not in reported:
                    reported.add((code, level))
                    zh, en = messages.two_levels(code, seen_level, seen_row, level)
                    self.cell(sheet, p.number, level, "grid_conflict", zh, en)

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

    # Residents and people.

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

    def _check_resident_ids(self, sheet: RawSheet, rows: list[_Parsed]) -> None:
        first: dict[str, _Parsed] = {}
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

    def _check_dwellings(self, sheet: RawSheet, rows: list[_Parsed]) -> None:
        first: dict[str, _Parsed] = {}
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

    def _check_doctor(self, sheet: RawSheet, row: int, doctor: str, person: _Parsed | None) -> None:
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

    # Roles, helpers and visits.

    def _check_roles(self) -> None:
        sheet = self._sheet("roles")
        if sheet is None:
            return
        everyone, codes = self._everyone(), self._grid_codes()
        for p in self.rows["roles"]:
            self._check_person(sheet, p, "person_id", everyone)
            if codes is not None:
                self._check_scope(sheet, p, codes)
            self._check_period(sheet, p)

    def _check_scope(self, sheet: RawSheet, p: _Parsed, codes: dict[str, set[str]]) -> None:
        scope, role = p.get("scope"), p.get("role")
        if scope is None:
            return
        levels = [level for level in GRID_LEVELS if scope in codes[level]]
        if not levels:
            self.cell(sheet, p.number, "scope", "unknown_scope", *messages.no_scope(scope))
        elif role is not None and ROLE_SCOPE_LEVEL[role] not in levels:
            zh, en = messages.wrong_scope(scope, levels[0], role)
            self.cell(sheet, p.number, "scope", "wrong_scope", zh, en)

    def _check_helpers(self) -> None:
        sheet = self._sheet("helpers")
        if sheet is None:
            return
        everyone, residents = self._everyone(), self._ids("residents", "resident_id")
        for p in self.rows["helpers"]:
            self._check_person(sheet, p, "helper_id", everyone)
            self._check_resident(sheet, p, residents)
            helper = p.get("helper_id")
            if helper is not None and helper == p.get("resident_id"):
                zh = f"帮扶人{quoted(helper)}与对象是同一人：不能与自己结对"
                en = f"helper{quoted(helper, ' ')} is the person helped: no one helps themselves"
                self.cell(sheet, p.number, "helper_id", "self_help", zh, en)
            self._check_period(sheet, p)

    def _check_visits(self) -> None:
        sheet = self._sheet("visits")
        if sheet is None:
            return
        everyone, residents = self._everyone(), self._ids("residents", "resident_id")
        for p in self.rows["visits"]:
            self._check_person(sheet, p, "visitor_id", everyone)
            self._check_resident(sheet, p, residents)

    def _check_person(
        self, sheet: RawSheet, p: _Parsed, key: str, everyone: set[str] | None
    ) -> None:
        who = p.get(key)
        if everyone is not None and who is not None and who not in everyone:
            column = _column(sheet, key)
            zh = f"{column.zh}{quoted(who)}既不是居民编号，也不是人员编号"
            en = f"{_en(column)}{quoted(who, ' ')} is neither a resident id nor a person id"
            self.cell(sheet, p.number, key, "unknown_person", zh, en)

    def _check_resident(self, sheet: RawSheet, p: _Parsed, residents: set[str] | None) -> None:
        who = p.get("resident_id")
        if residents is not None and who is not None and who not in residents:
            column = _column(sheet, "resident_id")
            zh = f"{column.zh}{quoted(who)}不在“居民”表中"
            en = f"{_en(column)}{quoted(who, ' ')} is not in the residents sheet"
            self.cell(sheet, p.number, "resident_id", "unknown_resident", zh, en)

    def _check_period(self, sheet: RawSheet, p: _Parsed) -> None:
        since, until = p.get("since"), p.get("until")
        if since is not None and until is not None and until < since:
            zh = f"结束日期 {until.isoformat()} 早于开始日期 {since.isoformat()}"
            en = f"end date {until.isoformat()} is before start date {since.isoformat()}"
            self.cell(sheet, p.number, "until", "until_before_since", zh, en)


# Values.


def _dwelling(p: _Parsed) -> tuple[str, str]:
    return (p.get("corridor"), p.get("room"))


def _column(sheet: RawSheet, key: str) -> Column:
    column = sheet.sheet.column(key)
    assert column is not None, key  # keys come from columns.py itself
    return column


def _en(column: Column) -> str:
    return column.key.replace("_", " ")


def _in_file_order(problems: list[Problem]) -> list[Problem]:
    """Problems sheet by sheet in the contract's order, then row by row, as a clerk fixes them."""
    order = list(SHEETS)

    def key(p: Problem) -> tuple[int, int]:
        sheet = sheet_for(p.sheet)
        return (order.index(sheet.key) if sheet else -1, p.row or 0)

    return sorted(problems, key=key)
