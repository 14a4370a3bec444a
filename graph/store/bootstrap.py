"""Schema bootstrap: the constraints and indexes the model needs, created idempotently.

Run at every start of the service and before every roster load; each statement is
``IF NOT EXISTS``, so a second run changes nothing.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time

from neo4j import AsyncDriver, Driver
from neo4j.exceptions import ClientError, DriverError, Neo4jError, TransientError

from graph.store import data_version

__all__ = ["ensure_schema", "ensure_schema_async", "ensure_schema_until_ready"]

# Every place of the grid carries :Area besides its level label, so one constraint keeps codes
# unique across levels (a role's scope names a place by code alone).
CONSTRAINTS: tuple[str, ...] = (
    "CREATE CONSTRAINT area_code IF NOT EXISTS FOR (n:Area) REQUIRE n.code IS UNIQUE",
    "CREATE CONSTRAINT building_code IF NOT EXISTS FOR (n:Building) REQUIRE n.code IS UNIQUE",
    "CREATE CONSTRAINT dwelling_key IF NOT EXISTS FOR (n:Dwelling) REQUIRE n.key IS UNIQUE",
    "CREATE CONSTRAINT household_id IF NOT EXISTS FOR (n:Household) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT organisation_code IF NOT EXISTS "
    "FOR (n:Organisation) REQUIRE n.code IS UNIQUE",
    "CREATE CONSTRAINT party_branch_code IF NOT EXISTS "
    "FOR (n:PartyBranch) REQUIRE n.code IS UNIQUE",
    # Roster loads wait on this constraint's entry for one another (graph.records.roster_store).
    "CREATE CONSTRAINT roster_load_id IF NOT EXISTS FOR (n:RosterLoad) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT matter_id IF NOT EXISTS FOR (n:Matter) REQUIRE n.id IS UNIQUE",
    # A matter's history is appended to: no two steps of one matter can share a number.
    "CREATE CONSTRAINT matter_step_key IF NOT EXISTS FOR (n:MatterStep) REQUIRE n.key IS UNIQUE",
    "CREATE CONSTRAINT vote_id IF NOT EXISTS FOR (n:Vote) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT project_id IF NOT EXISTS FOR (n:Project) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT photo_id IF NOT EXISTS FOR (n:Photo) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT meeting_id IF NOT EXISTS FOR (n:Meeting) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT emergency_plan_elder IF NOT EXISTS "
    "FOR (n:EmergencyPlan) REQUIRE n.elder IS UNIQUE",
    "CREATE CONSTRAINT emergency_event_id IF NOT EXISTS "
    "FOR (n:EmergencyEvent) REQUIRE n.id IS UNIQUE",
    # Marks are only appended; their key (event # number) keeps even a raced write from
    # numbering two alike (graph.emergency.events).
    "CREATE CONSTRAINT event_mark_key IF NOT EXISTS FOR (n:EventMark) REQUIRE n.key IS UNIQUE",
    data_version.CONSTRAINT,
)
# Lookups by key under a second label (a :Resident by id, a :Corridor by code) cannot use the
# :Person/:Area constraints above; without these they scan the whole label per row.
INDEXES: tuple[str, ...] = (
    "CREATE INDEX resident_id IF NOT EXISTS FOR (n:Resident) ON (n.id)",
    "CREATE INDEX community_code IF NOT EXISTS FOR (n:Community) ON (n.code)",
    "CREATE INDEX micro_grid_code IF NOT EXISTS FOR (n:MicroGrid) ON (n.code)",
    "CREATE INDEX block_code IF NOT EXISTS FOR (n:Block) ON (n.code)",
    "CREATE INDEX corridor_code IF NOT EXISTS FOR (n:Corridor) ON (n.code)",
    "CREATE INDEX area_level IF NOT EXISTS FOR (n:Area) ON (n.level)",
    "CREATE INDEX resident_birth_year IF NOT EXISTS FOR (n:Resident) ON (n.birthYear)",
    "CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name)",
    "CREATE INDEX serves_role IF NOT EXISTS FOR ()-[r:SERVES]-() ON (r.role)",
)
# Accounts are created before any roster (ensure_account also runs this on a bare database).
ACCOUNT_SCHEMA: tuple[str, ...] = (
    "CREATE CONSTRAINT account_id IF NOT EXISTS FOR (n:Account) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT session_id IF NOT EXISTS FOR (n:Session) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX session_account IF NOT EXISTS FOR (n:Session) ON (n.accountId)",
    "CREATE CONSTRAINT sign_in_throttle_key IF NOT EXISTS "
    "FOR (n:SignInThrottle) REQUIRE n.key IS UNIQUE",
    "CREATE CONSTRAINT sign_in_code_id IF NOT EXISTS FOR (n:SignInCode) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX sign_in_code_account IF NOT EXISTS FOR (n:SignInCode) ON (n.accountId)",
    "CREATE CONSTRAINT api_token_id IF NOT EXISTS FOR (n:ApiToken) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX api_token_account IF NOT EXISTS FOR (n:ApiToken) ON (n.accountId)",
)
# The audit log is listed by time, newest first, optionally for one account.
AUDIT_SCHEMA: tuple[str, ...] = (
    "CREATE INDEX audit_at IF NOT EXISTS FOR (n:AuditEntry) ON (n.at)",
    "CREATE INDEX audit_account IF NOT EXISTS FOR (n:AuditEntry) ON (n.accountId)",
)
SCHEMA_STATEMENTS: tuple[str, ...] = CONSTRAINTS + INDEXES + ACCOUNT_SCHEMA + AUDIT_SCHEMA
AWAIT_INDEXES = "CALL db.awaitIndexes(300)"


# Auto-commit statements (session.run), not execute_query: schema changes need a transaction of
# their own, and a caller that finds Neo4j down should hear so at once rather than after the
# driver's minute of retries (the service retries on its own schedule).
#
# Only what is missing is created: ``IF NOT EXISTS`` still takes schema locks, and two loads
# starting at once on a new database deadlock on them. A deadlock or a rule another client
# created meanwhile is harmless: the statement is tried again (it is idempotent).
EXISTING = "SHOW INDEXES YIELD name"  # constraints own an index of the same name
_NAME = re.compile(r"CREATE (?:CONSTRAINT|INDEX) (\w+) IF NOT EXISTS")
ATTEMPTS = 5
EQUIVALENT_EXISTS = "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists"


def pending(existing: set[str], statements: tuple[str, ...] = SCHEMA_STATEMENTS) -> list[str]:
    """The schema statements whose rule is not among ``existing`` names, in order."""
    return [s for s in statements if _NAME.match(s)[1] not in existing]  # type: ignore[index]


def _retry_after(exc: Neo4jError, attempt: int) -> float | None:
    """After a schema statement failed: seconds to wait before trying it again, None when it is
    done after all (another client created the rule meanwhile); re-raises anything else."""
    if isinstance(exc, ClientError) and exc.code == EQUIVALENT_EXISTS:
        return None
    if isinstance(exc, TransientError) and attempt < ATTEMPTS - 1:
        return 0.2 * (attempt + 1)
    raise exc


def ensure_schema(
    driver: Driver, *, database: str = "neo4j", statements: tuple[str, ...] = SCHEMA_STATEMENTS
) -> None:
    """Create the constraints and indexes (idempotent) and wait until they are online."""
    with driver.session(database=database) as session:
        existing = {r["name"] for r in session.run(EXISTING)}
        for statement in pending(existing, statements):
            for attempt in range(ATTEMPTS):
                try:
                    session.run(statement).consume()
                    break
                except (ClientError, TransientError) as exc:
                    if (pause := _retry_after(exc, attempt)) is None:
                        break
                    time.sleep(pause)
        session.run(AWAIT_INDEXES).consume()


async def ensure_schema_async(driver: AsyncDriver, *, database: str = "neo4j") -> None:
    """:func:`ensure_schema` for the service's async driver."""
    async with driver.session(database=database) as session:
        existing = {r["name"] async for r in await session.run(EXISTING)}
        for statement in pending(existing):
            for attempt in range(ATTEMPTS):
                try:
                    await (await session.run(statement)).consume()
                    break
                except (ClientError, TransientError) as exc:
                    if (pause := _retry_after(exc, attempt)) is None:
                        break
                    await asyncio.sleep(pause)
        await (await session.run(AWAIT_INDEXES)).consume()


log = logging.getLogger("louzhi.graph")


async def ensure_schema_until_ready(
    driver: AsyncDriver, *, database: str = "neo4j", pause: float = 2.0
) -> None:
    """Create constraints and indexes, retrying while Neo4j is down (a background task).

    The service serves meanwhile: /healthz says 503 and queries fail with a clear error until
    Neo4j answers, then everything recovers without a restart.
    """
    while True:
        try:
            await ensure_schema_async(driver, database=database)
            return
        except (DriverError, Neo4jError, OSError) as exc:
            log.warning("Neo4j not ready (%s); retrying the schema bootstrap", type(exc).__name__)
            await asyncio.sleep(pause)
