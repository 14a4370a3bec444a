"""Whether a change stays inside the caller's scope, checked before it is made.

Reads are scoped in the data layer; a change names its targets in its input, so each mutation
states them here: residents who must live in scope, people who must be reachable, areas and
households that must be in scope (:mod:`graph.access.scope`). A person out of reach is answered as
unknown (NOT_FOUND, as if nobody had that id); an area or household outside the scope, which is
no secret, as FORBIDDEN. Grid workers and floor chiefs record visits only as themselves.
"""

from __future__ import annotations

from collections.abc import Sequence

from graph.access.scope_checks import (
    area_placed,
    households_placed,
    living_in_scope,
    reachable_ids,
)
from graph.access.session import GraphSession
from graph.errors import ChangeError
from schema.context import Info
from schema.permissions import ACT_AS_THEMSELVES, outside_scope

__all__ = ["Target", "check_change"]

Target = tuple[str, str]  # (input field, id or code)


def _unknown(field: str, key: str) -> ChangeError:
    return ChangeError("NOT_FOUND", field, f"No person with id {key!r}.", f"找不到人员“{key}”。")


def _outside(field: str, key: str, scope: str | None) -> ChangeError:
    return ChangeError("FORBIDDEN", field, *outside_scope(key, scope))


async def check_change(
    info: Info,
    *,
    living: Sequence[Target] = (),
    reachable: Sequence[Target] = (),
    areas: Sequence[Target] = (),
    households: Sequence[Target] = (),
    visitor: Target | None = None,
    living_or_new: Sequence[Target] = (),
    reachable_or_new: Sequence[Target] = (),
) -> ChangeError | None:
    """The first reason the change may not be made by this caller, or None."""
    principal, db = info.context.principal, info.context.db
    if principal is None:
        return ChangeError("UNAUTHENTICATED", None, "Sign in first.", "请先登录。")
    if visitor is not None and principal.role in ACT_AS_THEMSELVES:
        field, key = visitor
        if key != principal.person_id:
            return ChangeError(
                "FORBIDDEN",
                field,
                f"A {principal.role} records their own visits only ({principal.person_id}).",
                f"该角色只能记录本人的走访（{principal.person_id}）。",
            )
    if principal.scope is None:
        return None  # an admin reaches everything; the change itself checks existence
    scope = principal.scope
    if living_or_new or reachable_or_new:
        # Ids nobody has yet are free to create; those somebody has must be in reach.
        everyone = GraphSession(db.driver, database=db.database)
        exists = await reachable_ids(
            everyone, ids=[k for _, k in (*living_or_new, *reachable_or_new)]
        )
        living = [*living, *(t for t in living_or_new if t[1] in exists)]
        reachable = [*reachable, *(t for t in reachable_or_new if t[1] in exists)]
    if living:
        inside = await living_in_scope(db, ids=[k for _, k in living])
        for field, key in living:
            if key not in inside:
                return _unknown(field, key)
    if reachable:
        inside = await reachable_ids(db, ids=[k for _, k in reachable])
        for field, key in reachable:
            if key not in inside:
                return _unknown(field, key)
    for field, code in areas:
        placed = await area_placed(db, code=code)
        if placed is False:
            return _outside(field, code, scope)
    if households:
        placed_households = await households_placed(db, ids=[k for _, k in households])
        for field, key in households:
            if placed_households.get(key) is False:
                return _outside(field, key, scope)
    return None
