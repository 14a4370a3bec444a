"""Typing one row's cells (:class:`Cells`), each failure a located problem, and the fields of
each sheet's rows (:data:`ROW_TYPES`)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from graph.analysis.windows import WINDOWS
from graph.vocabulary import TAG_LIMIT, text_limit, unsafe_character
from seeds import columns
from seeds.cell_values import (
    FIRST_BIRTH_YEAR,
    cell_text,
    parse_area,
    parse_count,
    parse_date,
    parse_year,
    quoted,
)
from seeds.columns import Column, Enum
from seeds.reader import CellValue, RawSheet
from seeds.rows import (
    CommunityRow,
    DwellingRow,
    GridRow,
    HelperRow,
    PersonRow,
    ResidentRow,
    RoleRow,
    VisitRow,
)
from seeds.validate.state import GRID_LEVELS, CheckState

__all__ = ["ROW_TYPES", "Cells", "en_name", "sheet_column"]


N = TypeVar("N", int, Decimal)
DATE_FORMATS_ZH = "2026-03-01、2026/3/1、2026.3.1 或 2026年3月1日"
DATE_FORMATS_EN = "2026-03-01, 2026/3/1, 2026.3.1 or 2026年3月1日"


class Cells:
    """The cells of one raw row, typed one column at a time; each failure becomes a problem."""

    def __init__(
        self, checker: CheckState, sheet: RawSheet, values: dict[str, CellValue], row: int
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
        column = sheet_column(self.sheet, key)
        if key not in self.sheet.headers:
            # A missing required column is reported once for the sheet, not on every row.
            self.ok = self.ok and not column.required
            return None
        value = self.values.get(key)
        if value is None and column.required:
            self.fail(key, "required", f"“{column.zh}”不能为空", f"{en_name(column)} is required")
        if isinstance(value, str) and not self._clean_text(key, column, value):
            return None
        return value

    def _clean_text(self, key: str, column: Column, value: str) -> bool:
        """Whether a text cell is within its length and holds no control character."""
        limit = text_limit(key)
        if len(value) > limit:
            self.fail(
                key,
                "too_long",
                f"{column.zh}有 {len(value)} 个字符，最多 {limit} 个",
                f"{en_name(column)} has {len(value)} characters, at most {limit} are allowed",
            )
            return False
        bad = unsafe_character(value, key=key)
        if bad is not None:
            self.fail(
                key,
                "control_character",
                f"{column.zh}含有不可见的控制字符（{bad}），请删除后重新输入",
                f"{en_name(column)} holds an invisible control character ({bad}); remove it",
            )
            return False
        return True

    def value(self, key: str) -> CellValue:
        """The cell as read (None when empty), for a type this class does not know."""
        return self._cell(key)

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
            column = sheet_column(self.sheet, key)
            shown = cell_text(value)
            self.fail(
                key,
                "date_in_id",
                f"{column.zh}中是日期 {shown}：Excel 可能把 12-1 这样的编号自动改成了日期，"
                "请把该列设为“文本”格式后重新输入",
                f"{en_name(column)} holds the date {shown}: Excel may have turned a code such as "
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
            column = sheet_column(self.sheet, key)
            self.fail(
                key,
                "unknown_value",
                f"{column.zh}{quoted(text)}无法识别（可填：{enum.choices()}）",
                f"{en_name(column)}{quoted(text, ' ')} is not recognised "
                f"(accepted: {enum.choices()})",
            )
        return canonical

    def yes_no(self, key: str) -> bool | None:
        answer = self.choice(key, columns.YES_NO)
        return None if answer is None else answer == "yes"

    def relation(self, key: str) -> str:
        # Relations are free text: an unusual one is kept as written, not refused.
        text = self.text(key)
        return "" if text is None else columns.RELATIONS.parse(text) or text

    def codes(self, key: str) -> tuple[str, ...]:
        """Ids separated by ; (either width), each folded like :meth:`code`; repeats once."""
        text = self.code(key) or ""
        parts = (t.strip() for t in re.split("|".join(columns.TAG_SEPARATORS), text))
        return tuple(dict.fromkeys(t for t in parts if t))

    def number(
        self, key: str, parse: Callable[[CellValue], N | None], rule_zh: str, rule_en: str
    ) -> N | None:
        """A number read by ``parse``; when it cannot, a ``bad_number`` saying what it must be."""
        value = self._cell(key)
        if value is None:
            return None
        number = parse(value)
        if number is None:
            column = sheet_column(self.sheet, key)
            self.fail(key, "bad_number", f"{column.zh}{quoted(value)}应为{rule_zh}",
                      f"{en_name(column)}{quoted(value, ' ')} must be {rule_en}")  # fmt: skip
        return number

    def area(self, key: str) -> Decimal | None:
        rule_en = "a floor area in m² above 0 with at most two decimals, e.g. 89.52"
        return self.number(key, parse_area, "大于 0 的平方米数，最多两位小数，如 89.52", rule_en)

    def windows(self, key: str) -> tuple[str, ...] | None:
        """Availability windows separated by ;, in the week's order; None for an empty cell."""
        text = self.text(key)
        if text is None:
            return None
        found: set[str] = set()
        for part in (t.strip() for t in re.split("|".join(columns.TAG_SEPARATORS), text)):
            window = columns.AVAILABILITY.parse(part) if part else ""
            if window is None:
                column = sheet_column(self.sheet, key)
                choices = columns.AVAILABILITY.choices()
                zh = f"{column.zh}{quoted(part)}无法识别（可填：{choices}）"
                en = f"{en_name(column)}{quoted(part, ' ')} is not recognised (accepted: {choices})"
                self.fail(key, "unknown_value", zh, en)
                return None
            found.update(WINDOWS if window == "always" else (window,) if window else ())
        return tuple(w for w in WINDOWS if w in found)

    def tags(self, key: str) -> tuple[str, ...]:
        text = self.text(key) or ""
        tags = (t.strip() for t in re.split("|".join(columns.TAG_SEPARATORS), text))
        found = tuple(dict.fromkeys(t for t in tags if t))
        if any(len(t) > TAG_LIMIT for t in found):
            column = sheet_column(self.sheet, key)
            self.fail(
                key,
                "too_long",
                f"{column.zh}中有标签超过 {TAG_LIMIT} 个字符",
                f"a tag in {en_name(column)} is longer than {TAG_LIMIT} characters",
            )
            return ()
        return found

    def day(self, key: str) -> date | None:
        value = self._cell(key)
        if value is None:
            return None
        parsed = parse_date(value)
        if parsed is None:
            column = sheet_column(self.sheet, key)
            self.fail(
                key,
                "bad_date",
                f"{column.zh}{quoted(value)}不是有效日期（可写 {DATE_FORMATS_ZH}）",
                f"{en_name(column)}{quoted(value, ' ')} is not a valid date "
                f"(write {DATE_FORMATS_EN})",
            )
        return parsed

    def year(self, key: str, today: date) -> int | None:
        value = self._cell(key)
        if value is None:
            return None
        column = sheet_column(self.sheet, key)
        year = parse_year(value)
        if year is None or not 0 <= year <= 9999:
            self.fail(
                key,
                "bad_year",
                f"{column.zh}{quoted(value)}不是年份（应写四位数字，如 1948）",
                f"{en_name(column)}{quoted(value, ' ')} is not a year "
                "(write four digits, e.g. 1948)",
            )
            return None
        if not FIRST_BIRTH_YEAR <= year <= today.year:
            span = f"{FIRST_BIRTH_YEAR}–{today.year}"
            self.fail(
                key,
                "bad_year",
                f"{column.zh} {year} 不可能（应在 {FIRST_BIRTH_YEAR} 至 {today.year} 之间）",
                f"{en_name(column)} {year} is impossible (expected {span})",
            )
            return None
        return year

    def count(self, key: str) -> int | None:
        return self.number(key, parse_count, " 0 或正整数", "a whole number, 0 or more")


