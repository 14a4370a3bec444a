"""The synthetic demo community: a fictional roster shaped like Qingsong Community (青松社区).

Everyone in it is invented: names are drawn from common surname and given-name characters, phone
numbers come from the unused range 1390000xxxx (residents) and 1390900xxxx (staff), and the only
real things are the shape of the grid and the rough statistics of a Shanghai neighbourhood (about
23% of residents aged 60 or more, about 5% aged 80 or more).

At the default size the roster has 3 residential areas (the estate's phases ``QS-P1``..``QS-P3``),
6 micro-grids (``QS-MG1``..), 23 responsibility blocks (``QS-B01``..), 58 corridors or villa
regions (``QS-B01-C1``, ``QS-B21-R1``), 1,302 households and about 3,700 residents. A larger
``households`` grows the grid in proportion (about 22 households per corridor).

Example::

    >>> roster = generate(seed=1, today=date(2025, 6, 1))
    >>> len({g.corridor for g in roster.grid}), len({r.household_id for r in roster.residents})
    (58, 1302)
    >>> planted_gaps(roster, today=date(2025, 6, 1)).micro_grids_without_serving_party_member
    ('QS-MG6',)

The stages, each a module of :mod:`seeds.demo`: the layout of the grid (:mod:`~seeds.demo.layout`),
the households and residents (:mod:`~seeds.demo.households`, :mod:`~seeds.demo.residents`), the
plan of the planted gaps (:mod:`~seeds.demo.gaps`, where they are described), then the ties: the
people sheet, roles, pairings and visits (:mod:`~seeds.demo.staff`, :mod:`~seeds.demo.roles`,
:mod:`~seeds.demo.pairings`, :mod:`~seeds.demo.visits`), and last the dwellings' areas and owners
(:mod:`~seeds.demo.ownership`) and when some people can be reached
(:mod:`~seeds.demo.availability`).
"""

from __future__ import annotations

import random
from datetime import date

from seeds.demo.availability import with_availability
from seeds.demo.constants import DEFAULT_HOUSEHOLDS, MIN_HOUSEHOLDS, PLACE
from seeds.demo.gaps import gap_plan
from seeds.demo.layout import gap_places, grid_and_rooms, lay_out
from seeds.demo.ownership import dwelling_rows
from seeds.demo.pairings import helper_rows
from seeds.demo.residents import Community, resident_rows
from seeds.demo.roles import role_rows
from seeds.demo.staff import people_rows
from seeds.demo.visits import visit_rows
from seeds.rows import CommunityRow, Roster

__all__ = ["generate"]


def generate(
    *,
    seed: int = 1,
    households: int = DEFAULT_HOUSEHOLDS,
    today: date | None = None,
    place: CommunityRow | None = None,
    prefix: str = "QS-",
) -> Roster:
    """A synthetic community of ``households`` households, identical for the same arguments:
    Qingsong by default, or the community ``place`` with grid codes starting ``prefix``."""
    if households < MIN_HOUSEHOLDS:
        raise ValueError(f"households must be at least {MIN_HOUSEHOLDS}, not {households}")
    today = today or date.today()
    rng = random.Random(seed)
    corridors = lay_out(households, prefix)
    grid, rooms = grid_and_rooms(corridors)
    places = gap_places(grid)
    people, grid_workers = people_rows(rng, corridors, households)
    residents = resident_rows(rng, corridors, rooms, people, places, today)
    plan = gap_plan(grid, residents, people, today)
    com = Community(corridors, residents, today)
    roles = role_rows(rng, com, plan, grid_workers)
    helpers = helper_rows(rng, com, plan, people, roles)
    visits = visit_rows(rng, com, plan, roles, helpers, people)
    dwellings, owners = dwelling_rows(seed, grid, residents)
    residents, people = with_availability(seed, residents, people, helpers, today)
    where = place or CommunityRow(*PLACE)
    return Roster(
        where.community,
        grid,
        residents,
        people + owners,
        roles,
        helpers,
        visits,
        place=where,
        dwellings=dwellings,
    )
