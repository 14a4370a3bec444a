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
# An amount as typed: 120000, 120,000, ¥120000, 120000元, 12万, 12.5万元.
_MONEY_TEXT = re.compile(r"[¥￥]?\s*((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*万?)\s*元?")
MAX_MONEY = Decimal(10**12)  # yuan: far above any community project


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
    text = _number_text(value, _AREA_TEXT)
    area = _two_decimals(text) if text is not None else None
    return area if area is not None and 0 < area <= MAX_AREA else None


def parse_money(value: CellValue) -> Decimal | None:
    """An amount of yuan, 0 or more, at most two decimals: 120000, 120,000, ¥120000, 120000元,
    or 12万 / 12.5万元 (ten thousands); else None."""
    text = _number_text(value, _MONEY_TEXT)
    if text is None:
        return None
    scale = 10_000 if text.endswith("万") else 1
    amount = _two_decimals(text.removesuffix("万").replace(",", "").strip(), scale)
    return amount if amount is not None and 0 <= amount <= MAX_MONEY else None


def _number_text(value: CellValue, pattern: re.Pattern[str]) -> str | None:
    if isinstance(value, bool | date):
        return None
    if isinstance(value, int | float):
        return repr(float(value))
    m = pattern.fullmatch(unicodedata.normalize("NFKC", str(value)).strip())
    return None if m is None else m.group(1)


def _two_decimals(text: str, scale: int = 1) -> Decimal | None:
    try:
        number = Decimal(text) * scale
    except InvalidOperation:
        return None
    if not number.is_finite() or number != number.quantize(Decimal("0.01")):
        return None
    return number.quantize(Decimal("0.01"))


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
