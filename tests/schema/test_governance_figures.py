"""The governance figures of a block and its corridors, against matters, a vote and a project
written through the API with known dates, every figure worked out by hand."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest

from graph.store.connection import Neo4jTarget
from seeds.rows import Roster
from tests.support.gql import GraphQLClient, demo_accounts_client

RAISE = """mutation($i: RaiseMatterInput!) {
    raiseMatter(input: $i) { matter { id } errors { code } } }"""
ADVANCE = """mutation($i: AdvanceMatterInput!) { advanceMatter(input: $i) { errors { code } } }"""
OPEN = """mutation($i: OpenVoteInput!) { openVote(input: $i) { vote { id } errors { code } } }"""
CAST = """mutation($i: CastBallotInput!) { castBallot(input: $i) { errors { code } } }"""
PROPOSE = """mutation($i: ProposeProjectInput!) { proposeProject(input: $i) { errors { code } } }"""
FIGURES = """query($scope: ID) { governanceFigures(scope: $scope) {
    code level raised escalationRate silentCorridors
    byLevel { level raised open resolved closed medianDaysToResolution }
    projects { status count } participation { voteId block electors tookPart ratio } } }"""


@pytest.fixture(scope="module")
def api(demo_graph: Roster, neo4j_target: Neo4jTarget) -> Iterator[GraphQLClient]:
    with demo_accounts_client(demo_graph, neo4j_target) as client:
        yield client


def day(n: int) -> str:
    return str(date.today() - timedelta(n))


def test_figures_of_a_block_and_its_corridors(api: GraphQLClient, demo_graph: Roster) -> None:
    c = api.as_account("demo-committee")
    corridor = demo_graph.grid[0].corridor
    block = demo_graph.grid[0].block
    corridors = sorted({g.corridor for g in demo_graph.grid if g.block == block})

    def raise_(area: str, level: str, ago: int) -> str:
        got: dict[str, Any] = c.data(RAISE, {"i": {"area": area, "title": "t", "category": "OTHER",
                                                   "level": level, "on": day(ago)}})  # fmt: skip
        return got["raiseMatter"]["matter"]["id"]

    def step(matter: str, action: str, ago: int, outcome: str | None = None) -> None:
        got = c.data(ADVANCE, {"i": {"id": matter, "action": action, "on": day(ago),
                                     "outcome": outcome}})  # fmt: skip
        assert got["advanceMatter"]["errors"] == [], (action, got)

    a = raise_(corridor, "BUILDING", 20)  # resolved at the building level in 10 days
    step(a, "ACCEPT", 18)
    step(a, "RESOLVE", 10, "已解决")
    b = raise_(corridor, "BUILDING", 30)  # escalated, then resolved by consultation: 28 days
    step(b, "ESCALATE", 10)
    step(b, "ACCEPT", 9)
    step(b, "RESOLVE", 2, "协商解决")
    v = raise_(block, "COMMUNITY_VOTE", 5)  # open
    raise_(corridor, "BUILDING", 400)  # long ago: it does not keep the corridor from silence
    vote = c.data(OPEN, {"i": {"matterId": v, "title": "t", "rule": "OWNERS_ORDINARY"}})
    vote_id = vote["openVote"]["vote"]["id"]
    owner = next(d.owners[0] for d in demo_graph.dwellings if d.corridor == corridor and d.owners)
    assert (
        c.data(CAST, {"i": {"voteId": vote_id, "voterId": owner, "choice": "YES"}})["castBallot"][
            "errors"
        ]
        == []
    )
    c.data(PROPOSE, {"i": {"title": "p", "kind": "ROAD", "places": [corridor]}})

    figures = {f["code"]: f for f in c.data(FIGURES, {"scope": block})["governanceFigures"]}
    assert list(figures) == [block, *corridors]
    top = figures[block]
    assert top["raised"] == 4 and top["escalationRate"] == pytest.approx(1 / 4)
    levels = {x["level"]: x for x in top["byLevel"]}
    assert levels["BUILDING"] == {"level": "BUILDING", "raised": 2, "open": 1, "resolved": 1,
                                  "closed": 0, "medianDaysToResolution": 10.0}  # fmt: skip
    assert levels["CONSULTATION"]["resolved"] == 1
    assert levels["CONSULTATION"]["medianDaysToResolution"] == 28.0
    assert (levels["COMMUNITY_VOTE"]["raised"], levels["COMMUNITY_VOTE"]["open"]) == (1, 1)
    assert top["silentCorridors"] == [x for x in corridors if x != corridor]
    assert top["projects"] == [{"status": "PROPOSED", "count": 1}]
    units = {tuple(sorted(d.owners)) or (f"{d.corridor}/{d.room}",) for d in demo_graph.dwellings
             if d.corridor in corridors and d.exclusive_area}  # fmt: skip
    [part] = top["participation"]
    assert (part["voteId"], part["block"], part["tookPart"]) == (vote_id, block, 1)
    assert part["electors"] <= len(units) and part["ratio"] == pytest.approx(1 / part["electors"])
    mine = figures[corridor]
    assert mine["raised"] == 3 and mine["silentCorridors"] == []
    other = figures[corridors[-1]] if corridors[-1] != corridor else figures[corridors[0]]
    assert other["raised"] == 0 and other["escalationRate"] is None and other["projects"] == []
    refused = api.as_account("demo-floor-chief").raw(FIGURES, {"scope": block})
    assert [e["extensions"]["code"] for e in refused["errors"]] == ["FORBIDDEN"]
