"""The root fields the compiled reads serve, and the reads each makes before the walk.

A root field is checked as the strawberry field's extensions check it, in their order: the role
may use it (:data:`schema.permissions.ACTIONS`), its texts are within their limits, its IDs are
qualified with the caller's home. Anything refused raises, and the request is then executed the
usual way, which words the refusal; the answer is never worded twice.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from graph.records import places
from graph.records.people import PersonRow
from graph.records.places import AreaRow
from graph.records.prefetch import Lead, Prefetched, prefetch_people
from graph.records.resident_search import SEARCH_END, page_from
from schema.codes import QualifyIds, ensure_home
from schema.compiled.plan import FieldPlan
from schema.compiled.resolvers import Page
from schema.compiled.run import Run
from schema.permissions import allowed
from schema.prefetch import below, needs_of
from schema.queries import area_refused, residents_search
from schema.text_limits import text_problem

__all__ = ["ROOTS", "Refused", "columns_of", "root_value"]


class Refused(Exception):
    """The root field is not the compiled reads' to answer (the usual execution words why)."""


# The columns of graph/records/people.PERSON_COLUMNS each field of a person shows (the id, name
# and kind are always read).
COLUMNS: dict[str, tuple[str, ...]] = {
    "id": (),
    "name": (),
    "kind": (),
    "__typename": (),
    "helpers": (),
    "age": ("birthYear",),
    "ageBand": ("birthYear",),
    "livingAlone": ("household",),
    **{
        name: (name,)
        for name in (
            "phone", "leftOn", "capacity", "organisation", "gender", "birthYear", "mobility",
            "smartphone", "tags", "relation", "household", "corridor", "party",
        )
    },
}  # fmt: skip
PEOPLE_TYPES = frozenset({"Resident", "Worker", "Person"})


def columns_of(plans: tuple[FieldPlan, ...]) -> tuple[frozenset[str] | None, ...]:
    """The columns the people the request shows need, and those its households' members need
    (None: all): one pair for the whole request, under every root field, as a person or a
    household read twice is kept once."""
    found: tuple[set[str] | None, set[str] | None] = (set(), set())
    stack = list(plans)
    while stack:
        field = stack.pop()
        people = field.type_name in PEOPLE_TYPES
        member = int(people and field.name == "members")  # rows of the household's members
        for fields in field.below.values():
            for f in fields:
                stack.append(f)
                into = found[member]
                if not people or into is None:
                    continue
                if f.name in COLUMNS:
                    into.update(COLUMNS[f.name])
                else:
                    found = (None, found[1]) if member == 0 else (found[0], None)
    return tuple(None if c is None else frozenset(c) for c in found)


async def _people(
    run: Run,
    plan: FieldPlan,
    keys: list[str] | None,
    paths: frozenset[tuple[str, ...]],
    lead: tuple[Lead, dict[str, Any]] | None = None,
) -> Prefetched:
    people, members = run.columns
    found = await prefetch_people(
        run.context.db, keys=keys, needs=needs_of(paths), people=people, members=members, lead=lead
    )
    store = run.store
    store.people.update(found.people)
    store.members.update(found.members)
    store.pairings.update(found.pairings)
    store.areas.update(found.areas)
    return found


async def _resident(run: Run, plan: FieldPlan, *, id: str) -> PersonRow | None:
    await _people(run, plan, [id], frozenset(plan.paths()))
    row = run.store.people.get(id)
    return row if row is not None and row.kind == "resident" else None


async def _person(run: Run, plan: FieldPlan, *, id: str) -> PersonRow | None:
    await _people(run, plan, [id], frozenset(plan.paths()))
    return run.store.people.get(id)


async def _residents(run: Run, plan: FieldPlan, **kwargs: Any) -> Page:
    info, where = run.info(plan), kwargs.get("filter")
    search, offset = await residents_search(
        info,  # type: ignore[arg-type]
        where,
        kwargs.get("sort"),
        kwargs.get("first"),
        kwargs.get("after"),
        kwargs.get("as_of"),
    )
    paths = below(frozenset(plan.paths()), ("nodes",), ("edges", "node"))
    # The page and its people in one statement: the search leads, the prefetch goes on.
    lead = Lead(search.query, SEARCH_END, ("placed", "total", "page"), "page")
    found = await _people(run, plan, None, paths, (lead, search.params))
    page = page_from(found.carried)
    area_refused(info, where, page)  # type: ignore[arg-type]
    rows = [run.store.people.get(i) for i in page.ids]
    return Page([r for r in rows if r is not None], offset, page.total)


async def _area(run: Run, plan: FieldPlan, *, code: str) -> AreaRow | None:
    paths = plan.paths()
    found = await places.area_around(
        run.context.db, code=code, children=("children",) in paths, parent=("parent",) in paths
    )
    store, row = run.store, found.area
    store.areas[code] = row
    if found.children is not None:
        store.children[code] = found.children
    if row is not None and found.parent is not None:
        store.areas.setdefault(row.parent, found.parent)  # type: ignore[arg-type]
    return row


ROOTS: dict[tuple[str, str], Callable[..., Awaitable[Any]]] = {
    ("Query", "resident"): _resident,
    ("Query", "person"): _person,
    ("Query", "residents"): _residents,
    ("Query", "area"): _area,
}


async def root_value(run: Run, plan: FieldPlan) -> Any:
    """The root field's value after its checks and reads (raises :class:`Refused`)."""
    if plan.resolve is None:
        return None  # __typename
    if plan.name not in allowed(run.principal):
        raise Refused(plan.name)
    kwargs = run.args(plan)
    if text_problem(kwargs) is not None:
        raise Refused(plan.name)
    definition = plan.definition.extensions["strawberry-definition"]  # type: ignore[union-attr]
    for extension in definition.extensions:
        if isinstance(extension, QualifyIds):
            if extension.needs_home():
                await ensure_home()
            kwargs = extension.qualified(kwargs)
    return await plan.resolve(run, plan, **kwargs)
