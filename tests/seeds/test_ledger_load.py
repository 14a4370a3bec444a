"""Loading a ledger into a real Neo4j: it becomes the graph's matters, meetings and projects
(read back through the same functions the API uses), a reload changes nothing, a longer ledger
only adds, a history the graph took further or elsewhere is kept, and a reference the graph
lacks refuses the whole load."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import pytest
from neo4j import Driver

from graph.access.session import GraphSession
from graph.governance.matters import MatterRow, append_step, matters, raise_matter
from graph.governance.meetings import MeetingRow, meetings
from graph.governance.projects import ProjectRow, projects
from graph.store.connection import Neo4jTarget
from seeds.load import LoadReport, load_path
from seeds.rows import RosterError
from tests.seeds.ledger_rosters import DECISIONS, MATTERS, MEETINGS, PROJECTS, ledger_sheets
from tests.seeds.rosters import set_cell, write_xlsx

T = TypeVar("T")
TODAY = date(2026, 3, 1)
QS = "QS"


def run(target: Neo4jTarget, work: Callable[[GraphSession], Coroutine[Any, Any, T]]) -> T:
    async def go() -> T:
        async with target.async_driver() as driver:
            return await work(GraphSession(driver, database=target.database))

    return asyncio.run(go())


def load(target: Neo4jTarget, tmp_path: Path, sheets: dict[str, Any], **kw: Any) -> LoadReport:
    path = write_xlsx(tmp_path / f"r{len(list(tmp_path.iterdir()))}.xlsx", sheets)
    return load_path(target, path, today=TODAY, **kw)


def the_matters(target: Neo4jTarget) -> dict[str, MatterRow]:
    return {m.id: m for m in run(target, lambda db: matters(db))}


def the_meetings(target: Neo4jTarget) -> list[MeetingRow]:
    return run(target, lambda db: meetings(db))


def the_projects(target: Neo4jTarget) -> dict[str, ProjectRow]:
    return {p.id: p for p in run(target, lambda db: projects(db))}


def ledger_counts(report: LoadReport) -> dict[str, tuple[int, ...]]:
    return {name.split()[1]: tuple(counts[:3]) for name, *counts in report.counts()[-5:]}


def test_a_ledger_becomes_the_graphs_matters_meetings_and_projects(
    empty_graph: Driver, neo4j_target: Neo4jTarget, tmp_path: Path
) -> None:
    first = load(neo4j_target, tmp_path, ledger_sheets())
    assert ledger_counts(first) == {
        "matters": (4, 0, 0), "matter": (12, 0, 0), "meetings": (1, 0, 0),
        "decisions": (2, 0, 0), "projects": (2, 0, 0),
    }  # fmt: skip
    found = the_matters(neo4j_target)
    assert set(found) == {f"{QS}/2025-01", f"{QS}/2025-02", f"{QS}/2025-03", f"{QS}/2026-01"}
    solved = found[f"{QS}/2025-01"]
    assert [(s.seq, s.action, s.on.isoformat()) for s in solved.steps] == [
        (1, "raise", "2025-10-01"), (2, "accept", "2025-10-02"), (3, "resolve", "2025-10-10"),
    ]  # fmt: skip
    assert (solved.status, solved.outcome, solved.area) == ("resolved", "已清理", f"{QS}/12-1")
    assert solved.raised_by == f"{QS}/R001" and solved.steps[0].person == f"{QS}/R001"
    parking = found[f"{QS}/2025-02"]
    assert (parking.level, parking.status) == ("community_vote", "raised")
    assert parking.level_since == date(2025, 11, 20)
    drains = found[f"{QS}/2025-03"]
    assert drains.area == QS  # the community itself
    assert [s.action for s in drains.steps] == ["raise", "accept", "escalate", "accept", "resolve"]

    (meeting,) = the_meetings(neo4j_target)
    assert meeting.matters == (f"{QS}/2025-02", f"{QS}/2025-03")
    assert meeting.troika == ("committee_staff", "owners_committee", "property_company")
    assert [(d.seq, d.done, d.done_on) for d in meeting.decisions] == [
        (1, True, date(2025, 11, 28)), (2, False, None),
    ]  # fmt: skip

    works = the_projects(neo4j_target)
    pipes = works[f"{QS}/W-1"]
    assert (pipes.status, pipes.budget, pipes.funding) == ("in_progress", 120000.0, "street_budget")
    assert pipes.places == (f"{QS}/12-1", f"{QS}/12-2")
    assert pipes.decided_by == f"{QS}/2025-03"
    assert works[f"{QS}/W-2"].status == "proposed"

    again = load(neo4j_target, tmp_path, ledger_sheets())
    assert (again.plan.created, again.plan.changed) == (0, 0)
    assert all(c[:2] == (0, 0) for c in ledger_counts(again).values())
    assert the_matters(neo4j_target) == found


def test_a_longer_ledger_adds_steps_decisions_and_statuses_and_nothing_else(
    empty_graph: Driver, neo4j_target: Neo4jTarget, tmp_path: Path
) -> None:
    load(neo4j_target, tmp_path, ledger_sheets())
    before = the_matters(neo4j_target)[f"{QS}/2026-01"]
    # 2026-01 is accepted and closed; decision 2 is done; the pipes are finished; a new title.
    sheets = ledger_sheets()
    for column, value in (
        ("受理日期", "2026-01-06"),
        ("办结日期", "2026-02-01"),
        ("办结方式", "关闭"),
        ("办结结果", "已更换器材"),
        ("标题", "健身器材损坏（东区）"),
    ):
        sheets = set_cell(sheets, "议题", 5, column, value)  # fmt: skip
    sheets = set_cell(sheets, "决议", 3, "完成日期", "2026-01-15")
    sheets = set_cell(sheets, "微更新", 2, "完工日期", "2026-02-20")
    later = load(neo4j_target, tmp_path, sheets)
    counts = ledger_counts(later)
    assert counts["matters"] == (0, 1, 3) and counts["matter"][0] == 2
    assert counts["decisions"] == (0, 1, 1) and counts["projects"] == (0, 1, 1)
    after = the_matters(neo4j_target)[f"{QS}/2026-01"]
    assert after.steps[: len(before.steps)] == before.steps  # what was there is untouched
    assert [s.action for s in after.steps] == ["raise", "accept", "close"]
    assert (after.status, after.title) == ("closed", "健身器材损坏（东区）")
    (meeting,) = the_meetings(neo4j_target)
    done = meeting.decisions[1]
    assert (done.done, done.done_on) == (True, date(2026, 1, 15))
    assert done.follow_ups == ("2026-01-15 台账记为完成 done, per the ledger",)
    pipes = the_projects(neo4j_target)[f"{QS}/W-1"]
    assert (pipes.status, pipes.days["done"]) == ("done", date(2026, 2, 20))


def test_a_history_taken_further_or_elsewhere_in_the_graph_is_kept(
    empty_graph: Driver, neo4j_target: Neo4jTarget, tmp_path: Path
) -> None:
    load(neo4j_target, tmp_path, ledger_sheets())
    mid = f"{QS}/2026-01"

    async def note_and_accept(db: GraphSession) -> None:
        for action, day in (("note", date(2026, 1, 7)), ("accept", date(2026, 1, 8))):
            taken = await append_step(db, matter_id=mid, action=action, note="电话回访",
                                      outcome=None, on=day, at=datetime.now().astimezone(),
                                      account=None, person=None)  # fmt: skip
            assert isinstance(taken, MatterRow)

    run(neo4j_target, note_and_accept)
    through_api = the_matters(neo4j_target)[mid]
    # The old ledger again: the graph went further; nothing changes and nothing is noted.
    same = load(neo4j_target, tmp_path, ledger_sheets())
    assert same.ledger is not None and same.ledger.notes == []
    # A ledger whose history parts from the graph's (accepted on another day): the graph's kept.
    sheets = set_cell(ledger_sheets(), "议题", 5, "受理日期", "2026-01-06")
    parted = load(neo4j_target, tmp_path, sheets)
    assert parted.ledger is not None
    assert any("2026-01" in n and "kept" in n for n in parted.ledger.notes)
    assert the_matters(neo4j_target)[mid] == through_api
    # Accepted on the graph's day, then closed: appended after the API's note and accept.
    sheets = set_cell(ledger_sheets(), "议题", 5, "受理日期", "2026-01-08")
    for column, value in (("办结日期", "2026-01-20"), ("办结方式", "解决"), ("办结结果", "已修")):
        sheets = set_cell(sheets, "议题", 5, column, value)
    load(neo4j_target, tmp_path, sheets)
    steps = the_matters(neo4j_target)[mid].steps
    assert [(s.seq, s.action) for s in steps] == [(1, "raise"), (2, "note"), (3, "accept"),
                                                  (4, "resolve")]  # fmt: skip


def test_a_project_never_moves_back(
    empty_graph: Driver, neo4j_target: Neo4jTarget, tmp_path: Path
) -> None:
    load(neo4j_target, tmp_path, ledger_sheets())
    earlier = set_cell(ledger_sheets(), "微更新", 2, "开工日期", None)
    report = load(neo4j_target, tmp_path, earlier)
    assert ledger_counts(report)["projects"] == (0, 0, 2)
    assert the_projects(neo4j_target)[f"{QS}/W-1"].status == "in_progress"


def _graph_counts(driver: Driver) -> dict[str, int]:
    rows = driver.execute_query(
        "MATCH (n) WHERE n:Matter OR n:MatterStep OR n:Meeting OR n:Decision OR n:Project "
        "RETURN labels(n)[0] AS label, count(*) AS n"
    ).records
    return {r["label"]: r["n"] for r in rows}


def test_a_reference_the_graph_lacks_refuses_the_whole_load(
    empty_graph: Driver, neo4j_target: Neo4jTarget, tmp_path: Path
) -> None:
    load(neo4j_target, tmp_path, ledger_sheets())
    before = _graph_counts(empty_graph)
    sheets = ledger_sheets(
        meetings=[*MEETINGS, ["G2", "t", "2026-01-10", "P1", None, "2025-01;M-NOSUCH", None]],
        decisions=[*DECISIONS, [f"{QS}/G-NOSUCH", 1, "x", "y", None, None]],
        projects=[*PROJECTS, ["W-3", "照明", "照明", "P1", "XY/M-1", None, None, "2026-01-01",
                              None, None, None, None]],
        matters=[*MATTERS, ["2026-02", "噪音", "12-1", "其他", "楼组", None, "2026-02-01",
                            None, None, None, None, None, None]],
    )  # fmt: skip
    with pytest.raises(RosterError) as refused:
        load(neo4j_target, tmp_path, sheets)
    where = [(p.sheet, p.row, p.column, p.code) for p in refused.value.problems]
    assert where == [("议事会", 3, "议题", "unknown_reference"),
                     ("决议", 4, "会议编号", "unknown_reference"),
                     ("微更新", 4, "决定依据", "unknown_reference")]  # fmt: skip
    assert all(p.message_zh and p.message_en for p in refused.value.problems)
    assert _graph_counts(empty_graph) == before  # the new matter was not written either


def test_a_dry_run_counts_the_ledger_and_writes_nothing(
    empty_graph: Driver, neo4j_target: Neo4jTarget, tmp_path: Path
) -> None:
    report = load(neo4j_target, tmp_path, ledger_sheets(), dry_run=True)
    assert ledger_counts(report)["matters"] == (4, 0, 0)
    assert "(dry run" in report.headline
    assert _graph_counts(empty_graph) == {}


def test_a_ledger_may_refer_to_a_matter_raised_through_the_api_as_the_committee_sees_it(
    empty_graph: Driver, neo4j_target: Neo4jTarget, tmp_path: Path
) -> None:
    load(neo4j_target, tmp_path, ledger_sheets())

    async def raise_one(db: GraphSession) -> MatterRow:
        raised = await raise_matter(
            db, area=f"{QS}/12-2", title="电梯异响", description=None, category="repairs",
            level="consultation", raised_by=None, note=None, on=date(2026, 1, 2),
            at=datetime.now().astimezone(), account=None, person=None,
        )  # fmt: skip
        assert isinstance(raised, MatterRow)
        return raised

    api_id = run(neo4j_target, raise_one).id
    shown = api_id.removeprefix(f"{QS}/")  # the page shows the committee M-…, not QS/M-…
    sheets = ledger_sheets(
        meetings=[*MEETINGS, ["G2", "电梯协商", "2026-01-20", "12-2", None, shown, None]],
        projects=[*PROJECTS, ["W-3", "电梯维修", "设施", "12-2", shown, None, None, "2026-02-01",
                              None, None, None, None]],
    )  # fmt: skip
    load(neo4j_target, tmp_path, sheets)
    g2 = next(g for g in the_meetings(neo4j_target) if g.id == f"{QS}/G2")
    assert g2.matters == (api_id,)
    assert the_projects(neo4j_target)[f"{QS}/W-3"].decided_by == api_id
