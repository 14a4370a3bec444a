"""Coverage gaps and elder support networks: the analytic root fields.

``CoverageQuery`` is merged into the root ``Query``. Example::

    {
      coverageGaps(scope: "QS-MG1", asOf: "2025-06-15") {
        summary { corridorsWithBothChiefs { actual expected } eldersSupported { actual expected } }
        underSupported(first: 10) {
          totalCount
          nodes { residentId name reasons { code detail } helpers { personId kinds } }
        }
      }
    }
"""

from __future__ import annotations

import strawberry

from schema.coverage.reports import AssignmentPlan, CoverageReport, SupportNetwork, WhatIfReport
from schema.coverage.resolvers import (
    resolve_assignment_suggestions,
    resolve_coverage_by_window,
    resolve_coverage_gaps,
    resolve_support_network,
    resolve_what_if,
)
from schema.coverage.trend import TrendPoint, resolve_coverage_trend
from schema.coverage.windows import WindowCoverage

__all__ = ["CoverageQuery"]


@strawberry.type
class CoverageQuery:
    coverage_gaps: CoverageReport = strawberry.field(
        resolver=resolve_coverage_gaps,
        description="Where is nobody looking? For the scope (default: every community) and "
        "every area below it on asOf (default: today): figures per area, area gaps, "
        "under-supported elders, overloaded helpers, single points of failure. With "
        "``window``, counting only the helpers who can be reached then.",
    )
    coverage_by_window: WindowCoverage = strawberry.field(
        resolver=resolve_coverage_by_window,
        description="Who is supported at 10 a.m. on a Tuesday? coverageGaps in each window of "
        "the week side by side: per area and per elder, and the worst window of each.",
    )
    coverage_trend: list[TrendPoint] = strawberry.field(
        resolver=resolve_coverage_trend,
        description="The scope's figures week by week: ``weeks`` points (default 12, at most "
        "53) a week apart, the last on ``until`` (default today), each the summary of "
        "coverageGaps on that day (from the graph's dated history, nothing stored).",
    )
    support_network: SupportNetwork = strawberry.field(
        resolver=resolve_support_network,
        description="Who is around this elder, how each helper was found, and what happens "
        "if one of them leaves; with ``window``, only the helpers who can be reached then.",
    )
    what_if: WhatIfReport = strawberry.field(
        resolver=resolve_what_if,
        description="The coverage report as it would be if these people left (moved away, "
        "fell ill): which elders and areas become gaps. An empty list gives coverageGaps.",
    )
    assignment_suggestions: AssignmentPlan = strawberry.field(
        resolver=resolve_assignment_suggestions,
        description="Pairings of helpers with spare capacity (same corridor > same block > "
        "same micro-grid) that bring the most under-supported elders to the threshold.",
    )
