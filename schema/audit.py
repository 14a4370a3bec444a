"""The audit trail of one request, written when it ends; ``auditLog`` to read it (admin).

Guards (:mod:`schema.permissions`) note each person whose name or personal details a root field
returned, and mutations note the people they touched and whether they succeeded (a refused
mutation too). :class:`AuditExtension` writes the request's entries in one transaction after
execution: ids only, never a value (:class:`graph.access.audit.AuditEntry` enforces that by
shape). If the entries cannot be written the answer is withheld: no personal detail leaves
unrecorded.

Example (admin)::

    { auditLog(first: 20) { at accountId role operation kind personIds ok } }
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import AsyncIterator, Iterable
from datetime import UTC, datetime

import strawberry
from graphql import ExecutionResult, FieldNode, GraphQLError, OperationDefinitionNode
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionContext, Info
from strawberry.types.graphql import OperationType

from graph.access import audit
from graph.access.accounts import Principal
from graph.errors import GraphUnavailable

__all__ = ["AuditExtension", "AuditLogEntry", "AuditTrail", "resolve_audit_log"]


def _root_name(info: Info) -> str:
    """The field name (not the alias) of the root field ``info`` resolves under."""
    path = info.path
    while path.prev is not None:
        path = path.prev
    key = str(path.key)
    for node in info.operation.selection_set.selections:
        if isinstance(node, FieldNode) and (node.alias or node.name).value == key:
            return node.name.value
    return key


class AuditTrail:
    """What one request read and changed, by root field."""

    def __init__(self, principal: Principal | None) -> None:
        self.principal = principal
        self.reads: dict[str, set[str]] = defaultdict(set)
        self.mutations: list[tuple[str, tuple[str, ...], bool]] = []
        self.targets: dict[str, str] = {}  # operation -> the account it changed

    def read(self, info: Info, person_id: str) -> None:
        self.read_in(_root_name(info), person_id)

    def read_in(self, operation: str, person_id: str) -> None:
        """Note that the root field ``operation`` showed ``person_id``'s name or details."""
        if audit.is_id(person_id):  # an id no entry may hold names nobody who can be read
            self.reads[operation].add(person_id)

    def mutation(
        self, operation: str, person_ids: Iterable[str], *, ok: bool, target: str | None = None
    ) -> None:
        # Ids as the client sent them: one that could not be an id (free text, an injection
        # attempt) names nobody and is left out rather than stored.
        self.mutations.append((operation, tuple(i for i in person_ids if audit.is_id(i)), ok))
        if target is not None and audit.is_id(target):
            self.targets[operation] = target

    def entries(self, at: datetime) -> list[audit.AuditEntry]:
        if self.principal is None:
            return []
        who = {"account_id": self.principal.account_id, "role": self.principal.role, "at": at}
        found = [
            audit.AuditEntry(operation=op, kind="read", person_ids=tuple(sorted(ids)), **who)
            for op, ids in sorted(self.reads.items())
        ]
        found += [
            audit.AuditEntry(
                operation=op,
                kind="mutation",
                person_ids=ids,
                ok=ok,
                target=self.targets.get(op),
                **who,
            )
            for op, ids, ok in self.mutations
        ]
        return found


def _failed_mutations(execution: ExecutionContext) -> list[str]:
    """Root fields of a mutation that answered with an error before noting themselves (an
    argument refused in the resolver, an unexpected error): audited as failed all the same."""
    if execution.operation_type != OperationType.MUTATION or execution.result is None:
        return []
    failed = {str(e.path[0]) for e in execution.result.errors or () if e.path}
    names = []
    document = execution.graphql_document
    for definition in document.definitions if document else ():
        if isinstance(definition, OperationDefinitionNode):
            for node in definition.selection_set.selections:
                if isinstance(node, FieldNode) and (node.alias or node.name).value in failed:
                    names.append(node.name.value)
    return names


class AuditExtension(SchemaExtension):
    async def on_execute(self) -> AsyncIterator[None]:  # type: ignore[override]
        yield
        ctx = self.execution_context.context
        noted = {op for op, _, _ in ctx.audit.mutations}
        for name in _failed_mutations(self.execution_context):
            if name not in noted:
                ctx.audit.mutation(name, (), ok=False)
        entries = ctx.audit.entries(datetime.now(UTC))
        if not entries:
            return
        try:
            if ctx.audit_writer is not None:
                await ctx.audit_writer.append(entries)
            else:
                await audit.record_many(ctx.db, entries=entries)
        except GraphUnavailable:
            error = GraphQLError(
                "The audit log could not be written; nothing is shown.",
                extensions={
                    "code": "SERVICE_UNAVAILABLE",
                    "zh": "审计日志无法写入，因此不显示任何内容。",
                },
            )
            self.execution_context.result = ExecutionResult(data=None, errors=[error])


@strawberry.type(description="One audited read of personal details or one mutation: ids only.")
class AuditLogEntry:
    at: datetime
    account_id: str | None
    role: str | None
    operation: str = strawberry.field(description="The root field or mutation.")
    kind: str = strawberry.field(description="read, mutation, or access (sign-ins, sign-outs)")
    person_ids: list[strawberry.ID]
    ok: bool = strawberry.field(description="False for a refused or failed mutation.")
    target: str | None = strawberry.field(
        description="The account an administrator's change or a sign-in code was about."
    )


async def resolve_audit_log(
    info: Info,
    since: datetime | None = None,
    account_id: str | None = None,
    first: int = 100,
) -> list[AuditLogEntry]:
    from schema.errors import BadInput

    if not 1 <= first <= audit.MAX_LIMIT:
        raise BadInput(
            f"first must be between 1 and {audit.MAX_LIMIT}.",
            f"first 须在 1 到 {audit.MAX_LIMIT} 之间。",
        )
    found = await audit.entries_of(info.context.db, since=since, account_id=account_id, limit=first)
    return [
        AuditLogEntry(
            at=e.at,
            account_id=e.account_id,
            role=e.role,
            operation=e.operation,
            kind=e.kind,
            person_ids=[strawberry.ID(i) for i in e.person_ids],
            target=e.target,
            ok=e.ok,
        )
        for e in found
    ]
