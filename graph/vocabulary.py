"""Words of the model shared by the roster, the graph and the API (canonical English values)."""

from __future__ import annotations

AREA_LEVELS: tuple[str, ...] = ("community", "residential_area", "micro_grid", "block", "corridor")
ROLES: tuple[str, ...] = ("first_floor_chief", "second_floor_chief", "grid_worker", "block_leader")
# The level of the place a role is held in: a floor chief serves a corridor, a grid worker a
# micro-grid, a block leader a block.
ROLE_SCOPE_LEVEL: dict[str, str] = {
    "first_floor_chief": "corridor",
    "second_floor_chief": "corridor",
    "grid_worker": "micro_grid",
    "block_leader": "block",
}
HELPER_KINDS: tuple[str, ...] = (
    "family",
    "neighbour",
    "volunteer",
    "party_member",
    "floor_chief",
    "other",
)
VISIT_MODES: tuple[str, ...] = ("home", "phone", "wechat")
MOBILITY: tuple[str, ...] = ("independent", "assisted", "dependent")
PARTY_KINDS: tuple[str, ...] = ("double", "retired", "community")
PERSON_KINDS: tuple[str, ...] = (
    "committee_staff",
    "grid_worker",
    "doctor",
    "volunteer",
    "property",
    "owners_committee",
)
GENDERS: tuple[str, ...] = ("female", "male")
# The label a non-resident carries besides :Person, by roster kind.
PERSON_KIND_LABELS: dict[str, str] = {
    "committee_staff": "Staff",
    "grid_worker": "GridWorker",
    "doctor": "Doctor",
    "volunteer": "Volunteer",
    "property": "PropertyStaff",
    "owners_committee": "OwnersCommitteeMember",
}
ALL_PERSON_KIND_LABELS = ":".join(PERSON_KIND_LABELS.values())  # for REMOVE p:A:B:…
