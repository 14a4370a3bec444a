"""An event's marks: the latest decides, nothing is lost, and the after-action report."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from graph.analysis.events import Included, Mark, after_action, now_of
from graph.analysis.windows import window_at

T0 = datetime(2026, 8, 4, 2, 0, tzinfo=UTC)  # Tuesday 10:00 in Beijing


def inc(elder: str, corridor: str = "C1", *, complete: bool = True) -> Included:
    return Included(elder, corridor, "R1", "R2", complete, () if complete else ("NO_PLAN",))


def mk(seq: int, elder: str, status: str, minutes: int, by: str | None = "R1") -> Mark:
    return Mark(seq, elder, status, T0 + timedelta(minutes=minutes), by, "acct", None)


def test_window_at_is_of_beijing_time() -> None:
    assert window_at(T0) == "weekday_day"
    assert window_at(T0 + timedelta(hours=9)) == "weekday_evening"  # 19:00
    assert window_at(T0 + timedelta(hours=13)) == "night"  # 23:00
    assert window_at(T0 + timedelta(days=4)) == "weekend"  # Saturday 10:00
    assert window_at(T0 - timedelta(hours=3)) == "night"  # 07:00


def test_the_latest_mark_decides_and_every_mark_is_kept() -> None:
    marks = [mk(2, "A", "safe_at_home", 30), mk(1, "A", "not_reached", 10),
             mk(3, "B", "not_reached", 40)]  # fmt: skip
    now = {n.elder_id: n for n in now_of([inc("A"), inc("B"), inc("C", "C2")], marks, T0)}
    assert now["A"].status == "safe_at_home" and now["A"].reached
    assert [m.seq for m in now["A"].marks] == [1, 2]
    assert now["B"].status == "not_reached" and not now["B"].reached
    assert now["B"].since == T0 + timedelta(minutes=40)
    assert now["C"].status is None and now["C"].since == T0


def test_after_action_times_failures_and_never_reached() -> None:
    marks = [
        mk(1, "A", "reached", 12),
        mk(2, "B", "not_reached", 5),
        mk(3, "B", "needs_help", 50, by="STRANGER"),
        mk(4, "D", "evacuated", 20, by=None),
    ]
    report = after_action([inc("A"), inc("B"), inc("C", complete=False), inc("D")], marks, T0)
    by = {e.elder_id: e for e in report.elders}
    assert by["A"].minutes_to_reach == 12 and by["A"].by_responder and not by["A"].failures
    assert by["B"].minutes_to_reach == 50  # a "not reached" is no contact
    assert by["B"].failures == ("NOT_BY_RESPONDER", "NEEDED_HELP")
    assert by["C"].failures == ("NO_COMPLETE_PLAN", "NEVER_REACHED")
    assert by["C"].problems_at_start == ("NO_PLAN",)
    assert by["D"].failures == ("NOT_BY_RESPONDER",)  # an account of nobody is not a responder
    assert report.never_reached == ("C",)
    assert report.reached == 3 and report.median_minutes == 20 and report.longest_minutes == 50
    assert [e.elder_id for e in report.failed] == ["B", "C", "D"]
