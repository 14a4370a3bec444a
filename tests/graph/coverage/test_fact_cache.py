"""A scope's structure is kept across a recorded visit, and the visit is seen at once; any other
write (through Louzhi or from outside it) makes the structure be read again."""

from __future__ import annotations

from typing import Any

from neo4j import Driver

from graph.coverage.fact_cache import facts, places, reaches
from graph.coverage.report_cache import reports
from graph.store.connection import Neo4jTarget
from graph.store.data_version import structure_of
from seeds.demo import generate
from seeds.rows import Roster
from tests.conftest import DEMO_TODAY
from tests.support.gql import demo_accounts_client, graphql_client

DAY = "2026-11-01"
GAPS = """query($d: Date) { coverageGaps(asOf: $d) {
    summary { eldersWithRecentContact { actual expected } }
    underSupported(first: 100) { nodes { residentId reasons { code } helpers { personId } } } } }"""
NETWORK = """query($id: ID!, $d: Date) { supportNetwork(residentId: $id, asOf: $d) {
    size lastContact { visitorId on } } }"""
VISIT = """mutation($i: RecordVisitInput!) { recordVisit(input: $i) { errors { code } } }"""
SET_CAPACITY = """mutation($p: ID!, $c: Int!) { setCapacity(personId: $p, capacity: $c) {
    __typename } }"""


def recent(api: Any) -> int:
    body = api.data(GAPS, {"d": DAY})["coverageGaps"]
    return int(body["summary"]["eldersWithRecentContact"]["actual"])


def test_a_visit_is_seen_at_once_and_the_structure_is_read_once(
    demo_graph: Roster, neo4j_target: Neo4jTarget, neo4j_driver: Driver
) -> None:
    facts.clear()
    reaches.clear()
    reports.clear()
    with graphql_client(neo4j_target) as api:
        nodes = api.data(GAPS, {"d": DAY})["coverageGaps"]["underSupported"]["nodes"]
        elder, helper = next(
            (n["residentId"], h["personId"])
            for n in nodes
            if {r["code"] for r in n["reasons"]} == {"NO_RECENT_CONTACT"}
            for h in n["helpers"]
            if h["personId"]
        )
        before = recent(api)
        network = api.data(NETWORK, {"id": elder, "d": DAY})["supportNetwork"]
        assert network["lastContact"] is None or network["lastContact"]["on"] < "2026-10-18"
        read = facts.computed  # the community's structure, and the elder's corridor's
        linked = reaches.computed  # what links the elder's helpers to the committee

        visit = {"visitorId": helper, "residentId": elder, "on": DAY, "mode": "HOME"}
        assert api.data(VISIT, {"i": visit})["recordVisit"]["errors"] == []
        assert recent(api) == before + 1  # a new report, of the visit just written
        seen = api.data(NETWORK, {"id": elder, "d": DAY})["supportNetwork"]
        assert seen["lastContact"] == {"visitorId": helper, "on": DAY}
        assert seen["size"] == network["size"]
        assert facts.computed == read  # neither structure was read again
        assert reaches.computed == linked

        # Any other write moves the structure: read again, and what it changed is seen.
        assert api.data(SET_CAPACITY, {"p": helper, "c": 7})["setCapacity"]
        assert recent(api) == before + 1
        api.data(NETWORK, {"id": elder, "d": DAY})
        assert facts.computed == read + 2
        assert reaches.computed == linked + 1

        # So does a write from outside Louzhi that increments the version as BUMP did before
        # the structure version existed (n alone).
        neo4j_driver.execute_query(
            "MATCH (:Person {id: $p})-[v:VISITED {on: date($d)}]->(:Resident {id: $r}) DELETE v",
            p=f"QS/{helper}", r=f"QS/{elder}", d=DAY,
        )  # fmt: skip
        neo4j_driver.execute_query("MATCH (v:DataVersion {id: 'graph'}) SET v.n = v.n + 1")
        assert recent(api) == before
        assert facts.computed == read + 3


def test_the_structure_version_is_the_writes_but_visits() -> None:
    assert structure_of("e-1:12:9") == "e-1:9" == structure_of("e-1:13:9")
    assert structure_of("e-1:12:9") != structure_of("e-1:13:10")
    assert structure_of("e-2:12:9") != structure_of("e-1:12:9")
    assert structure_of("") == ""


FULL = """query($d: Date, $s: ID) { coverageGaps(asOf: $d, scope: $s) {
    summary { eldersSupported { actual expected } eldersWithRecentContact { actual expected }
              singlePointsOfFailure overloadedHelpers }
    areas(first: 100) { nodes { code eldersSupported { actual expected }
                                 eldersWithRecentContact { actual expected }
                                 singlePointsOfFailure } }
    vulnerableElders(first: 100) { nodes { residentId underSupported reasons { code detail }
                                            lastContact { visitorId on }
                                            helpers { personId lastVisit { on } } } }
    singlePointsOfFailure(first: 100) { nodes { personId elderIds } } } }"""


