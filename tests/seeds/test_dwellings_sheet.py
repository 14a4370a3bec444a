"""The dwellings sheet: exclusive floor areas and owners, checked with their row and column, and
written to the graph as ``Dwelling.exclusiveArea`` and ``(:Person)-[:OWNS]->(:Dwelling)``."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from graph.store.connection import Neo4jTarget
from seeds.cell_values import parse_area
from seeds.load import load_path
from seeds.reader import read_raw
from seeds.rows import DwellingRow
from seeds.validate import check_raw, read_roster
from tests.seeds.rosters import (
    TODAY,
    add_row,
    in_english,
    minimal_valid_sheets,
    write_csv_folder,
    write_xlsx,
)

DWELLINGS = [
    ["楼道", "室号", "专有面积", "业主"],
    ["12-1", "502", 89.52, "R001；R002"],  # co-owners, a full-width separator
    ["12-1", "1201", "64.3㎡", "R003"],
    ["20-1", "101", "132", "O01"],  # let by an owner who lives elsewhere
    ["20-1", "102", "131.75", "O01"],  # ... who owns a vacant one too
    ["12-2", "301", None, None],  # listed, area and owners unknown
]


def with_dwellings(rows: list[list[Any]] | None = None) -> dict[str, list[list[Any]]]:
    sheets = minimal_valid_sheets()
    sheets = add_row(sheets, "人员", {"人员编号": "O01", "姓名": "冯立", "类型": "业主"})
    return {**sheets, "房屋": [list(r) for r in (rows or DWELLINGS)]}


@pytest.mark.parametrize(
    ("typed", "area"),
    [
        (89.52, Decimal("89.52")),
        (132, Decimal("132.00")),
        ("64.3㎡", Decimal("64.30")),
        ("１０２．５ m²", Decimal("102.50")),
        ("88平方米", Decimal("88.00")),
        ("0", None),
        ("-3", None),
        ("89.525", None),  # registered areas have two decimals
        ("约90", None),
        (True, None),
        (1e9, None),
    ],
)
def test_a_floor_area_is_read_as_typed_or_refused(typed: Any, area: Decimal | None) -> None:
    assert parse_area(typed) == area


def test_the_dwellings_sheet_gives_areas_and_owners(tmp_path: Path) -> None:
    roster = read_roster(write_xlsx(tmp_path / "r.xlsx", with_dwellings()), today=TODAY)
    assert roster.dwellings == [
        DwellingRow("12-1", "502", Decimal("89.52"), ("R001", "R002")),
        DwellingRow("12-1", "1201", Decimal("64.30"), ("R003",)),
        DwellingRow("20-1", "101", Decimal("132.00"), ("O01",)),
        DwellingRow("20-1", "102", Decimal("131.75"), ("O01",)),
        DwellingRow("12-2", "301", None, ()),
    ]
    english = read_roster(
        write_csv_folder(tmp_path / "en", in_english(with_dwellings())), today=TODAY
    )
    assert english.dwellings == roster.dwellings


def test_each_wrong_cell_of_the_dwellings_sheet_is_named(tmp_path: Path) -> None:
    rows = [
        DWELLINGS[0],
        ["12-1", "502", "89.525", "R001"],  # row 2: three decimals
        ["99-9", "1", 50, None],  # row 3: no such corridor
        ["12-1", "502", 60, None],  # row 4: listed twice
        ["12-1", "7", 60, "R001;X77"],  # row 5: an owner nobody knows
    ]
    _, problems = check_raw(read_raw(write_xlsx(tmp_path / "r.xlsx", with_dwellings(rows))),
                            today=TODAY)  # fmt: skip
    found = [(p.sheet, p.row, p.column, p.code) for p in problems]
    assert found == [
        ("房屋", 2, "专有面积", "bad_number"),
        ("房屋", 3, "楼道", "unknown_corridor"),
        ("房屋", 4, "室号", "duplicate_id"),
        ("房屋", 5, "业主", "unknown_person"),
    ]
    by_row = {p.row: p for p in problems}
    assert "两位小数" in by_row[2].message_zh and "two decimals" in by_row[2].message_en
    assert "X77" in by_row[5].message_zh and "业主" in by_row[5].message_zh
    assert "people sheet" in by_row[5].message_en


def owned(driver: Driver) -> dict[str, tuple[float | None, list[str]]]:
    records = driver.execute_query(
        "MATCH (d:Dwelling) RETURN d.key AS key, d.exclusiveArea AS area, "
        "COLLECT { MATCH (p:Person)-[:OWNS]->(d) RETURN p.id ORDER BY p.id } AS owners"
    ).records
    return {r["key"].split("/", 1)[1]: (r["area"], r["owners"]) for r in records}


def test_areas_and_owners_are_loaded_kept_and_changed(
    empty_graph: Driver, neo4j_target: Neo4jTarget, tmp_path: Path
) -> None:
    first = load_path(neo4j_target, write_xlsx(tmp_path / "a.xlsx", with_dwellings()), today=TODAY)
    assert first.plan.kinds["dwelling_owners"].created
    graph = owned(empty_graph)
    c = "青松社区"
    assert graph["12-1/502"] == (89.52, [f"{c}/R001", f"{c}/R002"])
    assert graph["20-1/102"] == (131.75, [f"{c}/O01"])  # a vacant dwelling, made by the sheet
    assert graph["12-2/301"] == (None, [])
    assert graph["V1/18号"] == (None, [])  # not on the sheet
    labels = empty_graph.execute_query("MATCH (p:Owner) RETURN p.id AS id").records
    assert [r["id"] for r in labels] == [f"{c}/O01"]

    again = load_path(neo4j_target, write_xlsx(tmp_path / "b.xlsx", with_dwellings()), today=TODAY)
    assert (again.plan.created, again.plan.changed) == (0, 0)

    # A sale: 502 passes to R002 alone and is re-measured; 1201 leaves the sheet and keeps
    # what it had.
    rows = [DWELLINGS[0], ["12-1", "502", "89.50", "R002"], *DWELLINGS[3:]]
    changed = load_path(neo4j_target, write_xlsx(tmp_path / "c.xlsx", with_dwellings(rows)),
                        today=TODAY)  # fmt: skip
    assert len(changed.plan.kinds["dwelling_owners"].changed) == 1
    graph = owned(empty_graph)
    assert graph["12-1/502"] == (89.5, [f"{c}/R002"])
    assert graph["12-1/1201"] == (64.3, [f"{c}/R003"])
