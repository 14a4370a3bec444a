"""What every resolver may reach: who is asking, the graph session scoped to them, the loaders
and the audit trail of this one request."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from graphql import OperationType
from strawberry.types import Info as StrawberryInfo

from graph.access.accounts import Principal
from graph.access.audit_writer import AuditWriter
from graph.access.session import AsyncDriver, CausalDriver, GraphSession
from graph.coverage.report_cache import data_version
from graph.identity import Home
from graph.messages import Language
from schema.audit import AuditTrail
from schema.loaders import Loaders
from schema.permissions import reach_of


@dataclass
class Context:
    driver: AsyncDriver | CausalDriver  # per request, following the client's bookmarks
    database: str
    principal: Principal | None = None
    today: date = field(default_factory=date.today)
    response: Any = None  # the HTTP response being built: its headers (Louzhi-Bookmark)
    # For the administrator's mutations (schema/accounts_admin.py): the Neo4j target (account
    # changes run the command line's functions), the signer of programs' tokens (the server's
    # key stays in the server), and the service's own origin (a sign-in code's address).
    target: Any = None
    sign_token: Callable[[str, timedelta, str], str] | None = None
    origin: str = ""
    language: Language = "zh"  # of the texts the API words (Accept-Language; default Chinese)
    home: Home | None = None  # the principal's, when read with its account (schema/codes.py)
    # The graph's data version, read with the account at the start of this request (None: not
    # read, or not to be trusted: after bookmarks, over a WebSocket); see version_for_reports.
    data_version: str | None = None
    audit_writer: AuditWriter | None = None  # the service's group commit; None: write alone
    compiled: bool = False  # set when the compiled reads answered (schema/compiled/)
    db: GraphSession = field(init=False)
    loaders: Loaders = field(init=False)
    audit: AuditTrail = field(init=False)

    def __post_init__(self) -> None:
        # Every read of this request carries the caller's scope (graph/access/scope.py).
        self.db = GraphSession(self.driver, database=self.database, reach=reach_of(self.principal))
        self.loaders = Loaders(self.db)
        self.audit = AuditTrail(self.principal)


Info = StrawberryInfo[Context, None]


def version_read(info: Info) -> str | None:
    """The data version read with the account when this query began (None when there is none
    to trust: a mutation, bookmarks, a WebSocket); see :func:`version_for_reports`."""
    ctx = info.context
    if ctx.data_version is not None and info.operation.operation is OperationType.QUERY:
        return ctx.data_version
    return None


async def version_for_reports(info: Info) -> str:
    """The data version kept reports are looked up under (graph/coverage/report_cache.py): for
    a query, the one read with the account when this request began, after every write it may
    see (Context.data_version); else read now (a mutation's fields come after its own write).
    Sound while an HTTP request holds one operation: batched operations would share it."""
    ctx = info.context
    known = version_read(info)
    return known if known is not None else await data_version(ctx.driver, database=ctx.database)
