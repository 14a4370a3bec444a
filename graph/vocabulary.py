"""Words of the model shared by the roster, the graph and the API (canonical English values)."""

from __future__ import annotations

AREA_LEVELS: tuple[str, ...] = (
    "district",
    "street",
    "community",
    "residential_area",
    "micro_grid",
    "block",
    "corridor",
)
ROLES: tuple[str, ...] = ("first_floor_chief", "second_floor_chief", "grid_worker", "block_leader")
# The level of the place a role is held in: a floor chief serves a corridor, a grid worker a
# micro-grid, a block leader a block.
ROLE_SCOPE_LEVEL: dict[str, str] = {
    "first_floor_chief": "corridor",
    "second_floor_chief": "corridor",
    "grid_worker": "micro_grid",
    "block_leader": "block",
}
CHIEF_ROLES: tuple[str, ...] = ("first_floor_chief", "second_floor_chief")
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
    "owner",  # an owner who does not live in the community (owners' votes)
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
    "owner": "Owner",
}
ALL_PERSON_KIND_LABELS = ":".join(PERSON_KIND_LABELS.values())  # for REMOVE p:A:B:…


# -- text: how long a value may be, and which characters it may not hold -----------------------
# Checked where text enters: the roster's validation (with its row and column) and every
# argument of the API (BAD_USER_INPUT on the field). Keys are the roster's column keys, which
# are also the API's field names; ids, codes and every other text have CODE_LIMIT.
TEXT_LIMITS: dict[str, int] = {
    "name": 50,
    "phone": 30,
    "organisation": 100,
    "relation": 20,
    "room": 20,
    "tags": 200,  # the whole cell; each tag at most TAG_LIMIT
    "owners": 200,  # the whole cell: the ids of a dwelling's co-owners
    "note": 500,
    # The ledger sheets (and the governance API's fields of the same names).
    "title": 100,
    "description": 500,
    "outcome": 500,
    "text": 500,
    "responsible": 100,
    "venue": 100,
    "escalated_on": 60,
    "matters": 500,  # the whole cell: the ids of the matters a meeting discussed
    "places": 500,
    "attendees": 2000,
}
TAG_LIMIT = 20
CODE_LIMIT = 64
MULTILINE: frozenset[str] = frozenset({"note"})
# Bidirectional overrides and isolates turn text around on screen (a name that reads as another);
# the C0 and C1 controls (NUL, ANSI escapes) are never part of a name, a code or a note.
_BIDI = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F))


def text_limit(key: str) -> int:
    return TEXT_LIMITS.get(key, CODE_LIMIT)


def unsafe_character(text: str, *, key: str = "") -> str | None:
    """The first character ``text`` may not hold, as ``U+XXXX``; None when it is clean. Line
    breaks and tabs are allowed in multi-line fields (a visit's note) only."""
    allowed = "\n\r\t" if key in MULTILINE else ""
    for ch in text:
        code = ord(ch)
        if ch in allowed:
            continue
        if code < 0x20 or 0x7F <= code <= 0x9F or ch in _BIDI:
            return f"U+{code:04X}"
    return None
