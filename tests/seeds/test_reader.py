"""Reading raw sheets: workbooks and CSV folders, names and headers in either language."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from seeds.reader import RawRoster, clean, read_raw
from tests.seeds.rosters import (
    add_row,
    in_english,
    minimal_valid_sheets,
    shuffle_columns,
    write_csv_folder,
    write_xlsx,
)

GRID_ZH = ["小区", "微网格", "责任块", "楼道", "楼栋", "房屋类型"]
GRID_ROW = ["P1", "P1-G1", "P1-B1", "12-1", "12", "高层"]
GRID_VALUES = dict(zip(["area", "micro_grid", "block", "corridor", "building", "housing_type"],
                       GRID_ROW, strict=True))  # fmt: skip


def codes(raw: RawRoster) -> list[str]:
    return [p.code for p in raw.problems]


def test_workbook_sheets_are_found_by_chinese_or_english_name(tmp_path: Path) -> None:
    sheets = in_english(minimal_valid_sheets())
    sheets["网格"] = sheets.pop("grid")
    raw = read_raw(write_xlsx(tmp_path / "花名册.xlsx", sheets))
    assert raw.problems == []
    assert raw.file == "花名册.xlsx"
    assert not raw.folder
    assert set(raw.sheets) == {"grid", "residents", "people", "roles", "helpers", "visits"}
    assert raw.sheets["grid"].name == "网格"
    assert raw.sheets["residents"].name == "residents"
    assert raw.sheets["residents"].file == "花名册.xlsx"


def test_unknown_sheets_and_columns_are_ignored(tmp_path: Path) -> None:
    sheets = {
        "说明 (README)": [["anything"], ["at all"]],
        "网格": [["备注", *GRID_ZH, "extra"], ["x", *GRID_ROW, "y"]],
    }
    raw = read_raw(write_xlsx(tmp_path / "r.xlsx", sheets))
    assert raw.problems == []
    assert list(raw.sheets) == ["grid"]
    assert raw.found == ("说明 (README)", "网格")
    grid = raw.sheets["grid"]
    assert grid.headers == dict(zip(GRID_VALUES, GRID_ZH, strict=True))
    assert grid.rows[0].values == GRID_VALUES


def test_headers_map_in_any_language_case_and_order(tmp_path: Path) -> None:
    headers = ["Housing Type", "楼栋", "CORRIDOR", "block", "微网格", "area"]
    row = ["高层", "12", "12-1", "P1-B1", "P1-G1", "P1"]
    raw = read_raw(write_xlsx(tmp_path / "r.xlsx", {"grid": [headers, row]}))
    grid = raw.sheets["grid"]
    assert grid.headers["housing_type"] == "Housing Type"
    assert grid.headers["corridor"] == "CORRIDOR"
    assert grid.header("corridor") == "CORRIDOR"
    assert grid.rows[0].values == GRID_VALUES


def test_row_numbers_skip_blank_rows_but_stay_true_to_the_file(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "网格"
    ws.append(GRID_ZH)
    ws.append(GRID_ROW)  # row 2
    ws.append([])  # row 3: no cells at all
    ws.append(["  ", None, "\u3000"])  # row 4: only whitespace
    ws.append(GRID_ROW)  # row 5
    ws.cell(row=9, column=4, value="V1")  # row 9, after rows missing from the file
    wb.save(tmp_path / "r.xlsx")
    rows = read_raw(tmp_path / "r.xlsx").sheets["grid"].rows
    assert [r.number for r in rows] == [2, 5, 9]
    assert rows[2].values["corridor"] == "V1"
    assert rows[2].values["area"] is None


def test_cells_keep_their_excel_types_and_strings_are_stripped(tmp_path: Path) -> None:
    headers = ["居民编号", "出生年份", "姓名", "室号"]
    sheets = {"居民": [headers, [12, 1948.0, "  王秀英\u3000", 502.0]]}
    sheets["走访"] = [["日期", "备注"], [datetime(2026, 3, 1), " 好 "]]
    raw = read_raw(write_xlsx(tmp_path / "r.xlsx", sheets))
    resident = raw.sheets["residents"].rows[0].values
    assert resident == {"resident_id": 12, "birth_year": 1948, "name": "王秀英", "room": 502}
    assert isinstance(resident["birth_year"], int | float)
    visit = raw.sheets["visits"].rows[0].values
    assert visit == {"date": datetime(2026, 3, 1), "note": "好"}


def test_empty_sheet_has_no_headers_and_no_rows(tmp_path: Path) -> None:
    raw = read_raw(write_xlsx(tmp_path / "r.xlsx", {"网格": []}))
    assert raw.sheets["grid"].headers == {}
    assert raw.sheets["grid"].rows == ()
    assert raw.sheets["grid"].header("corridor") == "corridor"


def test_two_tabs_for_one_sheet(tmp_path: Path) -> None:
    sheets = {"网格": [GRID_ZH, GRID_ROW], "grid": [GRID_ZH, GRID_ROW]}
    raw = read_raw(write_xlsx(tmp_path / "r.xlsx", sheets))
    assert codes(raw) == ["duplicate_sheet"]
    problem = raw.problems[0]
    assert (problem.file, problem.sheet, problem.row) == ("r.xlsx", "grid", None)
    assert raw.sheets["grid"].name == "网格"


def test_two_headers_for_one_column(tmp_path: Path) -> None:
    sheets = {"网格": [[*GRID_ZH, "corridor"], [*GRID_ROW, "other"]]}
    raw = read_raw(write_xlsx(tmp_path / "r.xlsx", sheets))
    assert codes(raw) == ["duplicate_column"]
    assert (raw.problems[0].row, raw.problems[0].column) == (1, "corridor")
    assert raw.sheets["grid"].rows[0].values["corridor"] == "12-1"  # the first one wins


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    sheets = minimal_valid_sheets()
    raw = read_raw(write_csv_folder(tmp_path / "roster", sheets, encoding=encoding))
    assert raw.problems == []
    assert raw.folder
    residents = raw.sheets["residents"]
    assert residents.file == "居民.csv"
    assert residents.name == "居民"
    assert residents.headers["resident_id"] == "居民编号"  # no BOM glued to the first header
    assert residents.rows[0].values["name"] == "王秀英"
    assert residents.rows[0].values["birth_year"] == "1938"
    assert residents.rows[1].values["phone"] is None


def test_csv_files_named_in_english_and_others_ignored(tmp_path: Path) -> None:
    folder = write_csv_folder(tmp_path / "roster", in_english(minimal_valid_sheets()))
    (folder / "notes.txt").write_text("not a sheet", encoding="utf-8")
    (folder / "备注.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    raw = read_raw(folder)
    assert raw.problems == []
    assert raw.sheets["grid"].file == "grid.csv"
    assert "备注.csv" in raw.found


def test_csv_row_numbers_count_records_not_lines(tmp_path: Path) -> None:
    # A quoted note spanning two lines is still one row in Excel.
    sheets = {"走访": [["日期", "走访人", "对象", "方式", "备注"]]}
    sheets = add_row(sheets, "走访", {"日期": "2026-01-01", "备注": "第一行\n第二行"})
    sheets["走访"].append([None] * 5)
    sheets = add_row(sheets, "走访", {"日期": "2026-01-02"})
    raw = read_raw(write_csv_folder(tmp_path / "roster", sheets))
    rows = raw.sheets["visits"].rows
    assert [r.number for r in rows] == [2, 4]
    assert rows[0].values["note"] == "第一行\n第二行"


def test_csv_undecodable_file(tmp_path: Path) -> None:
    folder = tmp_path / "roster"
    folder.mkdir()
    (folder / "网格.csv").write_bytes("小区,楼道\n".encode("utf-16"))
    raw = read_raw(folder)
    assert codes(raw) == ["bad_encoding"]
    assert (raw.problems[0].file, raw.problems[0].sheet) == ("网格.csv", "网格")
    assert "grid" not in raw.sheets


def test_csv_sheet_given_twice(tmp_path: Path) -> None:
    folder = write_csv_folder(tmp_path / "roster", {"网格": [GRID_ZH, GRID_ROW]})
    write_csv_folder(folder, {"grid": [GRID_ZH, GRID_ROW]})
    raw = read_raw(folder)
    assert codes(raw) == ["duplicate_sheet"]
    # Files are read in name order, so grid.csv comes first and 网格.csv is the repeat.
    assert raw.problems[0].file == "网格.csv"
    assert "grid.csv" in raw.problems[0].message_zh


def test_shuffled_csv_reads_the_same_values(tmp_path: Path) -> None:
    sheets = minimal_valid_sheets()
    plain = read_raw(write_csv_folder(tmp_path / "a", sheets))
    shuffled = read_raw(write_csv_folder(tmp_path / "b", shuffle_columns(sheets, seed=3)))
    for key, sheet in plain.sheets.items():
        assert [r.values for r in sheet.rows] == [r.values for r in shuffled.sheets[key].rows]


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("nothing.xlsx", None, "找不到"),
        ("old.xls", b"\xd0\xcf\x11\xe0", ".xls"),
        ("fake.xlsx", b"just text", "无法打开"),
        ("roster.txt", b"text", ".xlsx"),
    ],
)
def test_unreadable_files(tmp_path: Path, name: str, content: bytes | None, words: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    raw = read_raw(path)
    assert codes(raw) == ["unreadable"]
    assert raw.problems[0].file == name
    assert words in raw.problems[0].message_zh
    assert raw.problems[0].message_en
    assert raw.sheets == {}


def test_clean() -> None:
    assert clean("  a b  ") == "a b"
    assert clean(" \u3000 ") is None
    assert clean("") is None
    assert clean(12) == 12
    assert clean(1.5) == 1.5
    assert clean(None) is None
