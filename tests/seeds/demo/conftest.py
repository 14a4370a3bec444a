"""The demo communities the tests read: the default one, and a larger one."""

from __future__ import annotations

import pytest

from seeds.demo import generate
from seeds.rows import Roster
from tests.seeds.demo.checks import TODAY


@pytest.fixture(scope="module")
def roster() -> Roster:
    return generate(seed=1, today=TODAY)


@pytest.fixture(scope="module")
def big() -> Roster:
    return generate(seed=7, households=5000, today=TODAY)
