"""Codes in and out of the API, relative to the caller's home community.

Every ``ID`` argument is qualified with the caller's :class:`graph.identity.Home` (``B01-C1`` →
``QS/B01-C1``) and every ``ID`` in a response is shown as the caller writes it (``QS/B01-C1`` →
``B01-C1``), so a committee, and every caller of a single-community deployment, never sees the
community's code, while a street or district office reads and writes references. Both are done
once for the whole schema, by type, so that no field or argument can be forgotten:

* :class:`QualifyIds` is on every root field (``schema.api.guard_root_fields``): it rewrites the
  arguments strawberry built, inside lists and input objects too;
* :class:`HomeExtension` holds the caller's home, found by the first root field that reads or
  writes IDs (so ``{ health }`` never asks the graph), and rewrites every ``ID`` leaf of the
  result, found by walking the document against the schema.

Sentences that name codes (explanations, reasons) go through :func:`shown_text` where they are
built. (The ``ID`` scalar itself cannot be replaced: graphql-core reserves its name.)
"""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Callable, Hashable
from contextlib import suppress
from contextvars import ContextVar
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLID,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    get_named_type,
)
from strawberry.extensions import FieldExtension, SchemaExtension
from strawberry.types.base import StrawberryList, StrawberryOptional, has_object_definition
from strawberry.types.field import StrawberryField
from strawberry.types.info import Info

from graph.access.home import home_of
from graph.errors import GraphUnavailable
from graph.identity import NOWHERE, Home
from schema.per_text import per_text

__all__ = ["HomeExtension", "QualifyIds", "current_home", "ensure_home", "shown_text"]


class _Request:
    """The home of one request, found when a field first needs it (a request for ``health``
    alone never asks the graph)."""

    def __init__(self, context: Any = None) -> None:
        self.context = context
        self.home: Home | None = None

    async def ensure(self) -> Home:
        if self.home is None:
            # Read with the account when the request was signed in; else asked here.
            home = getattr(self.context, "home", None)
            if home is None:
                home = NOWHERE
                if getattr(self.context, "principal", None) is not None:
                    # When Neo4j is down the request's own reads say so, with a code.
                    with suppress(GraphUnavailable):
                        home = await home_of(self.context.db)
            self.home = home
        return self.home


_request: ContextVar[_Request | None] = ContextVar("louzhi_home", default=None)


def current_home() -> Home:
    """The home of the request being executed (no home outside a request, or before a field
    that reads or writes codes has run)."""
    request = _request.get()
    return (request.home if request else None) or NOWHERE


async def ensure_home() -> Home:
    """The request's home, read now if no field has needed it yet."""
    request = _request.get()
    return await request.ensure() if request is not None else NOWHERE


def shown_text(text: str) -> str:
    """A sentence with references in it, with the caller's codes."""
    return current_home().text(text)


# -- arguments --------------------------------------------------------------------------------


def _is_id(type_: Any) -> bool:
    return getattr(type_, "__name__", None) == "ID" and getattr(type_, "__supertype__", None) is str


def _carries_ids(type_: Any, seen: set[int] | None = None) -> bool:
    """Whether a strawberry type holds an ID anywhere (in a list, an object's fields, an
    input's fields, an interface's implementations' fields)."""
    seen = set() if seen is None else seen
    while isinstance(type_, StrawberryOptional | StrawberryList):
        type_ = type_.of_type
    resolved = getattr(type_, "resolve_type", None)
    if callable(resolved) and not has_object_definition(type_):
        type_ = resolved()  # a lazy (forward) reference
    if _is_id(type_):
        return True
    if not has_object_definition(type_) or id(type_) in seen:
        return False
    seen.add(id(type_))
    definition = type_.__strawberry_definition__
    return any(_carries_ids(f.type, seen) for f in definition.fields)


def _qualify(value: Any, type_: Any, home: Home) -> Any:
    """``value`` (of the strawberry type ``type_``) with every ID in it qualified."""
    if value is None:
        return None
    if isinstance(type_, StrawberryOptional):
        return _qualify(value, type_.of_type, home)
    if isinstance(type_, StrawberryList):
        return [_qualify(v, type_.of_type, home) for v in value]
    if _is_id(type_) and isinstance(value, str):
        return home.qualify(value)
    if has_object_definition(type_) and dataclasses.is_dataclass(value):
        changes = {}
        for f in type_.__strawberry_definition__.fields:
            before = getattr(value, f.python_name)
            after = _qualify(before, f.type, home)
            if after is not before:
                changes[f.python_name] = after
        return dataclasses.replace(value, **changes) if changes else value  # type: ignore[type-var]
    return value


