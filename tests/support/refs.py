"""A roster as the graph keys it: every code of the community's own as its reference
(``QS/B01-C1``, :mod:`graph.identity`), for tests that call the graph layer, which speaks
references, and compare its answers with the roster."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from graph.identity import owned, ref
from seeds.rows import Roster


def as_refs(roster: Roster) -> Roster:
    own, person = partial(ref, roster.community), partial(owned, roster.community)

    def opt(pid: str) -> str:
        return person(pid) if pid else pid

    return replace(
        roster,
        grid=[
            replace(
                g,
                area=own(g.area),
                micro_grid=own(g.micro_grid),
                block=own(g.block),
                corridor=own(g.corridor),
                building=own(g.building),
            )
            for g in roster.grid
        ],
        residents=[
            replace(
                r,
                resident_id=own(r.resident_id),
                household_id=own(r.household_id),
                corridor=own(r.corridor),
                family_doctor=opt(r.family_doctor),
            )
            for r in roster.residents
        ],
        people=[replace(p, person_id=person(p.person_id)) for p in roster.people],
        roles=[replace(r, person_id=person(r.person_id), scope=own(r.scope)) for r in roster.roles],
        helpers=[
            replace(h, helper_id=person(h.helper_id), resident_id=own(h.resident_id))
            for h in roster.helpers
        ],
        visits=[
            replace(v, visitor_id=person(v.visitor_id), resident_id=own(v.resident_id))
            for v in roster.visits
        ],
    )
