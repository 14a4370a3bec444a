"""A roster cannot make the loader use unbounded memory, and every text is within its limit and
free of control characters: refused with the file, sheet, row and column, in both languages."""

from __future__ import annotations

import resource
import zipfile
from pathlib import Path

import pytest

from seeds import reader
from seeds.rows import Problem, RosterError
from seeds.validate import read_roster
from tests.seeds.rosters import (
    TODAY,
    minimal_valid_sheets,
    set_cell,
    write_csv_folder,
    write_xlsx,
)


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(RosterError) as raised:
        read_roster(path, today=TODAY)
    return raised.value.problems


def bomb(path: Path, unpacked_mb: int) -> Path:
    """A valid workbook with one extra member that unpacks to ``unpacked_mb`` megabytes of the
    same bytes (a zip of a few hundred kilobytes)."""
    write_xlsx(path, minimal_valid_sheets())
    chunk = b"<x/>" * 262_144  # 1 MB
    with (
        zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/padding.xml", "w", force_zip64=True) as member,
    ):
        for _ in range(unpacked_mb):
            member.write(chunk)
    return path


def test_a_workbook_that_unpacks_beyond_the_limit_is_refused_unopened(tmp_path: Path) -> None:
    path = bomb(tmp_path / "bomb.xlsx", unpacked_mb=reader.MAX_UNPACKED_BYTES // 2**20 + 10)
    assert path.stat().st_size < 2 * 2**20
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    [problem] = problems_of(path)
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert problem.code == "too_large" and problem.file == "bomb.xlsx"
    assert "MB" in problem.message_zh and "MB" in problem.message_en
    assert grown_kb < 50_000  # nothing was unpacked


def test_a_workbook_within_the_limit_loads(tmp_path: Path) -> None:
    read_roster(bomb(tmp_path / "fine.xlsx", unpacked_mb=5), today=TODAY)


def test_too_many_rows_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "MAX_ROWS", 3)
    path = write_xlsx(tmp_path / "r.xlsx", minimal_valid_sheets())
    codes = {(p.code, p.sheet) for p in problems_of(path)}
    assert ("too_large", "居民") in codes


def test_a_csv_file_beyond_the_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reader, "MAX_CSV_BYTES", 100)
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "grid.csv").write_text("area,micro_grid\n" + "P1,G1\n" * 50, encoding="utf-8")
    assert [p.code for p in reader.read_raw(folder).problems] == ["too_large"]


@pytest.mark.parametrize(
    ("column", "value", "code"),
    [
        ("姓名", "王" * 100_000, "too_long"),
        ("姓名", "王" * 51, "too_long"),
        ("联系电话", "1" * 31, "too_long"),
        ("姓名", "王\x00秀英", "control_character"),
        ("姓名", "王\x1b[31m秀英", "control_character"),
        ("姓名", "王\u202e英秀", "control_character"),
        ("标签", "独居;" + "很" * 21, "too_long"),
    ],
    ids=["100k name", "51 chars", "long phone", "NUL", "ANSI escape", "bidi override", "tag"],
)
def test_an_over_long_or_unsafe_text_names_its_cell(
    tmp_path: Path, column: str, value: str, code: str
) -> None:
    sheets = set_cell(minimal_valid_sheets(), "居民", 2, column, value)
    # An Excel sheet cannot hold C0 controls at all (XML forbids them); CSV files can.
    csv = code == "control_character" and value.isprintable() is False and "\u202e" not in value
    if csv:
        path = write_csv_folder(tmp_path / "csv", sheets)
    else:
        path = write_xlsx(tmp_path / "r.xlsx", sheets)
    [problem] = problems_of(path)
    sheet = "居民" if not csv else problem.sheet
    assert (problem.code, problem.sheet, problem.row, problem.column) == (code, sheet, 2, column)
    assert problem.message_zh and problem.message_en
    assert value not in problem.message_zh + problem.message_en


def test_a_note_may_hold_line_breaks(tmp_path: Path) -> None:
    sheets = set_cell(minimal_valid_sheets(), "走访", 2, "备注", "身体尚可\n下次带药")
    roster = read_roster(write_xlsx(tmp_path / "r.xlsx", sheets), today=TODAY)
    assert roster.visits[0].note == "身体尚可\n下次带药"
