"""The graph layer speaks references (``QS/B01-C1``): its tests get the demo roster as the graph
keys it, loaded from the roster as a clerk writes it (the suite's ``demo_graph``)."""

from __future__ import annotations

import pytest

from seeds.rows import Roster
from tests.support.refs import as_refs


@pytest.fixture(scope="module")
def demo_graph(demo_graph: Roster) -> Roster:
    """The demo community (seed 1), loaded fresh for the module; its codes as references."""
    return as_refs(demo_graph)
