"""Reading the raw sheets of a roster: an Excel workbook, or a folder of CSV files.

This layer knows where cells are, not what they mean: it finds each sheet of
:data:`seeds.columns.SHEETS` by its Chinese or English name, maps the header row (row 1) to
canonical column keys, and keeps every data row with its row number as the clerk sees it.
Typing and checking the values is :mod:`seeds.validate`'s job.

Example::

    >>> raw = read_raw(Path("roster.xlsx"))  # doctest: +SKIP
    >>> raw.sheets["residents"].rows[0].values["name"]  # doctest: +SKIP
    '王秀英'
"""

from __future__ import annotations

import csv
import io
import warnings
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from seeds.columns import Sheet, sheet_for
from seeds.rows import Problem

CellValue = str | int | float | datetime | date | None

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
# What a roster may expand to. A workbook is a zip: a few megabytes can unpack to gigabytes of
# XML (a "zip bomb"), so its unpacked size is checked before anything is opened. The demo
# community (3,680 residents) unpacks to 2.9 MB, a street of 100,000 residents to about 80 MB.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_CSV_BYTES = 200 * 1024 * 1024
MAX_ROWS = 300_000  # per sheet: a street's residents, three times over
# Tried in this order: strict UTF-8 (a BOM is stripped first), then GB18030, a superset of the
# GBK that committee computers still write by default.
CSV_ENCODINGS = ("utf-8", "gb18030")


@dataclass(frozen=True)
class RawRow:
    """One non-blank data row: its row number in the file and its cells by canonical key."""

    number: int
    values: dict[str, CellValue]


@dataclass(frozen=True)
class RawSheet:
    """One sheet as found in the file, before any checking."""

    file: str  # the workbook's or the CSV file's name, as the clerk would recognise it
    name: str  # the sheet name as written: workbook tab, or CSV file stem
    sheet: Sheet  # what it holds, from seeds.columns
    headers: dict[str, str]  # canonical key -> header as written
    rows: tuple[RawRow, ...]

    def header(self, key: str) -> str:
        """The header of a column as written, or its canonical key when the file lacks it."""
        return self.headers.get(key, key)


@dataclass
class RawRoster:
    """The sheets a file holds (by canonical sheet key) and what stopped us reading more."""

    file: str  # the workbook name, or the CSV folder name
    folder: bool = False  # a folder of CSV files rather than a workbook
    sheets: dict[str, RawSheet] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # Every tab or CSV file found, recognised or not, to tell a clerk what we saw.
    found: tuple[str, ...] = ()


def read_raw(path: Path) -> RawRoster:
    """Read the roster at ``path``: an .xlsx workbook, or a folder of CSV files.

    Never raises for a bad file: what cannot be read is reported in ``problems`` (codes
    ``unreadable``, ``bad_encoding``, ``duplicate_sheet``, ``duplicate_column``).
    """
    path = Path(path)
    if path.is_dir():
        return read_csv_folder(path)
    if path.suffix.lower() in WORKBOOK_SUFFIXES and path.is_file():
        return read_workbook(path)
    return RawRoster(path.name, problems=[_unreadable(path)])


def read_workbook(path: Path) -> RawRoster:
    """Read the recognised sheets of an .xlsx workbook; other tabs (such as 说明) are ignored."""
    from openpyxl import load_workbook  # the CSV path should not pay for importing openpyxl

    raw = RawRoster(path.name)
    unpacked = _unpacked_size(path)
    if unpacked is not None and unpacked > MAX_UNPACKED_BYTES:
        raw.problems.append(_too_large(path.name, "", unpacked, MAX_UNPACKED_BYTES))
        return raw
    try:
        # Clerks' workbooks come from many programs; openpyxl warns about extensions it does
        # not read (data validation, conditional formats), none of which matter for the values.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = load_workbook(path, read_only=True, data_only=True)
    # A clerk gets a problem to act on, not a traceback, whatever is wrong inside the file.
    except Exception as e:
        raw.problems.append(_unreadable(path, e))
        return raw
    try:
        raw.found = tuple(wb.sheetnames)
        for name in wb.sheetnames:
            sheet = sheet_for(name)
            if sheet is None:
                continue
            ws = wb[name]
            # Some programs write a wrong <dimension>; without it openpyxl reads every cell.
            ws.reset_dimensions()
            grid = ws.iter_rows(min_row=1, values_only=True)
            _add_sheet(raw, path.name, name, sheet, grid)
    except Exception as e:  # read-only sheets are parsed lazily, so damage shows up here too
        return RawRoster(path.name, problems=[_unreadable(path, e)])
    finally:
        wb.close()
    return raw


