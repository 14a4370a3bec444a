"""The community a roster names (its sheet, and the ``--community`` option), and the shape of
its codes: a roster's own codes hold no ``/`` (the graph qualifies them with the community, see
:mod:`graph.identity`), except the ids of people the roster shares with its street or district,
written ``XY/D01`` with that street's or district's code."""

from __future__ import annotations

from seeds.reader import RawSheet
from seeds.rows import CommunityRow, Problem
from seeds.validate.state import GRID_LEVELS, CheckState

__all__ = ["CommunityChecks"]

_FORBIDDEN = ("/", "|")
# (sheet, column) of the roster's own codes, and of the ids of people, who may be shared.
_OWN_CODES: tuple[tuple[str, str], ...] = (
    *(("grid", level) for level in (*GRID_LEVELS, "building")),
    ("residents", "resident_id"),
    ("residents", "household_id"),
    ("residents", "corridor"),
    ("residents", "room"),
    ("dwellings", "corridor"),
    ("dwellings", "room"),
    ("roles", "scope"),
    ("helpers", "resident_id"),
    ("visits", "resident_id"),
    ("matters", "matter_id"),
    ("meetings", "meeting_id"),
    ("projects", "project_id"),
)
_PERSON_IDS: tuple[tuple[str, str], ...] = (
    ("people", "person_id"),
    ("residents", "family_doctor"),
    ("dwellings", "owners"),  # a list: each id checked
    ("roles", "person_id"),
    ("helpers", "helper_id"),
    ("visits", "visitor_id"),
    ("matters", "raised_by"),
    ("meetings", "attendees"),  # (id, as what) pairs: each id checked
)


class CommunityChecks(CheckState):
    """The community sheet, its agreement with ``--community``, and the codes' separators."""

    community_option: str | None = None

    def _community(self) -> CommunityRow | None:
        """The community the roster names, checked; None when it names none."""
        sheet = self._sheet("community")
        rows = self.rows.get("community", [])
        place: CommunityRow | None = None
        if sheet is not None and rows:  # an empty sheet (the template's) names no community
            if len(rows) != 1:
                self.problems.append(self._not_one_row(sheet.file, sheet.name, len(rows)))
            elif rows[0].ok:
                place = CommunityRow(**{k: v or "" for k, v in rows[0].values.items()})
                self._check_place(sheet, rows[0].number, place)
        option = self.community_option
        if option and place is not None and place.community != option:
            assert sheet is not None
            self.cell(
                sheet,
                rows[0].number,
                "community",
                "community_mismatch",
                f"名册写的是社区 {place.community}，命令行 --community 写的是 {option}，请核对",
                f"the roster is of community {place.community}, but --community says {option}",
            )
        if place is None and option:
            place = CommunityRow(option)
        return place

    def _check_place(self, sheet: RawSheet, number: int, place: CommunityRow) -> None:
        for key in ("community", "street", "district"):
            code = getattr(place, key)
            if any(ch in code for ch in _FORBIDDEN):
                self.cell(sheet, number, key, "bad_code", *_separator_words(code))
        if place.district and not place.street:
            self.cell(
                sheet,
                number,
                "street",
                "required",
                "写了区编号，也须写街道（镇）编号：社区属于街道，街道属于区",
                "a district needs a street (or town): a community is in a street, a street in a "
                "district",
            )
        codes = [c for c in (place.community, place.street, place.district) if c]
        if len(set(codes)) != len(codes):
            self.cell(
                sheet,
                number,
                "community",
                "bad_code",
                "社区、街道和区的编号须各不相同",
                "the community, street and district codes must differ",
            )

    def _check_separators(self, place: CommunityRow | None) -> None:
        shared = {c for c in (place.street, place.district) if c} if place else set()
        # A code equal to the community's, its street's or district's would be read as that
        # place when a clerk writes it (graph.identity.Home.qualify).
        taken = (
            {c for c in (place.community, place.street, place.district) if c} if place else set()
        )
        for sheet_key, column in (*_OWN_CODES, *_PERSON_IDS):
            sheet = self._sheet(sheet_key)
            if sheet is None:
                continue
            person = (sheet_key, column) in _PERSON_IDS
            for p in self.rows.get(sheet_key, []):
                for code in _codes(p.get(column)):
                    self._check_code(sheet, p.number, column, code, person, taken, shared)

    def _check_code(
        self,
        sheet: RawSheet,
        row: int,
        column: str,
        code: str,
        person: bool,
        taken: set[str],
        shared: set[str],
    ) -> None:
        if code in taken:
            self.cell(
                sheet,
                row,
                column,
                "bad_code",
                f"编号“{code}”与社区、街道或区的编号相同，请另取一个",
                f"the code “{code}” is the community's, street's or district's own; choose another",
            )
            return
        if not any(ch in code for ch in _FORBIDDEN):
            return
        head, _, rest = code.partition("/")
        if person and "|" not in code and head in shared and rest and "/" not in rest:
            return  # a person of the street or district, shared by its communities
        self.cell(sheet, row, column, "bad_code", *_separator_words(code, person, shared))

    @staticmethod
    def _not_one_row(file: str, name: str, n: int) -> Problem:
        return Problem(
            file,
            name,
            None,
            None,
            "community_rows",
            f"“社区”表须正好一行（本名册所属的社区），现有 {n} 行；每个社区一份名册",
            f"the community sheet must have exactly one row (this roster's community), not {n}; "
            "one roster per community",
        )


def _codes(value: object) -> tuple[str, ...]:
    """The codes of a cell: one, or a list of ids (a dwelling's owners)."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, tuple):
        return tuple(v if isinstance(v, str) else v[0] for v in value if isinstance(v, str | tuple))
    return ()


def _separator_words(
    code: str, person: bool = False, shared: set[str] | None = None
) -> tuple[str, str]:
    zh = f"编号“{code}”不能含 / 或 |：本社区的编号由系统加上社区编号"
    en = f"the code “{code}” may not hold / or |: the community's code is added by Louzhi"
    if person:
        known = "、".join(sorted(shared or ())) or "（名册未写街道或区）"
        zh += f"；街道或区共享的人员写作 街道编号/编号，如 {known}/D01"
        en += (
            "; a person shared by the street or district is written street-code/id, "
            f"with {', '.join(sorted(shared or ())) or '(the roster names no street)'}"
        )
    return zh, en
