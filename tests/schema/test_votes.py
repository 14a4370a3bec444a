"""Votes through the API against the demo community in a real Neo4j: the electorate fixed from
the graph's owners and residents, ballots changeable until the close, the live tally agreeing
with the independent oracle, and who voted how shown to the committee only."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from graph.store.connection import Neo4jTarget
from seeds.rows import Roster
from tests.graph.analysis.vote_oracle import owners_verdict, residents_verdict
from tests.support.gql import GraphQLClient, demo_accounts_client, floor_chief_corridor

RAISE = """mutation($i: RaiseMatterInput!) { raiseMatter(input: $i) { matter { id } } }"""
OPEN = """mutation($i: OpenVoteInput!) { openVote(input: $i) {
    vote { id rule status tally { electors } } errors { code field messageZh } } }"""
TALLY = """tally { electors totalArea present yes no abstain quorate passed explanation
                 thresholds { key met value of shortfall explanation } }"""
CAST = f"""mutation($i: CastBallotInput!) {{ castBallot(input: $i) {{
    vote {{ id {TALLY} }} errors {{ code field messageZh }} }} }}"""
ATTEND = f"""mutation($v: ID!, $p: [ID!]!) {{ recordAttendance(voteId: $v, people: $p) {{
    vote {{ id {TALLY} }} errors {{ code field }} }} }}"""
CLOSE = (
    """mutation($v: ID!) { closeVote(voteId: $v) { vote { status closedAt } errors { code } } }"""
)
VOTE = f"""query($id: ID!) {{ vote(id: $id) {{ id status {TALLY}
    ballots {{ elector voterId choice counted }} }} }}"""


@pytest.fixture(scope="module")
def api(demo_graph: Roster, neo4j_target: Neo4jTarget) -> Iterator[GraphQLClient]:
    with demo_accounts_client(demo_graph, neo4j_target) as client:
        yield client


def open_vote(client: GraphQLClient, corridor: str, rule: str, **more: Any) -> dict[str, Any]:
    matter = client.data(RAISE, {"i": {"area": corridor, "title": "加装电梯", "category":
                                       "FACILITIES", "level": "COMMUNITY_VOTE"}})  # fmt: skip
    opened = client.data(OPEN, {"i": {"matterId": matter["raiseMatter"]["matter"]["id"],
                                      "title": "是否加装电梯", "rule": rule, **more}})  # fmt: skip
    return opened["openVote"]


def cast(client: GraphQLClient, vote: str, voter: str, choice: str) -> dict[str, Any]:
    return client.data(CAST, {"i": {"voteId": vote, "voterId": voter, "choice": choice}})[
        "castBallot"
    ]


def test_an_owners_decision_is_tallied_as_the_oracle_says(
    api: GraphQLClient, demo_graph: Roster
) -> None:
    committee = api.as_account("demo-committee")
    corridor = floor_chief_corridor(demo_graph)
    dwellings = [d for d in demo_graph.dwellings if d.corridor == corridor and d.exclusive_area]
    opened = open_vote(committee, corridor, "OWNERS_SPECIAL")
    assert opened["errors"] == []
    vote = opened["vote"]["id"]
    rows = [(f"{d.corridor}/{d.room}", int(d.exclusive_area * 100), d.owners) for d in dwellings]
    owners = [d.owners for d in dwellings if d.owners]
    # Yes from the first owners until three quarters of the units took part, one no, and one
    # owner who changes their mind; the co-owners of a dwelling both cast (the later counts).
    ballots: list[tuple[str, str, int]] = []
    cut = (3 * len(owners)) // 4 + 1
    for n, who in enumerate(owners[:cut]):
        ballots.append((who[-1], "no" if n == 1 else "yes", len(ballots)))
    ballots.append((owners[0][0], "no", len(ballots)))  # owners[0]'s unit: yes, then no
    for voter, choice, _ in ballots:
        got = cast(committee, vote, voter, choice.upper())
        assert got["errors"] == [], got
    tally = got["vote"]["tally"]
    verdict = owners_verdict(rows, ballots, special=True)
    assert verdict is not None
    assert (tally["quorate"], tally["passed"]) == (verdict.quorate, verdict.passed)
    assert {t["key"]: t["met"] for t in tally["thresholds"]} == verdict.met
    units = len({tuple(sorted(o)) for o in owners}) + sum(1 for d in dwellings if not d.owners)
    assert tally["electors"] <= units and tally["present"] == cut
    assert tally["totalArea"] == pytest.approx(float(sum(d.exclusive_area for d in dwellings)))
    for t in tally["thresholds"]:
        assert t["met"] == (t["shortfall"] == 0) or (t["of"] > 0 and t["value"] * 2 == t["of"])
    assert tally["passed"] == ("各项门槛均已达到" in tally["explanation"])
    words = {t["key"]: t["explanation"] for t in tally["thresholds"]}
    assert "三分之二以上" in words["participation_area"]
    assert "四分之三以上" in words["approval_owners"]

    stranger = next(r.resident_id for r in demo_graph.residents if r.corridor != corridor)
    refused = cast(committee, vote, stranger, "YES")
    assert [(e["code"], e["field"]) for e in refused["errors"]] == [("NOT_AN_ELECTOR", "voterId")]

    seen = committee.data(VOTE, {"id": vote})["vote"]
    assert len(seen["ballots"]) == len(ballots)
    first = [b for b in seen["ballots"] if b["voterId"] in owners[0]]
    assert [(b["choice"], b["counted"]) for b in first][-1] == ("NO", True)
    assert all(not b["counted"] for b in first[:-1])

    closed = committee.data(CLOSE, {"v": vote})["closeVote"]
    assert closed["vote"]["status"] == "CLOSED" and closed["vote"]["closedAt"]
    late = cast(committee, vote, owners[-1][0], "YES")
    assert [e["code"] for e in late["errors"]] == ["VOTE_CLOSED"]
    assert committee.data(VOTE, {"id": vote})["vote"]["tally"] == tally


def test_a_residents_meeting_needs_more_than_half_present_and_in_favour(
    api: GraphQLClient, demo_graph: Roster
) -> None:
    committee = api.as_account("demo-committee")
    corridor = floor_chief_corridor(demo_graph)
    year = date.today().year
    adults = [(r.resident_id, r.household_id) for r in demo_graph.residents
              if r.corridor == corridor and r.birth_year <= year - 18]  # fmt: skip
    vote = open_vote(committee, corridor, "RESIDENTS_MEETING")["vote"]
    assert vote["tally"]["electors"] == len(adults)
    half = len(adults) // 2
    # Exactly half present: the meeting cannot be held; then one more: held, and a tie fails.
    present = [p for p, _ in adults[: half - 2]] if half >= 2 else []
    ballots = [(adults[half - 2][0], "yes", 0), (adults[half - 1][0], "no", 1)]
    committee.data(ATTEND, {"v": vote["id"], "p": present})
    for voter, choice, _ in ballots:
        tally = cast(committee, vote["id"], voter, choice.upper())["vote"]["tally"]
    verdict = residents_verdict(adults, ballots, present, households=False)
    assert verdict is not None and (tally["present"], tally["quorate"]) == (half, verdict.quorate)
    assert not tally["quorate"] and "不能举行" in tally["explanation"]
    tally = committee.data(ATTEND, {"v": vote["id"], "p": [adults[half][0]]})["recordAttendance"][
        "vote"
    ]["tally"]
    present.append(adults[half][0])
    verdict = residents_verdict(adults, ballots, present, households=False)
    assert verdict is not None and tally["quorate"] == verdict.quorate
    assert tally["passed"] == verdict.passed
    assert (tally["yes"], tally["no"]) == (1, 1) and not tally["passed"]


def test_only_the_committee_sees_who_voted_how_and_the_log_holds_no_choice(
    api: GraphQLClient, demo_graph: Roster
) -> None:
    committee = api.as_account("demo-committee")
    corridor = floor_chief_corridor(demo_graph)
    vote = open_vote(committee, corridor, "OWNERS_ORDINARY")["vote"]["id"]
    owner = next(d.owners[0] for d in demo_graph.dwellings if d.corridor == corridor and d.owners)
    chief = api.as_account("demo-floor-chief")
    assert cast(chief, vote, owner, "YES")["errors"] == []  # gathered door to door
    body = chief.raw(VOTE, {"id": vote})
    assert body["data"]["vote"]["tally"]["yes"] == 1
    assert body["data"]["vote"]["ballots"] is None
    assert [(e["path"], e["extensions"]["code"]) for e in body["errors"]] == [
        (["vote", "ballots"], "FORBIDDEN")
    ]
    planner = api.as_account("demo-planner").raw(VOTE, {"id": vote})
    assert planner["data"]["vote"]["ballots"] is None
    refused = chief.raw(CLOSE, {"v": vote})
    assert [e["extensions"]["code"] for e in refused["errors"]] == ["FORBIDDEN"]
    log = api.data("{ auditLog(first: 50) { operation kind personIds ok } }")["auditLog"]
    ballots = [e for e in log if e["operation"] == "castBallot"]
    assert ballots and owner in ballots[0]["personIds"]
    assert not any("YES" in str(e) or "yes" in str(e) for e in ballots)
