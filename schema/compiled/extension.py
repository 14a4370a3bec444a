"""The schema extension that answers a read request from its plan, or leaves it to graphql-core.

It runs where graphql-core's execution would (strawberry skips execution when an extension has
set the result), after parsing, validation and the limits, and before the audit entries are
written (schema/audit.py) and the IDs are shown as the caller writes them (schema/codes.py),
which both work on the result as they always do.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from typing import Any

from graphql import ExecutionResult, GraphQLError, GraphQLObjectType, OperationDefinitionNode
from graphql.execution.values import get_variable_values
from graphql.utilities import get_operation_ast
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from graph.errors import GraphUnavailable
from schema.compiled.derived import DERIVED_ROOTS, derived_field, derived_root
from schema.compiled.plan import FieldPlan, Resolver, plan_of
from schema.compiled.resolvers import NESTED, TYPE_OF
from schema.compiled.roots import ROOTS, Refused, columns_of, root_value
from schema.compiled.run import Miss, Run, complete_root
from schema.errors import LouzhiError

__all__ = ["RESOLVERS", "CompiledReads", "resolver_of"]

log = logging.getLogger("louzhi.compiled")

RESOLVERS = {**NESTED, **ROOTS}
WRITTEN = frozenset(kind for kind, _ in RESOLVERS)  # types whose resolvers are written out


def resolver_of(runtime: GraphQLObjectType, name: str) -> Resolver | None:
    """The compiled resolver of the field ``name`` of ``runtime``: written out for the rows the
    root fields read, else made from the strawberry type (schema/compiled/derived.py); a type
    is served one way, never both (their sources differ: a row, an object)."""
    found = RESOLVERS.get((runtime.name, name))
    if found is not None:
        return found
    if runtime.name == "Query":
        return derived_root if name in DERIVED_ROOTS else None
    return None if runtime.name in WRITTEN else derived_field(runtime, name)


# What sends a request the usual way, which then answers it (and words any refusal) as always.
USUAL = (LouzhiError, GraphQLError, GraphUnavailable, Miss, Refused)


async def execute(
    execution: Any,
    plans: tuple[FieldPlan, ...],
    variables: dict[str, Any],
    operation: OperationDefinitionNode,
) -> ExecutionResult:
    run = Run(execution.context, variables, execution.schema, operation)
    run.columns = columns_of(plans)
    found = await _roots(run, plans)
    data: dict[str, Any] | None = {}
    for plan, value in zip(plans, found, strict=True):
        run.root, run.root_key = plan.name, plan.key
        shown = complete_root(run, plan, value, TYPE_OF)
        if shown is None and plan.non_null:
            data = None  # graphql-core's rule: a non-null root that is null nulls the data
            break
        data[plan.key] = shown  # type: ignore[index]
    return ExecutionResult(data=data, errors=run.errors or None)


async def _roots(run: Run, plans: tuple[FieldPlan, ...]) -> list[Any]:
    found = await asyncio.gather(*(root_value(run, p) for p in plans), return_exceptions=True)
    for value in found:
        if isinstance(value, BaseException):
            raise value
    return list(found)


def _variables(execution: Any, operation: OperationDefinitionNode) -> dict[str, Any] | None:
    """The request's variables coerced to their types, or None when they do not fit (the usual
    execution says how)."""
    coerced = get_variable_values(
        execution.schema._schema, operation.variable_definitions or (), execution.variables or {}
    )
    return None if isinstance(coerced, list) else coerced


class CompiledReads(SchemaExtension):
    async def on_execute(self) -> AsyncIterator[None]:  # type: ignore[override]
        execution = self.execution_context
        if execution.operation_type is OperationType.QUERY and execution.graphql_document:
            plans = plan_of(
                execution.schema._schema,
                execution.graphql_document,
                execution.operation_name,
                resolver_of,
            )
            document, name = execution.graphql_document, execution.operation_name
            operation = get_operation_ast(document, name) if plans is not None else None
            variables = _variables(execution, operation) if operation is not None else None
            if plans is not None and operation is not None and variables is not None:
                context = execution.context
                try:
                    execution.result = await execute(execution, plans, variables, operation)
                    context.compiled = True
                except USUAL as reason:
                    log.debug("executed the usual way: %r", reason)
                    context.audit.reads.clear()
                except Exception:
                    log.warning("compiled reads failed; executed the usual way", exc_info=True)
                    context.audit.reads.clear()
        yield
