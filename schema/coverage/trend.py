"""The key figures of a scope week by week: ``coverageTrend``.

Each point is the scope's report on that day, from the graph's own history (roles, pairings,
moves and visits are dated, so ``asOf`` reads the graph as it was): no snapshot is stored. A
report is kept per data version like ``coverageGaps``'s, so a page that asks the same trend
again, or the report of one of its days, is answered from memory.

Example::

    { coverageTrend(scope: "QS", weeks: 12) {
        asOf summary { eldersSupported { actual expected } } } }
"""

from __future__ import annotations

from datetime import date, timedelta

import strawberry

from schema.context import Info
from schema.coverage.inputs import RulesInput
from schema.coverage.reports import summary_of
from schema.coverage.resolvers import reports_of, rules_for
from schema.coverage.types import AreaCoverage
from schema.errors import BadInput
from schema.fields import as_of_or_today

__all__ = ["MAX_WEEKS", "TrendPoint", "resolve_coverage_trend"]

MAX_WEEKS = 53  # a year of weeks; each is one analysis of the scope


@strawberry.type(description="The figures of the scope on one day of a trend.")
class TrendPoint:
    as_of: date
    summary: AreaCoverage


async def resolve_coverage_trend(
    info: Info,
    scope: strawberry.ID | None = None,
    weeks: int = 12,
    until: date | None = None,
    rules: RulesInput | None = None,
) -> list[TrendPoint]:
    if not 1 <= weeks <= MAX_WEEKS:
        raise BadInput(
            f"weeks must be between 1 and {MAX_WEEKS}.", f"weeks 须在 1 到 {MAX_WEEKS} 之间。"
        )
    last, chosen = as_of_or_today(info, until), rules_for(info, rules)
    days = [last - timedelta(weeks=back) for back in range(weeks - 1, -1, -1)]
    # One scope check and one data version for every point (all from one state of the graph);
    # the reports are made one at a time.
    found = await reports_of(info, scope, chosen, [(day, ()) for day in days])
    return [
        TrendPoint(as_of=day, summary=summary_of(report))
        for day, report in zip(days, found, strict=True)
    ]
