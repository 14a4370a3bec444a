"""``governanceFigures``: per area — the scope and each place just below it — the matters raised,
open, resolved and closed by level, the median days to resolution, the escalation rate, the
silent corridors, vote participation by block, and projects by status."""

from __future__ import annotations

from datetime import date, timedelta

import strawberry

from graph.analysis.governance_figures import AreaFigures
from graph.governance.figures import governance_figures
from graph.records.places import communities
from schema.context import Info
from schema.fields import as_of_or_today
from schema.matters import MatterLevel
from schema.permissions import require_area_in_scope
from schema.projects import ProjectStatus

__all__ = ["GovernanceQuery"]


@strawberry.type
class LevelCount:
    level: MatterLevel
    raised: int
    open: int
    resolved: int
    closed: int
    median_days_to_resolution: float | None


@strawberry.type
class StatusCount:
    status: ProjectStatus
    count: int


@strawberry.type(description="One vote's participation among one block's electors.")
class BlockParticipation:
    vote_id: strawberry.ID
    block: strawberry.ID
    electors: int
    took_part: int
    ratio: float | None


@strawberry.type(description="The governance figures of one place, over everything below it.")
class AreaGovernance:
    code: strawberry.ID
    level: str
    raised: int
    by_level: list[LevelCount]
    escalation_rate: float | None = strawberry.field(
        description="Matters escalated at least once, of those raised."
    )
    silent_corridors: list[strawberry.ID] = strawberry.field(
        description="Corridors below it where no matter was raised in the months asked."
    )
    projects: list[StatusCount]
    participation: list[BlockParticipation]

    @classmethod
    def of(cls, f: AreaFigures) -> AreaGovernance:
        return cls(
            code=strawberry.ID(f.code), level=f.level, raised=f.raised,
            by_level=[
                LevelCount(level=MatterLevel(x.level), raised=x.raised, open=x.open,
                           resolved=x.resolved, closed=x.closed,
                           median_days_to_resolution=x.median_days_to_resolution)
                for x in f.by_level
            ],
            escalation_rate=f.escalation_rate,
            silent_corridors=[strawberry.ID(c) for c in f.silent_corridors],
            projects=[StatusCount(status=ProjectStatus(s), count=n)
                      for s, n in sorted(f.projects.items())],
            participation=[
                BlockParticipation(vote_id=strawberry.ID(p.vote), block=strawberry.ID(p.block),
                                   electors=p.electors, took_part=p.took_part, ratio=p.ratio)
                for p in f.participation
            ],
        )  # fmt: skip


@strawberry.type
class GovernanceQuery:
    @strawberry.field(
        description="Governance figures of a place in your scope (default: your scope) and of "
        "each place just below it; silent corridors: nothing raised in the last silentMonths "
        "months (default 6) up to asOf (default today)."
    )
    async def governance_figures(
        self, info: Info, scope: strawberry.ID | None = None, as_of: date | None = None,
        silent_months: int = 6,
    ) -> list[AreaGovernance]:  # fmt: skip
        ctx = info.context
        principal = ctx.principal
        area = scope or (principal.scope if principal else None)
        if area is None:
            found = await communities(ctx.db)
            area = found[0].code if found else ""
        await require_area_in_scope(info, area)
        day = as_of_or_today(info, as_of)
        months = max(1, min(silent_months, 60))
        rows = await governance_figures(
            ctx.db, area=area, as_of=day, silent_since=day - timedelta(days=round(months * 30.44))
        )
        return [AreaGovernance.of(r) for r in rows]
