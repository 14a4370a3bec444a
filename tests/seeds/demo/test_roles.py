"""The people around the residents, and who served when: ended, replaced and future roles,
pairings and visits."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from seeds import columns
from seeds.rows import Roster
from tests.seeds.demo.checks import TODAY


def test_the_people_around_the_residents(roster: Roster) -> None:
    kinds = Counter(p.kind for p in roster.people)
    assert kinds["committee_staff"] == 8
    assert kinds["doctor"] == 6
    assert kinds["volunteer"] == 30
    assert kinds["grid_worker"] == 7  # one per micro-grid, and one who handed over
    assert kinds["property"] and kinds["owners_committee"]
    by_kind = {p.kind: p for p in roster.people}
    assert by_kind["committee_staff"].organisation == "青松居委会"
    assert by_kind["doctor"].organisation == "夏阳街道社区卫生服务中心"
    assert by_kind["doctor"].capacity == 150
    assert by_kind["volunteer"].capacity == 5


def test_history_is_there_ended_replaced_and_future(roster: Roster) -> None:
    assert any(x.until and x.until < TODAY for x in roster.roles)
    assert any(x.since > TODAY for x in roster.roles)
    assert any(x.until and x.until > TODAY for x in roster.roles)  # a handover already agreed
    assert any(h.until and h.until < TODAY for h in roster.helpers)
    assert all(x.since >= TODAY - timedelta(days=6 * 366) for x in roster.roles)
    modes = {v.mode for v in roster.visits}
    assert modes == set(columns.VISIT_MODES.values)
    kinds = Counter(p.kind for p in roster.people)
    visitors = {v.visitor_id for v in roster.visits}
    assert {p.kind for p in roster.people if p.person_id in visitors} >= {
        "doctor",
        "volunteer",
        "grid_worker",
    }
    assert kinds
