"""What a load tells of its progress: its steps (reading, checking, planning, writing) and, while
writing, the rows written.

:class:`PlainSteps` writes lines for logs and pipes (a line per 10% of a large write, nothing
for a small one); the command line draws a live bar instead when stderr is a terminal
(``server/load_progress.py``, with rich).
"""

from __future__ import annotations

import sys
from typing import Protocol, TextIO

__all__ = ["STEP_NAMES", "PlainSteps", "Steps"]

STEP_NAMES: dict[str, str] = {
    "reading": "读取 reading",
    "checking": "检查 checking",
    "planning": "比对 planning",
    "writing": "写入 writing",
}


class Steps(Protocol):
    def step(self, name: str, total: int = 0) -> None:
        """A step of :data:`STEP_NAMES` begins (``total`` rows, for writing)."""

    def __call__(self, n: int) -> None:
        """``n`` more rows written."""


class PlainSteps:
    """Lines on ``stream``: a line per 10% while writing more than ``over`` rows."""

    def __init__(self, stream: TextIO = sys.stderr, *, over: int = 5000) -> None:
        self.stream, self.over = stream, over
        self.total = self.done = 0
        self._last_decile = -1

    def step(self, name: str, total: int = 0) -> None:
        self.total, self.done, self._last_decile = total, 0, -1

    def __call__(self, n: int) -> None:
        self.done += n
        if self.total <= self.over:
            return
        pct = 100 * self.done // max(self.total, 1)
        if pct // 10 != self._last_decile:
            self._last_decile = pct // 10
            self.stream.write(f"写入 writing {self.done}/{self.total} {pct}%\n")
            self.stream.flush()
