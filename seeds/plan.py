"""From a roster to the graph it describes, and from two graphs to the changes between them.

A roster load is planned in Python before anything is written: :func:`desired_state` says what
the graph must hold, :func:`graph.records.roster_state.read_state` says what it holds now, and
:func:`diff` lists what to create, what to change and what has disappeared from the roster.
Both states use the same shape (:data:`graph.records.roster_state.GraphState`): for each kind of
entity, its identity mapped to its properties. So an unchanged roster plans no write at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any

from graph.identity import SEPARATOR, owned, ref
from graph.records.roster_state import GraphState, Key, Props, party_branch_code
from graph.records.roster_store import KINDS, NEW_QUERIES, ORGANISATION_KINDS, REPORTED_MISSING
from seeds.rows import CommunityRow, Roster


def _none_if_empty(value: str) -> str | None:
    return value or None


def _windows(windows: tuple[str, ...] | None) -> list[str] | None:
    return None if windows is None else list(windows)


def _dwelling_key(corridor: str, room: str) -> str:
    return f"{corridor}/{room}"


def _places(state: GraphState, where: CommunityRow) -> None:
    """The community, and the street and district above it: bare codes, unique in the graph."""
    chain = [
        (where.district, "district", where.district_name),
        (where.street, "street", where.street_name),
        (where.community, "community", where.community_name),
    ]
    parent: str | None = None
    for code, level, name in chain:
        if not code:
            continue
        state["areas"][(code,)] = {
            "level": level,
            "kind": None,
            "parent": parent,
            "name": name or code,
        }
        parent = code


def desired_state(roster: Roster) -> GraphState:
    """The graph a roster describes, in the shape :func:`read_state` reads. Every code of the
    community's own is written as its reference (:mod:`graph.identity`): ``QS/B01-C1``."""
    state: GraphState = {kind: {} for kind in KINDS}
    community = roster.community
    own = partial(ref, community)
    person = partial(owned, community)
    _places(state, roster.where)
    areas = state["areas"]
    villa_regions = {g.corridor for g in roster.grid if g.housing_type == "villa"}
    for g in roster.grid:
        levels = (
            (g.area, "residential_area", community),
            (g.micro_grid, "micro_grid", own(g.area)),
            (g.block, "block", own(g.micro_grid)),
            (g.corridor, "corridor", own(g.block)),
        )
        for code, level, parent in levels:
            kind = None
            if level == "corridor":
                kind = "region" if g.corridor in villa_regions else "corridor"
            areas[(own(code),)] = {"level": level, "kind": kind, "parent": parent, "name": code}
        state["buildings"][(own(g.building),)] = {"housingType": g.housing_type}
        state["corridor_buildings"][(own(g.corridor), own(g.building))] = {}

    branch = party_branch_code(community)
    if any(r.party for r in roster.residents):
        state["party_branches"][(branch,)] = {"community": community}

    for p in roster.people:
        if p.organisation:
            state["organisations"][(p.organisation,)] = {"kind": ORGANISATION_KINDS[p.kind]}
        state["people"][(person(p.person_id),)] = {
            "name": p.name,
            "kind": p.kind,
            "phone": _none_if_empty(p.phone),
            "capacity": p.capacity,
            "organisation": _none_if_empty(p.organisation),
            "availability": _windows(p.availability),
            "leftOn": None,  # someone back on the roster is no longer recorded as gone
        }

    for r in roster.residents:
        dwelling = own(_dwelling_key(r.corridor, r.room))
        state["dwellings"][(dwelling,)] = {"room": r.room, "corridor": own(r.corridor)}
        state["households"][(own(r.household_id),)] = {"dwelling": dwelling}
        state["residents"][(own(r.resident_id),)] = {
            "name": r.name,
            "gender": r.gender,
            "birthYear": r.birth_year,
            "phone": _none_if_empty(r.phone),
            "mobility": r.mobility,
            "smartphone": r.smartphone,
            "tags": list(r.tags),
            "household": own(r.household_id),
            "relation": _none_if_empty(r.relation),
            "party": _none_if_empty(r.party),
            "branch": branch if r.party else None,
            "familyDoctor": person(r.family_doctor) if r.family_doctor else None,
            "availability": _windows(r.availability),
            "leftOn": None,
        }

    for d in roster.dwellings:
        dwelling = own(_dwelling_key(d.corridor, d.room))
        state["dwellings"][(dwelling,)] = {"room": d.room, "corridor": own(d.corridor)}
        # A row of the sheet says all there is of its dwelling's ownership: its area and every
        # owner (a dwelling the sheet does not list keeps what it had).
        state["dwelling_owners"][(dwelling,)] = {
            "exclusiveArea": None if d.exclusive_area is None else float(d.exclusive_area),
            "owners": sorted(person(o) for o in d.owners),
        }

    for role in roster.roles:
        key = (person(role.person_id), role.role, own(role.scope), role.since)
        state["roles"][key] = {"until": role.until}
    for h in roster.helpers:
        key = (person(h.helper_id), own(h.resident_id), h.kind, h.since)
        state["helpers"][key] = {"until": h.until}
    for v in roster.visits:
        state["visits"][(person(v.visitor_id), own(v.resident_id), v.date, v.mode)] = {
            "note": _none_if_empty(v.note)
        }
    return state