def read_csv_folder(path: Path) -> RawRoster:
    """Read a folder holding one CSV file per sheet, named like ``grid.csv`` or ``网格.csv``."""
    raw = RawRoster(path.name, folder=True)
    try:
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".csv")
    except OSError as e:
        raw.problems.append(_unreadable(path, e))
        return raw
    raw.found = tuple(p.name for p in files)
    for file in files:
        sheet = sheet_for(file.stem)
        if sheet is None:
            continue
        try:
            size = file.stat().st_size
            if size > MAX_CSV_BYTES:
                raw.problems.append(_too_large(file.name, file.stem, size, MAX_CSV_BYTES))
                continue
            data = file.read_bytes()
        except OSError as e:
            raw.problems.append(_unreadable(file, e))
            continue
        text = _decode(data)
        if text is None:
            raw.problems.append(_bad_encoding(file))
            continue
        try:
            _add_sheet(raw, file.name, file.stem, sheet, csv.reader(io.StringIO(text, newline="")))
        except csv.Error as e:  # e.g. a field longer than the csv module allows
            raw.problems.append(_unreadable(file, e))
    return raw


def read_rows(file: str, sheets: Mapping[str, Iterable[Sequence[object]]]) -> RawRoster:
    """Read sheets already in memory (sheet name -> rows, headers first) as if from ``file``.

    For rosters built in code (demo data, tests) that should go through the same checks.
    """
    raw = RawRoster(file, found=tuple(sheets))
    for name, rows in sheets.items():
        sheet = sheet_for(name)
        if sheet is not None:
            _add_sheet(raw, file, name, sheet, rows)
    return raw


def _decode(data: bytes) -> str | None:
    """The text of a CSV file in any encoding a committee computer writes, or None."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in CSV_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _add_sheet(
    raw: RawRoster, file: str, name: str, sheet: Sheet, grid: Iterable[Sequence[object]]
) -> None:
    if sheet.key in raw.sheets:
        first = raw.sheets[sheet.key]
        raw.problems.append(_duplicate_sheet(file, name, sheet, first))
        return
    lines = iter(grid)
    header_row = next(lines, ())
    headers, positions, problems = _map_headers(file, name, sheet, header_row)
    raw.problems.extend(problems)
    rows: list[RawRow] = []
    for row in _data_rows(lines, positions):
        if len(rows) == MAX_ROWS:
            raw.problems.append(_too_many_rows(file, name))
            break
        rows.append(row)
    raw.sheets[sheet.key] = RawSheet(file, name, sheet, headers, tuple(rows))


def _map_headers(
    file: str, name: str, sheet: Sheet, header_row: Sequence[object]
) -> tuple[dict[str, str], dict[str, int], list[Problem]]:
    """Canonical key -> header as written, and -> column index; unknown headers are ignored."""
    headers: dict[str, str] = {}
    positions: dict[str, int] = {}
    problems: list[Problem] = []
    for index, cell in enumerate(header_row):
        written = clean(cell)
        if not isinstance(written, str):
            written = None if written is None else str(written)
        if not written:
            continue
        column = sheet.column(written)
        if column is None:
            continue
        if column.key in headers:
            problems.append(_duplicate_column(file, name, written, headers[column.key]))
            continue
        headers[column.key] = written
        positions[column.key] = index
    return headers, positions, problems


def _data_rows(lines: Iterator[Sequence[object]], positions: dict[str, int]) -> Iterator[RawRow]:
    # The header is row 1; blank rows are skipped but still counted, so numbers match the file.
    for number, line in enumerate(lines, start=2):
        values = {key: clean(line[i]) if i < len(line) else None for key, i in positions.items()}
        if any(v is not None for v in values.values()):
            yield RawRow(number, values)


def clean(value: object) -> CellValue:
    """A cell value with strings stripped and blank strings turned into None."""
    if value is None or isinstance(value, int | float | datetime | date):
        return value
    text = str(value).strip()
    return text or None


def _unpacked_size(path: Path) -> int | None:
    """The unpacked size a workbook's zip declares (the zip module holds each member to it);
    None when it is no zip at all (openpyxl then says the file cannot be opened)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None


