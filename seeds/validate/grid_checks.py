"""The grid sheet's own rules: one parent per code, one level per code, each building listed
once per corridor."""

from __future__ import annotations

from seeds import messages
from seeds.reader import RawSheet
from seeds.validate.state import GRID_LEVELS, CheckState, Parsed

__all__ = ["GridChecks"]


class GridChecks(CheckState):
    """The checks of the grid sheet."""

    def _check_grid(self) -> None:
        sheet = self._sheet("grid")
        if sheet is None:
            return
        rows = self.rows["grid"]
        for child, parent in zip(GRID_LEVELS[1:], GRID_LEVELS, strict=False):
            self._check_one_parent(sheet, rows, child, parent)
        self._check_levels_distinct(sheet, rows)
        first: dict[tuple[str, str], int] = {}
        for p in rows:
            pair = (p.get("corridor"), p.get("building"))
            if None in pair:
                continue
            seen = first.setdefault(pair, p.number)
            if seen != p.number:
                self.cell(
                    sheet,
                    p.number,
                    "building",
                    "duplicate_id",
                    *messages.duplicate_pair(pair, seen),
                )

    def _check_one_parent(
        self, sheet: RawSheet, rows: list[Parsed], child: str, parent: str
    ) -> None:
        first: dict[str, tuple[str, int]] = {}
        reported: set[tuple[str, str]] = set()
        for p in rows:
            code, owner = p.get(child), p.get(parent)
            if code is None or owner is None:
                continue
            seen_owner, seen_row = first.setdefault(code, (owner, p.number))
            if seen_owner != owner and (code, owner) not in reported:
                reported.add((code, owner))
                zh, en = messages.two_parents(child, parent, code, seen_owner, seen_row, owner)
                self.cell(sheet, p.number, parent, "grid_conflict", zh, en)

    def _check_levels_distinct(self, sheet: RawSheet, rows: list[Parsed]) -> None:
        # Roles name their scope by code alone, so a code must mean one place at one level.
        first: dict[str, tuple[str, int]] = {}
        reported: set[tuple[str, str]] = set()
        for p in rows:
            for level in GRID_LEVELS:
                code = p.get(level)
                if code is None:
                    continue
                seen_level, seen_row = first.setdefault(code, (level, p.number))
                if seen_level != level and (code, level) not in reported:
                    reported.add((code, level))
                    zh, en = messages.two_levels(code, seen_level, seen_row, level)
                    self.cell(sheet, p.number, level, "grid_conflict", zh, en)
