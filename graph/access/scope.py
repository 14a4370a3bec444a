"""What part of the graph a caller may reach: the Cypher of access scopes.

An account is scoped to an area (``Reach.scope``; ``None`` for an admin: everything). Every
Cypher that returns people or places takes the parameters of :meth:`Reach.params` and filters
with the predicates below, so a nested field, a connection page or an analysis can return
nothing from outside the scope, whatever the query that led there.
:class:`graph.access.session.GraphSession` adds those parameters to every read it runs, so a read
cannot forget them. The checks a change or an analysis makes first are in
:mod:`graph.access.scope_checks`.

The rules, for a scope area ``S``:

* an **area** is *in scope* when it is ``S`` or below it; the areas above ``S`` are *visible*
  (their code, level and parent, to navigate) but nothing in them is readable;
* a person **lives in scope** when the household they belong to lives, today, in a corridor in
  scope. Their personal details are readable (if the role reads personal details at all);
* a person is **reachable** when they live in scope, or are tied to it: they serve (``SERVES``)
  an area in scope or above it, help (``HELPS``) someone who lives in scope, or are the family
  doctor of someone who does. A reachable person appears by id and name (as a helper, a floor
  chief, a grid worker); the details of a reachable *resident* who lives elsewhere stay closed,
  while those of a worker (staff, doctor, volunteer: their work contact) open;
* a worker tied to nothing at all (a volunteer not yet paired) is reachable from a community
  scope (``Reach.untied``), so that the committee can pair them: the community's own, and those
  its street or district shares (their ids start with that place's code, ``XY/V01``).

Example::

    >>> Reach(scope="QS-B01-C1").params()
    {'scope': 'QS-B01-C1', 'untied': False}
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = [
    "AREA_IN_SCOPE",
    "AREA_VISIBLE",
    "DETAIL",
    "EVERYTHING",
    "LIVES_IN_SCOPE",
    "REACHABLE",
    "Reach",
    "area_in_scope",
    "area_visible",
    "detail",
    "household_in_scope",
    "lives_in_scope",
    "reachable",
]


@dataclass(frozen=True)
class Reach:
    """The scope of one caller. ``Reach()`` is everything (an admin, a seed script)."""

    scope: str | None = None
    untied: bool = True  # workers tied to nothing are reachable (community scopes and admins)

    def params(self) -> dict[str, Any]:
        return {"scope": self.scope, "untied": self.untied or self.scope is None}


EVERYTHING = Reach()

# The predicates, each a function of the variable it tests, so that a query can apply them to
# whichever node it holds; ``$scope`` and ``$untied`` come from Reach.params().


def _within(a: str) -> str:
    """``a`` (a bound :Area) is the scope or below it, tested upwards from ``a``.

    Written as the codes of ``a`` and the places above it (a pattern comprehension anchored on
    ``a``, at most seven nodes) rather than as a path to ``(:Area {code: $scope})``: for the
    path, the planner starts from the indexed scope and expands *down* to everything in it, once
    per row tested — 34k database hits for a page of 50 residents of a community, against 7k."""
    return f"$scope IN [({a})-[:PART_OF*0..6]->(_up:Area) | _up.code]"


def area_in_scope(a: str) -> str:
    """``a`` (an :Area) is the scope or below it."""
    return f"($scope IS NULL OR {_within(a)})"


def area_visible(a: str) -> str:
    """``a`` is in scope or above the scope (navigation only)."""
    return (
        f"({area_in_scope(a)} OR EXISTS {{ MATCH (:Area {{code: $scope}})"
        f"-[:PART_OF*1..6]->({a}) }})"
    )


def _home_in_scope(start: str) -> str:
    """An EXISTS: the household of ``start`` (a pattern ending in a :Resident) lives, today, in
    a corridor in scope."""
    return (
        f"EXISTS {{ MATCH {start}-[:MEMBER_OF]->(:Household)-[_l:LIVES_IN]->(:Dwelling)"
        f"-[:IN]->(_c:Corridor) WHERE _l.until IS NULL AND {_within('_c')} }}"
    )


def household_in_scope(h: str) -> str:
    """The household ``h`` lives, today, in a corridor in scope (its members live in scope)."""
    return (
        f"($scope IS NULL OR EXISTS {{ MATCH ({h})-[_l:LIVES_IN]->(:Dwelling)-[:IN]->(_c:Corridor)"
        f" WHERE _l.until IS NULL AND {_within('_c')} }})"
    )


def lives_in_scope(p: str) -> str:
    """``p``'s household lives, today, in a corridor in scope."""
    return f"($scope IS NULL OR {_home_in_scope(f'({p})')})"


def _tied(p: str) -> str:
    return (
        f"(EXISTS {{ MATCH ({p})-[:SERVES]->(_a:Area) WHERE {area_visible('_a')} }}"
        f" OR {_home_in_scope(f'({p})-[:HELPS]->(:Resident)')}"
        f" OR {_home_in_scope(f'({p})<-[:HAS_FAMILY_DOCTOR]-(:Resident)')})"
    )


def reachable(p: str, lives: str | None = None) -> str:
    """``p`` lives in scope, is tied to it, or is an untied worker visible to this scope;
    ``lives`` names a variable that already holds :func:`lives_in_scope` of ``p``."""
    # An untied worker belongs to the scope's community, or is shared by its street or district
    # (graph.identity: their id starts with that place's code): a committee pairs its own.
    own = (
        f"($scope IS NULL OR {p}.id STARTS WITH $scope + '/' OR EXISTS {{ MATCH (:Area "
        f"{{code: $scope}})-[:PART_OF*1..2]->(_u:Area) WHERE {p}.id STARTS WITH _u.code + '/' }})"
    )
    untied = (
        f"($untied AND {own} AND NOT {p}:Resident AND NOT EXISTS {{ ({p})-[:SERVES|HELPS]->() }}"
        f" AND NOT EXISTS {{ ({p})<-[:HAS_FAMILY_DOCTOR]-() }})"
    )
    return f"({lives or lives_in_scope(p)} OR {_tied(p)} OR {untied})"


def detail(p: str, lives: str | None = None) -> str:
    """Whether ``p``'s personal details may be read (given that ``p`` is reachable)."""
    return f"({lives or lives_in_scope(p)} OR NOT {p}:Resident)"


AREA_IN_SCOPE = area_in_scope("a")
AREA_VISIBLE = area_visible("a")
LIVES_IN_SCOPE = lives_in_scope("p")
REACHABLE = reachable("p")
DETAIL = detail("p")
