"""Generating the demo roster: it passes the roster checks, and depends on the seed, the day and
the size only."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from seeds.columns import SHEETS
from seeds.demo import generate
from seeds.reader import read_rows
from seeds.rows import Roster
from seeds.validate import check_raw
from seeds.writer import sheet_rows
from tests.seeds.demo.checks import TODAY, check_all


def test_the_default_community_passes_the_roster_checks(roster: Roster) -> None:
    sheets = {s.zh: list(sheet_rows(roster, s)) for s in SHEETS.values()}
    assert check_raw(read_rows("demo", sheets), today=TODAY) == (roster, [])


# --- determinism, dates and scale -------------------------------------------------------------


def test_the_same_seed_gives_the_same_roster(roster: Roster) -> None:
    assert generate(seed=1, today=TODAY) == roster


def test_another_seed_gives_another_roster(roster: Roster) -> None:
    other = generate(seed=2, today=TODAY)
    assert other.residents != roster.residents
    assert other.grid == roster.grid  # the grid's shape depends on the size alone
    check_all(other)


def test_dates_follow_today() -> None:
    later = TODAY + timedelta(days=400)
    shifted = generate(seed=3, households=200, today=later)
    check_all(shifted, later)
    assert max(v.date for v in shifted.visits) <= later
    assert generate(households=60) == generate(households=60, today=date.today())


@pytest.mark.parametrize("households", [50, 200, 777])
def test_small_communities_keep_the_rules(households: int) -> None:
    r = generate(seed=households, households=households, today=TODAY)
    assert len({x.household_id for x in r.residents}) == households
    gaps = check_all(r)
    assert gaps.micro_grids_without_serving_party_member


def test_too_small_is_refused() -> None:
    with pytest.raises(ValueError, match="at least"):
        generate(households=10)
