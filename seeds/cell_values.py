"""Cell values as the roster checks read them: text, dates, years and counts as a clerk types
them into Excel or a CSV file, and how a value may be quoted back in a message.

Example::

    >>> parse_date("2026年3月1日"), parse_year("1948.0"), cell_text(13812345678.0)
    (datetime.date(2026, 3, 1), 1948, '13812345678')
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from seeds.reader import CellValue

FIRST_BIRTH_YEAR = 1900

_DATE_TEXT = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"  # CSV exported from Excel adds "0:00"
)
_WHOLE_NUMBER_TEXT = re.compile(r"(\d+)(?:\.0*)?")
_YEAR_TEXT = re.compile(r"(\d{4})(?:\.0*)?\s*年?")
_LONG_DIGITS = re.compile(r"\d{7,}")
# A floor area as typed: 89.52, 89.52㎡, 89.52 m², 89.52平方米.
_AREA_TEXT = re.compile(r"(\d+(?:\.\d+)?)\s*(?:㎡|m²|m2|平方米|平米)?", re.IGNORECASE)
MAX_AREA = Decimal(100_000)  # m²: larger than any one exclusive part


def cell_text(value: CellValue) -> str:
    """A cell as text. Excel stores 0012 or 502 typed into a General cell as a number, and
    phone numbers as 13812345678.0; ids and rooms must come back without the '.0'."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def parse_date(value: CellValue) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None  # a bare number is not a date: 20260301 or 46082 are too easily misread
    m = _DATE_TEXT.fullmatch(unicodedata.normalize("NFKC", value).strip())
    if m is None:
        return None
    try:
        parsed = date(*(int(g) for g in m.groups()))
    except ValueError:  # 2026-02-30
        return None
    return parsed if parsed.year >= FIRST_BIRTH_YEAR else None


def parse_year(value: CellValue) -> int | None:
    # A datetime here is 1948 typed into a date-formatted cell (Excel shows 1905/5/1): not a year.
    if isinstance(value, bool | date):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    m = _YEAR_TEXT.fullmatch(unicodedata.normalize("NFKC", str(value)).strip())
    return int(m.group(1)) if m else None


def parse_area(value: CellValue) -> Decimal | None:
    """A positive floor area in m² with at most two decimals (as registered), else None. A float
    from Excel is read by its shortest spelling (89.52, not 89.519999…)."""
    if isinstance(value, bool | date):
        return None
    if isinstance(value, int | float):
        text = repr(float(value))
    else:
        m = _AREA_TEXT.fullmatch(unicodedata.normalize("NFKC", str(value)).strip())
        if m is None:
            return None
        text = m.group(1)
    try:
        area = Decimal(text)
    except InvalidOperation:
        return None
    if (
        not area.is_finite()
        or area <= 0
        or area > MAX_AREA
        or area != area.quantize(Decimal("0.01"))
    ):
        return None
    return area.quantize(Decimal("0.01"))


def parse_count(value: CellValue) -> int | None:
    if isinstance(value, bool | date):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, float):
        return int(value) if value.is_integer() and value >= 0 else None
    m = _WHOLE_NUMBER_TEXT.fullmatch(unicodedata.normalize("NFKC", str(value)).strip())
    return int(m.group(1)) if m else None


def quoted(value: CellValue, space: str = "") -> str:
    """The value in quotes for a message, or nothing when it may be a phone or id number."""
    text = cell_text(value)
    if _LONG_DIGITS.search(text):
        return ""
    if len(text) > 30:
        text = text[:30] + "…"
    return f"{space}“{text}”"
