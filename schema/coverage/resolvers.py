"""Resolvers of the coverage fields: read through ``graph/``, answer with :mod:`.reports`.

Each field runs a fixed number of Cypher queries whatever the number of elders: coverageGaps 4
for every community, 5 for a scope (loads outside it); whatIf one more (are the people known?);
supportNetwork 7; assignmentSuggestions 5 to 7. A ``window`` adds one (when the helpers can be
reached); coverageByWindow is coverageGaps five times (any time, then each window), each from
the report cache when the graph has not changed. The structure of a scope (all but its visits)
is read in one read transaction and kept per structure version (graph/coverage/fact_cache.py),
and so are a support network's resident's place and committee links: after a write of visits
alone, coverageGaps and supportNetwork read only the visits, one auto-committed statement.
Whom a scoped caller's committee paths reach is kept alike.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date

import strawberry

from graph.access.scope_checks import reachable_ids
from graph.analysis.network import SupportNetwork as Network
from graph.analysis.network import person_node
from graph.analysis.rules import Rules
from graph.analysis.types import CoverageReport as AnalysedReport
from graph.analysis.windows import WINDOWS
from graph.coverage.gaps import coverage_gaps
from graph.coverage.report_cache import reports
from graph.coverage.scope_reads import ScopeNotFound
from graph.coverage.suggestions import assignment_suggestions
from graph.coverage.support import NotAnElder, ResidentNotFound, reachable_of, support_network
from schema.context import Info, version_for_reports, version_read
from schema.coverage.inputs import RulesInput, rules_of
from schema.coverage.reports import AssignmentPlan, CoverageReport, SupportNetwork, WhatIfReport
from schema.coverage.windows import Window, WindowCoverage
from schema.errors import BadInput, NotFound, area_not_found
from schema.fields import ages_on, as_of_or_today
from schema.permissions import require_area_in_scope, require_details

PERSON = person_node("")
OUTSIDE = person_node("(outside your scope)")


def _scope_error(exc: ScopeNotFound) -> NotFound:
    return area_not_found(exc.args[0])


def rules_for(info: Info, given: RulesInput | None) -> Rules:
    """The rules of this request; overrides only for roles that read personal details (moving
    the elder age or the vulnerable tags would tell a planner ages and health)."""
    if given is not None:
        require_details(info, "rules")
    return rules_of(given)


async def _scope_for(info: Info, requested: str | None) -> str | None:
    """The scope an analysis runs on: the caller's when none is asked for; an area below it
    when one is; an area outside it is FORBIDDEN (areas are not secret, people are)."""
    principal = info.context.principal
    if principal is None or principal.scope is None:
        return requested
    if requested is None:
        return principal.scope
    await require_area_in_scope(info, requested)
    return requested


async def reports_of(
    info: Info,
    requested: str | None,
    rules: Rules,
    asks: Sequence[tuple[date, Sequence[str]]],
    windows: Sequence[str | None] = (None,),
) -> list[AnalysedReport]:
    """The reports of the caller's scope (or ``requested`` within it), one per (day, removed)
    of ``asks`` and window of ``windows`` (None: every helper), in that order, from the cache
    when the graph has not changed since each was made (graph/coverage/report_cache.py); the
    scope is checked and the data version read once for all of them. An unknown scope is the
    client's NOT_FOUND."""
    scope = await _scope_for(info, requested)
    ctx = info.context
    version = await version_for_reports(info)
    found = []
    for day, removed in asks:  # one at a time: each may be a whole street's analysis
        for window in windows:
            try:
                report = await coverage_gaps(
                    ctx.driver, database=ctx.database, scope=scope, as_of=day, rules=rules,
                    removed=removed, ages_on=ages_on(info, day), kept=reports, version=version,
                    window=window,
                )  # fmt: skip
            except ScopeNotFound as exc:
                raise _scope_error(exc) from None
            found.append(report)
    return found


async def report_of(
    info: Info, requested: str | None, day: date, rules: Rules, removed: Sequence[str] = (),
    window: str | None = None,
) -> AnalysedReport:  # fmt: skip
    """The one report of :func:`reports_of` for ``day`` with ``removed`` gone."""
    (report,) = await reports_of(info, requested, rules, [(day, removed)], [window])
    return report


async def resolve_coverage_gaps(
    info: Info,
    scope: strawberry.ID | None = None,
    as_of: date | None = None,
    rules: RulesInput | None = None,
    window: Window | None = None,
) -> CoverageReport:
    day, chosen = as_of_or_today(info, as_of), rules_for(info, rules)
    asked = window.value if window is not None else None
    return CoverageReport.of(await report_of(info, scope, day, chosen, window=asked), chosen)


