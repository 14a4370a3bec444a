"""One demo account per role, bound to the right people of a demo roster.

The people are found in the roster (the active holder of a role on ``today``), not written here
as ids, so the accounts follow the generator if it changes::

    >>> roster = generate(seed=1)
    >>> [(a.account_id, a.role, a.scope, a.person_id) for a in demo_accounts(roster)][2]
    ('demo-grid-worker', 'grid_worker', 'QS/QS-MG1', 'QS/G01')

Tokens are the service's business: ``louzhi up --demo`` signs one for each account and prints it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from graph.access.account_changes import ensure_account, set_password
from graph.access.accounts import Account
from graph.errors import ChangeError
from graph.identity import owned, ref
from graph.store.connection import Neo4jTarget
from seeds.rows import Roster

COMMUNITY = "<community>"  # stands for the roster's community code


@dataclass(frozen=True)
class DemoAccount:
    account_id: str
    role: str
    scope: str | None  # an area code, COMMUNITY, or None (admin)
    holder_of: str | None = None  # bind to the active holder of this roster role in ``scope``


@dataclass(frozen=True)
class ResolvedAccount:
    account_id: str
    role: str
    scope: str | None
    person_id: str | None


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("demo-admin", "admin", None),
    DemoAccount("demo-committee", "committee", COMMUNITY),
    DemoAccount("demo-grid-worker", "grid_worker", "QS-MG1", holder_of="grid_worker"),
    DemoAccount("demo-floor-chief", "floor_chief", "QS-B01-C1", holder_of="first_floor_chief"),
    DemoAccount("demo-planner", "planner", "QS-P1"),
)


def _holder(roster: Roster, role: str, scope: str, today: date) -> str:
    for r in roster.roles:
        active = r.since <= today and (r.until is None or r.until >= today)
        if r.role == role and r.scope == scope and active:
            return r.person_id
    raise ValueError(f"the roster has no active {role} in {scope} on {today}")


def demo_accounts(roster: Roster, *, today: date | None = None) -> list[ResolvedAccount]:
    """:data:`DEMO_ACCOUNTS` with their scopes and people found in ``roster``."""
    today = today or date.today()
    resolved = []
    for spec in DEMO_ACCOUNTS:
        scope = spec.scope
        person = None
        if spec.holder_of is not None:
            assert scope is not None
            person = owned(roster.community, _holder(roster, spec.holder_of, scope, today))
        if scope is not None:  # accounts hold references (graph.identity)
            scope = roster.community if scope == COMMUNITY else ref(roster.community, scope)
        resolved.append(ResolvedAccount(spec.account_id, spec.role, scope, person))
    return resolved


# The one password of every demo account, printed by `louzhi up --demo`; the service refuses it
# when it does not run on loopback (graph/access/signin.py).
DEMO_PASSWORD = "qingsong-demo"


def create_demo_accounts(
    target: Neo4jTarget,
    roster: Roster,
    *,
    today: date | None = None,
    now: datetime | None = None,
) -> list[Account]:
    """Create the demo accounts that do not exist yet; the enabled ones, created or found.

    Run after the roster is loaded. Idempotent: an existing account is kept as it is (an
    account without a password gets :data:`DEMO_PASSWORD`), and a disabled one is left out
    (it gets no token). The service hands out their tokens
    (``louzhi up --demo`` prints them).
    """
    now = now or datetime.now(UTC)
    enabled: list[Account] = []
    with target.sync_driver() as driver:
        for spec in demo_accounts(roster, today=today):
            account = ensure_account(
                driver,
                database=target.database,
                account_id=spec.account_id,
                role=spec.role,
                scope=spec.scope,
                person_id=spec.person_id,
                now=now,
            )
            if isinstance(account, ChangeError):
                raise RuntimeError(f"demo account {spec.account_id}: {account.message}")
            if not account.has_password:  # published, so refused off loopback (demoPassword)
                account = set_password(
                    driver, database=target.database, account_id=account.id,
                    password=DEMO_PASSWORD, must_change=False, demo=True, now=now,
                )  # fmt: skip
                assert not isinstance(account, ChangeError)
            if not account.disabled:
                enabled.append(account)
    return enabled
