"""Compiled resolvers made from the strawberry types themselves, for the coverage answers.

The coverage fields (coverageGaps, whatIf, supportNetwork, …) answer with strawberry objects
made from an analysis report (schema/coverage/): no rows to read, only attributes and small
synchronous methods, so a compiled resolver is what graphql-core would do for the field without
its per-field machinery: the attribute, or the method called with the field's arguments and an
``info`` that holds what those methods read (the context, the field's name, the root field's
path and the operation, which the audit trail names). The field's checks run first, as its
extensions would (:class:`schema.permissions.FieldCheck`: the masks and the audit notes).

Only the types of :data:`DERIVED` (and their subclasses: the gaps, overloaded helpers and
single points of failure are ``Explained``; strawberry's connections specialise ours) are made
so, and only fields that fit: an async resolver (one that awaits a DataLoader), another kind of
extension, a resolver without ``self`` leaves the request to graphql-core.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any

from graphql import GraphQLField, GraphQLObjectType
from strawberry.types.field import StrawberryField

from schema.compiled.run import Run
from schema.coverage.reports import AssignmentPlan, CoverageReport, SupportNetwork, WhatIfReport
from schema.coverage.types import (
    AreaCoverage,
    AssignmentProposal,
    Contact,
    CoverageRules,
    ElderSupport,
    Explained,
    HelperPath,
    NotAssignable,
    Ratio,
    SupportHelper,
)
from schema.coverage.windows import (
    AreaWindows,
    ElderWindow,
    ElderWindows,
    WindowCoverage,
    WindowFigure,
)
from schema.explanations import Explanation
from schema.pagination import Connection, Edge, PageInfo
from schema.permissions import FieldCheck

__all__ = ["DERIVED", "DERIVED_ROOTS", "derived_field", "derived_root"]

Resolve = Callable[[Any, Run, Any], Any]

DERIVED: tuple[type, ...] = (
    CoverageReport, WhatIfReport, SupportNetwork, AssignmentPlan, WindowCoverage,
    AreaCoverage, AreaWindows, WindowFigure, Ratio, Explained, ElderSupport, ElderWindows,
    ElderWindow, SupportHelper, HelperPath, Contact, CoverageRules, AssignmentProposal,
    NotAssignable, Explanation, Connection, Edge, PageInfo,
)  # fmt: skip
# Root fields whose resolver is called as it is (with the compiled ``info``), its answer shaped
# by the derived resolvers.
DERIVED_ROOTS = frozenset(
    {"coverageGaps", "coverageByWindow", "whatIf", "supportNetwork", "assignmentSuggestions"}
)


def _definition(field: GraphQLField | None) -> StrawberryField | None:
    found = field.extensions.get("strawberry-definition") if field is not None else None
    return found if isinstance(found, StrawberryField) else None


def derived_field(runtime: GraphQLObjectType, name: str) -> Resolve | None:
    """The compiled resolver of ``runtime.name`` made from its strawberry field, or None when
    the type is not one of :data:`DERIVED` or the field does not fit."""
    kind = runtime.extensions.get("strawberry-definition")
    origin = getattr(kind, "origin", None)
    if not (isinstance(origin, type) and issubclass(origin, DERIVED)):
        return None
    field = _definition(runtime.fields.get(name))
    if field is None:
        return None
    checks = list(reversed(field.extensions))  # the last extension runs first
    if not all(isinstance(c, FieldCheck) for c in checks):
        return None
    value = _value_of(field)
    if value is None:
        return None
    if not checks:
        return value

    def checked(source: Any, run: Run, plan: Any) -> Any:
        info, args = run.info(plan), run.args(plan)
        for check in checks:
            check.check(source, info, args)  # type: ignore[arg-type]
        return value(source, run, plan)

    return checked


def _value_of(field: StrawberryField) -> Resolve | None:
    resolver = field.base_resolver
    if resolver is None:
        get = attrgetter(field.python_name)
        return lambda source, run, plan: get(source)
    if resolver.is_async or resolver.self_parameter is None:
        return None
    if resolver.root_parameter is not None or resolver.parent_parameter is not None:
        return None
    func = resolver.wrapped_func
    self_name = resolver.self_parameter.name
    info_name = resolver.info_parameter.name if resolver.info_parameter else None
    arguments = bool(resolver.arguments)

    def call(source: Any, run: Run, plan: Any) -> Any:
        kwargs = dict(run.args(plan)) if arguments else {}
        kwargs[self_name] = source
        if info_name is not None:
            kwargs[info_name] = run.info(plan)
        return func(**kwargs)

    return call


async def derived_root(run: Run, plan: Any, **kwargs: Any) -> Any:
    """A root field of :data:`DERIVED_ROOTS`: its own resolver, given the compiled ``info``."""
    field = _definition(plan.definition)
    assert field is not None and field.base_resolver is not None
    resolver = field.base_resolver
    assert resolver.info_parameter is not None
    return await resolver.wrapped_func(**{resolver.info_parameter.name: run.info(plan)}, **kwargs)
