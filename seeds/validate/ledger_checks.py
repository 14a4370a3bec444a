"""The ledger sheets: ids listed once, places of the grid (or the community itself), people of
the roster, each matter's days a history the graph would accept (:mod:`seeds.ledger_history`),
a decision not dated before its meeting. What a reference names (a row of the ledger, or
something the graph already holds) is found by the load (:mod:`seeds.ledger_plan`)."""

from __future__ import annotations

from seeds.cell_values import quoted
from seeds.ledger_history import Refusal, matter_steps, project_status
from seeds.reader import RawSheet
from seeds.rows import LedgerMatterRow, LedgerProjectRow
from seeds.validate.cells import en_name, sheet_column
from seeds.validate.state import GRID_LEVELS, CheckState, Parsed

__all__ = ["LedgerChecks"]


class LedgerChecks(CheckState):
    """The checks of the matters, meetings, decisions and projects sheets."""

    community_code: str = ""

    def _check_ledger(self) -> None:
        places = self._places()
        everyone = self._everyone()
        self._unique("matters", "matter_id")
        meetings = self._unique("meetings", "meeting_id")
        self._unique("projects", "project_id")
        for sheet, p in self._rows("matters"):
            self._place(sheet, p, "place", places)
            self._people(sheet, p, "raised_by", everyone)
            if p.ok:
                self._refused(sheet, p, matter_steps(LedgerMatterRow(**p.values)))
        for sheet, p in self._rows("meetings"):
            self._place(sheet, p, "place", places)
            people = [person for person, _ in p.get("attendees") or ()]
            self._people(sheet, p, "attendees", everyone, people)
            if len(set(people)) < len(people):
                self.cell(
                    sheet,
                    p.number,
                    "attendees",
                    "duplicate_id",
                    "每人只列一次",
                    "list each person once",
                )
        self._check_decisions(meetings)
        for sheet, p in self._rows("projects"):
            self._place(sheet, p, "places", places)
            if p.ok:
                self._refused(sheet, p, project_status(LedgerProjectRow(**p.values)))

    def _check_decisions(self, meetings: dict[str, Parsed] | None) -> None:
        seen: dict[tuple[str, int], int] = {}
        for sheet, p in self._rows("decisions"):
            meeting, seq = p.get("meeting_id"), p.get("seq")
            if meeting is None or seq is None:
                continue
            first = seen.setdefault((meeting, seq), p.number)
            if first != p.number:
                self.cell(
                    sheet,
                    p.number,
                    "seq",
                    "duplicate_id",
                    f"会议 {meeting} 的第 {seq} 项决议已在第 {first} 行列出",
                    f"decision {seq} of meeting {meeting} is already on row {first}",
                )
            held = meetings.get(meeting) if meetings else None
            on = held.get("date") if held is not None else None
            for key in ("due", "done_on"):
                day = p.get(key)
                if on is not None and day is not None and day < on:
                    column = sheet_column(sheet, key)
                    self.cell(
                        sheet,
                        p.number,
                        key,
                        "invalid_dates",
                        f"{column.zh} {day} 早于会议日期（{on}）",
                        f"{en_name(column)} {day} is before the meeting ({on})",
                    )

    # Helpers.

    def _rows(self, key: str) -> list[tuple[RawSheet, Parsed]]:
        sheet = self._sheet(key)
        return [] if sheet is None else [(sheet, p) for p in self.rows[key]]

    def _unique(self, key: str, column: str) -> dict[str, Parsed] | None:
        """The rows of a sheet by id, each repeat reported; None without the sheet."""
        if self._sheet(key) is None:
            return None
        first: dict[str, Parsed] = {}
        for sheet, p in self._rows(key):
            value = p.get(column)
            if value is None:
                continue
            seen = first.setdefault(value, p)
            if seen is not p:
                self.cell(
                    sheet,
                    p.number,
                    column,
                    "duplicate_id",
                    f"编号{quoted(value)}已在第 {seen.number} 行使用",
                    f"the id{quoted(value, ' ')} is already used on row {seen.number}",
                )
        return first

    def _places(self) -> set[str] | None:
        codes = self._grid_codes()
        if codes is None:
            return None
        found = {code for level in GRID_LEVELS for code in codes[level]}
        return found | ({self.community_code} if self.community_code else set())

    def _place(self, sheet: RawSheet, p: Parsed, key: str, places: set[str] | None) -> None:
        value = p.get(key)
        for code in (value,) if isinstance(value, str) else value or ():
            if places is not None and code not in places:
                column = sheet_column(sheet, key)
                self.cell(
                    sheet,
                    p.number,
                    key,
                    "unknown_scope",
                    f"{column.zh}{quoted(code)}不是网格表中的编号，也不是本社区编号",
                    f"{en_name(column)}{quoted(code, ' ')} is neither a code of the grid "
                    "sheet nor the community's",
                )

    def _people(
        self,
        sheet: RawSheet,
        p: Parsed,
        key: str,
        everyone: set[str] | None,
        people: list[str] | None = None,
    ) -> None:
        ids = people if people is not None else [p.get(key)] if p.get(key) else []
        for person in ids:
            if everyone is not None and person not in everyone:
                column = sheet_column(sheet, key)
                self.cell(
                    sheet,
                    p.number,
                    key,
                    "unknown_person",
                    f"{column.zh}{quoted(person)}既不是居民编号，也不是人员编号",
                    f"{en_name(column)}{quoted(person, ' ')} is neither a resident id nor "
                    "a person id",
                )

    def _refused(self, sheet: RawSheet, p: Parsed, answer: object) -> None:
        if isinstance(answer, Refusal):
            self.cell(sheet, p.number, answer.column, answer.code, answer.zh, answer.en)