def test_after_visits_the_kept_report_is_the_report_made_afresh(
    demo_graph: Roster, neo4j_target: Neo4jTarget
) -> None:
    with graphql_client(neo4j_target) as api:
        for scope in (None, "QS-MG1"):
            nodes = api.data(GAPS, {"d": DAY})["coverageGaps"]["underSupported"]["nodes"]
            pairs = [(n["residentId"], h["personId"]) for n in nodes for h in n["helpers"]
                     if h["personId"]][:3]  # fmt: skip
            api.data(FULL, {"d": DAY, "s": scope})  # the structure kept, its memo filled
            for i, (elder, helper) in enumerate(pairs):
                on = f"2026-10-{20 + i:02d}"
                visit = {"visitorId": helper, "residentId": elder, "on": on, "mode": "PHONE"}
                assert api.data(VISIT, {"i": visit})["recordVisit"]["errors"] == []
                kept_answer = api.data(FULL, {"d": DAY, "s": scope})
                facts.clear()
                reports.clear()
                assert api.data(FULL, {"d": DAY, "s": scope}) == kept_answer


PATHS = """query($id: ID!, $d: Date) { supportNetwork(residentId: $id, asOf: $d) {
    committeePaths } }"""
ELDERS = """query($d: Date) { coverageGaps(asOf: $d, scope: "QS-B01-C1") {
    vulnerableElders(first: 100) { nodes { residentId } } } }"""


def test_whom_a_networks_paths_reach_is_kept_per_scope_and_structure(
    demo_graph: Roster, neo4j_target: Neo4jTarget
) -> None:
    roles = ("demo-floor-chief", "demo-grid-worker", "demo-planner", "demo-committee")
    plain = generate(seed=1, today=DEMO_TODAY)  # the roster in local codes, as accounts name them
    with demo_accounts_client(plain, neo4j_target) as admin:
        nodes = admin.data(ELDERS, {"d": DAY})["coverageGaps"]["vulnerableElders"]["nodes"]
        elders = [n["residentId"] for n in nodes][:3]
        facts.clear()
        reaches.clear()
        kept = {
            (a, e): admin.as_account(a).data(PATHS, {"id": e, "d": DAY})["supportNetwork"]
            for a in roles
            for e in elders
        }
        read = reaches.computed
        for (account, elder), answer in kept.items():  # asked again: kept, per scope
            again = admin.as_account(account).data(PATHS, {"id": elder, "d": DAY})
            assert again["supportNetwork"] == answer
        assert reaches.computed == read
        hidden = {a for (a, _), n in kept.items() if "(outside your scope)" in str(n)}
        assert "demo-floor-chief" in hidden  # a corridor's scope does not reach the committee
        whole = admin.data(PATHS, {"id": elders[0], "d": DAY})["supportNetwork"]
        assert "(outside your scope)" not in str(whole)
        for (account, elder), answer in kept.items():  # made afresh: the same answers
            facts.clear()
            reaches.clear()
            afresh = admin.as_account(account).data(PATHS, {"id": elder, "d": DAY})
            assert afresh["supportNetwork"] == answer


MOVE = """mutation($i: MoveHouseholdInput!) { moveHousehold(input: $i) { errors { code } } }"""
WHOLE_NETWORK = """query($id: ID!, $d: Date) { supportNetwork(residentId: $id, asOf: $d) {
    size kindDiversity committeePaths lastContact { visitorId on } } }"""


def test_a_networks_resident_place_is_kept_until_the_structure_moves(
    demo_graph: Roster, neo4j_target: Neo4jTarget
) -> None:
    """Last in this module: it moves a household."""
    plain = generate(seed=1, today=DEMO_TODAY)
    with graphql_client(neo4j_target) as api:
        nodes = api.data(ELDERS, {"d": DAY})["coverageGaps"]["vulnerableElders"]["nodes"]
        elder = nodes[0]["residentId"]
        [row] = [r for r in plain.residents if r.resident_id == elder]
        far = next(g.corridor for g in plain.grid if g.area != next(
            h.area for h in plain.grid if h.corridor == row.corridor))  # fmt: skip
        places.clear()
        before = api.data(WHOLE_NETWORK, {"id": elder, "d": DAY})["supportNetwork"]
        located = places.computed
        assert api.data(WHOLE_NETWORK, {"id": elder, "d": DAY})["supportNetwork"] == before
        assert places.computed == located  # kept: the graph did not change

        move = {"householdId": row.household_id, "corridor": far, "room": "901", "on": DAY}
        assert api.data(MOVE, {"i": move})["moveHousehold"]["errors"] == []
        moved = api.data(WHOLE_NETWORK, {"id": elder, "d": DAY})["supportNetwork"]
        assert places.computed == located + 1  # the structure moved: read again
        assert moved["committeePaths"] != before["committeePaths"]
        facts.clear()
        reaches.clear()
        places.clear()
        assert api.data(WHOLE_NETWORK, {"id": elder, "d": DAY})["supportNetwork"] == moved
