"""``louzhi load``: each roster in its own transaction, with its progress and its summary.

On a terminal a live bar of each step (reading, checking, planning, writing) and the summary
as a table (:mod:`server.load_progress`, rich); in logs and pipes plain lines.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from graph.store.connection import started_target

__all__ = ["cmd_load"]


def _say(message: str) -> None:
    print(message, flush=True)


def cmd_load(args: argparse.Namespace) -> int:
    from seeds.load import load_path
    from seeds.rows import RosterError
    from server.load_progress import summary_table

    target = started_target()
    if args.community and len(args.path) > 1:
        print("--community 只能用于一份名册 / --community names one roster's community",
              file=sys.stderr)  # fmt: skip
        return 2
    failed = 0
    live = sys.stderr.isatty()  # a bar to watch on a terminal; plain lines in logs and pipes
    for path in args.path:  # each roster its own transaction: one bad roster stops only itself
        try:
            with _load_steps(path, live) as steps:
                report = load_path(
                    target,
                    Path(path),
                    dry_run=args.dry_run,
                    prune=args.prune,
                    community=args.community,
                    steps=steps,
                )
        except RosterError as exc:
            failed += 1
            print(
                f"{path}: 名册有 {len(exc.problems)} 处问题，未写入任何数据 / "
                f"{len(exc.problems)} problem(s) in the roster; nothing was written:",
                file=sys.stderr,
            )
            for problem in exc.problems:
                print(f"  {problem}", file=sys.stderr)
            continue
        if live:
            _console().print(summary_table(report))
            for note in report.notes():
                _say(note)
        else:
            for line in report.lines():
                _say(line)
    return 1 if failed else 0


def _console() -> Any:
    from rich.console import Console

    return Console()


@contextlib.contextmanager
def _load_steps(path: str, live: bool) -> Iterator[Any]:
    from seeds.load_steps import PlainSteps

    if not live:
        yield PlainSteps()
        return
    from server.load_progress import RichSteps

    with RichSteps(path) as steps:
        yield steps
