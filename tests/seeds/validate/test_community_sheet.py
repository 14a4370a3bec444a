"""The community sheet and ``--community``: a roster names its community once; its own codes
hold no ``/`` (the graph adds the community), except people its street or district shares."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from seeds.rows import CommunityRow
from seeds.validate import check_roster
from tests.seeds.rosters import TODAY, Sheets, minimal_valid_sheets, set_cell, write_xlsx

HEADER = ["社区编号", "社区名称", "街道编号", "街道名称", "区编号", "区名称"]
QS = ["QS", "青松社区", "XY", "夏阳街道", "QP", "青浦区"]


def with_sheet(*rows: list[Any]) -> Sheets:
    return {"社区": [HEADER, *rows], **minimal_valid_sheets()}


def problems(tmp_path: Path, sheets: Sheets, **options: Any) -> list[tuple[str, str, int | None]]:
    _, found = check_roster(write_xlsx(tmp_path / "r.xlsx", sheets), today=TODAY, **options)
    return [(p.code, p.sheet, p.row) for p in found]


def test_the_sheet_names_the_community_its_street_and_district(tmp_path: Path) -> None:
    roster, found = check_roster(write_xlsx(tmp_path / "r.xlsx", with_sheet(QS)), today=TODAY)
    assert found == [] and roster is not None
    assert roster.community == "QS"
    assert roster.where == CommunityRow(*QS)
    # The option may name it instead, and must agree with the sheet when both do.
    alone, found = check_roster(
        write_xlsx(tmp_path / "b.xlsx", minimal_valid_sheets()), today=TODAY, community="WB"
    )
    assert found == [] and alone is not None and alone.community == "WB"
    assert problems(tmp_path, with_sheet(QS), community="WB") == [("community_mismatch", "社区", 2)]
    unnamed, _ = check_roster(write_xlsx(tmp_path / "c.xlsx", minimal_valid_sheets()), today=TODAY)
    assert unnamed is not None and unnamed.community == ""  # the loader decides (its only one)


def test_one_row_and_well_formed_codes(tmp_path: Path) -> None:
    assert problems(tmp_path, with_sheet(QS, QS)) == [("community_rows", "社区", None)]
    assert problems(tmp_path, with_sheet(["Q/S", "", "", "", "", ""])) == [("bad_code", "社区", 2)]
    assert problems(tmp_path, with_sheet(["QS", "", "", "", "QP", ""])) == [("required", "社区", 2)]
    assert problems(tmp_path, with_sheet(["QS", "", "QS", "", "", ""])) == [("bad_code", "社区", 2)]


def test_own_codes_hold_no_slash_but_shared_people_do(tmp_path: Path) -> None:
    slash = set_cell(with_sheet(QS), "网格", 2, "楼道", "12/1")
    assert ("bad_code", "网格", 2) in problems(tmp_path, slash)
    taken = set_cell(with_sheet(QS), "网格", 2, "小区", "XY")  # the street's own code
    assert ("bad_code", "网格", 2) in problems(tmp_path, taken)
    # The street's doctor, XY/D01, in the people sheet and wherever the roster names them.
    shared = {
        name: [["XY/D01" if cell == "D01" else cell for cell in row] for row in rows]
        for name, rows in with_sheet(QS).items()
    }
    roster, found = check_roster(write_xlsx(tmp_path / "s.xlsx", shared), today=TODAY)
    assert found == [] and roster is not None
    assert "XY/D01" in {p.person_id for p in roster.people}
    # Another street's person is not this roster's to name.
    other = set_cell(shared, "人员", 2, "人员编号", "ZZ/D01")
    assert ("bad_code", "人员", 2) in problems(tmp_path, other)