def shared_people(roster: Roster) -> list[str]:
    """The people of the roster who belong to its street or district (``XY/D01``), not to it."""
    return sorted({p.person_id for p in roster.people if SEPARATOR in p.person_id})


@dataclass
class KindChanges:
    created: list[tuple[Key, Props]] = field(default_factory=list)
    changed: list[tuple[Key, Props]] = field(default_factory=list)
    unchanged: int = 0
    missing: list[Key] = field(default_factory=list)  # in the graph, no longer in the roster
    # Of ``created``, those whose node the graph holds under no kind at all (so they are written
    # by a plain CREATE, a third faster than a MERGE); only for kinds with a NEW_QUERIES entry.
    new: list[tuple[Key, Props]] = field(default_factory=list)

    @property
    def writes(self) -> list[tuple[Key, Props]]:
        return self.created + self.changed

    @property
    def merged(self) -> list[tuple[Key, Props]]:
        """What is written by MERGE: the changed, and the created that are not :attr:`new`."""
        if not self.new:
            return self.writes
        new = {key for key, _ in self.new}
        return [item for item in self.writes if item[0] not in new]


@dataclass
class Plan:
    kinds: dict[str, KindChanges]

    @property
    def created(self) -> int:
        return sum(len(k.created) for k in self.kinds.values())

    @property
    def changed(self) -> int:
        return sum(len(k.changed) for k in self.kinds.values())

    @property
    def missing(self) -> int:
        return sum(len(k.missing) for k in self.kinds.values())

    @property
    def writes(self) -> int:
        return self.created + self.changed


def _same(current: dict[str, Any], wanted: dict[str, Any]) -> bool:
    # Neo4j does not store nulls: a property the graph lacks equals a wanted None.
    return all(current.get(k) == v for k, v in wanted.items())


def _still_open(kind: str, props: Props, today: date | None) -> bool:
    """Whether something missing from the roster still holds in the graph on ``today``: a person
    who has not left, a role or pairing not ended before it. What an earlier ``--prune`` (or a
    planned end) already closed is not reported again. Without ``today`` everything counts."""
    if today is None:
        return True
    if kind in ("people", "residents"):
        return props.get("leftOn") is None
    until = props.get("until")
    return until is None or until >= today


def diff(current: GraphState, wanted: GraphState, *, today: date | None = None) -> Plan:
    kinds: dict[str, KindChanges] = {}
    for kind in KINDS:
        have, want = current.get(kind, {}), wanted.get(kind, {})
        changes = KindChanges()
        for key, props in want.items():
            if key not in have:
                changes.created.append((key, props))
            elif _same(have[key], props):
                changes.unchanged += 1
            else:
                changes.changed.append((key, props))
        if kind in NEW_QUERIES:
            # A resident's node may be in the graph as another kind (a worker who moved in).
            shares = [current.get(other, {}) for other in NEW_QUERIES[kind][0]]
            changes.new = [it for it in changes.created if not any(it[0] in s for s in shares)]
        if kind in REPORTED_MISSING:
            gone = (k for k in have if k not in want and _still_open(kind, have[k], today))
            changes.missing = sorted(gone, key=str)
        kinds[kind] = changes
    return Plan(kinds)
