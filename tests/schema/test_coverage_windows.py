"""Coverage by the hour through the API, on a family the issue describes: an elder well supported
on paper whose helpers are an in-service party member and working children, so that on weekday
days nobody can be reached."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from neo4j import Driver

from graph.store.connection import Neo4jTarget
from seeds.load import load_roster
from seeds.rows import GridRow, HelperRow, PersonRow, ResidentRow, RoleRow, Roster, VisitRow
from tests.support.gql import ADMIN, GraphQLClient, ensure_account, graphql_client

DAY = date(2026, 5, 12)  # a Tuesday
YEAR = DAY.year


def family() -> Roster:
    grid = [GridRow("A", "M", "B", "C", "BD", "high_rise")]
    residents = [
        ResidentRow("E", "王奶奶", "female", YEAR - 82, "H1", "head", "C", "301"),
        ResidentRow("D", "王女儿", "female", YEAR - 48, "H1", "child", "C", "301"),  # works
        ResidentRow("S", "王儿子", "male", YEAR - 45, "H2", "head", "C", "502"),  # works
        # The second floor chief, double-registered: at work on weekday days.
        ResidentRow("C2", "李楼组长", "male", YEAR - 41, "H3", "head", "C", "101", party="double"),
        # A retired neighbour who said in the roster she is out on weekday days too.
        ResidentRow("N", "赵阿姨", "female", YEAR - 66, "H4", "head", "C", "102",
                    availability=("weekday_evening", "weekend")),
    ]  # fmt: skip
    people = [PersonRow("V", "志愿者小周", "volunteer", availability=("weekday_day",))]
    roles = [RoleRow("C2", "second_floor_chief", "C", DAY - timedelta(days=300))]
    helpers = [HelperRow("S", "E", "family", DAY - timedelta(days=200)),
               HelperRow("N", "E", "neighbour", DAY - timedelta(days=200)),
               HelperRow("V", "E", "volunteer", DAY - timedelta(days=200))]  # fmt: skip
    visits = [VisitRow(DAY - timedelta(days=3), "C2", "E", "home")]
    return Roster("COM", grid, residents, people, roles, helpers, visits)


@pytest.fixture(scope="module")
def api(neo4j_driver: Driver, neo4j_target: Neo4jTarget) -> Iterator[GraphQLClient]:
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n", database_=neo4j_target.database)
    load_roster(neo4j_target, family(), today=DAY)
    ensure_account(neo4j_target, ADMIN, role="admin")
    with graphql_client(neo4j_target) as client:
        yield client


BY_WINDOW = """query($asOf: Date) { coverageByWindow(asOf: $asOf) {
    asOf windows
    areas(level: CORRIDOR) { nodes { code eldersSupported { actual expected } worstWindow
        eldersUnderSupportedInSomeWindow byWindow { window eldersSupported { actual } } } }
    elders(changing: true) { totalCount nodes { elder { residentId underSupported helperCount }
        supportedOverallButNotAlways worstWindow { window helperCount reasons }
        byWindow { window helperCount kinds underSupported } } }
} }"""


def test_an_elder_supported_overall_is_alone_on_weekday_days(api: GraphQLClient) -> None:
    found = api.data(BY_WINDOW, {"asOf": DAY.isoformat()})["coverageByWindow"]
    assert found["windows"] == ["WEEKDAY_DAY", "WEEKDAY_EVENING", "NIGHT", "WEEKEND"]
    (elder,) = found["elders"]["nodes"]
    assert elder["elder"] == {"residentId": "E", "underSupported": False, "helperCount": 5}
    assert elder["supportedOverallButNotAlways"] is True
    # Weekday days: only the volunteer, who said so in the roster.
    assert elder["worstWindow"] == {"window": "WEEKDAY_DAY", "helperCount": 1,
                                    "reasons": ["FEW_HELPERS", "FEW_KINDS"]}  # fmt: skip
    by = {w["window"]: (w["helperCount"], w["underSupported"]) for w in elder["byWindow"]}
    # Evenings: daughter, son, floor chief, neighbour; nights the neighbour is out.
    assert by == {"WEEKDAY_DAY": (1, True), "WEEKDAY_EVENING": (4, False),
                  "NIGHT": (3, False), "WEEKEND": (4, False)}  # fmt: skip
    (corridor,) = found["areas"]["nodes"]
    # N, 66 and living alone, is vulnerable too, and under-supported in every window.
    assert corridor["eldersSupported"] == {"actual": 1, "expected": 2}
    assert corridor["worstWindow"] == "WEEKDAY_DAY"
    assert corridor["eldersUnderSupportedInSomeWindow"] == 2
    day = {w["window"]: w["eldersSupported"]["actual"] for w in corridor["byWindow"]}
    assert day == {"WEEKDAY_DAY": 0, "WEEKDAY_EVENING": 1, "NIGHT": 1, "WEEKEND": 1}


def network(api: GraphQLClient, window: str | None) -> dict[str, Any]:
    query = """query($w: Window, $asOf: Date) { supportNetwork(residentId: "E", asOf: $asOf,
        window: $w) { size resident { underSupported reasons { code }
                                      helpers { personId kinds windows } } } }"""
    return api.data(query, {"w": window, "asOf": DAY.isoformat()})["supportNetwork"]


def test_the_support_network_in_a_window_has_only_the_helpers_reachable_then(
    api: GraphQLClient,
) -> None:
    every = network(api, None)
    windows = {h["personId"]: h["windows"] for h in every["resident"]["helpers"]}
    assert windows == {
        "C2": ["WEEKDAY_EVENING", "NIGHT", "WEEKEND"],  # in-service party member
        "D": ["WEEKDAY_EVENING", "NIGHT", "WEEKEND"],  # working age
        "N": ["WEEKDAY_EVENING", "WEEKEND"],  # the roster's
        "S": ["WEEKDAY_EVENING", "NIGHT", "WEEKEND"],
        "V": ["WEEKDAY_DAY"],  # the roster's
    }
    assert every["size"] == 5 and every["resident"]["underSupported"] is False
    day = network(api, "WEEKDAY_DAY")
    assert day["size"] == 1 and day["resident"]["underSupported"] is True
    night = network(api, "NIGHT")
    assert sorted(h["personId"] for h in night["resident"]["helpers"]) == ["C2", "D", "S"]


def test_coverage_gaps_in_a_window_echoes_it(api: GraphQLClient) -> None:
    query = """query($asOf: Date) {
        day: coverageGaps(asOf: $asOf, window: WEEKDAY_DAY) { window
            underSupported { nodes { residentId reasons { code } } } }
        all: coverageGaps(asOf: $asOf) { window underSupported { totalCount } } }"""
    found = api.data(query, {"asOf": DAY.isoformat()})
    assert found["day"]["window"] == "WEEKDAY_DAY"
    assert [n["residentId"] for n in found["day"]["underSupported"]["nodes"]] == ["E", "N"]
    assert found["all"] == {"window": None, "underSupported": {"totalCount": 1}}  # N only


def test_an_unknown_window_is_refused_with_a_code(api: GraphQLClient) -> None:
    assert api.error_codes("{ coverageGaps(window: LUNCHTIME) { window } }") == [
        "GRAPHQL_VALIDATION_FAILED"
    ]
