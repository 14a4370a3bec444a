"""The empty roster template: readable as a valid empty roster, and kept up to date."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

import seeds
from seeds.columns import SHEETS
from seeds.template import README_SHEET, header_comment, main, write_template
from seeds.validate import check_roster, read_roster
from tests.seeds.rosters import MINIMAL_COUNTS, TODAY, minimal_valid_sheets

SHIPPED = Path(seeds.__file__).parent / "templates" / "roster-template.xlsx"


def contents(path: Path) -> dict[str, Any]:
    """What a clerk sees in a template: sheets, cells, header comments and dropdowns."""
    wb = load_workbook(path)
    seen: dict[str, Any] = {}
    for ws in wb.worksheets:
        seen[ws.title] = {
            "cells": [list(r) for r in ws.iter_rows(values_only=True)],
            "comments": [c.comment.text if c.comment else None for c in ws[1]],
            "dropdowns": sorted(str(dv.sqref) for dv in ws.data_validations.dataValidation),
        }
    return seen


def test_template_reads_as_an_empty_valid_roster(tmp_path: Path) -> None:
    path = write_template(tmp_path / "t.xlsx")
    roster, problems = check_roster(path, today=TODAY)
    assert problems == []
    assert roster is not None
    assert roster.counts() == dict.fromkeys(MINIMAL_COUNTS, 0)


def test_template_layout(tmp_path: Path) -> None:
    wb = load_workbook(write_template(tmp_path / "t.xlsx"))
    assert wb.sheetnames == [README_SHEET, *(s.zh for s in SHEETS.values())]
    for sheet in SHEETS.values():
        ws = wb[sheet.zh]
        assert [c.value for c in ws[1]] == [c.zh for c in sheet.columns]
        assert ws.max_row == 1
        for cell, column in zip(ws[1], sheet.columns, strict=True):
            assert cell.comment is not None
            assert cell.comment.text == header_comment(column)
            assert column.key in cell.comment.text
            if column.enum is not None:
                assert column.enum.choices() in cell.comment.text
    residents = wb["居民"]
    assert residents.column_dimensions["A"].number_format == "@"  # 0012 keeps its zeros
    readme = "\n".join(str(v) for row in wb[README_SHEET].iter_rows(values_only=True) for v in row)
    assert "English" in readme
    assert "2026年3月1日" in readme
    assert "GBK" in readme


def test_comments_explain_dates_and_required_columns() -> None:
    since = SHEETS["roles"].column("since")
    until = SHEETS["roles"].column("until")
    assert since is not None and until is not None
    assert "必填 / required" in header_comment(since)
    assert "可空 / optional" in header_comment(until)
    assert "2026/3/1" in header_comment(since)


def test_filled_in_template_reads_back(tmp_path: Path) -> None:
    # A clerk fills in the shipped template in Excel, README sheet and dropdowns included.
    wb = load_workbook(write_template(tmp_path / "t.xlsx"))
    for name, rows in minimal_valid_sheets().items():
        ws = wb[name]
        assert [c.value for c in ws[1]] == rows[0]
        for row in rows[1:]:
            ws.append(row)
    wb.save(tmp_path / "filled.xlsx")
    roster = read_roster(tmp_path / "filled.xlsx", today=TODAY)
    assert roster.counts() == MINIMAL_COUNTS


def test_shipped_template_is_up_to_date(tmp_path: Path) -> None:
    # Regenerate with: python -m seeds.template seeds/templates/roster-template.xlsx
    assert SHIPPED.is_file()
    assert contents(SHIPPED) == contents(write_template(tmp_path / "fresh.xlsx"))
    roster, problems = check_roster(SHIPPED, today=TODAY)
    assert problems == []
    assert roster is not None


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sub" / "template.xlsx"
    assert main([str(out)]) == 0
    assert out.is_file()
    assert capsys.readouterr().out.strip() == str(out)
    assert main([]) == 2
    assert "usage" in capsys.readouterr().err
