"""Who could help whom: an assignment of helpers with spare capacity to under-supported elders.

An elder under-supported only for too few helpers or kinds can be brought to the threshold by
new named pairings; one with no recent contact needs a visit first (a pairing is not a visit),
and is listed as such. Candidates are people with spare capacity (capacity minus the vulnerable
elders they already help anywhere) whose pairing kind the rules allow: volunteers (kind
``volunteer``) and active floor chiefs (``floor_chief``). Nobody is proposed to themselves, nor to
someone they already help.

The assignment is a min-cost flow (networkx ``max_flow_min_cost``) on::

    source -> helper (capacity: spare) -> slot of elder (1) -> elder (need) -> sink

An elder who needs ``k`` more kinds gets one slot per kind they lack (capacity 1, so two helpers
of one new kind count once) and one slot for kinds they have (capacity ``need - k``): a full flow
into an elder is exactly a set of pairings that brings them to the threshold. The flow is
maximal first, so as many pairings as possible are made, then of least cost: 1 for a helper of
the elder's own corridor, 2 of their block, 3 of their micro-grid, 4 from elsewhere. An elder
left with part of what they need gets nothing (a half-way pairing brings nobody to the
threshold) and the flow is solved again without them. With one helper needed per elder, as
under the default rules whenever the grid worker is in place, the result is a maximum
b-matching: the number of elders brought to the threshold is the largest possible.

Example (facts read by :func:`graph.coverage.suggestions.assignment_suggestions`)::

    plan = suggest(data, rules=Rules())
    for p in plan.proposals:
        print(p.helper_id, "->", p.elder_id, p.kind, p.cost, p.explanation)
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

import networkx as nx

from graph.analysis.elders import Analysis
from graph.analysis.loads import capacity_of, loads
from graph.analysis.rules import Rules
from graph.analysis.types import ElderStatus, ScopeData
from graph.messages import Message, Ref

__all__ = ["AssignmentPlan", "NeedsVisit", "Proposal", "below", "rescoped", "suggest"]

_NEEDS_VISIT = Message.of("NEEDS_VISIT")


@dataclass(frozen=True)
class Proposal:
    helper_id: str
    helper_name: str
    elder_id: str
    elder_name: str
    kind: str  # the HELPS kind to record: volunteer | floor_chief
    cost: int  # 1 same corridor .. 4 elsewhere
    proximity: Message
    explanation: Message


@dataclass(frozen=True)
class NeedsVisit:
    elder_id: str
    reason: Message


@dataclass(frozen=True)
class AssignmentPlan:
    scope: tuple[str, ...]
    as_of: date
    proposals: tuple[Proposal, ...]
    elders_brought_to_threshold: tuple[str, ...]
    under_supported_before: int
    under_supported_after: int  # predicted, once every proposal is recorded
    not_assignable: tuple[NeedsVisit, ...]
    total_cost: int


@dataclass(frozen=True)
class _Candidate:
    person_id: str
    kind: str
    spare: int
    capacity: int
    places: frozenset[str]  # corridors where they live, serve or already help


class _Places:
    """Corridor -> (block, micro-grid) from the areas read."""

    def __init__(self, data: ScopeData) -> None:
        every = {**data.above, **data.areas}
        self.up: dict[str, tuple[str, str]] = {}
        for a in every.values():
            if a.level == "corridor" and a.parent in every:
                self.up[a.code] = (a.parent, every[a.parent].parent or "")
        for p in data.people.values():
            if len(p.home) == 3:
                self.up.setdefault(p.home[0], (p.home[1], p.home[2]))

    def cost(self, places: frozenset[str], corridor: str) -> tuple[int, str]:
        best = (4, "")
        block, micro = self.up.get(corridor, ("", ""))
        for place in places:
            up = self.up.get(place, ("?", "?"))
            rank = 1 if place == corridor else 2 if up[0] == block else 3 if up[1] == micro else 4
            best = min(best, (rank, place))
        return best


def _candidates(a: Analysis, rules: Rules) -> list[_Candidate]:
    data = a.data
    _, everywhere = loads(a)
    helped_in: dict[str, set[str]] = defaultdict(set)
    for m in data.members.values():
        for p in m.pairings:
            helped_in[p.helper_id].add(m.corridor)
    out = []
    for p in sorted(data.people.values(), key=lambda p: p.id):
        if p.left or p.id in a.removed:
            continue
        chief = [r.area for r in p.roles if r.role in ("first_floor_chief", "second_floor_chief")]
        kind = "volunteer" if p.volunteer else "floor_chief" if chief else ""
        capacity, _ = capacity_of(a, p.id)
        if kind not in rules.suggestion_kinds or capacity is None:
            continue
        spare = capacity - len(everywhere.get(p.id, ()))
        places = frozenset({*chief, *p.home[:1], *helped_in[p.id]})
        if spare > 0:
            out.append(_Candidate(p.id, kind, spare, capacity, places))
    return out


def suggest(data: ScopeData, *, rules: Rules, targets: set[str] | None = None) -> AssignmentPlan:
    """The assignment for the under-supported elders of ``data`` (or of ``targets`` among them)."""
    a = Analysis(data, rules)
    under = [s for s in a.statuses.values() if s.under_supported]
    if targets is not None:
        under = [s for s in under if s.corridor in targets]
    needs_visit = tuple(
        NeedsVisit(s.id, _NEEDS_VISIT)
        for s in sorted(under, key=lambda s: s.id)
        if any(r.code == "NO_RECENT_CONTACT" for r in s.reasons)
    )
    open_ = [s for s in under if s.id not in {n.elder_id for n in needs_visit}]
    places = _Places(data)
    candidates = _candidates(a, rules)
    excluded: set[str] = set()
    while True:
        chosen = _solve(open_, candidates, places, rules, excluded)
        partial = {e for e, got in chosen.items() if got[1] < got[0]}
        if not partial:
            break
        excluded |= partial
    proposals = []
    for status in sorted(open_, key=lambda s: s.id):
        for h, cost, place in sorted(chosen.get(status.id, (0, 0, []))[2]):
            c = next(c for c in candidates if c.person_id == h)
            why = Message.of(
                "PROPOSAL",
                proximity=str(cost),
                place=Ref(place, a.area_name(place)) if place else None,
                helper=Ref(h, a.name(h)),
                spare=c.spare,
                capacity=c.capacity,
                kind=c.kind,
                helpers=len(status.helpers),
                kinds=len(status.kinds),
            )
            near = Message.of("PROXIMITY", proximity=str(cost))
            proposals.append(
                Proposal(h, a.name(h), status.id, status.name, c.kind, cost, near, why)
            )
    done = tuple(sorted({p.elder_id for p in proposals}))
    return AssignmentPlan(
        scope=data.scope,
        as_of=data.as_of,
        proposals=tuple(proposals),
        elders_brought_to_threshold=done,
        under_supported_before=len(under),
        under_supported_after=len(under) - len(done),
        not_assignable=needs_visit,
        total_cost=sum(p.cost for p in proposals),
    )


def _solve(
    elders: list[ElderStatus],
    candidates: list[_Candidate],
    places: _Places,
    rules: Rules,
    excluded: set[str],
) -> dict[str, tuple[int, int, list[tuple[str, int, str]]]]:
    """elder -> (need, got, [(helper, cost, place)]) from one min-cost max-flow."""
    g = nx.DiGraph()
    need: dict[str, int] = {}
    for s in elders:
        if s.id in excluded:
            continue
        lack_kinds = max(rules.min_kinds - len(s.kinds), 0)
        need[s.id] = max(rules.min_helpers - len(s.helpers), lack_kinds)
        g.add_edge(("elder", s.id), "sink", capacity=need[s.id], weight=0)
        if need[s.id] > lack_kinds:
            g.add_edge(("old", s.id), ("elder", s.id), capacity=need[s.id] - lack_kinds, weight=0)
        helping = {h.person_id for h in s.helpers}
        for c in candidates:
            if c.person_id == s.id or c.person_id in helping:
                continue
            slot = ("new", s.id, c.kind) if c.kind not in s.kinds and lack_kinds else ("old", s.id)
            if slot[0] == "new":
                g.add_edge(slot, ("elder", s.id), capacity=1, weight=0)
            elif need[s.id] <= lack_kinds:
                continue  # only new kinds help this elder
            cost, _ = places.cost(c.places, s.corridor)
            g.add_edge(("helper", c.person_id), slot, capacity=1, weight=cost)
            g.add_edge("source", ("helper", c.person_id), capacity=c.spare, weight=0)
    got: dict[str, tuple[int, int, list[tuple[str, int, str]]]] = {
        e: (n, 0, []) for e, n in need.items()
    }
    if "source" not in g or "sink" not in g:
        return got
    flow = nx.max_flow_min_cost(g, "source", "sink")
    by_id = {c.person_id: c for c in candidates}
    corridor = {s.id: s.corridor for s in elders}
    for node, out in flow.items():
        if not (isinstance(node, tuple) and node[0] == "helper"):
            continue
        for slot, units in out.items():
            if units:
                e = slot[1]
                cost, place = places.cost(by_id[node[1]].places, corridor[e])
                n, count, picks = got[e]
                got[e] = (n, count + 1, [*picks, (node[1], cost, place)])
    return got


def below(data: ScopeData, code: str, scope: str) -> bool:
    while code in data.areas:
        if code == scope:
            return True
        code = data.areas[code].parent or ""
    return False


def rescoped(plan: AssignmentPlan, scope: str) -> AssignmentPlan:
    return AssignmentPlan(
        (scope,),
        plan.as_of,
        plan.proposals,
        plan.elders_brought_to_threshold,
        plan.under_supported_before,
        plan.under_supported_after,
        plan.not_assignable,
        plan.total_cost,
    )
