"""Finding residents: filter by area (with everything below it), name (characters, pinyin or
its initials: ``wgy`` finds 王桂英), age, tags, mobility, living alone, party registration and
role; sort by name, age or area; one page at a time.

The query is one text per sort order (ORDER BY cannot take a parameter) and set of filters used:
an unused filter is left out of the statement, not passed as null. ``$scope`` is the caller's
(graph/scope.py): only residents living in it are found, whatever ``area`` asks for.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from graph.access.scope import area_in_scope
from graph.access.session import GraphSession
from graph.names import search_key
from graph.store.values import Row

__all__ = [
    "SEARCH_END",
    "ResidentFilter",
    "ResidentPage",
    "Search",
    "page_from",
    "search_of",
    "search_query",
    "search_residents",
]


@dataclass(frozen=True)
class ResidentFilter:
    area: str | None = None  # any level; its descendants are included
    min_age: int | None = None
    max_age: int | None = None
    tags_any: tuple[str, ...] = ()
    mobility: tuple[str, ...] = ()
    living_alone: bool | None = None
    party_member: bool | None = None
    party: tuple[str, ...] = ()  # registration kinds: double, retired, community
    holds_role: bool | None = None  # as of the search date
    include_left: bool = False
    name: str | None = None  # characters of the name, or its pinyin / initials (graph/names.py)


@dataclass(frozen=True)
class ResidentPage:
    total: int
    ids: list[str]
    # With an area: whether it is in the session's scope (None: there is no such area), read in
    # the same statement, so that a page costs one round trip. Without an area: True.
    placed: bool | None = True


# Age is "this year minus birth year", as rosters only carry the year.
ORDER_BY: dict[tuple[str, bool], str] = {
    ("name", False): "p.name ASC, p.id ASC",
    ("name", True): "p.name DESC, p.id DESC",
    ("age", False): "p.birthYear DESC, p.id ASC",
    ("age", True): "p.birthYear ASC, p.id DESC",
    ("area", False): "c.code ASC, p.id ASC",
    ("area", True): "c.code DESC, p.id DESC",
}

# With an area, the match starts from it and walks down to its residents (a micro-grid's 900
# of the community's 3,700 are all it touches); without one, from every resident.
_EVERYONE = """
    MATCH (p:Resident)-[:MEMBER_OF]->(h:Household)-[l:LIVES_IN]->(:Dwelling)-[:IN]->(c:Corridor)
    WHERE l.until IS NULL"""
_IN_AREA = """
    MATCH (:Area {code: $area})<-[:PART_OF*0..6]-(c:Corridor)<-[:IN]-(:Dwelling)
          <-[l:LIVES_IN]-(h:Household)<-[:MEMBER_OF]-(p:Resident)
    WHERE l.until IS NULL"""
# Each filter as a predicate, written into the statement only when the filter is used: a
# predicate of an unused filter (``$livingAlone IS NULL OR COUNT {…}``) is still planned and,
# for COUNT and EXISTS, still run for every row — on a residential area's page of 1,700 that
# was 14,000 of its 36,000 db hits.
_FILTERS: tuple[tuple[str, Callable[[ResidentFilter], bool], str], ...] = (
    ("current", lambda f: not f.include_left, "p.leftOn IS NULL"),
    (
        "name",
        lambda f: f.name is not None,
        """(p.name CONTAINS $name
           OR any(k IN coalesce(p.nameKeys, []) WHERE k STARTS WITH $nameKey))""",
    ),
    ("minBirthYear", lambda f: f.max_age is not None, "p.birthYear >= $minBirthYear"),
    ("maxBirthYear", lambda f: f.min_age is not None, "p.birthYear <= $maxBirthYear"),
    ("tags", lambda f: bool(f.tags_any), "any(t IN coalesce(p.tags, []) WHERE t IN $tags)"),
    ("mobility", lambda f: bool(f.mobility), "p.mobility IN $mobility"),
    ("partyMember", lambda f: f.party_member is not None, "p:PartyMember = $partyMember"),
    (
        "party",
        lambda f: bool(f.party),
        "EXISTS { MATCH (p)-[r:REGISTERED_WITH]->(:PartyBranch) WHERE r.kind IN $party }",
    ),
    (
        "holdsRole",
        lambda f: f.holds_role is not None,
        """EXISTS {
              MATCH (p)-[s:SERVES]->(:Area)
              WHERE s.since <= $asOf AND (s.until IS NULL OR $asOf <= s.until)
          } = $holdsRole""",
    ),
    (
        "livingAlone",
        lambda f: f.living_alone is not None,
        """(COUNT { MATCH (h)<-[:MEMBER_OF]-(o:Resident) WHERE o.leftOn IS NULL } = 1)
           = $livingAlone""",
    ),
)
_PREDICATES = {name: predicate for name, _, predicate in _FILTERS}
_SEARCH = """{match}
      AND {in_scope}{filters}
    WITH p, c ORDER BY {order}
    WITH collect(p.id) AS ids
    RETURN size(ids) AS total, ids[$skip..$skip + $first] AS page"""

# An area's place (graph/access/scope_checks.AREA_PLACE) asked with its search. Every search
# ends binding the same three names (``SEARCH_END``), so that a statement may go on from it
# (graph/records/prefetch.py reads the page's people in the same round trip).
SEARCH_END = "RETURN placed, total, page"
_PLACED = """
    OPTIONAL MATCH (_a:Area {code: $area})
    WITH CASE WHEN _a IS NULL THEN null ELSE {in_area} END AS placed"""
_UNANCHORED = """
    WITH true AS placed"""


@functools.lru_cache(maxsize=512)
def search_query(sort: str, descending: bool, anchored: bool, used: tuple[str, ...]) -> str:
    """The statement of a search sorted by ``sort``, from an area or not, with the predicates of
    the filters named in ``used`` (one text per combination, so Neo4j plans each once)."""
    filters = "".join(f"\n      AND {_PREDICATES[name]}" for name in used)
    search = (
        _SEARCH.replace("{order}", ORDER_BY[(sort, descending)])
        .replace("{in_scope}", area_in_scope("c"))
        .replace("{filters}", filters)
        .replace("{match}", _IN_AREA if anchored else _EVERYONE)
    )
    lead = _PLACED.replace("{in_area}", area_in_scope("_a")) if anchored else _UNANCHORED
    return f"{lead}\n    CALL () {{{search}\n    }}\n    {SEARCH_END}"


def _used(where: ResidentFilter) -> tuple[str, ...]:
    return tuple(name for name, used, _ in _FILTERS if used(where))


@dataclass(frozen=True)
class Search:
    """One search as a statement (ending in :data:`SEARCH_END`) and its parameters."""

    query: str
    params: dict[str, Any]


def search_of(
    where: ResidentFilter,
    *,
    sort: str = "name",
    descending: bool = False,
    skip: int = 0,
    first: int = 20,
    as_of: date,
    ages_on: date | None = None,
) -> Search:
    """The search of a page of residents in the session's scope; ages are counted on
    ``ages_on`` (default ``as_of``, the day roles are read for)."""
    # Born in year Y is aged (year - Y): min_age bounds the birth year from above.
    year = (ages_on or as_of).year
    return Search(
        search_query(sort, descending, where.area is not None, _used(where)),
        {
            "area": where.area,
            "name": where.name,
            "nameKey": search_key(where.name or "") or "\u0000",  # nothing starts with it
            "minBirthYear": None if where.max_age is None else year - where.max_age,
            "maxBirthYear": None if where.min_age is None else year - where.min_age,
            "tags": list(where.tags_any),
            "mobility": list(where.mobility),
            "partyMember": where.party_member,
            "party": list(where.party),
            "holdsRole": where.holds_role,
            "livingAlone": where.living_alone,
            "asOf": as_of,
            "skip": skip,
            "first": first,
        },
    )


def page_from(row: Row) -> ResidentPage:
    """The page of a search's one row."""
    return ResidentPage(total=row["total"], ids=list(row["page"]), placed=row["placed"])


async def search_residents(db: GraphSession, search: Search) -> ResidentPage:
    """The page ``search`` finds, and whether its area is in the session's scope."""
    (row,) = await db.read(search.query, **search.params)
    return page_from(row)
