"""Looking ahead: a root field that returns people reads, in one statement, what the request
selects of them next (their households' members, their helpers and those helpers, their
corridors), and primes the request's loaders with it (graph/records/prefetch.py). The nested
resolvers are unchanged — their guards, masks and audit run as before — and find their rows
already loaded instead of sending a statement per level.
"""

from __future__ import annotations

from collections.abc import Iterable

from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

from graph.records.prefetch import Needs, prefetch_people
from schema.context import Info

__all__ = ["below", "needs_of", "prime_people", "selected_paths"]

Path = tuple[str, ...]


def _paths(selections: Iterable[Selection], prefix: Path, into: set[Path]) -> None:
    for selection in selections:
        if isinstance(selection, SelectedField):
            path = (*prefix, selection.name)
            into.add(path)
            _paths(selection.selections, path, into)
        elif isinstance(selection, InlineFragment | FragmentSpread):
            _paths(selection.selections, prefix, into)


def selected_paths(info: Info) -> frozenset[Path]:
    """Every field path (GraphQL names, through fragments) selected below the current field."""
    found: set[Path] = set()
    for field in info.selected_fields:
        _paths(field.selections, (), found)
    return frozenset(found)


def below(paths: frozenset[Path], *prefixes: Path) -> frozenset[Path]:
    """The paths under any of ``prefixes`` (a connection's ``nodes`` and ``edges.node``)."""
    return frozenset(
        p[len(prefix) :] for p in paths for prefix in prefixes if p[: len(prefix)] == prefix
    )


def needs_of(paths: frozenset[Path]) -> Needs:
    """What a selection of people will ask the loaders for next."""
    return Needs(
        members=("household", "members") in paths or ("livingAlone",) in paths,
        pairings=("helpers",) in paths,
        helpers=("helpers", "helper") in paths,
        corridors=("corridor",) in paths,
    )


async def prime_people(info: Info, keys: list[str], paths: frozenset[Path]) -> None:
    """Read ``keys`` and what ``paths`` will need in one statement, into the loaders; nothing
    when the selection needs nothing beyond the people (their loader reads them as well)."""
    needs = needs_of(paths)
    if not needs.anything or not keys:
        return
    found = await prefetch_people(info.context.db, keys=keys, needs=needs)
    loaders = info.context.loaders
    loaders.person_by_id.prime_many(found.people)
    loaders.members_by_household.prime_many(found.members)
    loaders.pairings_by_resident.prime_many(found.pairings)
    loaders.area_by_code.prime_many(found.areas)
