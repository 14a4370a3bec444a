"""The support network of one resident: who helps, how they were found, what if one leaves.

Size, kinds and single points of failure use exactly the rules of :mod:`graph.analysis.elders`
(the resident's corridor is read as the scope, by :mod:`graph.coverage.support`). Two measures
of redundancy are given:

* ``redundancy``: how many helpers could be lost, one after another, while at least one remains
  (``size - 1``, never below 0);
* ``independent_paths``: how many node-independent paths lead from the resident to the
  neighbourhood committee (居委会) in the *reach graph* below, computed with networkx
  (``node_disjoint_paths``, Menger's theorem): the number of people or bodies that would all have
  to fail before word about this resident could no longer reach the committee.

The reach graph (undirected) has the resident, their helpers, a few intermediaries and one node
for the committee (every Organisation of kind ``neighbourhood_committee``):

* the resident is tied to each helper;
* a person who works for the committee, or holds an active grid worker role, is tied to it;
* a person who works for any other organisation (health centre, volunteer team, property
  company...) is tied to that organisation, and every organisation to the committee;
* a party member is tied to their party branch, and the branch to the committee;
* a person with an active role on an area is tied to the grid workers of that area's micro-grid;
* a resident is tied to the active floor chiefs of their home corridor, and those chiefs to the
  grid workers of its micro-grid.

So word can travel by the grid (chief, grid worker), by the health centre, the volunteer team,
or the party branch; two doctors of one health centre count as one path, as they should.

Example (facts read by :func:`graph.coverage.support.support_network`, or built by hand)::

    net = assemble(data, rules=Rules(), resident_id="R000123", reach=reach_rows)
    net.size, net.kind_diversity, net.independent_paths, net.single_points_of_failure
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx

from graph.analysis.elders import Analysis
from graph.analysis.rules import Rules
from graph.analysis.types import ElderStatus, ScopeData

__all__ = [
    "COMMITTEE",
    "SupportNetwork",
    "assemble",
    "committee_paths",
    "person_node",
    "reach_graph",
]

COMMITTEE = "committee"


@dataclass(frozen=True)
class SupportNetwork:
    status: ElderStatus  # helpers with kinds and paths, vulnerability, reasons, last contact
    size: int
    kind_diversity: int
    redundancy: int
    independent_paths: int
    committee_paths: tuple[tuple[str, ...], ...]  # one set of node-disjoint paths
    single_points_of_failure: tuple[str, ...]  # helpers whose leaving alone makes a gap
    structure: str = ""  # the structure version its facts were read at ('' when not known)


def person_node(pid: str) -> str:
    """The name of a person's node in the reach graph and in committee paths."""
    return f"Person {pid}"


def reach_graph(resident_id: str, helpers: list[str], reach: list[list[Any]]) -> nx.Graph:
    """The graph of the module docstring, from the rows of
    :data:`graph.coverage.support_reads.REACH`."""
    g = nx.Graph()
    me = f"Resident {resident_id}"
    g.add_node(me)
    g.add_node(COMMITTEE)
    for h in helpers:
        g.add_edge(me, person_node(h))
    for pid, orgs, branches, roles, chiefs, home_workers in reach:
        node = person_node(pid)
        for code, kind in orgs:
            if kind == "neighbourhood_committee":
                g.add_edge(node, COMMITTEE)
            else:
                g.add_edge(node, f"Organisation {code}")
                g.add_edge(f"Organisation {code}", COMMITTEE)
        for branch in branches:
            g.add_edge(node, f"PartyBranch {branch}")
            g.add_edge(f"PartyBranch {branch}", COMMITTEE)
        for role, workers in roles:
            if role == "grid_worker":
                g.add_edge(node, COMMITTEE)
            for w in workers:
                if w not in (pid, resident_id):
                    g.add_edge(node, person_node(w))
                    g.add_edge(person_node(w), COMMITTEE)
        # The resident's own roles are no path of their support: as a floor chief themselves
        # they are not a node between a neighbour and the committee.
        for chief in chiefs:
            if chief not in (pid, resident_id):
                g.add_edge(node, person_node(chief))
                for w in home_workers:
                    g.add_edge(person_node(chief), person_node(w))
                    g.add_edge(person_node(w), COMMITTEE)
    return g


def committee_paths(g: nx.Graph, resident_id: str) -> tuple[tuple[str, ...], ...]:
    me = f"Resident {resident_id}"
    try:
        paths = nx.node_disjoint_paths(g, me, COMMITTEE)
        return tuple(sorted((tuple(p) for p in paths), key=lambda p: (len(p), p)))
    except nx.NetworkXNoPath:
        return ()


def assemble(
    data: ScopeData, *, rules: Rules, resident_id: str, reach: list[list[Any]],
    window: str | None = None,
) -> SupportNetwork:  # fmt: skip
    """The network from facts already read (pure: unit tests build ``data`` by hand), of the
    helpers available in ``window`` when one is given."""
    a = Analysis(data, rules, window=window)
    m = data.members[resident_id]
    status = a.status(m, frozenset())
    helpers = [h.person_id for h in status.helpers]
    spofs = ()
    if status.vulnerable and not status.under_supported:
        spofs = tuple(h for h in helpers if a.turns_under_supported(m, frozenset({h})))
    paths = committee_paths(reach_graph(resident_id, helpers, reach), resident_id)
    return SupportNetwork(
        status=status,
        size=len(helpers),
        kind_diversity=len(status.kinds),
        redundancy=max(len(helpers) - 1, 0),
        independent_paths=len(paths),
        committee_paths=paths,
        single_points_of_failure=spofs,
    )
