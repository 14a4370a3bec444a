"""The GraphQL schema: the product's contract with the web UI and the planners.

``schema/schema.graphql`` is this schema's SDL, committed; a test fails when they disagree
(regenerate it with ``louzhi schema > schema/schema.graphql``).
"""

from __future__ import annotations

from collections.abc import Callable

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    DisableIntrospection,
    MaxTokensLimiter,
    ParserCache,
    SchemaExtension,
)
from strawberry.types import ExecutionContext

from schema.accounts_admin import AccountsMutation, AccountsQuery
from schema.audit import AuditExtension, AuditLogEntry, resolve_audit_log
from schema.bookmarks import BookmarkExtension
from schema.codes import HomeExtension, QualifyIds
from schema.compiled.extension import CompiledReads
from schema.cost import CostLimiter
from schema.coverage import CoverageQuery
from schema.emergency import EmergencyMutation, EmergencyQuery
from schema.errors import code_error
from schema.governance_figures import GovernanceQuery
from schema.health import Health, resolve_health
from schema.limits import MAX_ALIASES, MAX_DEPTH, LimitedValidation
from schema.matters import MattersMutation, MattersQuery
from schema.meetings import MeetingsMutation, MeetingsQuery
from schema.mutations import Mutation as RecordsMutation
from schema.permissions import RootGuard
from schema.projects import ProjectsMutation, ProjectsQuery
from schema.queries import PlacesQuery
from schema.text_limits import TextLimits
from schema.types import Resident, Worker
from schema.viewer import Viewer, resolve_viewer
from schema.votes import VotesMutation, VotesQuery

__all__ = ["MAX_ALIASES", "MAX_DEPTH", "MAX_TOKENS", "build_schema"]

MAX_TOKENS = 4000


@strawberry.type
class Query(
    PlacesQuery, CoverageQuery, AccountsQuery, MattersQuery, VotesQuery, ProjectsQuery,
    MeetingsQuery, GovernanceQuery, EmergencyQuery,
):  # fmt: skip
    health: Health = strawberry.field(
        resolver=resolve_health, description="Whether Neo4j answers, and its version."
    )
    viewer: Viewer = strawberry.field(
        resolver=resolve_viewer, description="The signed-in account: role, scope, rights."
    )
    audit_log: list[AuditLogEntry] = strawberry.field(
        resolver=resolve_audit_log,
        description="Audited reads and mutations, newest first (admin only).",
    )


@strawberry.type
class Mutation(
    RecordsMutation, AccountsMutation, MattersMutation, VotesMutation, ProjectsMutation,
    MeetingsMutation, EmergencyMutation,
):  # fmt: skip
    pass


def guard_root_fields(*types: type) -> None:
    """Put :data:`RootGuard` (who may call it), :data:`TextLimits` (what text it takes) and
    :data:`QualifyIds` (codes relative to the caller's community) on every root field, so that
    none can be added unguarded."""
    for root in types:
        for f in root.__strawberry_definition__.fields:  # type: ignore[attr-defined]
            # The last extension runs first: RootGuard, so that a caller who may not use the
            # field hears that, not what is wrong with their arguments; the resolver gets the
            # arguments qualified.
            if not any(isinstance(e, QualifyIds) for e in f.extensions):
                f.extensions.insert(0, QualifyIds())
            if not any(isinstance(e, TextLimits) for e in f.extensions):
                f.extensions.insert(1, TextLimits())
            if not any(isinstance(e, RootGuard) for e in f.extensions):
                f.extensions.append(RootGuard())


def extensions(
    *, development: bool, compiled: bool = True
) -> list[type[SchemaExtension] | Callable[[], SchemaExtension]]:
    """Classes or factories, never shared instances: strawberry builds them per request.
    ``compiled``: answer the read requests it serves from their plans (schema/compiled/)."""
    found: list[type[SchemaExtension] | Callable[[], SchemaExtension]] = [
        HomeExtension,
        BookmarkExtension,
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: ParserCache(maxsize=512),
        # Depth, aliases, fields and fragment spreads in one linear pass, then validation
        # (cached: its rules are the same for every request).
        lambda: LimitedValidation(maxsize=512),
        CostLimiter,
        AuditExtension,
    ]
    if compiled:
        found.append(CompiledReads)
    if not development:
        found.append(DisableIntrospection)
    return found


class LouzhiSchema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        """Code and mask every error; only unexpected ones are logged (by code_error).

        Strawberry's default would log each client mistake at ERROR level, with the query.
        """
        context = execution_context.context if execution_context else None
        language = getattr(context, "language", "zh")
        for error in errors:
            code_error(error, language)


def build_schema(*, development: bool = False, compiled: bool = True) -> strawberry.Schema:
    guard_root_fields(Query, Mutation)
    return LouzhiSchema(
        query=Query,
        mutation=Mutation,
        # Concrete people types are reached only through the Person interface.
        types=[Resident, Worker],
        extensions=extensions(development=development, compiled=compiled),
    )
