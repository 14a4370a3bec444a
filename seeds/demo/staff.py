"""The people sheet: committee staff, grid workers (every sixth micro-grid changed its grid worker,
and the former one stays listed), family doctors, volunteers, property staff and the owners'
committee, in proportion to the community's size."""

from __future__ import annotations

import random
from dataclasses import dataclass

from seeds.demo.constants import (
    DEFAULT_HOUSEHOLDS,
    DOCTOR_CAPACITY,
    GRID_ORG,
    GRID_WORKER_CAPACITY,
    HEALTH_ORG,
    OWNERS_ORG,
    PROPERTY_ORG,
    STAFF_ORG,
    VOLUNTEER_CAPACITY,
    VOLUNTEER_ORG,
)
from seeds.demo.households import draw_name, draw_surname
from seeds.demo.layout import Corridor, codes, half_up
from seeds.rows import PersonRow

__all__ = ["GridWorkers", "people_rows"]


_PEOPLE_PHONES = 13909000000


@dataclass(frozen=True)
class GridWorkers:
    """The grid workers of one micro-grid: a former one (or None) and the current one."""

    micro_grid: str
    former: str | None
    current: str


def people_rows(
    rng: random.Random, corridors: list[Corridor], households: int
) -> tuple[list[PersonRow], list[GridWorkers]]:
    micro_grids = list(dict.fromkeys(c.micro_grid for c in corridors))
    n_areas = len(dict.fromkeys(c.area for c in corridors))
    scale = households / DEFAULT_HOUSEHOLDS
    people: list[PersonRow] = []

    def add(prefix: str, n: int, kind: str, org: str, capacity: int | None = None) -> list[str]:
        ids = codes(prefix, n, 2)
        for pid in ids:
            gender = rng.choice(("female", "male"))
            name = draw_name(rng, draw_surname(rng), gender, rng.randint(1965, 2000))
            phone = str(_PEOPLE_PHONES + len(people) + 1)
            people.append(PersonRow(pid, name, kind, org, phone, capacity))
        return ids

    add("S", max(8, half_up(8 * scale)), "committee_staff", STAFF_ORG)
    # Every sixth micro-grid (the third, the ninth...) changed grid worker: the former one
    # stays on the list with an ended role.
    handover = [i % 6 == 2 for i in range(len(micro_grids))]
    ids = add("G", len(micro_grids) + sum(handover), "grid_worker", GRID_ORG, GRID_WORKER_CAPACITY)
    workers: list[GridWorkers] = []
    for micro_grid, changed in zip(micro_grids, handover, strict=True):
        former = ids.pop(0) if changed else None
        workers.append(GridWorkers(micro_grid, former, ids.pop(0)))
    add("D", max(1, half_up(6 * scale)), "doctor", HEALTH_ORG, DOCTOR_CAPACITY)
    add("V", max(4, half_up(30 * scale)), "volunteer", VOLUNTEER_ORG, VOLUNTEER_CAPACITY)
    add("W", n_areas, "property", PROPERTY_ORG)
    add("Y", max(3, half_up(5 * n_areas / 3)), "owners_committee", OWNERS_ORG)
    return people, workers
