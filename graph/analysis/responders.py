"""Responders to propose for emergency plans that lack one: the assignment solver's min-cost flow
(networkx ``max_flow_min_cost``, as :mod:`graph.analysis.assignment`) on::

    source -> candidate (capacity: spare plans) -> elder (1 per candidate) -> sink (open places)

An elder's open places are the first and the backup responder when either is missing or cannot
respond (left, needs a plan, unavailable in the window asked: :mod:`graph.analysis.emergency`).
A candidate is a current resident of the area who does not need a plan themselves, can be
reached in the window asked, and is responder of fewer plans than ``responder_capacity``: their
spare places cap their flow, so once every proposal is taken nobody is over capacity. Nobody is
proposed to themselves nor twice to one elder. The flow is maximal first (as many places filled
as possible), then nearest: 1 the elder's corridor, 2 their building, 3 their block, 4 their
micro-grid, 5 elsewhere. Unlike a pairing, half a plan is worth proposing (a first responder
without a backup still knocks on the door); of two proposed to one elder the nearer is first.

Example::

    for p in suggest_responders(open_places, candidates, rules=Rules()):
        print(p.elder_id, p.role, p.person_id, p.cost)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from graph.analysis.rules import Rules

__all__ = [
    "Candidate",
    "OpenPlaces",
    "Place",
    "ResponderProposal",
    "nearness",
    "open_places",
    "suggest_responders",
]

NEARNESS = ("corridor", "building", "block", "micro_grid", "elsewhere")


@dataclass(frozen=True)
class Place:
    """Where someone lives: corridor, building, block, micro-grid (codes; '' when unknown)."""

    corridor: str
    building: str = ""
    block: str = ""
    micro_grid: str = ""


@dataclass(frozen=True)
class OpenPlaces:
    """An elder whose plan lacks a first and/or a backup responder who can respond."""

    elder_id: str
    home: Place
    first: bool  # the first responder's place is open
    backup: bool
    keep: frozenset[str] = frozenset()  # responders named who can respond (not proposed again)


@dataclass(frozen=True)
class Candidate:
    person_id: str
    home: Place
    needs_plan: bool
    windows: frozenset[str]
    plans: int  # plans naming them already, anywhere
    left: bool = False


@dataclass(frozen=True)
class ResponderProposal:
    elder_id: str
    role: str  # first | backup
    person_id: str
    cost: int  # 1 same corridor .. 5 elsewhere
    nearness: str  # corridor | building | block | micro_grid | elsewhere
    spare: int  # the candidate's spare places before any proposal


_CANNOT = ("RESPONDER_LEFT", "RESPONDER_NEEDS_PLAN", "RESPONDER_UNAVAILABLE")


def open_places(
    elder_id: str, home: Place, first: str | None, backup: str | None,
    problems: Iterable[tuple[str, str | None]],
) -> OpenPlaces | None:  # fmt: skip
    """The places of a plan to fill (its :func:`graph.analysis.emergency.plan_status`
    ``problems`` given): missing, or held by someone who cannot respond (an overloaded
    responder still can: which of their elders to hand on is the committee's call)."""
    cannot = {who for code, who in problems if code in _CANNOT}
    open_first = first is None or first in cannot
    open_backup = backup is None or backup in cannot or backup == first
    if not (open_first or open_backup):
        return None
    keep = frozenset(w for w in (first, backup) if w is not None and w not in cannot)
    return OpenPlaces(elder_id, home, open_first, open_backup, keep)


def nearness(a: Place, b: Place) -> int:
    """1 the same corridor, 2 building, 3 block, 4 micro-grid, 5 elsewhere."""
    for rank, (x, y) in enumerate(
        ((a.corridor, b.corridor), (a.building, b.building), (a.block, b.block),
         (a.micro_grid, b.micro_grid)), start=1,
    ):  # fmt: skip
        if x and x == y:
            return rank
    return 5


def _eligible(c: Candidate, rules: Rules, window: str | None) -> int:
    """The candidate's spare places; 0 when they may not respond."""
    if c.left or c.needs_plan or (window is not None and window not in c.windows):
        return 0
    return max(rules.responder_capacity - c.plans, 0)


def _nearest(e: OpenPlaces, at: dict[Place, list[str]], count: int) -> list[tuple[str, int]]:
    """The ``count`` candidates nearest ``e`` (by place, then id) who are not ``e`` nor kept."""
    out: list[tuple[str, int]] = []
    for cost, place in sorted(((nearness(e.home, p), p) for p in at), key=lambda x: x[0]):
        for who in at[place]:
            if who != e.elder_id and who not in e.keep:
                out.append((who, cost))
                if len(out) == count:
                    return out
    return out


def suggest_responders(
    elders: Iterable[OpenPlaces], candidates: Iterable[Candidate], *, rules: Rules,
    window: str | None = None,
) -> list[ResponderProposal]:  # fmt: skip
    """As many open places filled as the candidates' spare places allow, nearest first."""
    spare = {c.person_id: s for c in candidates if (s := _eligible(c, rules, window)) > 0}
    home = {c.person_id: c.home for c in candidates}
    at: dict[Place, list[str]] = {}
    for who in sorted(spare):
        at.setdefault(home[who], []).append(who)
    g = nx.DiGraph()
    wanted = {e.elder_id: e for e in elders if e.first or e.backup}
    demand = sum(int(e.first) + int(e.backup) for e in wanted.values())
    for e in wanted.values():
        g.add_edge(("elder", e.elder_id), "sink", capacity=int(e.first) + int(e.backup), weight=0)
        # Only the elder's ``demand`` nearest candidates: the others' places take fewer than
        # that many of them, so some of these are always free and at least as near as anyone
        # left out — the flow's size and cost are those of the whole graph (and it stays
        # small: a community's thousands of residents times its elders made it take seconds).
        for who, cost in _nearest(e, at, demand):
            g.add_edge("source", ("person", who), capacity=spare[who], weight=0)
            g.add_edge(("person", who), ("elder", e.elder_id), capacity=1, weight=cost)
    if "source" not in g:
        return []
    flow = nx.max_flow_min_cost(g, "source", "sink")
    chosen: dict[str, list[tuple[int, str]]] = {}
    for node, out in flow.items():
        if isinstance(node, tuple) and node[0] == "person":
            for target, units in out.items():
                if units:
                    e = wanted[target[1]]
                    chosen.setdefault(e.elder_id, []).append((nearness(e.home, home[node[1]]),
                                                              node[1]))  # fmt: skip
    proposals = []
    for elder_id in sorted(chosen):
        e = wanted[elder_id]
        roles = [r for r, open_ in (("first", e.first), ("backup", e.backup)) if open_]
        for role, (cost, who) in zip(roles, sorted(chosen[elder_id]), strict=False):
            proposals.append(ResponderProposal(elder_id, role, who, cost, NEARNESS[cost - 1],
                                               spare[who]))  # fmt: skip
    return proposals