# The rows of each sheet.


def _community_fields(c: Cells, today: date) -> dict[str, Any]:
    codes = {key: c.code(key) for key in ("community", "street", "district")}
    return codes | {f"{key}_name": c.text(f"{key}_name") for key in codes}


def _grid_fields(c: Cells, today: date) -> dict[str, Any]:
    codes = {key: c.code(key) for key in (*GRID_LEVELS, "building")}
    return codes | {"housing_type": c.choice("housing_type", columns.HOUSING_TYPES)}


def _resident_fields(c: Cells, today: date) -> dict[str, Any]:
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
        "availability": c.windows("availability"),
    }


def _person_fields(c: Cells, today: date) -> dict[str, Any]:
    return {
        "person_id": c.code("person_id"),
        "name": c.text("name"),
        "kind": c.choice("kind", columns.PERSON_KINDS),
        "organisation": c.text("organisation") or "",
        "phone": c.text("phone") or "",
        "capacity": c.count("capacity"),
        "availability": c.windows("availability"),
    }


def _dwelling_fields(c: Cells, today: date) -> dict[str, Any]:
    return {
        "corridor": c.code("corridor"),
        "room": c.code("room"),
        "exclusive_area": c.area("exclusive_area"),
        "owners": c.codes("owners"),
    }


def _role_fields(c: Cells, today: date) -> dict[str, Any]:
    return {
        "person_id": c.code("person_id"),
        "role": c.choice("role", columns.ROLES),
        "scope": c.code("scope"),
        "since": c.day("since"),
        "until": c.day("until"),
    }


def _helper_fields(c: Cells, today: date) -> dict[str, Any]:
    return {
        "helper_id": c.code("helper_id"),
        "resident_id": c.code("resident_id"),
        "kind": c.choice("kind", columns.HELPER_KINDS),
        "since": c.day("since"),
        "until": c.day("until"),
    }


def _visit_fields(c: Cells, today: date) -> dict[str, Any]:
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


_Fields = Callable[[Cells, date], dict[str, Any]]
ROW_TYPES: dict[str, tuple[_Fields, type]] = {
    "community": (_community_fields, CommunityRow),
    "grid": (_grid_fields, GridRow),
    "residents": (_resident_fields, ResidentRow),
    "people": (_person_fields, PersonRow),
    "dwellings": (_dwelling_fields, DwellingRow),
    "roles": (_role_fields, RoleRow),
    "helpers": (_helper_fields, HelperRow),
    "visits": (_visit_fields, VisitRow),
}


# Column names in messages.


def sheet_column(sheet: RawSheet, key: str) -> Column:
    column = sheet.sheet.column(key)
    assert column is not None, key  # keys come from columns.py itself
    return column


def en_name(column: Column) -> str:
    return column.key.replace("_", " ")