# Problems found while reading. Messages speak of files and sheets as the clerk sees them.


def _too_large(file: str, sheet: str, size: int, limit: int) -> Problem:
    mb, most = size / 2**20, limit / 2**20
    return Problem(
        file,
        sheet,
        None,
        None,
        "too_large",
        f"文件展开后有 {mb:,.0f} MB，超过上限 {most:,.0f} MB：请按社区分开导入，或检查文件是否异常",
        f"the file unpacks to {mb:,.0f} MB, more than the {most:,.0f} MB allowed: load it "
        "community by community, or check that it is what it should be",
    )


def _too_many_rows(file: str, name: str) -> Problem:
    return Problem(
        file,
        name,
        MAX_ROWS + 2,
        None,
        "too_large",
        f"工作表“{name}”超过 {MAX_ROWS:,} 行：请按社区分开导入",
        f"sheet “{name}” has more than {MAX_ROWS:,} rows: load it community by community",
    )


def _unreadable(path: Path, error: Exception | None = None) -> Problem:
    if not path.exists():
        zh = f"找不到文件或文件夹“{path.name}”"
        en = f"there is no file or folder called “{path.name}”"
    elif path.suffix.lower() == ".xls":
        zh = "这是旧版 Excel 文件（.xls），请在 Excel 中另存为 .xlsx 再导入"
        en = "this is an old Excel file (.xls); save it as .xlsx in Excel and import that"
    elif error is None:
        zh = "只能导入 Excel 工作簿（.xlsx）或存放 CSV 文件的文件夹"
        en = "only an Excel workbook (.xlsx) or a folder of CSV files can be imported"
    elif isinstance(error, OSError):
        zh = "无法读取这个文件，可能没有权限或正被其他程序占用"
        en = "this file cannot be read; it may be locked by another program or not permitted"
    elif path.suffix.lower() == ".csv":
        zh = "无法读取这个 CSV 文件，文件可能已损坏"
        en = "this CSV file cannot be read; it may be damaged"
    else:
        zh = "无法打开这个 Excel 文件，文件可能已损坏或不是 .xlsx 格式"
        en = "this Excel file cannot be opened; it may be damaged or not really an .xlsx file"
    return Problem(path.name, "", None, None, "unreadable", zh, en)


def _bad_encoding(file: Path) -> Problem:
    return Problem(
        file.name,
        file.stem,
        None,
        None,
        "bad_encoding",
        "无法识别文件的文字编码，请另存为“CSV UTF-8”格式",
        "the text encoding of this file is not recognised; save it as “CSV UTF-8”",
    )


def _duplicate_sheet(file: str, name: str, sheet: Sheet, first: RawSheet) -> Problem:
    if first.file == file:
        zh = f"工作表“{name}”与“{first.name}”是同一张表（{sheet.zh}），请只保留一个"
        en = f"sheets “{name}” and “{first.name}” are both the {sheet.key} sheet; keep only one"
    else:
        zh = f"文件“{file}”与“{first.file}”是同一张表（{sheet.zh}），请只保留一个"
        en = f"files “{file}” and “{first.file}” both hold the {sheet.key} sheet; keep only one"
    return Problem(file, name, None, None, "duplicate_sheet", zh, en)


def _duplicate_column(file: str, name: str, written: str, first: str) -> Problem:
    return Problem(
        file,
        name,
        1,
        written,
        "duplicate_column",
        f"表头“{written}”与“{first}”是同一列，请删去其中一列",
        f"header “{written}” names the same column as “{first}”; remove one of them",
    )