class QualifyIds(FieldExtension):
    """Qualifies the field's ID arguments with the caller's home before the resolver runs."""

    def apply(self, field: StrawberryField) -> None:
        self._types = {a.python_name: a.type for a in field.arguments}
        self._field = field
        self._needs: bool | None = None

    def needs_home(self) -> bool:
        """Whether the field reads or writes IDs (worked out once: types resolve late)."""
        if self._needs is None:
            self._needs = any(_carries_ids(t) for t in self._types.values()) or _carries_ids(
                self._field.type
            )
        return self._needs

    def qualified(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        """``kwargs`` (as strawberry built them) with their IDs qualified (after
        :func:`ensure_home`)."""
        home = current_home()
        if home.community is None:
            return kwargs
        types = self._types
        return {k: _qualify(v, types[k], home) if k in types else v for k, v in kwargs.items()}

    def resolve(self, next_: Callable[..., Any], source: Any, info: Info, **kwargs: Any) -> Any:
        return next_(source, info, **self.qualified(kwargs))

    async def resolve_async(
        self, next_: Callable[..., Any], source: Any, info: Info, **kwargs: Any
    ) -> Any:
        request = _request.get()
        if request is not None and self.needs_home():
            await request.ensure()
        return await next_(source, info, **self.qualified(kwargs))


# -- results ----------------------------------------------------------------------------------


# A plan of where the IDs of an operation's result are: per selection, the response keys that
# hold IDs (None) or objects with IDs below them (their own plan). Made once per operation text
# from the document and the schema, then followed for every result of it; keys with no ID below
# are left out, so the walk touches only what it rewrites.
Plan = tuple[tuple[str, "Plan | None"], ...]
_PLANS: dict[tuple[Hashable, ...], Plan] = {}  # kept per operation text (schema/per_text.py)


def _plan(
    schema: GraphQLSchema,
    fragments: dict[str, FragmentDefinitionNode],
    selections: SelectionSetNode,
    parent: Any,
) -> Plan:
    found: list[tuple[str, Plan | None]] = []
    for node in selections.selections:
        if isinstance(node, FieldNode):
            if not isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
                continue
            definition = parent.fields.get(node.name.value)
            if definition is None:
                continue
            key = node.alias.value if node.alias else node.name.value
            named = get_named_type(definition.type)
            if named is GraphQLID or getattr(named, "name", None) == "ID":
                found.append((key, None))
            elif node.selection_set is not None:
                below = _plan(schema, fragments, node.selection_set, named)
                if below:
                    found.append((key, below))
        elif isinstance(node, InlineFragmentNode):
            on = node.type_condition
            kind = schema.get_type(on.name.value) if on else parent
            found.extend(_plan(schema, fragments, node.selection_set, kind))
        elif isinstance(node, FragmentSpreadNode):
            fragment = fragments.get(node.name.value)
            if fragment is not None:
                kind = schema.get_type(fragment.type_condition.name.value)
                found.extend(_plan(schema, fragments, fragment.selection_set, kind))
    return tuple(found)


def _show(data: Any, plan: Plan, display: Callable[[str], str]) -> None:
    """Rewrite the ID leaves of ``data`` that ``plan`` names, in place."""
    if type(data) is list:
        for item in data:
            _show(item, plan, display)
        return
    if type(data) is not dict:
        return
    for key, below in plan:
        if key not in data:
            continue
        if below is not None:
            _show(data[key], below, display)
        else:
            data[key] = _leaf(data[key], display)


def _leaf(value: Any, display: Callable[[str], str]) -> Any:
    if isinstance(value, list):
        return [_leaf(v, display) for v in value]
    return display(value) if isinstance(value, str) else value


class HomeExtension(SchemaExtension):
    """Holds the request's home (found by the first field that needs it), and shows the
    result's IDs relative to it."""

    async def on_operation(self) -> AsyncIterator[None]:  # type: ignore[override]
        request = _Request(self.execution_context.context)
        token = _request.set(request)
        try:
            yield
            if request.home is not None and request.home.community is not None:
                self._show(request.home)
        finally:
            _request.reset(token)

    def _show(self, home: Home) -> None:
        result = self.execution_context.result
        document = self.execution_context.graphql_document
        data = getattr(result, "data", None)
        if not data or document is None:
            return
        schema = self.execution_context.schema._schema
        operation = self.execution_context.operation_name
        plan = per_text(
            _PLANS, document, lambda: _operation_plan(schema, document, operation),
            id(schema), operation,
        )  # fmt: skip
        _show(data, plan, home.display)


def _operation_plan(schema: GraphQLSchema, document: Any, operation: str | None) -> Plan:
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    found: list[tuple[str, Plan | None]] = []
    for d in document.definitions:
        if not isinstance(d, OperationDefinitionNode):
            continue
        if operation is not None and (d.name is None or d.name.value != operation):
            continue
        found.extend(_plan(schema, fragments, d.selection_set, schema.get_root_type(d.operation)))
    return tuple(found)
