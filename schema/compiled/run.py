"""Executing a plan: the reads of each root field first, then one synchronous walk that shapes the
answer from the rows read, with the masks, the audit notes and graphql-core's rules for errors
(an error is placed at its field's path; a null where the schema says non-null makes the nearest
nullable field above it null).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from graphql import GraphQLError, OperationDefinitionNode, located_error
from graphql.execution.values import get_argument_values
from graphql.pyutils import Path as GraphQLPath
from strawberry.types.arguments import convert_arguments

from graph.records.places import AreaRow
from graph.records.prefetch import Prefetched
from schema.compiled.plan import FieldPlan
from schema.context import Context
from schema.errors import LouzhiError

__all__ = ["Miss", "RootInfo", "Run", "Store", "complete_root", "gather", "shape"]


class Miss(Exception):
    """The walk needs a row the reads did not bring: execute the request the usual way."""


@dataclass(frozen=True)
class RootInfo:
    """What the checks shared with the resolvers read of ``info``: its context and field, and
    for the audit trail (schema/audit.py) the operation and the path of the root field the
    field is under (only that root's key: no resolver reads more of it)."""

    context: Context
    field_name: str
    path: GraphQLPath | None = None
    operation: OperationDefinitionNode | None = None


@dataclass
class Store(Prefetched):
    """The rows one request's root fields read (the prefetches', and areas' children)."""

    children: dict[str, list[AreaRow]] = field(default_factory=dict)  # by area

    def get(self, kind: str, key: str) -> Any:
        found = getattr(self, kind)
        if key not in found:
            raise Miss(f"{kind} {key}")
        return found[key]


class _Null(Exception):
    """A non-null field came out null: its parent is null (graphql-core's null bubbling)."""


Path = tuple[Any, str | int] | None  # (the path above, this key): built only for errors


def _as_list(path: Path) -> list[str | int]:
    keys: list[str | int] = []
    while path is not None:
        path, key = path
        keys.append(key)
    return keys[::-1]


class Run:
    """One request's compiled execution: its context, variables, rows and errors."""

    def __init__(
        self,
        context: Context,
        variables: dict[str, Any],
        schema: Any,
        operation: OperationDefinitionNode | None = None,
    ) -> None:
        self.context = context
        self.operation = operation
        self.principal = context.principal
        self.variables = variables
        self.store = Store()
        self.errors: list[GraphQLError] = []
        self.root = ""  # the root field being shaped, which its audit notes name
        self.root_key = ""  # its response key ("": the roots are being read)
        # Of people to read, and of households' members (None: all): roots.columns_of.
        self.columns: tuple[frozenset[str] | None, ...] = (None, None)
        self._schema = schema  # strawberry's: its scalars and names for arguments
        self._args: dict[int, dict[str, Any]] = {}
        self._infos: dict[int, RootInfo] = {}

    def info(self, plan: FieldPlan) -> RootInfo:
        """The ``info`` of ``plan``'s field, made once per field of the plan (each field of a
        plan is under one root field: while the roots are read, the root is the plan)."""
        found = self._infos.get(id(plan))
        if found is None:
            path = GraphQLPath(None, self.root_key or plan.key, None)
            found = RootInfo(self.context, plan.name, path, self.operation)
            self._infos[id(plan)] = found
        return found

    def args(self, plan: FieldPlan) -> dict[str, Any]:
        """The field's arguments as strawberry gives them to a resolver (Python names, input
        objects, enums, dates), worked out once per field of the plan."""
        found = self._args.get(id(plan))
        if found is None:
            assert plan.definition is not None
            raw = get_argument_values(plan.definition, plan.nodes[0], self.variables)
            definition = plan.definition.extensions["strawberry-definition"]
            found = convert_arguments(
                raw,
                definition.arguments,
                scalar_registry=self._schema.schema_converter.scalar_registry,
                config=self._schema.config,
            )
            self._args[id(plan)] = found
        return found

    def audit(self, person_id: str) -> None:
        self.context.audit.read_in(self.root, person_id)

    def fail(self, error: Exception, plan: FieldPlan, path: Path) -> None:
        self.errors.append(located_error(error, list(plan.nodes), _as_list(path)))


TypeOf = dict[str, Any]  # abstract type name -> value -> runtime type name


def _complete(run: Run, plan: FieldPlan, value: Any, path: Path, type_of: TypeOf) -> Any:
    if value is None:
        return None
    if plan.serialize is not None:
        return _leaf(plan.serialize, value)
    if type(value) is list:
        out = []
        for i, item in enumerate(value):
            shown = _object(run, plan, item, (path, i), type_of)
            if shown is None and plan.items_non_null:
                raise _Null
            out.append(shown)
        return out
    return _object(run, plan, value, path, type_of)


def _leaf(serialize: Any, value: Any) -> Any:
    """A leaf value, or a list of them at any depth (``committeePaths: [[String!]!]!``)."""
    if type(value) is list:
        return [_leaf(serialize, v) for v in value]
    return serialize(value)


def _object(run: Run, plan: FieldPlan, value: Any, path: Path, type_of: TypeOf) -> Any:
    if len(plan.below) == 1:
        ((runtime, fields),) = plan.below.items()
    else:
        runtime = type_of[plan.type_name](value)
        fields = plan.below[runtime]
    try:
        return shape(run, runtime, value, fields, path, type_of)
    except _Null:
        return None


def shape(
    run: Run,
    runtime: str,
    source: Any,
    fields: tuple[FieldPlan, ...],
    path: Path,
    type_of: TypeOf,
) -> dict[str, Any]:
    """The answer for ``source`` (of the object type ``runtime``): each planned field resolved
    and completed; raises :class:`_Null` when a non-null field came out null."""
    out: dict[str, Any] = {}
    for plan in fields:
        if plan.resolve is None:  # __typename
            out[plan.key] = runtime
            continue
        try:
            value = plan.resolve(source, run, plan)
        except LouzhiError as error:
            run.fail(error, plan, (path, plan.key))
            if plan.non_null:
                raise _Null from None
            out[plan.key] = None
            continue
        try:
            shown = _complete(run, plan, value, (path, plan.key), type_of)
        except _Null:
            shown = None
        if shown is None and plan.non_null:
            raise _Null
        out[plan.key] = shown
    return out


def complete_root(run: Run, plan: FieldPlan, value: Any, type_of: TypeOf) -> Any:
    """A root field's answer (None for a null, which its caller may have to bubble up)."""
    if plan.resolve is None:
        return "Query"  # __typename
    try:
        return _complete(run, plan, value, (None, plan.key), type_of)
    except _Null:
        return None


async def gather(*reads: Any) -> list[Any]:
    """The roots' reads side by side, as graphql-core runs root fields of a query."""
    return list(await asyncio.gather(*reads))
