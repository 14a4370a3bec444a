"""The search statement holds the predicates of the filters used, and only those."""

from __future__ import annotations

from datetime import date

from graph.records.resident_search import ResidentFilter, search_of

DAY = date(2026, 11, 1)


def test_an_unused_filter_is_not_in_the_statement() -> None:
    plain = search_of(ResidentFilter(area="QS-P1"), as_of=DAY).query
    for absent in ("$livingAlone", "$holdsRole", "$party", "$tags", "$name", "COUNT {"):
        assert absent not in plain
    assert "p.leftOn IS NULL" in plain  # without includeLeft, only current residents


def test_a_filter_set_to_false_is_in_the_statement() -> None:
    where = ResidentFilter(living_alone=False, holds_role=False, party_member=False)
    query = search_of(where, as_of=DAY).query
    for present in ("= $livingAlone", "= $holdsRole", "= $partyMember"):
        assert present in query
    everyone = search_of(ResidentFilter(include_left=True), as_of=DAY).query
    assert "p.leftOn IS NULL" not in everyone.split("CALL () {")[1].split("RETURN size")[0]
