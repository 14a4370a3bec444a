"""How a helper was found, as a path in the graph and a message: one builder per rule.

Paths are written from the elder outwards, nodes and relationships alternating, in the notation
of ``docs/graph-model.md``; e.g. a grid worker::

    Resident R1 -MEMBER_OF-> Household H1 -LIVES_IN-> Dwelling -IN-> Corridor QS-B01-C1
    -PART_OF-> Block QS-B01 -PART_OF-> MicroGrid QS-MG1
    <-SERVES(grid_worker, since 2023-04-01)- Person G01
"""

from __future__ import annotations

from graph.analysis.types import CORRIDOR_ROLE_KINDS, HELPER_KINDS, HelperPath, Member, Pairing
from graph.analysis.types import RoleTerm as Role
from graph.messages import Message, Ref

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
    why = Message.of(
        "PATH_PAIRING",
        helper=Ref(p.helper_id, p.helper_name),
        elder=Ref(m.id, m.name),
        kind=p.kind,
        since=p.since,
    )
    return HelperPath("pairing", pairing_kind(p.kind), steps, why)


def household_path(m: Member, other: str, name: str, age: int) -> HelperPath:
    steps = (
        f"Resident {m.id}",
        "-MEMBER_OF->",
        f"Household {m.household}",
        "<-MEMBER_OF-",
        f"Resident {other}",
    )
    why = Message.of("PATH_HOUSEHOLD", other=Ref(other, name), age=age, household=m.household)
    return HelperPath("household", "family", steps, why)


def corridor_role_path(m: Member, r: Role, corridor: str) -> HelperPath:
    steps = (*_home(m), f"<-SERVES({r.role}, since {r.since})-", f"Person {r.person_id}")
    why = Message.of(
        "PATH_CORRIDOR_ROLE",
        holder=Ref(r.person_id, r.person_name),
        role=r.role,
        corridor=Ref(m.corridor, corridor),
        since=r.since,
    )
    return HelperPath("corridor_role", CORRIDOR_ROLE_KINDS[r.role], steps, why)


def grid_worker_path(m: Member, block: str, micro_grid: Ref, r: Role) -> HelperPath:
    steps = (
        *_home(m),
        "-PART_OF->",
        f"Block {block}",
        "-PART_OF->",
        f"MicroGrid {micro_grid.id}",
        f"<-SERVES(grid_worker, since {r.since})-",
        f"Person {r.person_id}",
    )
    why = Message.of(
        "PATH_GRID_WORKER",
        holder=Ref(r.person_id, r.person_name),
        micro_grid=micro_grid,
        since=r.since,
    )
    return HelperPath("grid_worker_role", "grid_staff", steps, why)


def doctor_path(m: Member, doctor: Ref) -> HelperPath:
    steps = (f"Resident {m.id}", "-HAS_FAMILY_DOCTOR->", f"Person {doctor.id}")
    why = Message.of("PATH_FAMILY_DOCTOR", doctor=doctor, elder=Ref(m.id, m.name))
    return HelperPath("family_doctor", "doctor", steps, why)
