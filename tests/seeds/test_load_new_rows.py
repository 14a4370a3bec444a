"""What a load writes without MERGE, and what keeps that exact.

Residents it takes for new are written by CREATE: a resident's node may already be in the graph
as another kind of person, and another writer may create a node the load planned to create;
either way the load must end with one node per id. Roles are found by expanding from the person
and the area (not by MERGE): a role whose end changes is the same relationship, updated.
"""

from __future__ import annotations

import copy
from pathlib import Path

from neo4j import Driver

from graph.identity import ref
from graph.store.connection import Neo4jTarget
from seeds.load import UNNAMED_COMMUNITY, load_path
from tests.seeds.rosters import TODAY, add_row, minimal_valid_sheets, set_cell, write_xlsx

C = UNNAMED_COMMUNITY

PERSON = """
    MATCH (p:Person {id: $id})
    OPTIONAL MATCH (p)-[:MEMBER_OF]->(h:Household)
    RETURN labels(p) AS labels, p.name AS name, collect(h.id) AS households"""


def _person(driver: Driver, local_id: str) -> list[dict[str, object]]:
    records, _, _ = driver.execute_query(PERSON, id=ref(C, local_id))
    return [dict(r) for r in records]


def test_a_volunteer_who_moves_in_becomes_a_resident_on_the_same_node(
    empty_graph: Driver, neo4j_target: Neo4jTarget, tmp_path: Path
) -> None:
    load_path(neo4j_target, write_xlsx(tmp_path / "a.xlsx", minimal_valid_sheets()), today=TODAY)
    sheets = copy.deepcopy(minimal_valid_sheets())
    sheets["人员"] = [row for row in sheets["人员"] if row[0] != "V01"]
    sheets = add_row(
        sheets,
        "居民",
        {"居民编号": "V01", "姓名": "郑洁", "性别": "女", "出生年份": 1990, "户号": "H04",
         "与户主关系": "女儿", "楼道": "20-1", "室号": "101"},
    )  # fmt: skip
    report = load_path(neo4j_target, write_xlsx(tmp_path / "b.xlsx", sheets), today=TODAY)
    assert len(report.plan.kinds["residents"].created) == 1
    assert report.plan.kinds["residents"].new == []  # its node is there: merged, not created
    [volunteer] = _person(empty_graph, "V01")  # one node (a second CREATE would have failed)
    assert "Resident" in volunteer["labels"]
    assert volunteer["households"] == [ref(C, "H04")]


class _WriterMeanwhile:
    """Steps that, once the load has planned, create one of its residents from elsewhere."""

    def __init__(self, driver: Driver) -> None:
        self.driver = driver
        self.writing = 0

    def step(self, name: str, total: int = 0) -> None:
        if name != "writing":
            return
        self.writing += 1
        if self.writing == 1:
            self.driver.execute_query(
                "CREATE (:Person:Resident {id: $id, name: '别处新建'})", id=ref(C, "R003")
            )

    def __call__(self, n: int) -> None:
        pass


def test_a_resident_created_by_another_writer_meanwhile_makes_the_load_plan_again(
    empty_graph: Driver, neo4j_target: Neo4jTarget, tmp_path: Path
) -> None:
    steps = _WriterMeanwhile(empty_graph)
    path = write_xlsx(tmp_path / "r.xlsx", minimal_valid_sheets())
    report = load_path(neo4j_target, path, today=TODAY, steps=steps)
    assert steps.writing == 2  # the first plan's CREATE failed; the second saw the node
    assert len(report.plan.kinds["residents"].changed) == 1
    assert _person(empty_graph, "R003") == [
        {
            "labels": ["Person", "Resident", "PartyMember"],  # 退休 party member, in the roster
            "name": "张桂兰",
            "households": [ref(C, "H02")],
        }
    ]
    records, _, _ = empty_graph.execute_query("MATCH (p:Resident) RETURN count(p) AS n")
    assert records[0]["n"] == 10


def test_a_role_whose_end_changes_is_updated_not_doubled(
    empty_graph: Driver, neo4j_target: Neo4jTarget, tmp_path: Path
) -> None:
    load_path(neo4j_target, write_xlsx(tmp_path / "a.xlsx", minimal_valid_sheets()), today=TODAY)
    ended = set_cell(minimal_valid_sheets(), "职务", 2, "结束", "2026-02-01")  # R003, 12-1
    report = load_path(neo4j_target, write_xlsx(tmp_path / "b.xlsx", ended), today=TODAY)
    assert (len(report.plan.kinds["roles"].changed), report.plan.kinds["roles"].created) == (1, [])
    records, _, _ = empty_graph.execute_query(
        "MATCH (:Person {id: $p})-[s:SERVES]->(:Area {code: $a}) RETURN s.until AS until",
        p=ref(C, "R003"),
        a=ref(C, "12-1"),
    )
    assert [str(r["until"]) for r in records] == ["2026-02-01"]
    records, _, _ = empty_graph.execute_query("MATCH ()-[s:SERVES]->() RETURN count(s) AS n")
    assert records[0]["n"] == 7
