"""``louzhi load`` on a terminal: a live progress bar of each step (rich), and the summary as a
table. Off a terminal (a log, a pipe, CI) the load writes plain lines instead
(:class:`seeds.load_steps.PlainSteps` and :meth:`seeds.load.LoadReport.lines`).
"""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from seeds.load import COLUMNS, LoadReport
from seeds.load_steps import STEP_NAMES

__all__ = ["RichSteps", "summary_table"]


class RichSteps:
    """The steps of one load as rows of a live display on stderr: the step before is marked done
    when the next begins; writing shows rows written of the total."""

    def __init__(self, source: str, console: Console | None = None) -> None:
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console or Console(stderr=True),
        )
        self.source = source
        self.current: TaskID | None = None

    def __enter__(self) -> RichSteps:
        self.progress.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._finish()
        self.progress.stop()

    def _finish(self) -> None:
        if self.current is not None:
            task = self.progress.tasks[-1]
            self.progress.update(self.current, total=task.total or 1, completed=task.total or 1)

    def step(self, name: str, total: int = 0) -> None:
        self._finish()
        label = f"{self.source} · {STEP_NAMES.get(name, name)}"
        self.current = self.progress.add_task(label, total=total or None)

    def __call__(self, n: int) -> None:
        if self.current is not None:
            self.progress.advance(self.current, n)


def summary_table(report: LoadReport) -> Table:
    """The counts of each kind of record, as the plain lines give them."""
    table = Table(title=f"{report.source} (社区 community {report.community}): {report.headline}")
    table.add_column("")
    for column in COLUMNS:
        table.add_column(column, justify="right")
    for name, *counts in report.counts():
        table.add_row(name, *(str(n) for n in counts))
    return table
