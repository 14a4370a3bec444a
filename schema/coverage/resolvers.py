"""Resolvers of the coverage fields: read through ``graph/``, answer with :mod:`.reports`.

Each field runs a fixed number of Cypher queries, in one read transaction, whatever the number of
elders: coverageGaps 3 for every community, 4 for a scope (loads outside it); whatIf one more
(are the people known?); supportNetwork 6; assignmentSuggestions 4 to 6.
"""

from __future__ import annotations

from datetime import date

import strawberry

from graph.analysis_types import ScopeData
from graph.coverage import analyse
from graph.coverage_cypher import ScopeNotFound, fetch_scope, unknown_people
from graph.rules import Rules
from graph.suggestions import assignment_suggestions
from graph.support import NotAnElder, ResidentNotFound, support_network
from schema.context import Info
from schema.coverage.inputs import RulesInput, rules_of
from schema.coverage.reports import AssignmentPlan, CoverageReport, SupportNetwork, WhatIfReport
from schema.errors import BadInput, NotFound
from schema.types import as_of_or_today


def _scope_error(exc: ScopeNotFound) -> NotFound:
    return NotFound(f"No area has the code {exc.args[0]!r}.")


async def _facts(info: Info, scope: str | None, day: date, rules: Rules) -> ScopeData:
    """The scoped facts of one request; an unknown scope is the client's NOT_FOUND."""
    try:
        return await fetch_scope(
            info.context.driver,
            database=info.context.database,
            scope=scope,
            as_of=day,
            rules=rules,
        )
    except ScopeNotFound as exc:
        raise _scope_error(exc) from None


async def resolve_coverage_gaps(
    info: Info,
    scope: strawberry.ID | None = None,
    as_of: date | None = None,
    rules: RulesInput | None = None,
) -> CoverageReport:
    day, chosen = as_of_or_today(info, as_of), rules_of(rules)
    data = await _facts(info, scope, day, chosen)
    return CoverageReport.of(analyse(data, rules=chosen), chosen)


async def resolve_what_if(
    info: Info,
    remove_person_ids: list[strawberry.ID],
    scope: strawberry.ID | None = None,
    as_of: date | None = None,
    rules: RulesInput | None = None,
) -> WhatIfReport:
    ctx, day, chosen = info.context, as_of_or_today(info, as_of), rules_of(rules)
    removed = sorted(set(remove_person_ids))
    missing = await unknown_people(ctx.driver, database=ctx.database, ids=removed)
    if missing:
        raise NotFound(f"Nobody has the id {', '.join(missing)}.")
    data = await _facts(info, scope, day, chosen)
    after = analyse(data, rules=chosen, removed=removed)
    return WhatIfReport(
        removed_person_ids=[strawberry.ID(r) for r in removed],
        report=CoverageReport.of(after, chosen),
        baseline=analyse(data, rules=chosen) if removed else after,
    )


async def resolve_support_network(
    info: Info,
    resident_id: strawberry.ID,
    as_of: date | None = None,
    rules: RulesInput | None = None,
) -> SupportNetwork:
    ctx, day, chosen = info.context, as_of_or_today(info, as_of), rules_of(rules)
    try:
        network = await support_network(
            ctx.driver, database=ctx.database, resident_id=resident_id, as_of=day, rules=chosen
        )
    except ResidentNotFound as exc:
        raise NotFound(f"No current resident {exc}.") from None
    except NotAnElder as exc:
        raise BadInput(f"supportNetwork is for elders: {exc}.") from None
    return SupportNetwork.of(network, day)


async def resolve_assignment_suggestions(
    info: Info,
    scope: strawberry.ID | None = None,
    as_of: date | None = None,
    rules: RulesInput | None = None,
) -> AssignmentPlan:
    ctx, day, chosen = info.context, as_of_or_today(info, as_of), rules_of(rules)
    try:
        plan = await assignment_suggestions(
            ctx.driver, database=ctx.database, scope=scope, as_of=day, rules=chosen
        )
    except ScopeNotFound as exc:
        raise _scope_error(exc) from None
    return AssignmentPlan.of(plan)
