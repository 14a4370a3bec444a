"""The dwellings sheet: each row a dwelling of a corridor of the grid, listed once, owned by
people the roster lists."""

from __future__ import annotations

from seeds import messages
from seeds.cell_values import quoted
from seeds.validate.cells import en_name, sheet_column
from seeds.validate.state import CheckState, Parsed

__all__ = ["DwellingChecks"]


class DwellingChecks(CheckState):
    """The checks of the dwellings sheet."""

    def _check_dwelling_sheet(self) -> None:
        sheet = self._sheet("dwellings")
        if sheet is None:
            return
        codes, everyone = self._grid_codes(), self._everyone()
        corridors = codes["corridor"] if codes is not None else None
        first: dict[tuple[str, str], Parsed] = {}
        for p in self.rows["dwellings"]:
            corridor, room = p.get("corridor"), p.get("room")
            if corridors is not None and corridor is not None and corridor not in corridors:
                zh, en = messages.no_corridor(corridor)
                self.cell(sheet, p.number, "corridor", "unknown_corridor", zh, en)
            if corridor is not None and room is not None:
                seen = first.setdefault((corridor, room), p)
                if seen is not p:
                    shown = quoted(f"{corridor}/{room}")
                    zh = f"房屋{shown}已在第 {seen.number} 行列出，每套房屋只列一次"
                    en = (
                        f"dwelling{quoted(f'{corridor}/{room}', ' ')} is already listed on row "
                        f"{seen.number}; list each dwelling once"
                    )
                    self.cell(sheet, p.number, "room", "duplicate_id", zh, en)
            if everyone is None:
                continue
            for owner in p.get("owners") or ():
                if owner not in everyone:
                    column = sheet_column(sheet, "owners")
                    zh = f"{column.zh}{quoted(owner)}既不是居民编号，也不是人员编号"
                    en = (
                        f"{en_name(column)}{quoted(owner, ' ')} is neither a resident id nor a "
                        "person id (list a non-resident owner in the people sheet as 业主 owner)"
                    )
                    zh += "（非居住业主请在“人员”表中登记，类型填“业主”）"
                    self.cell(sheet, p.number, "owners", "unknown_person", zh, en)
