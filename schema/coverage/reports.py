"""The four answers of the coverage fields, with their lists paginated (counts are exact)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TypeVar

import strawberry

from graph.analysis import types as g
from graph.analysis.assignment import AssignmentPlan as Plan
from graph.analysis.assignment import Proposal
from graph.analysis.merge import added_up
from graph.analysis.network import SupportNetwork as Network
from graph.analysis.rules import Rules
from schema.coverage.types import (
    AreaCoverage,
    AreaGap,
    AreaGapRule,
    AssignmentProposal,
    Contact,
    CoverageRules,
    ElderSupport,
    NotAssignable,
    OverloadedHelper,
    SinglePointOfFailure,
    SupportHelper,
    UnderSupportReason,
)
from schema.enums import AreaLevel, HelperKind, Window
from schema.fields import DETAIL
from schema.pagination import Connection, connection, decode_cursor, page_size
from schema.permissions import PersonalDetail

T = TypeVar("T")
S = TypeVar("S")


def page(
    items: Sequence[S], make: Callable[[S], T], first: int | None, after: str | None
) -> Connection[T]:
    """One page of ``items`` (all of them counted), each made into its GraphQL type."""
    size, offset = page_size(first), decode_cursor(after)
    return connection(
        [make(x) for x in items[offset : offset + size]], offset=offset, total=len(items)
    )


def summary_of(report: g.CoverageReport) -> AreaCoverage:
    roots = [a for a in report.areas if a.code in report.scope]
    if len(roots) == 1:
        return AreaCoverage.of(roots[0])
    # Several communities (no scope named): their figures added up, helpers counted once.
    everywhere = g.Area("*", "community", "*", None, None)
    return AreaCoverage.of(
        added_up(
            everywhere,
            roots,
            overloaded=len(report.overloaded),
            spofs=len(report.single_points_of_failure),
        )
    )


@strawberry.type(
    description="Coverage of an area and everything below it on one day: figures per area "
    "(actual/expected), and the lists behind them, each item with its reason."
)
class CoverageReport:
    scope: list[strawberry.ID]
    as_of: date
    removed_person_ids: list[strawberry.ID]
    rules: CoverageRules
    summary: AreaCoverage = strawberry.field(description="The figures of the scope itself.")
    window: Window | None = strawberry.field(
        description="The window whose helpers were counted; null: every helper."
    )
    report: strawberry.Private[g.CoverageReport]

    @classmethod
    def of(cls, report: g.CoverageReport, rules: Rules) -> CoverageReport:
        return cls(
            scope=[strawberry.ID(s) for s in report.scope],
            as_of=report.as_of,
            window=Window(report.window) if report.window else None,
            removed_person_ids=[strawberry.ID(r) for r in report.removed],
            rules=CoverageRules.of(rules),
            summary=summary_of(report),
            report=report,
        )

    @strawberry.field(description="The scope and every area below it, by level and code.")
    def areas(
        self, level: AreaLevel | None = None, first: int | None = None, after: str | None = None
    ) -> Connection[AreaCoverage]:
        found = [a for a in self.report.areas if level is None or a.level == level.value]
        return page(found, AreaCoverage.of, first, after)

    @strawberry.field(description="Areas breaking a rule (one item per area and rule).")
    def area_gaps(
        self,
        rule: AreaGapRule | None = None,
        level: AreaLevel | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[AreaGap]:
        found = [
            a
            for a in self.report.area_gaps
            if (rule is None or a.rule == rule.value) and (level is None or a.level == level.value)
        ]
        return page(found, AreaGap.of, first, after)

    @strawberry.field(description="Vulnerable elders under-supported, with their reasons.")
    def under_supported(
        self,
        reason: UnderSupportReason | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[ElderSupport]:
        found = [
            e
            for e in self.report.under_supported
            if reason is None or any(r.code == reason.value for r in e.reasons)
        ]
        return page(found, ElderSupport.of, first, after)

    @strawberry.field(description="Every vulnerable elder of the scope, supported or not.")
    def vulnerable_elders(
        self, first: int | None = None, after: str | None = None
    ) -> Connection[ElderSupport]:
        return page(self.report.elders, ElderSupport.of, first, after)

    @strawberry.field
    def overloaded_helpers(
        self, first: int | None = None, after: str | None = None
    ) -> Connection[OverloadedHelper]:
        return page(self.report.overloaded, OverloadedHelper.of, first, after)

    @strawberry.field
    def single_points_of_failure(
        self, first: int | None = None, after: str | None = None
    ) -> Connection[SinglePointOfFailure]:
        return page(self.report.single_points_of_failure, SinglePointOfFailure.of, first, after)


@strawberry.type(description="The coverage as it would be if these people left, and what changes.")
class WhatIfReport:
    removed_person_ids: list[strawberry.ID]
    report: CoverageReport = strawberry.field(description="The whole report, as if they had left.")
    baseline: strawberry.Private[g.CoverageReport]

    @strawberry.field(description="Elders under-supported only once these people leave.")
    def newly_under_supported(
        self, first: int | None = None, after: str | None = None
    ) -> Connection[ElderSupport]:
        before = {e.id for e in self.baseline.under_supported}
        found = [e for e in self.report.report.under_supported if e.id not in before]
        return page(found, ElderSupport.of, first, after)

    @strawberry.field(description="Area gaps that open only once these people leave.")
    def new_area_gaps(
        self, first: int | None = None, after: str | None = None
    ) -> Connection[AreaGap]:
        before = {(a.area, a.rule) for a in self.baseline.area_gaps}
        found = [a for a in self.report.report.area_gaps if (a.area, a.rule) not in before]
        return page(found, AreaGap.of, first, after)


@strawberry.type(description="Who is around one elder, and what happens if one of them leaves.")
class SupportNetwork:
    resident: ElderSupport
    as_of: date
    size: int = strawberry.field(description="Distinct helpers.")
    kind_diversity: int = strawberry.field(description="Distinct kinds of helper.")
    redundancy: int = strawberry.field(
        description="Helpers that could be lost, one after another, with at least one left."
    )
    independent_paths_to_committee: int = strawberry.field(
        description="Node-independent paths from the elder to the neighbourhood committee "
        "(networkx, Menger): through helpers, grid workers, organisations, party branch."
    )
    committee_paths: list[list[str]] = strawberry.field(description="One such set of paths.")
    single_points_of_failure: list[SupportHelper] = strawberry.field(
        description="Helpers whose leaving alone would make this elder under-supported."
    )
    last_contact: Contact | None = strawberry.field(
        description=f"The latest visit by a helper. {DETAIL}", extensions=[PersonalDetail()]
    )
    resident_id: strawberry.Private[str]  # whose details last_contact is (for the audit trail)

    @classmethod
    def of(cls, n: Network, as_of: date) -> SupportNetwork:
        helpers = {h.person_id: h for h in n.status.helpers}
        return cls(
            resident=ElderSupport.of(n.status),
            as_of=as_of,
            size=n.size,
            kind_diversity=n.kind_diversity,
            redundancy=n.redundancy,
            independent_paths_to_committee=n.independent_paths,
            committee_paths=[list(p) for p in n.committee_paths],
            single_points_of_failure=[
                SupportHelper.of(helpers[h]) for h in n.single_points_of_failure
            ],
            last_contact=Contact.of(n.status.last_contact),
            resident_id=n.status.id,
        )


@strawberry.type(
    description="Proposed pairings that bring the most under-supported elders to the threshold "
    "(min-cost flow), each with its cost explained, within every helper's spare capacity."
)
class AssignmentPlan:
    scope: list[strawberry.ID]
    as_of: date
    under_supported_before: int
    under_supported_after: int = strawberry.field(
        description="Predicted, once every proposal is recorded."
    )
    elders_brought_to_threshold: list[strawberry.ID]
    not_assignable: list[NotAssignable] = strawberry.field(
        description="Under-supported elders a pairing cannot help (they need a visit)."
    )
    total_cost: int
    plan: strawberry.Private[Plan]

    @classmethod
    def of(cls, plan: Plan) -> AssignmentPlan:
        return cls(
            scope=[strawberry.ID(s) for s in plan.scope],
            as_of=plan.as_of,
            under_supported_before=plan.under_supported_before,
            under_supported_after=plan.under_supported_after,
            elders_brought_to_threshold=[
                strawberry.ID(e) for e in plan.elders_brought_to_threshold
            ],
            not_assignable=[
                NotAssignable(resident_id=strawberry.ID(n.elder_id), why=n.reason)
                for n in plan.not_assignable
            ],
            total_cost=plan.total_cost,
            plan=plan,
        )

    @strawberry.field
    def proposals(
        self, first: int | None = None, after: str | None = None
    ) -> Connection[AssignmentProposal]:
        def make(p: Proposal) -> AssignmentProposal:
            return AssignmentProposal(
                helper_id=strawberry.ID(p.helper_id),
                helper_name=p.helper_name,
                resident_id=strawberry.ID(p.elder_id),
                resident_name=p.elder_name,
                kind=HelperKind(p.kind),
                cost=p.cost,
                near=p.proximity,
                why=p.explanation,
            )

        return page(self.plan.proposals, make, first, after)
