"""The fields the compiled reads serve: for each ``(type, field)``, what it shows of a row.

Each does what the strawberry field of schema/types.py does with its guards, through the same
checks (``check_detail``, ``check_lives_in_scope``, ``check_inside``) and the same audit notes,
but on the rows the root fields read, synchronously. A row that was not read raises
:class:`schema.compiled.run.Miss` and the request is executed the usual way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from graph.records.people import PairingRow, PersonRow
from graph.records.places import AreaRow
from schema.compiled.run import Run
from schema.enums import AreaLevel, Gender, HelperKind, Mobility, PartyKind, PersonKind
from schema.fields import age_band, ages_on, as_of_or_today, check_inside
from schema.pagination import PageInfo, encode_cursor
from schema.permissions import check_detail, check_lives_in_scope

__all__ = ["NESTED", "TYPE_OF", "Page"]

Resolve = Callable[[Any, Run, Any], Any]


@dataclass(frozen=True)
class Page:
    """A page of ``residents``: its rows, where it starts, how many there are in all."""

    rows: list[PersonRow]
    offset: int
    total: int


def _detail(value: Callable[[PersonRow], Any]) -> Resolve:
    """A personal detail: refused as schema/permissions.PersonalDetail refuses it, noted when
    shown."""

    def resolve(row: PersonRow, run: Run, plan: Any) -> Any:
        check_detail(run.principal, plan.name, row)
        run.audit(row.id)
        return value(row)

    return resolve


def _name(row: PersonRow, run: Run, plan: Any) -> str:
    run.audit(row.id)
    return row.name


def _age(row: PersonRow, run: Run, plan: Any) -> int | None:
    year = ages_on(run.info(plan), run.args(plan).get("as_of")).year
    return None if row.birth_year is None else year - row.birth_year


def _age_shown(row: PersonRow, run: Run, plan: Any) -> int | None:
    check_detail(run.principal, plan.name, row)
    run.audit(row.id)
    return _age(row, run, plan)


def _age_band(row: PersonRow, run: Run, plan: Any) -> str | None:
    check_lives_in_scope(run.principal, plan.name, row)
    return age_band(_age(row, run, plan))


def _living_alone(row: PersonRow, run: Run, plan: Any) -> bool:
    check_detail(run.principal, plan.name, row)
    run.audit(row.id)
    if not row.household_id:
        return False
    members = run.store.get("members", row.household_id)
    return sum(1 for m in members if m.left_on is None) == 1


def _corridor(row: PersonRow, run: Run, plan: Any) -> AreaRow | None:
    return run.store.get("areas", row.corridor) if row.corridor else None


def _helpers(row: PersonRow, run: Run, plan: Any) -> list[tuple[PairingRow, date]]:
    args = run.args(plan)
    day = as_of_or_today(run.info(plan), args.get("as_of"))
    ended = args.get("include_ended", False)
    return [(p, day) for p in run.store.get("pairings", row.id) if ended or p.active(day)]


def _children(row: AreaRow, run: Run, plan: Any) -> list[AreaRow]:
    check_inside(row.code, row.in_scope, run.principal)
    return run.store.get("children", row.code)


def _person(key: Callable[[PairingRow], str]) -> Resolve:
    return lambda source, run, plan: run.store.get("people", key(source[0]))


PERSON: dict[str, Resolve] = {
    "id": lambda r, run, plan: r.id,
    "name": _name,
    "phone": _detail(lambda r: r.phone),
    "leftOn": lambda r, run, plan: r.left_on,
}
RESIDENT: dict[str, Resolve] = {
    **PERSON,
    "kind": lambda r, run, plan: PersonKind.RESIDENT,
    "gender": _detail(lambda r: Gender(r.gender) if r.gender else None),
    "birthYear": _detail(lambda r: r.birth_year),
    "mobility": _detail(lambda r: Mobility(r.mobility) if r.mobility else None),
    "smartphone": _detail(lambda r: r.smartphone),
    "tags": _detail(lambda r: list(r.tags)),
    "relation": _detail(lambda r: r.relation),
    "age": _age_shown,
    "ageBand": _age_band,
    "household": _detail(lambda r: r.household_id or None),
    "livingAlone": _living_alone,
    "corridor": _corridor,
    "party": _detail(lambda r: PartyKind(r.party) if r.party else None),
    "helpers": _helpers,
}
WORKER: dict[str, Resolve] = {
    **PERSON,
    "kind": lambda r, run, plan: PersonKind(r.kind),
    "capacity": lambda r, run, plan: r.capacity,
    "organisation": lambda r, run, plan: r.organisation,
}
HOUSEHOLD: dict[str, Resolve] = {
    "id": lambda h, run, plan: h,
    "members": lambda h, run, plan: [m for m in run.store.get("members", h) if m.left_on is None],
}
PAIRING: dict[str, Resolve] = {
    "id": lambda s, run, plan: s[0].id,
    "kind": lambda s, run, plan: HelperKind(s[0].kind),
    "since": lambda s, run, plan: s[0].since,
    "until": lambda s, run, plan: s[0].until,
    "active": lambda s, run, plan: s[0].active(s[1]),
    "helper": _person(lambda p: p.helper_id),
    "resident": _person(lambda p: p.resident_id),
}
AREA: dict[str, Resolve] = {
    "code": lambda a, run, plan: a.code,
    "name": lambda a, run, plan: a.name,
    "level": lambda a, run, plan: AreaLevel(a.level),
    "kind": lambda a, run, plan: a.kind,
    "inScope": lambda a, run, plan: a.in_scope,
    "parent": lambda a, run, plan: run.store.get("areas", a.parent) if a.parent else None,
    "children": _children,
}


def _page_info(page: Page, run: Run, plan: Any) -> PageInfo:
    """The strawberry object (its fields are served as every connection's are:
    schema/compiled/derived.py)."""
    last = page.offset + len(page.rows) - 1
    return PageInfo(
        has_next_page=page.offset + len(page.rows) < page.total,
        has_previous_page=page.offset > 0,
        start_cursor=encode_cursor(page.offset) if page.rows else None,
        end_cursor=encode_cursor(last) if page.rows else None,
    )


CONNECTION: dict[str, Resolve] = {
    "totalCount": lambda p, run, plan: p.total,
    "pageInfo": _page_info,
    "edges": lambda p, run, plan: [(p.offset + i, r) for i, r in enumerate(p.rows)],
    "nodes": lambda p, run, plan: p.rows,
}
EDGE: dict[str, Resolve] = {
    "cursor": lambda e, run, plan: encode_cursor(e[0]),
    "node": lambda e, run, plan: e[1],
}

NESTED: dict[tuple[str, str], Resolve] = {
    (kind, name): resolve
    for kind, fields in (
        ("Resident", RESIDENT),
        ("Worker", WORKER),
        ("Household", HOUSEHOLD),
        ("PartyRegistration", {"kind": lambda k, run, plan: k}),
        ("HelperPairing", PAIRING),
        ("Area", AREA),
        ("ResidentConnection", CONNECTION),
        ("ResidentEdge", EDGE),
    )
    for name, resolve in fields.items()
}
TYPE_OF: dict[str, Callable[[Any], str]] = {
    "Person": lambda row: "Resident" if row.kind == "resident" else "Worker",
}
