"""The ledger sheets (议题, 议事会, 决议, 微更新): read in either language, each wrong cell named
with its row and column in both languages, and each matter's days turned into the steps the
graph would accept."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from seeds.cell_values import parse_money
from seeds.columns import SHEETS
from seeds.ledger_history import Refusal, matter_steps, project_status
from seeds.reader import read_raw, read_rows
from seeds.rows import LedgerMatterRow, LedgerProjectRow
from seeds.validate import check_raw, read_roster
from seeds.writer import sheet_name, sheet_rows
from tests.seeds.ledger_rosters import ledger_sheets
from tests.seeds.rosters import TODAY, in_english, set_cell, write_csv_folder, write_xlsx

D = date.fromisoformat


def test_the_ledger_is_read_in_either_language(tmp_path: Path) -> None:
    roster = read_roster(write_xlsx(tmp_path / "r.xlsx", ledger_sheets()), today=TODAY)
    assert [m.matter_id for m in roster.matters] == ["2025-01", "2025-02", "2025-03", "2026-01"]
    parking = roster.matters[1]
    assert parking.escalated_on == (D("2025-10-20"), D("2025-11-20"))
    assert (parking.raised_on, parking.description) == (D("2025-10-01"), "夜间车位不足")
    meeting = roster.meetings[0]
    assert meeting.matters == ("2025-02", "2025-03")
    assert meeting.attendees == (
        ("R004", "resident"), ("W01", "committee_staff"), ("R007", "owners_committee"),
        ("V01", "property_company"),
    )  # fmt: skip
    assert [(d.seq, d.done_on) for d in roster.decisions] == [(1, D("2025-11-28")), (2, None)]
    works = roster.projects[0]
    assert (works.kind, works.places, works.budget) == ("pipes", ("12-1", "12-2"), 120000)
    assert (works.funding, works.decided_by) == ("street_budget", "2025-03")
    english = read_roster(write_csv_folder(tmp_path / "en", in_english(ledger_sheets())),
                          today=TODAY)  # fmt: skip
    for key in ("matters", "meetings", "decisions", "projects"):
        assert english.sheet(key) == roster.sheet(key), key


def test_the_ledger_is_written_as_it_is_read(tmp_path: Path) -> None:
    roster = read_roster(write_xlsx(tmp_path / "r.xlsx", ledger_sheets()), today=TODAY)
    for language in ("zh", "en"):
        sheets = {
            sheet_name(s, language): list(sheet_rows(roster, s, language=language))
            for s in SHEETS.values()
        }
        again, problems = check_raw(read_rows("again", sheets), today=TODAY)
        assert problems == [] and again is not None
        for key in ("matters", "meetings", "decisions", "projects"):
            assert again.sheet(key) == roster.sheet(key), (language, key)


def _problems(sheets: dict[str, list[list[Any]]], tmp_path: Path) -> list[tuple[Any, ...]]:
    _, problems = check_raw(read_raw(write_xlsx(tmp_path / "r.xlsx", sheets)), today=TODAY)
    for p in problems:
        assert p.message_zh and p.message_en and p.file.endswith("r.xlsx")
    return [(p.sheet, p.row, p.column, p.code) for p in problems]


@pytest.mark.parametrize(
    ("sheet", "row", "column", "value", "code"),
    [
        ("议题", 2, "类别", "天气", "unknown_value"),
        ("议题", 2, "地点", "99-9", "unknown_scope"),
        ("议题", 2, "提出人", "R999", "unknown_person"),
        ("议题", 2, "提出日期", "2026-05-01", "bad_date"),  # after the day it is checked
        ("议题", 2, "受理日期", "2025-09-01", "invalid_dates"),  # before it was raised
        ("议题", 2, "办结日期", "2025-10-01", "invalid_dates"),  # before it was accepted
        ("议题", 2, "办结结果", None, "required"),
        ("议题", 2, "办结方式", None, "required"),
        ("议题", 3, "升级日期", "2025-10-20;2025-11-20;2025-12-01", "invalid_step"),
        ("议题", 3, "升级日期", "2025-11-20;2025-10-20", "invalid_dates"),
        ("议题", 3, "升级日期", "明天", "bad_date"),
        ("议题", 5, "议题编号", "2025-01", "duplicate_id"),
        ("议题", 5, "议题编号", "a/b", "bad_code"),
        ("议事会", 2, "参会人员", "R004", "unknown_value"),
        ("议事会", 2, "参会人员", "R004:居民;R004:党员", "duplicate_id"),
        ("议事会", 2, "参会人员", "R404:居民", "unknown_person"),
        ("决议", 3, "序号", 1, "duplicate_id"),
        ("决议", 2, "完成期限", "2025-10-01", "invalid_dates"),  # before the meeting
        ("微更新", 2, "预算", "十二万", "bad_number"),
        ("微更新", 2, "资金来源", "捐款", "unknown_value"),
        ("微更新", 2, "地点", "12-1;ZZ", "unknown_scope"),
        ("微更新", 2, "批准日期", None, "invalid_dates"),  # started, never approved
        ("微更新", 2, "开工日期", "2025-12-19", "invalid_dates"),  # before approval
    ],
)
def test_each_wrong_cell_of_the_ledger_is_named(
    sheet: str, row: int, column: str, value: Any, code: str, tmp_path: Path
) -> None:
    sheets = set_cell(ledger_sheets(), sheet, row, column, value)
    found = _problems(sheets, tmp_path)
    assert (sheet, row, column, code) in found, found
    assert len(found) == 1, found


def test_a_good_ledger_has_no_problem(tmp_path: Path) -> None:
    assert _problems(ledger_sheets(), tmp_path) == []


def test_the_ledger_sheets_are_optional(tmp_path: Path) -> None:
    sheets = ledger_sheets()
    for name in ("议题", "议事会", "决议", "微更新"):
        del sheets[name]
    roster = read_roster(write_xlsx(tmp_path / "r.xlsx", sheets), today=TODAY)
    assert (roster.matters, roster.meetings, roster.decisions, roster.projects) == ([], [], [], [])


def matter(**fields: Any) -> LedgerMatterRow:
    base: dict[str, Any] = {"matter_id": "M", "title": "t", "place": "P1", "category": "other",
                            "level": "building", "raised_on": D("2025-01-01")}  # fmt: skip
    return LedgerMatterRow(**(base | fields))


def steps_of(row: LedgerMatterRow) -> list[tuple[str, str, str, str]]:
    steps = matter_steps(row)
    assert isinstance(steps, list), steps
    return [(s.action, s.on.isoformat(), s.level, s.status) for s in steps]


def test_a_matter_row_gives_its_steps_in_date_order() -> None:
    assert steps_of(matter()) == [("raise", "2025-01-01", "building", "raised")]
    closed = matter(ended_on=D("2025-01-03"), ended_as="close", outcome="撤回")
    assert steps_of(closed)[-1] == ("close", "2025-01-03", "building", "closed")
    # accepted after being escalated: accepted at the higher level
    later = matter(escalated_on=(D("2025-01-05"),), accepted_on=D("2025-01-09"))
    assert steps_of(later) == [
        ("raise", "2025-01-01", "building", "raised"),
        ("escalate", "2025-01-05", "consultation", "raised"),
        ("accept", "2025-01-09", "consultation", "accepted"),
    ]


def test_a_resolved_matter_not_accepted_at_its_level_is_accepted_the_day_it_is_resolved() -> None:
    row = matter(accepted_on=D("2025-01-02"), escalated_on=(D("2025-01-05"),),
                 ended_on=D("2025-02-01"), ended_as="resolve", outcome="ok")  # fmt: skip
    assert steps_of(row)[-2:] == [
        ("accept", "2025-02-01", "consultation", "accepted"),
        ("resolve", "2025-02-01", "consultation", "resolved"),
    ]
    same_day = matter(ended_on=D("2025-01-01"), ended_as="resolve", outcome="ok")
    assert [a for a, *_ in steps_of(same_day)] == ["raise", "accept", "resolve"]


def test_a_matter_at_the_top_level_cannot_move_up() -> None:
    refused = matter_steps(matter(level="community_vote", escalated_on=(D("2025-01-02"),)))
    assert isinstance(refused, Refusal) and refused.column == "escalated_on"
    assert "最多升级 0 次" in refused.zh and "at most 0" in refused.en


def test_a_project_row_gives_the_last_status_it_has_a_day_for() -> None:
    base: dict[str, Any] = {"project_id": "W", "title": "t", "kind": "road", "places": ("P1",),
                            "proposed_on": D("2025-01-01")}  # fmt: skip
    assert project_status(LedgerProjectRow(**base)) == 0
    done = base | {"approved_on": D("2025-01-02"), "started_on": D("2025-01-02"),
                   "done_on": D("2025-03-01")}  # fmt: skip
    assert project_status(LedgerProjectRow(**done)) == 3
    gap = project_status(LedgerProjectRow(**(base | {"done_on": D("2025-03-01")})))
    assert isinstance(gap, Refusal) and gap.column == "approved_on"


@pytest.mark.parametrize(
    ("typed", "amount"),
    [("120000", "120000"), ("120,000元", "120000"), ("¥8,500.50", "8500.5"), ("12万", "120000"),
     ("1.2345万元", "12345"), (0, "0"), ("-1", None), ("1,2,3", None), ("12.345", None),
     ("十二万", None)],
)  # fmt: skip
def test_an_amount_is_read_as_typed_or_refused(typed: Any, amount: str | None) -> None:
    assert parse_money(typed) == (None if amount is None else Decimal(amount))
