"""One rule for "ended on the load day": the tie ends the day before (``until`` is inclusive),
a tie that had not started is withdrawn, and no interval ever ends before it starts. The same
for `--prune` and for a household that moves between two rosters. Real Neo4j."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from neo4j import Driver

from graph.store.connection import Neo4jTarget
from seeds.load import load_path
from tests.seeds.rosters import TODAY, add_row, minimal_valid_sheets, set_cell, write_xlsx
from tests.seeds.test_load import remove_row

YESTERDAY = TODAY - timedelta(days=1)
FUTURE = {"人员编号": "R004", "职务": "第二楼组长", "范围": "12-2", "开始": "2026-06-01"}


def until_of(driver: Driver, query: str) -> list[date | None]:
    return [r["u"].to_native() if r["u"] else None for r in driver.execute_query(query).records]


def test_prune_and_moves_end_ties_the_day_before(
    empty_graph: Driver, neo4j_target: Neo4jTarget, tmp_path: Path
) -> None:
    first = add_row(minimal_valid_sheets(), "职务", FUTURE)
    load_path(neo4j_target, write_xlsx(tmp_path / "a.xlsx", first), today=TODAY)
    later = remove_row(first, "职务", len(first["职务"]))  # the role that has not started
    later = remove_row(later, "职务", 2)  # R003, first floor chief of 12-1 since 2023
    later = set_cell(later, "居民", 4, "室号", "1202")  # R003's household moves upstairs
    load_path(neo4j_target, write_xlsx(tmp_path / "b.xlsx", later), today=TODAY, prune=True)

    ended = until_of(
        empty_graph,
        "MATCH (:Person {id: '青松社区/R003'})-[s:SERVES {role: 'first_floor_chief'}]->() "
        "RETURN s.until AS u",
    )
    assert ended == [YESTERDAY]
    withdrawn = (
        "MATCH (:Person {id: '青松社区/R004'})-[s:SERVES {role: 'second_floor_chief'}]->() RETURN s"
    )
    assert empty_graph.execute_query(withdrawn).records == []
    homes = empty_graph.execute_query(
        "MATCH (:Household {id: '青松社区/H02'})-[l:LIVES_IN]->(d) RETURN d.room AS room, "
        "l.since AS since, l.until AS until ORDER BY room"
    ).records
    assert [(r["room"], r["since"], r["until"]) for r in homes] == [
        ("1201", None, YESTERDAY),
        ("1202", TODAY, None),
    ]
    impossible = empty_graph.execute_query(
        "MATCH ()-[t]->() WHERE t.until < t.since RETURN count(t) AS n"
    ).records[0]["n"]
    assert impossible == 0
    # What the prune closed is not reported as missing again; the rest of the graph is unchanged.
    again = load_path(
        neo4j_target, write_xlsx(tmp_path / "c.xlsx", later), today=TODAY, dry_run=True
    ).plan
    assert (again.created, again.changed, again.missing) == (0, 0, 0)
