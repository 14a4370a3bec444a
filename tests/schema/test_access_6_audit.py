"""The audit log of it all (6 of 6): every role's reads and mutations of the modules before,
recorded with ids only, never a personal value.

The world and the order of the ``test_access_*`` modules: :mod:`tests.schema.access_world`.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from graph.store.connection import Neo4jTarget
from tests.schema.access_world import ACCOUNT, ROLES, World, as_role
from tests.support.gql import GraphQLClient


def test_the_audit_log_records_the_matrix_without_personal_values(
    app: GraphQLClient, world: World, neo4j_target: Neo4jTarget
) -> None:
    """Runs last (pytest keeps file order, and this module is the last of the access modules):
    the matrix of the modules before is in the log."""
    log = as_role(app, "admin").data(
        "{ auditLog(first: 1000) { accountId role operation kind personIds ok } }"
    )["auditLog"]
    reads = {(e["accountId"], e["operation"]) for e in log if e["kind"] == "read"}
    for role in ROLES:
        assert (ACCOUNT[role], "resident") in reads, role
        assert (ACCOUNT[role], "supportNetwork") in reads, role
    chief_reads = [
        e for e in log if e["accountId"] == "demo-floor-chief" and e["operation"] == "resident"
    ]
    assert any(world.subject["corridor"] in e["personIds"] for e in chief_reads)
    # Nothing outside the floor chief's corridor was read by them.
    for e in log:
        if e["accountId"] == "demo-floor-chief" and e["kind"] == "read":
            assert world.subject["micro_grid"] not in e["personIds"]
    mutations = [(e["accountId"], e["operation"], e["ok"]) for e in log if e["kind"] == "mutation"]
    assert ("demo-floor-chief", "recordVisit", True) in mutations
    assert ("demo-floor-chief", "recordVisit", False) in mutations
    assert ("demo-floor-chief", "addHelper", False) in mutations  # refused by role
    assert ("demo-planner", "setCapacity", False) in mutations
    with neo4j_target.sync_driver() as driver:
        records, _, _ = driver.execute_query(
            "MATCH (e:AuditEntry) RETURN properties(e) AS p", database_=neo4j_target.database
        )
    stored = [r["p"] for r in records]
    assert stored and all(
        set(p) <= {"at", "accountId", "role", "operation", "kind", "personIds", "ok", "target"}
        for p in stored
    )
    text = repr(stored)
    birth_years = {str(r.birth_year) for r in world.roster.residents}
    for phone in world.phones:
        assert phone not in text
    values = [v for p in stored for k, v in p.items() if k != "at"]
    assert not {str(v) for v in values} & birth_years
    names = {r.name for r in world.roster.residents}
    assert not any(n in text for n in names)
    assert datetime.now(UTC) - max(p["at"].to_native() for p in stored) < timedelta(hours=1)
