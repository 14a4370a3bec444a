"""The world of the access tests (the ``test_access_*`` modules): who may see whom, against the
real Neo4j, for every role, inside and outside its scope.

The demo community is loaded with one demo account per role, and a second, small community is
written beside it (the committee's "outside"). For each role the tests ask the same questions
about residents of five places — the floor chief's corridor, the rest of the grid worker's
micro-grid, the rest of the planner's residential area, the rest of the community, and the other
community — and check each answer: allowed (and equal to what the admin sees), masked (null
with a FORBIDDEN error at that field) or refused (as if nobody were there). Then the mutations,
the tokens, injection through every string argument, and the audit log of all of it.

The world is built once for all those modules (``tests/schema/conftest.py``), which run in the
order of their numbers, as the one module they were written as did: the reads see the world as
loaded, the mutations and the injection change it, and the audit log is read last.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph.identity import local
from graph.store.connection import Neo4jTarget
from seeds.demo_accounts import demo_accounts
from seeds.rows import Roster
from tests.conftest import DEMO_TODAY
from tests.support.gql import GraphQLClient, ensure_account

AS_OF = DEMO_TODAY.isoformat()


def at(query: str) -> str:
    """The query with ``%s`` as the day the demo is about."""
    return query.replace("%s", AS_OF)


ROLES = ("admin", "committee", "grid_worker", "floor_chief", "planner")
ACCOUNT = {
    "admin": "demo-admin",
    "committee": "demo-committee",
    "grid_worker": "demo-grid-worker",
    "floor_chief": "demo-floor-chief",
    "planner": "demo-planner",
}
# The places of the subjects, innermost first; a role sees the places up to its scope's.
PLACES = ("corridor", "micro_grid", "area", "community", "other")
SEES = {
    "admin": set(PLACES),
    "committee": {"corridor", "micro_grid", "area", "community"},
    "grid_worker": {"corridor", "micro_grid"},
    "floor_chief": {"corridor"},
    "planner": {"corridor", "micro_grid", "area"},
}
DETAILS = {"admin", "committee", "grid_worker", "floor_chief"}

# Another place, outside every scope of the demo accounts: a residential area of some other
# estate (not a :Community, so that the demo stays the graph's only community and everyone's
# home; tests/seeds/test_communities.py has two real communities). Its codes are references.
OTHER = """
    CREATE (a:Area:ResidentialArea {code: 'XC/XC-P1', level: 'residential_area', name: 'XC-P1'})
    CREATE (m:Area:MicroGrid {code: 'XC/XC-MG1', level: 'micro_grid', name: 'XC-MG1'})
    CREATE (b:Area:Block {code: 'XC/XC-B1', level: 'block', name: 'XC-B1'})
    CREATE (k:Area:Corridor {code: 'XC/XC-B1-C1', level: 'corridor', name: 'XC-B1-C1',
                             kind: 'corridor'})
    CREATE (m)-[:PART_OF]->(a), (b)-[:PART_OF]->(m), (k)-[:PART_OF]->(b)
    CREATE (d:Dwelling {key: 'XC/XC-B1-C1/101', room: '101'})-[:IN]->(k)
    CREATE (h:Household {id: 'XC/XH1'})-[:LIVES_IN {since: date('2020-01-01')}]->(d)
    CREATE (r:Person:Resident {id: 'XC/XR1', name: '外区老人', gender: 'female', birthYear: 1931,
                               phone: '13900009999', mobility: 'dependent', tags: ['独居']})
    CREATE (r)-[:MEMBER_OF {relation: 'head'}]->(h)
    CREATE (v:Person:Volunteer {id: 'XC/XV1', name: '外区志愿者', kind: 'volunteer',
                                phone: '13900008888'})
    CREATE (v)-[:HELPS {kind: 'volunteer', since: date('2024-01-01')}]->(r)"""


@dataclass(frozen=True)
class World:
    roster: Roster
    subject: dict[str, str]  # place -> an elder resident living there
    chief: str  # the floor chief's person id
    grid_worker: str
    phones: frozenset[str]


def ancestors(roster: Roster) -> dict[str, tuple[str, str, str]]:
    return {g.corridor: (g.block, g.micro_grid, g.area) for g in roster.grid}


def build_world(roster: Roster, neo4j_target: Neo4jTarget) -> World:
    """The other community and the demo accounts, written beside the loaded demo ``roster``."""
    with neo4j_target.sync_driver() as driver:
        driver.execute_query(OTHER, database_=neo4j_target.database)
    people = {}
    for spec in demo_accounts(roster, today=DEMO_TODAY):
        ensure_account(
            neo4j_target,
            spec.account_id,
            role=spec.role,
            scope=spec.scope,
            person_id=spec.person_id,
        )
        # As the API shows it to these accounts (the demo is their home): the roster's own id.
        people[spec.role] = local(roster.community, spec.person_id) if spec.person_id else None
    up = ancestors(roster)
    subject: dict[str, str] = {"other": "XC/XR1"}
    for r in sorted(roster.residents, key=lambda r: r.resident_id):
        if DEMO_TODAY.year - r.birth_year < 60:
            continue
        _, micro, area = up[r.corridor]
        place = (
            "corridor"
            if r.corridor == "QS-B01-C1"
            else "micro_grid"
            if micro == "QS-MG1"
            else "area"
            if area == "QS-P1"
            else "community"
        )
        subject.setdefault(place, r.resident_id)
    assert set(subject) == set(PLACES), subject
    phones = frozenset(r.phone for r in roster.residents if r.phone) | {"13900009999"}
    return World(roster, subject, people["floor_chief"], people["grid_worker"], phones)


def as_role(app: GraphQLClient, role: str) -> GraphQLClient:
    return app.as_account(ACCOUNT[role])


def codes(body: dict[str, Any]) -> list[str]:
    return [e["extensions"]["code"] for e in body.get("errors", [])]


def forbidden_paths(body: dict[str, Any]) -> set[tuple[Any, ...]]:
    return {
        tuple(e["path"]) for e in body.get("errors", []) if e["extensions"]["code"] == "FORBIDDEN"
    }


def all_ids(app: GraphQLClient, role: str) -> list[str]:
    """Every resident id the role's listing holds, walked page by page."""
    query = """query($after: String) { residents(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor } nodes { id } } }"""
    found, after = [], None
    while True:
        page = as_role(app, role).data(query, {"after": after})["residents"]
        found += [n["id"] for n in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            return found
        after = page["pageInfo"]["endCursor"]