async def resolve_coverage_by_window(
    info: Info,
    scope: strawberry.ID | None = None,
    as_of: date | None = None,
    rules: RulesInput | None = None,
) -> WindowCoverage:
    day, chosen = as_of_or_today(info, as_of), rules_for(info, rules)
    overall, *each = await reports_of(info, scope, chosen, [(day, ())], (None, *WINDOWS))
    return WindowCoverage.of(overall, dict(zip(WINDOWS, each, strict=True)))


async def resolve_what_if(
    info: Info,
    remove_person_ids: list[strawberry.ID],
    scope: strawberry.ID | None = None,
    as_of: date | None = None,
    rules: RulesInput | None = None,
) -> WhatIfReport:
    day, chosen = as_of_or_today(info, as_of), rules_for(info, rules)
    removed = sorted(set(remove_person_ids))
    # Out of reach reads as unknown: the answer must not tell who exists elsewhere.
    missing = sorted(set(removed) - await reachable_ids(info.context.db, ids=removed))
    if missing:
        raise NotFound(
            f"Nobody has the id {', '.join(missing)}.", f"没有编号为 {'、'.join(missing)} 的人。"
        )
    asks: list[tuple[date, Sequence[str]]] = [(day, removed), (day, ())] if removed else [(day, ())]
    after, *before = await reports_of(info, scope, chosen, asks)
    return WhatIfReport(
        removed_person_ids=[strawberry.ID(r) for r in removed],
        report=CoverageReport.of(after, chosen),
        baseline=before[0] if before else after,
    )


async def resolve_support_network(
    info: Info,
    resident_id: strawberry.ID,
    as_of: date | None = None,
    rules: RulesInput | None = None,
    window: Window | None = None,
) -> SupportNetwork:
    ctx, day, chosen = info.context, as_of_or_today(info, as_of), rules_for(info, rules)
    try:
        # Out of the caller's scope reads as nobody (ResidentNotFound): the same answer, so
        # that it does not reveal that someone exists.
        network = await support_network(
            ctx.driver,
            database=ctx.database,
            resident_id=resident_id,
            as_of=day,
            rules=chosen,
            ages_on=ages_on(info, day),
            window=window.value if window is not None else None,
            scope=ctx.db.reach.scope,
            version=version_read(info) or "",
        )
    except ResidentNotFound as exc:
        raise NotFound(f"No current resident {exc}.", f"没有在册居民 {exc}。") from None
    except NotAnElder:
        # Worded without the age or the day: the rule is all the refusal tells.
        raise BadInput(
            f"supportNetwork is for residents aged {chosen.elder_age} or more.",
            f"支持网络仅适用于 {chosen.elder_age} 岁及以上的居民。",
        ) from None
    return SupportNetwork.of(await _within_reach(info, network), day)


async def _within_reach(info: Info, network: Network) -> Network:
    """The network with the people of its committee paths the caller cannot reach unnamed.

    Helpers of a resident in scope are reachable by definition; the paths beyond them (the grid
    worker of the micro-grid a helper serves elsewhere) may not be. Whom the scope reaches is
    kept per the network's structure version, as its paths are.
    """
    if info.context.principal is None or info.context.principal.scope is None:
        return network
    people = {n for p in network.committee_paths for n in p if n.startswith(PERSON)}
    ids = sorted(n.removeprefix(PERSON) for n in people)
    seen = await reachable_of(info.context.db, network, ids) if ids else frozenset()
    hidden = people - {person_node(i) for i in seen}
    paths = tuple(tuple(OUTSIDE if n in hidden else n for n in p) for p in network.committee_paths)
    return dataclasses.replace(network, committee_paths=paths)


async def resolve_assignment_suggestions(
    info: Info,
    scope: strawberry.ID | None = None,
    as_of: date | None = None,
    rules: RulesInput | None = None,
) -> AssignmentPlan:
    ctx, day, chosen = info.context, as_of_or_today(info, as_of), rules_for(info, rules)
    scope = await _scope_for(info, scope)
    try:
        plan = await assignment_suggestions(
            ctx.driver,
            database=ctx.database,
            scope=scope,
            as_of=day,
            rules=chosen,
            reach=ctx.db.reach,
            ages_on=ages_on(info, day),
        )
    except ScopeNotFound as exc:
        raise _scope_error(exc) from None
    return AssignmentPlan.of(plan)
