"""``coverageTrend``: the scope's figures week by week, each point equal to ``coverageGaps`` of
that day, within the caller's scope."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from graph.store.connection import Neo4jTarget
from seeds.rows import Roster
from tests.conftest import DEMO_TODAY
from tests.support.gql import GraphQLClient, ensure_account, graphql_client

pytestmark = pytest.mark.neo4j

FIGURES = "code eldersSupported { actual expected } corridorsWithBothChiefs { actual expected }"
TREND = f"""query($scope: ID, $weeks: Int!, $until: Date) {{
  coverageTrend(scope: $scope, weeks: $weeks, until: $until) {{ asOf summary {{ {FIGURES} }} }}
}}"""
GAPS = f"""query($scope: ID, $asOf: Date) {{
  coverageGaps(scope: $scope, asOf: $asOf) {{ summary {{ {FIGURES} }} }}
}}"""


@pytest.fixture(scope="module")
def api(demo_graph: Roster, neo4j_target: Neo4jTarget) -> Iterator[GraphQLClient]:
    with graphql_client(neo4j_target) as client:
        yield client


@pytest.mark.parametrize("scope", [None, "QS-MG2"])
def test_each_point_is_coverage_gaps_of_its_day(api: GraphQLClient, scope: str | None) -> None:
    until = DEMO_TODAY
    points = api.data(TREND, {"scope": scope, "weeks": 12, "until": until.isoformat()})
    points = points["coverageTrend"]
    assert [p["asOf"] for p in points] == [
        (until - timedelta(weeks=back)).isoformat() for back in range(11, -1, -1)
    ]
    for point in points:
        day = point["asOf"]
        assert (
            point["summary"]
            == api.data(GAPS, {"scope": scope, "asOf": day})["coverageGaps"]["summary"]
        )
    # The demo's history is dated: its figures move over twelve weeks (roles end, visits age).
    assert len({str(p["summary"]) for p in points}) > 1


def test_weeks_are_bounded_and_the_scope_holds(
    api: GraphQLClient, neo4j_target: Neo4jTarget
) -> None:
    assert api.error_codes(TREND, {"weeks": 0}) == ["BAD_USER_INPUT"]
    assert api.error_codes(TREND, {"weeks": 54}) == ["BAD_USER_INPUT"]
    # Found by the fuzz test: a day in year 1 has no weeks before it (it was a 500).
    assert api.error_codes(TREND, {"weeks": 12, "until": "0001-01-01"}) == ["BAD_USER_INPUT"]
    assert api.error_codes(TREND, {"weeks": 1, "until": "1899-12-31"}) == ["BAD_USER_INPUT"]
    assert api.data(TREND, {"weeks": 1, "until": "1900-01-01"})["coverageTrend"]
    one = api.data(TREND, {"weeks": 1, "until": date(2026, 1, 5).isoformat()})["coverageTrend"]
    assert [p["asOf"] for p in one] == ["2026-01-05"]
    ensure_account(neo4j_target, "trend-planner", role="planner", scope="QS-P1")
    planner = api.as_account("trend-planner")
    mine = planner.data(TREND, {"weeks": 2, "until": DEMO_TODAY.isoformat()})["coverageTrend"]
    assert {p["summary"]["code"] for p in mine} == {"QS-P1"}
    assert planner.error_codes(TREND, {"scope": "QS", "weeks": 2}) == ["FORBIDDEN"]
