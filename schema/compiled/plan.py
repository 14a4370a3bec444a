"""An operation's plan: its fields per runtime type, fragments and aliases resolved, made once per
operation text and kept.

A plan exists only when every field the operation selects has a compiled resolver
(:func:`schema.compiled.extension.resolver_of`); any other operation (a mutation, a directive, a
field without one) has none and is executed by graphql-core as always.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    get_named_type,
    is_abstract_type,
    is_leaf_type,
)
from graphql.utilities import get_operation_ast

from schema.per_text import per_text

__all__ = ["FieldPlan", "Resolver", "Resolvers", "Unsupported", "compile_operation", "plan_of"]

Resolver = Callable[..., Any]
# The compiled resolver of a field of a type, None when there is none.
Resolvers = Callable[[GraphQLObjectType, str], Resolver | None]


class Unsupported(Exception):
    """The operation selects something the compiled reads do not serve."""


@dataclass(eq=False)
class FieldPlan:
    key: str  # the response key (the alias, else the name)
    name: str
    nodes: tuple[FieldNode, ...]  # every node merged into this key (their locations)
    definition: GraphQLField | None  # None for __typename
    resolve: Resolver | None
    # The fields of the value, per runtime type name (objects and interfaces; empty for leaves)
    below: dict[str, tuple[FieldPlan, ...]] = field(default_factory=dict)
    # How a leaf value is shown (the schema's own serializer), None for composite values
    serialize: Callable[[Any], Any] | None = None
    non_null: bool = False
    items_non_null: bool = False  # of a list
    type_name: str = ""  # the named type of the value

    def paths(self, prefix: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
        """Field names below this field (through every runtime type), as schema/prefetch.py
        takes them."""
        found: set[tuple[str, ...]] = set()
        for fields in self.below.values():
            for f in fields:
                path = (*prefix, f.name)
                found.add(path)
                found |= f.paths(path)
        return found


def _applies(schema: GraphQLSchema, condition: str | None, runtime: GraphQLObjectType) -> bool:
    if condition is None or condition == runtime.name:
        return True
    kind = schema.get_type(condition)
    return kind is not None and is_abstract_type(kind) and schema.is_sub_type(kind, runtime)  # type: ignore[arg-type]


def _collect(
    schema: GraphQLSchema,
    fragments: dict[str, FragmentDefinitionNode],
    runtime: GraphQLObjectType,
    selections: list[SelectionSetNode],
    into: dict[str, list[FieldNode]],
    spread: frozenset[str] = frozenset(),
) -> None:
    for selection_set in selections:
        for node in selection_set.selections:
            if node.directives:
                raise Unsupported("directive")  # @skip/@include depend on the variables
            if isinstance(node, FieldNode):
                into.setdefault(node.alias.value if node.alias else node.name.value, []).append(
                    node
                )
            elif isinstance(node, InlineFragmentNode):
                on = node.type_condition.name.value if node.type_condition else None
                if _applies(schema, on, runtime):
                    _collect(schema, fragments, runtime, [node.selection_set], into, spread)
            elif isinstance(node, FragmentSpreadNode):
                name = node.name.value
                fragment = fragments.get(name)
                if fragment is None or name in spread:
                    raise Unsupported("fragment")
                if _applies(schema, fragment.type_condition.name.value, runtime):
                    _collect(schema, fragments, runtime, [fragment.selection_set], into,
                             spread | {name})  # fmt: skip


def _fields(
    schema: GraphQLSchema,
    fragments: dict[str, FragmentDefinitionNode],
    runtime: GraphQLObjectType,
    selections: list[SelectionSetNode],
    resolvers: Resolvers,
) -> tuple[FieldPlan, ...]:
    grouped: dict[str, list[FieldNode]] = {}
    _collect(schema, fragments, runtime, selections, grouped)
    found = []
    for key, nodes in grouped.items():
        name = nodes[0].name.value
        if name == "__typename":
            found.append(FieldPlan(key, name, tuple(nodes), None, None, non_null=True))
            continue
        definition = runtime.fields.get(name)
        resolve = resolvers(runtime, name)
        if definition is None or resolve is None:
            raise Unsupported(f"{runtime.name}.{name}")
        plan = FieldPlan(key, name, tuple(nodes), definition, resolve)
        plan.non_null = isinstance(definition.type, GraphQLNonNull)
        listed = definition.type.of_type if plan.non_null else definition.type  # type: ignore[attr-defined]
        plan.items_non_null = isinstance(listed, GraphQLList) and isinstance(
            listed.of_type, GraphQLNonNull
        )
        named = get_named_type(definition.type)
        plan.type_name = named.name
        if is_leaf_type(named):
            plan.serialize = named.serialize  # type: ignore[union-attr]
        else:
            below = [n.selection_set for n in nodes if n.selection_set is not None]
            kinds = (
                schema.get_possible_types(named)  # type: ignore[arg-type]
                if is_abstract_type(named)
                else [named]
            )
            plan.below = {
                k.name: _fields(schema, fragments, k, below, resolvers)  # type: ignore[arg-type]
                for k in kinds
            }
        found.append(plan)
    return tuple(found)


def compile_operation(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    resolvers: Resolvers,
) -> tuple[FieldPlan, ...] | None:
    """The root fields of the query ``operation_name`` of ``document``, or None when the
    compiled reads do not serve it."""
    operation = get_operation_ast(document, operation_name)
    if not isinstance(operation, OperationDefinitionNode):
        return None
    if operation.operation is not OperationType.QUERY or operation.directives:
        return None
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    try:
        return _fields(schema, fragments, schema.query_type, [operation.selection_set], resolvers)  # type: ignore[arg-type]
    except Unsupported:
        return None


_PLANS: dict[tuple[Hashable, ...], tuple[FieldPlan, ...] | None] = {}


def plan_of(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    resolvers: Resolvers,
) -> tuple[FieldPlan, ...] | None:
    """:func:`compile_operation`, kept per operation text (schema/per_text.py)."""

    def make() -> tuple[FieldPlan, ...] | None:
        return compile_operation(schema, document, operation_name, resolvers)

    return per_text(_PLANS, document, make, id(schema), operation_name)
