"""Loading rosters into a real Neo4j: exact, repeatable, all or nothing."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from neo4j import Driver

from graph.names import name_keys
from graph.store.connection import Neo4jTarget
from seeds.load import UNNAMED_COMMUNITY, load_path
from seeds.rows import RosterError
from tests.seeds.rosters import (
    TODAY,
    add_row,
    drop_column,
    minimal_valid_sheets,
    set_cell,
    write_csv_folder,
    write_xlsx,
)
from tests.support.graph_counts import label_counts, snapshot, type_counts

C = UNNAMED_COMMUNITY  # the minimal roster names no community: the code rosters had before


def load(target: Neo4jTarget, path: Path, **kwargs: bool):  # type: ignore[no-untyped-def]
    return load_path(target, path, today=TODAY, **kwargs)


def test_minimal_roster_becomes_the_graph_it_describes(
    empty_graph: Driver, neo4j_target: Neo4jTarget, tmp_path: Path
) -> None:
    report = load(neo4j_target, write_xlsx(tmp_path / "r.xlsx", minimal_valid_sheets()))
    assert report.plan.changed == 0
    assert label_counts(empty_graph) == {
        "Area": 1 + 1 + 2 + 3 + 4,
        "Community": 1,
        "ResidentialArea": 1,
        "MicroGrid": 2,
        "Block": 3,
        "Corridor": 4,
        "Building": 4,  # corridors 12-1 and 12-2 share building 12
        "Dwelling": 5,
        "Household": 5,
        "Person": 13,
        "Resident": 10,
        "Doctor": 1,
        "GridWorker": 1,
        "Volunteer": 1,
        "Organisation": 2,
        **({"PartyMember": n, "PartyBranch": 1} if (n := party_members(empty_graph)) else {}),
    }
    types = type_counts(empty_graph)
    assert types["PART_OF"] == 1 + 2 + 3 + 4 + (1 if party_members(empty_graph) else 0)
    assert types["IN_BUILDING"] == 5
    assert types["IN"] == 5 and types["LIVES_IN"] == 5 and types["MEMBER_OF"] == 10
    assert types["SERVES"] == 7 and types["HELPS"] == 4 and types["VISITED"] == 3
    region = empty_graph.execute_query(
        "MATCH (c:Corridor {code: '青松社区/V1'}) RETURN c.kind AS k"
    )
    assert region.records[0]["k"] == "region"


def party_members(driver: Driver) -> int:
    return driver.execute_query("MATCH (p:PartyMember) RETURN count(p) AS n").records[0]["n"]


def test_loading_twice_changes_nothing_and_says_so(
    empty_graph: Driver, neo4j_target: Neo4jTarget, tmp_path: Path
) -> None:
    path = write_xlsx(tmp_path / "r.xlsx", minimal_valid_sheets())
    load(neo4j_target, path)
    before = snapshot(empty_graph)
    again = load(neo4j_target, path)
    assert (again.plan.created, again.plan.changed) == (0, 0)
    assert again.headline.startswith("0 created, 0 changed")
    assert snapshot(empty_graph) == before
    # The same roster as a GBK CSV folder with English headers is the same graph.
    csv = write_csv_folder(tmp_path / "csv", minimal_valid_sheets(), encoding="gbk")
    assert (load(neo4j_target, csv).plan.created, load(neo4j_target, csv).plan.changed) == (0, 0)


def test_a_load_gives_names_keyed_by_older_rules_their_new_keys(
    empty_graph: Driver, neo4j_target: Neo4jTarget, tmp_path: Path
) -> None:
    path = write_xlsx(tmp_path / "r.xlsx", minimal_valid_sheets())
    load(neo4j_target, path)
    names = "MATCH (p:Person) RETURN p.id AS id, p.name AS name, p.nameKeys AS keys ORDER BY id"
    keyed = empty_graph.execute_query(names).records
    assert keyed and all(r["keys"] == name_keys(r["name"]) for r in keyed)
    empty_graph.execute_query("MATCH (p:Person) SET p.nameKeys = ['wgy']")  # older rules
    again = load(neo4j_target, path).plan
    assert (again.created, again.changed) == (0, 0)  # keys are no roster change
    assert [r["keys"] for r in empty_graph.execute_query(names).records] == [
        r["keys"] for r in keyed
    ]


def test_a_newer_roster_updates_what_changed_and_reports_who_left(
    empty_graph: Driver, neo4j_target: Neo4jTarget, tmp_path: Path
) -> None:
    load(neo4j_target, write_xlsx(tmp_path / "old.xlsx", minimal_valid_sheets()))
    newer = set_cell(minimal_valid_sheets(), "居民", 2, "行动能力", "失能")
    newer = add_row(newer, "走访", {"日期": "2026-02-20", "走访人": "V01", "对象": "R001",
                                     "方式": "微信"})  # fmt: skip
    newer = remove_row(newer, "结对", 3)  # V01 stops helping R003
    report = load(neo4j_target, write_xlsx(tmp_path / "new.xlsx", newer))
    assert len(report.plan.kinds["residents"].changed) == 1
    assert len(report.plan.kinds["visits"].created) == 1
    gone = (f"{C}/V01", f"{C}/R003", "volunteer", date(2025, 6, 1))
    assert report.plan.kinds["helpers"].missing == [gone]  # an unnamed roster: the legacy code
    assert any("no longer in the roster" in line for line in report.lines())
    helps = f"MATCH (:Person {{id:'{C}/V01'}})-[h:HELPS]->(:Resident {{id:'{C}/R003'}})"
    helps += " RETURN h.until AS u"
    assert [r["u"] for r in empty_graph.execute_query(helps).records] == [None]  # kept

    pruned = load(neo4j_target, write_xlsx(tmp_path / "new.xlsx", newer), prune=True)
    assert pruned.pruned
    # Ended on the load day: until (inclusive) is the day before, so it no longer counts today.
    ended = [r["u"].to_native() for r in empty_graph.execute_query(helps).records]
    assert ended == [TODAY - timedelta(days=1)]


def remove_row(sheets: dict[str, list[list[object]]], sheet: str, row: int) -> dict:  # type: ignore[type-arg]
    copy = {k: [list(r) for r in v] for k, v in sheets.items()}
    del copy[sheet][row - 1]
    return copy


def test_dry_run_plans_but_writes_nothing(
    empty_graph: Driver, neo4j_target: Neo4jTarget, tmp_path: Path
) -> None:
    report = load(neo4j_target, write_xlsx(tmp_path / "r.xlsx", minimal_valid_sheets()),
                  dry_run=True)  # fmt: skip
    assert report.plan.created > 0
    assert label_counts(empty_graph) == {}


@pytest.mark.parametrize(
    "broken",
    [
        lambda s: set_cell(s, "居民", 3, "出生年份", 1848),
        lambda s: set_cell(s, "职务", 2, "范围", "Z9"),
        lambda s: drop_column(s, "居民", "户号"),
        lambda s: set_cell(s, "结对", 2, "结束", "2019-01-01"),
    ],
    ids=["impossible birth year", "unknown scope", "missing column", "until before since"],
)
def test_a_broken_roster_is_refused_and_the_graph_is_unchanged(
    broken,
    empty_graph: Driver,
    neo4j_target: Neo4jTarget,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    load(neo4j_target, write_xlsx(tmp_path / "good.xlsx", minimal_valid_sheets()))
    before = snapshot(empty_graph)
    changed = set_cell(minimal_valid_sheets(), "居民", 2, "姓名", "改名")
    with pytest.raises(RosterError) as refused:
        load(neo4j_target, write_xlsx(tmp_path / "bad.xlsx", broken(changed)))
    assert refused.value.problems
    assert all(p.file == "bad.xlsx" and p.message_zh and p.message_en
               for p in refused.value.problems)  # fmt: skip
    assert snapshot(empty_graph) == before
