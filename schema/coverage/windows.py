"""Coverage window by window (:mod:`graph.analysis.windows`): the areas' figures side by side,
and each vulnerable elder in every window, the worst first to see."""

from __future__ import annotations

from datetime import date

import strawberry

from graph.analysis import types as g
from graph.analysis import windows as w
from schema.coverage.reports import page
from schema.coverage.types import ElderSupport, Ratio
from schema.enums import AreaLevel, SupportKind, UnderSupportReason, Window
from schema.pagination import Connection

__all__ = ["Window", "WindowCoverage"]


def _ratio(r: g.Ratio) -> Ratio:
    return Ratio(actual=r.actual, expected=r.expected)


@strawberry.type(description="An area's supported elders in one window.")
class WindowFigure:
    window: Window
    elders_supported: Ratio


@strawberry.type(description="An area's figures in every window of the week.")
class AreaWindows:
    code: strawberry.ID
    level: AreaLevel
    name: str
    elders_supported: Ratio = strawberry.field(description="Every helper counted.")
    by_window: list[WindowFigure]
    worst_window: Window | None = strawberry.field(
        description="The window with the fewest elders supported; null when no window has "
        "fewer than with every helper counted."
    )
    elders_under_supported_in_some_window: int

    @classmethod
    def of(cls, a: w.AreaWindows) -> AreaWindows:
        return cls(
            code=strawberry.ID(a.code), level=AreaLevel(a.level), name=a.name,
            elders_supported=_ratio(a.supported),
            by_window=[WindowFigure(window=Window(x), elders_supported=_ratio(r))
                       for x, r in a.by_window],
            worst_window=Window(a.worst) if a.worst else None,
            elders_under_supported_in_some_window=a.under_in_some_window,
        )  # fmt: skip


@strawberry.type(description="One elder in one window: the helpers available then.")
class ElderWindow:
    window: Window
    helper_count: int
    kinds: list[SupportKind]
    under_supported: bool
    reasons: list[UnderSupportReason]

    @classmethod
    def of(cls, x: w.ElderWindow) -> ElderWindow:
        return cls(
            window=Window(x.window), helper_count=x.helpers,
            kinds=[SupportKind(k) for k in x.kinds], under_supported=x.under_supported,
            reasons=[UnderSupportReason(r) for r in x.reasons],
        )  # fmt: skip


@strawberry.type(description="A vulnerable elder window by window.")
class ElderWindows:
    elder: ElderSupport = strawberry.field(description="As coverageGaps gives them.")
    by_window: list[ElderWindow]
    worst_window: ElderWindow = strawberry.field(
        description="The window with the fewest helpers (under-supported first)."
    )
    supported_overall_but_not_always: bool = strawberry.field(
        description="Supported with every helper counted, but under-supported in some window."
    )


@strawberry.type(
    description="Coverage window by window: who is supported on weekday days, in the evening, "
    "at night and at weekends, counting only the helpers who can be reached then."
)
class WindowCoverage:
    scope: list[strawberry.ID]
    as_of: date
    windows: list[Window]
    report: strawberry.Private[w.WindowsReport]
    statuses: strawberry.Private[dict[str, g.ElderStatus]]

    @classmethod
    def of(cls, overall: g.CoverageReport, each: dict[str, g.CoverageReport]) -> WindowCoverage:
        return cls(
            scope=[strawberry.ID(s) for s in overall.scope], as_of=overall.as_of,
            windows=[Window(x) for x in w.WINDOWS], report=w.by_window(overall, each),
            statuses={e.id: e for e in overall.elders},
        )  # fmt: skip

    @strawberry.field(description="The scope and every area below it, by level and code.")
    def areas(
        self, level: AreaLevel | None = None, first: int | None = None, after: str | None = None
    ) -> Connection[AreaWindows]:
        found = [a for a in self.report.areas if level is None or a.level == level.value]
        return page(found, AreaWindows.of, first, after)

    @strawberry.field(
        description="Every vulnerable elder of the scope; ``underSupportedIn``: only those "
        "under-supported in that window; ``changing``: only those supported overall but not "
        "in some window."
    )
    def elders(
        self,
        under_supported_in: Window | None = None,
        changing: bool = False,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[ElderWindows]:
        def kept(x: w.ElderWindows) -> bool:
            if changing and not x.changes:
                return False
            if under_supported_in is None:
                return True
            return any(y.window == under_supported_in.value and y.under_supported
                       for y in x.windows)  # fmt: skip

        def make(x: w.ElderWindows) -> ElderWindows:
            return ElderWindows(
                elder=ElderSupport.of(self.statuses[x.elder_id]),
                by_window=[ElderWindow.of(y) for y in x.windows],
                worst_window=ElderWindow.of(x.worst),
                supported_overall_but_not_always=x.changes,
            )

        return page([x for x in self.report.elders if kept(x)], make, first, after)
