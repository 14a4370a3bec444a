"""How a helper was found, as a path in the graph and a sentence: one builder per rule.

Paths are written from the elder outwards, nodes and relationships alternating, in the notation
of ``docs/graph-model.md``; e.g. a grid worker::

    Resident R1 -MEMBER_OF-> Household H1 -LIVES_IN-> Dwelling -IN-> Corridor QS-B01-C1
    -PART_OF-> Block QS-B01 -PART_OF-> MicroGrid QS-MG1
    <-SERVES(grid_worker, since 2023-04-01)- Person G01
"""

from __future__ import annotations

from graph.analysis.types import CORRIDOR_ROLE_KINDS, HELPER_KINDS, HelperPath, Member, Pairing
from graph.analysis.types import RoleTerm as Role

__all__ = [
    "corridor_role_path",
    "doctor_path",
    "grid_worker_path",
    "household_path",
    "pairing_kind",
    "pairing_path",
]


def pairing_kind(kind: str) -> str:
    """The helper kind a HELPS tie gives (the roster's own kinds; anything else is "other")."""
    return kind if kind in HELPER_KINDS else "other"


def _home(m: Member) -> tuple[str, ...]:
    return (
        f"Resident {m.id}",
        "-MEMBER_OF->",
        f"Household {m.household}",
        "-LIVES_IN->",
        "Dwelling",
        "-IN->",
        f"Corridor {m.corridor}",
    )


def pairing_path(m: Member, p: Pairing) -> HelperPath:
    steps = (f"Resident {m.id}", f"<-HELPS({p.kind}, since {p.since})-", f"Person {p.helper_id}")
    why = f"{p.helper_id} is paired with {m.id} as {p.kind} since {p.since}"
    return HelperPath("pairing", pairing_kind(p.kind), steps, why)


def household_path(m: Member, other: str, age: int) -> HelperPath:
    steps = (
        f"Resident {m.id}",
        "-MEMBER_OF->",
        f"Household {m.household}",
        "<-MEMBER_OF-",
        f"Resident {other}",
    )
    why = f"{other} (aged {age}) lives in the same household {m.household}"
    return HelperPath("household", "family", steps, why)


def corridor_role_path(m: Member, r: Role) -> HelperPath:
    steps = (*_home(m), f"<-SERVES({r.role}, since {r.since})-", f"Person {r.person_id}")
    why = f"{r.person_id} is {r.role.replace('_', ' ')} of {m.corridor} since {r.since}"
    return HelperPath("corridor_role", CORRIDOR_ROLE_KINDS[r.role], steps, why)


def grid_worker_path(m: Member, block: str, micro_grid: str, r: Role) -> HelperPath:
    steps = (
        *_home(m),
        "-PART_OF->",
        f"Block {block}",
        "-PART_OF->",
        f"MicroGrid {micro_grid}",
        f"<-SERVES(grid_worker, since {r.since})-",
        f"Person {r.person_id}",
    )
    why = f"{r.person_id} is the grid worker of micro-grid {micro_grid} since {r.since}"
    return HelperPath("grid_worker_role", "grid_staff", steps, why)


def doctor_path(m: Member, doctor: str) -> HelperPath:
    steps = (f"Resident {m.id}", "-HAS_FAMILY_DOCTOR->", f"Person {doctor}")
    why = f"{doctor} is the contracted family doctor of {m.id}"
    return HelperPath("family_doctor", "doctor", steps, why)
