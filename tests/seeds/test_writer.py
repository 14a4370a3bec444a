"""Writing rosters: workbooks and CSV folders that the reader recognises and reads back whole."""

from __future__ import annotations

import csv
import dataclasses
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from seeds import columns
from seeds.columns import SHEETS, sheet_for
from seeds.demo import generate
from seeds.rows import Roster
from seeds.validate import check_roster
from seeds.writer import cell_value, sheet_name, write_csv_folder, write_workbook

TODAY = date(2025, 6, 15)
LANGUAGES = ("zh", "en")


@pytest.fixture(scope="module")
def roster() -> Roster:
    small = generate(seed=4, households=120, today=TODAY)
    # A community this small is all high-rise; give its corridors every housing type.
    kinds = list(columns.HOUSING_TYPES.values)
    corridors = list(dict.fromkeys(g.corridor for g in small.grid))
    kind_of = {c: kinds[i % len(kinds)] for i, c in enumerate(corridors)}
    small.grid = [dataclasses.replace(g, housing_type=kind_of[g.corridor]) for g in small.grid]
    return small


@pytest.fixture(scope="module", params=LANGUAGES)
def workbook(
    request: pytest.FixtureRequest, roster: Roster, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    path = tmp_path_factory.mktemp("xlsx") / "roster.xlsx"
    write_workbook(roster, path, language=request.param)
    return request.param, path


def test_workbook_sheets_and_headers_are_recognised(workbook: tuple[str, Path]) -> None:
    language, path = workbook
    wb = load_workbook(path, read_only=True)
    assert wb.sheetnames == [sheet_name(s, language) for s in SHEETS.values()]
    for name in wb.sheetnames:
        sheet = sheet_for(name)
        assert sheet is not None and name == (sheet.zh if language == "zh" else sheet.key)
        headers = next(wb[name].iter_rows(max_row=1, values_only=True))
        assert [sheet.column(h).key for h in headers] == [c.key for c in sheet.columns]
        if language == "zh":
            assert list(headers) == [c.zh for c in sheet.columns]
    wb.close()


def test_workbook_values_are_in_the_language(workbook: tuple[str, Path], roster: Roster) -> None:
    language, path = workbook
    wb = load_workbook(path)  # not read-only: cell formats are wanted
    residents = wb[sheet_name(SHEETS["residents"], language)]
    header = [c.value for c in residents[1]]
    first = dict(zip(header, (c.value for c in residents[2]), strict=True))
    source = roster.residents[0]
    gender = first["性别" if language == "zh" else "gender"]
    relation = first["与户主关系" if language == "zh" else "relation"]
    if language == "zh":
        assert gender == columns.GENDERS.zh(source.gender)
        assert relation == "户主"
    else:
        assert gender == source.gender
        assert relation == "head"
    phone = header.index("联系电话" if language == "zh" else "phone") + 1
    phones = {c.value for c in residents[get_column_letter(phone)]}
    assert all(isinstance(p, str) for p in phones - {None})  # never numbers: no lost digits

    roles = wb[sheet_name(SHEETS["roles"], language)]
    since = roles.cell(row=2, column=4)
    assert since.is_date and isinstance(since.value, datetime)
    assert since.value.date() == roster.roles[0].since
    wb.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_workbook_reads_back_to_the_same_roster(
    language: str, roster: Roster, tmp_path: Path
) -> None:
    path = tmp_path / "roster.xlsx"
    write_workbook(roster, path, language=language)
    assert check_roster(path, today=TODAY) == (roster, [])


@pytest.mark.parametrize(("language", "encoding"), [("zh", "utf-8-sig"), ("en", "gb18030")])
def test_a_csv_folder_reads_back_to_the_same_roster(
    language: str, encoding: str, roster: Roster, tmp_path: Path
) -> None:
    folder = tmp_path / "roster"
    write_csv_folder(roster, folder, language=language, encoding=encoding)
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(f"{sheet_name(s, language)}.csv" for s in SHEETS.values())
    assert check_roster(folder, today=TODAY) == (roster, [])


def test_csv_files_carry_a_bom_and_iso_dates(roster: Roster, tmp_path: Path) -> None:
    write_csv_folder(roster, tmp_path)
    data = (tmp_path / "职务.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    with (tmp_path / "职务.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == [c.zh for c in SHEETS["roles"].columns]
    assert rows[1][3] == roster.roles[0].since.isoformat()
    assert rows[1][1] == columns.ROLES.zh(roster.roles[0].role)


def test_an_empty_roster_is_headers_only(tmp_path: Path) -> None:
    write_workbook(Roster(), tmp_path / "empty.xlsx", language="en")
    wb = load_workbook(tmp_path / "empty.xlsx", read_only=True)
    for sheet in SHEETS.values():
        rows = list(wb[sheet.key].iter_rows(values_only=True))
        assert rows == [tuple(c.key for c in sheet.columns)]
    wb.close()
    write_csv_folder(Roster(), tmp_path / "csv")
    assert (tmp_path / "csv" / "居民.csv").read_text("utf-8-sig").count("\n") == 1


def test_every_enumerated_value_is_written_in_words_the_reader_accepts() -> None:
    for sheet in SHEETS.values():
        for column in sheet.columns:
            if column.enum is None or column.enum is columns.YES_NO:
                continue
            for canonical in column.enum.values:
                zh = cell_value(column, canonical, "zh")
                assert isinstance(zh, str) and column.enum.parse(zh) == canonical
                assert cell_value(column, canonical, "en") == canonical


def test_cells_that_are_not_plain_text() -> None:
    residents = SHEETS["residents"]
    smartphone = residents.column("smartphone")
    assert [cell_value(smartphone, v, "zh") for v in (True, False, None)] == ["是", "否", None]
    assert [cell_value(smartphone, v, "en") for v in (True, False, None)] == ["yes", "no", None]
    tags = residents.column("tags")
    assert cell_value(tags, ("独居", "高龄"), "zh") == "独居;高龄"
    assert cell_value(tags, (), "zh") is None
    relation = residents.column("relation")
    assert cell_value(relation, "grandchild", "zh") == "孙子女"
    assert cell_value(relation, "儿媳", "en") == "儿媳"  # free text stays as written
    assert cell_value(residents.column("party"), "", "zh") is None
    assert cell_value(SHEETS["people"].column("capacity"), 0, "zh") == 0
    assert cell_value(SHEETS["roles"].column("until"), TODAY, "en") == TODAY


def test_an_unknown_language_is_refused(roster: Roster, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="language"):
        write_workbook(roster, tmp_path / "x.xlsx", language="fr")
    with pytest.raises(ValueError, match="language"):
        write_csv_folder(roster, tmp_path / "x", language="zh-CN")
