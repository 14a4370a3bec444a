"""The roles, helpers and visits sheets: every person and resident they name is listed, roles
serve a place of the right level, periods end after they start, nobody helps themselves."""

from __future__ import annotations

from graph.vocabulary import ROLE_SCOPE_LEVEL
from seeds import messages
from seeds.cell_values import quoted
from seeds.reader import RawSheet
from seeds.validate.cells import en_name, sheet_column
from seeds.validate.state import GRID_LEVELS, CheckState, Parsed

__all__ = ["TieChecks"]


class TieChecks(CheckState):
    """The checks of the roles, helpers and visits sheets."""

    def _check_roles(self) -> None:
        sheet = self._sheet("roles")
        if sheet is None:
            return
        everyone, codes = self._everyone(), self._grid_codes()
        for p in self.rows["roles"]:
            self._check_person(sheet, p, "person_id", everyone)
            if codes is not None:
                self._check_scope(sheet, p, codes)
            self._check_period(sheet, p)

    def _check_scope(self, sheet: RawSheet, p: Parsed, codes: dict[str, set[str]]) -> None:
        scope, role = p.get("scope"), p.get("role")
        if scope is None:
            return
        levels = [level for level in GRID_LEVELS if scope in codes[level]]
        if not levels:
            self.cell(sheet, p.number, "scope", "unknown_scope", *messages.no_scope(scope))
        elif role is not None and ROLE_SCOPE_LEVEL[role] not in levels:
            zh, en = messages.wrong_scope(scope, levels[0], role)
            self.cell(sheet, p.number, "scope", "wrong_scope", zh, en)

    def _check_helpers(self) -> None:
        sheet = self._sheet("helpers")
        if sheet is None:
            return
        everyone, residents = self._everyone(), self._ids("residents", "resident_id")
        for p in self.rows["helpers"]:
            self._check_person(sheet, p, "helper_id", everyone)
            self._check_resident(sheet, p, residents)
            helper = p.get("helper_id")
            if helper is not None and helper == p.get("resident_id"):
                zh = f"帮扶人{quoted(helper)}与对象是同一人：不能与自己结对"
                en = f"helper{quoted(helper, ' ')} is the person helped: no one helps themselves"
                self.cell(sheet, p.number, "helper_id", "self_help", zh, en)
            self._check_period(sheet, p)

    def _check_visits(self) -> None:
        sheet = self._sheet("visits")
        if sheet is None:
            return
        everyone, residents = self._everyone(), self._ids("residents", "resident_id")
        for p in self.rows["visits"]:
            self._check_person(sheet, p, "visitor_id", everyone)
            self._check_resident(sheet, p, residents)

    def _check_person(
        self, sheet: RawSheet, p: Parsed, key: str, everyone: set[str] | None
    ) -> None:
        who = p.get(key)
        if everyone is not None and who is not None and who not in everyone:
            column = sheet_column(sheet, key)
            zh = f"{column.zh}{quoted(who)}既不是居民编号，也不是人员编号"
            en = f"{en_name(column)}{quoted(who, ' ')} is neither a resident id nor a person id"
            self.cell(sheet, p.number, key, "unknown_person", zh, en)

    def _check_resident(self, sheet: RawSheet, p: Parsed, residents: set[str] | None) -> None:
        who = p.get("resident_id")
        if residents is not None and who is not None and who not in residents:
            column = sheet_column(sheet, "resident_id")
            zh = f"{column.zh}{quoted(who)}不在“居民”表中"
            en = f"{en_name(column)}{quoted(who, ' ')} is not in the residents sheet"
            self.cell(sheet, p.number, "resident_id", "unknown_resident", zh, en)

    def _check_period(self, sheet: RawSheet, p: Parsed) -> None:
        since, until = p.get("since"), p.get("until")
        if since is not None and until is not None and until < since:
            zh = f"结束日期 {until.isoformat()} 早于开始日期 {since.isoformat()}"
            en = f"end date {until.isoformat()} is before start date {since.isoformat()}"
            self.cell(sheet, p.number, "until", "until_before_since", zh, en)
