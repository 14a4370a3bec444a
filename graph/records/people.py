"""People and their ties: persons by id, household members, roles, pairings, visits, and the
filtered, sorted, paginated list of residents.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from graph.access.scope import (
    AREA_VISIBLE,
    LIVES_IN_SCOPE,
    REACHABLE,
    detail,
    household_in_scope,
    lives_in_scope,
    reachable,
)
from graph.access.session import GraphSession
from graph.records.keyed import KeyedRead
from graph.store.values import Row, grouped

__all__ = [
    "MEMBERS",
    "PAIRINGS_OF_RESIDENT",
    "PEOPLE",
    "PairingRow",
    "PersonRow",
    "RoleRow",
    "VisitRow",
    "members_by_household",
    "pairing_from",
    "pairings_by_helper",
    "pairings_by_resident",
    "people_by_id",
    "people_of",
    "person_from",
    "role_from",
    "roles_by_area",
    "roles_by_person",
    "visits_by_resident",
]


@dataclass(frozen=True)
class PersonRow:
    id: str
    name: str
    kind: str  # "resident", or the roster kind of a non-resident (doctor, volunteer, …)
    phone: str | None
    left_on: date | None
    # Non-residents
    capacity: int | None = None
    organisation: str | None = None
    # Residents
    gender: str | None = None
    birth_year: int | None = None
    mobility: str | None = None
    smartphone: bool | None = None
    tags: tuple[str, ...] = ()
    household_id: str | None = None
    relation: str | None = None
    corridor: str | None = None
    party: str | None = None
    family_doctor: str | None = None
    # Whether the caller's scope opens this person's personal details (graph/scope.py): they
    # live in it, or they are a worker tied to it. Reachable people without it show id and name.
    detail: bool = True


@dataclass(frozen=True)
class RoleRow:
    person_id: str
    role: str
    area: str
    since: date
    until: date | None

    @property
    def id(self) -> str:
        return f"{self.person_id}|{self.role}|{self.area}|{self.since.isoformat()}"

    def active(self, on: date) -> bool:
        return self.since <= on and (self.until is None or on <= self.until)


@dataclass(frozen=True)
class PairingRow:
    helper_id: str
    resident_id: str
    kind: str
    since: date
    until: date | None

    @property
    def id(self) -> str:
        return f"{self.helper_id}|{self.resident_id}|{self.kind}|{self.since.isoformat()}"

    def active(self, on: date) -> bool:
        return self.since <= on and (self.until is None or on <= self.until)


@dataclass(frozen=True)
class VisitRow:
    visitor_id: str
    resident_id: str
    on: date
    mode: str
    note: str | None


PERSON_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "p.id"),
    ("name", "p.name"),
    ("phone", "p.phone"),
    ("leftOn", "p.leftOn"),
    ("kind", "CASE WHEN p:Resident THEN 'resident' ELSE p.kind END"),
    ("capacity", "p.capacity"),
    ("organisation", "o.code"),
    ("gender", "p.gender"),
    ("birthYear", "p.birthYear"),
    ("mobility", "p.mobility"),
    ("smartphone", "p.smartphone"),
    ("tags", "p.tags"),
    ("household", "h.id"),
    ("relation", "m.relation"),
    ("corridor", "c.code"),
    ("party", "r.kind"),
    ("doctor", "doc.id"),
)
PERSON_FIELDS = ", ".join(f"{expr} AS {name}" for name, expr in PERSON_COLUMNS)
# The optional matches of a person's columns, each named by the variable it binds; a read that
# needs only some columns (people_read) makes only the matches they use.
PERSON_JOINS: tuple[tuple[str, str], ...] = (
    ("o", "OPTIONAL MATCH (p)-[:WORKS_FOR]->(o:Organisation)"),
    ("h", "OPTIONAL MATCH (p)-[m:MEMBER_OF]->(h:Household)"),
    ("c", "OPTIONAL MATCH (h)-[l:LIVES_IN]->(:Dwelling)-[:IN]->(c:Corridor) WHERE l.until IS NULL"),
    ("r", "OPTIONAL MATCH (p)-[r:REGISTERED_WITH]->(:PartyBranch)"),
    ("doc", "OPTIONAL MATCH (p)-[:HAS_FAMILY_DOCTOR]->(doc:Person)"),
)
PERSON_MATCH = "".join(f"\n    {join}" for _, join in PERSON_JOINS)
_JOINS_OF: dict[str, tuple[str, ...]] = {
    "organisation": ("o",),
    "household": ("h",),
    "relation": ("h",),
    "corridor": ("h", "c"),
    "party": ("r",),
    "doctor": ("doc",),
}
# What every row holds, whatever else is asked: who, their name, which kind of person.
IDENTITY = frozenset({"id", "name", "kind"})
# Every query filters by the caller's scope (graph/scope.py): people out of reach are not
# returned at all, and the ties of a resident only when they live in scope.
_RESIDENT_IN_SCOPE = lives_in_scope("r")


def _person_read(
    start: str, extra: tuple[tuple[str, str], ...], order: tuple[str, ...], columns: frozenset[str]
) -> KeyedRead:
    joins = {v for c in columns for v in _JOINS_OF.get(c, ())}
    return KeyedRead(
        start + "".join(f"\n    {j}" for v, j in PERSON_JOINS if v in joins),
        tuple(c for c in PERSON_COLUMNS if c[0] in columns) + extra,
        order,
    )


ALL_COLUMNS = frozenset(name for name, _ in PERSON_COLUMNS)
# Whether a person lives in scope is asked once per row: both their reach and their details
# turn on it, and it is the dearest of the tests (their home's corridor, up to the scope).
_PEOPLE_START = (
    f"MATCH (p:Person {{id: key}}) WITH key, p, {LIVES_IN_SCOPE} AS _lives"
    f" WHERE {reachable('p', '_lives')}"
)
# A resident belongs to one household (graph/records/changes.py), so a household's members
# live in scope when it does: tested once per household, not once per member.
_MEMBERS_START = (
    f"MATCH (_h:Household {{id: key}}) WHERE {household_in_scope('_h')}"
    " MATCH (p:Resident)-[:MEMBER_OF]->(_h)"
)
_MEMBERS_ORDER = ("p.birthYear", "p.id")


# Reads of fewer columns come in four sizes only, so that Neo4j plans few statements (the first
# plan of a prefetch text costs 200-400 ms): who they are and whether they left (a household's
# members are shown only until they leave), a person's own properties, those and their
# household, all.
_BARE = IDENTITY | {"leftOn"}
_OWN = frozenset(name for name, _ in PERSON_COLUMNS if name not in _JOINS_OF)
SIZES = (_BARE, _OWN, _OWN | {"household", "relation"}, ALL_COLUMNS)


def columns_size(columns: frozenset[str]) -> frozenset[str]:
    """The smallest of :data:`SIZES` that holds ``columns``."""
    return next(size for size in SIZES if columns <= size)


def people_read(columns: frozenset[str] = ALL_COLUMNS) -> KeyedRead:
    """People by id (reachable ones only), with ``columns`` of :data:`PERSON_COLUMNS` (and
    always :data:`IDENTITY`), and whether their details open (``detail``)."""
    return _person_read(_PEOPLE_START, (("detail", detail("p", "_lives")),), (), columns | IDENTITY)


def members_read(columns: frozenset[str] = ALL_COLUMNS) -> KeyedRead:
    """Households' members living in scope (their details open), with ``columns`` (and
    always :data:`IDENTITY` and ``leftOn``, by which the members shown are chosen)."""
    return _person_read(_MEMBERS_START, (("detail", "true"),), _MEMBERS_ORDER, columns | _BARE)


PEOPLE = people_read()
MEMBERS = members_read()
PAIRINGS_OF_RESIDENT = KeyedRead(
    f"MATCH (p:Person)-[h:HELPS]->(r:Resident {{id: key}}) WHERE {_RESIDENT_IN_SCOPE}",
    (
        ("helper", "p.id"),
        ("resident", "key"),
        ("kind", "h.kind"),
        ("since", "h.since"),
        ("until", "h.until"),
    ),
    ("h.since", "p.id"),
)
PEOPLE_BY_ID = PEOPLE.standalone()
MEMBERS_BY_HOUSEHOLD = MEMBERS.standalone()
ROLES_BY_PERSON = f"""
    UNWIND $keys AS key
    MATCH (p:Person {{id: key}})-[s:SERVES]->(a:Area) WHERE {REACHABLE} AND {AREA_VISIBLE}
    RETURN key, key AS person, s.role AS role, a.code AS area, s.since AS since, s.until AS until
    ORDER BY s.since, a.code"""
ROLES_BY_AREA = f"""
    UNWIND $keys AS key
    MATCH (p:Person)-[s:SERVES]->(a:Area {{code: key}}) WHERE {AREA_VISIBLE}
    RETURN key, p.id AS person, s.role AS role, key AS area, s.since AS since, s.until AS until
    ORDER BY s.role, s.since"""
PAIRINGS_BY_RESIDENT = PAIRINGS_OF_RESIDENT.standalone()
PAIRINGS_BY_HELPER = f"""
    UNWIND $keys AS key
    MATCH (:Person {{id: key}})-[h:HELPS]->(r:Resident) WHERE {_RESIDENT_IN_SCOPE}
    RETURN key, key AS helper, r.id AS resident, h.kind AS kind, h.since AS since,
           h.until AS until ORDER BY h.since, r.id"""
VISITS_BY_RESIDENT = f"""
    UNWIND $keys AS key
    CALL (key) {{
        MATCH (p:Person)-[v:VISITED]->(r:Resident {{id: key}}) WHERE {_RESIDENT_IN_SCOPE}
        RETURN p.id AS visitor, v.on AS on, v.mode AS mode, v.note AS note
        ORDER BY v.on DESC, p.id LIMIT $limit
    }}
    RETURN key, visitor, key AS resident, on, mode, note"""


def person_from(row: Row) -> PersonRow:
    """A person from a row of :data:`PERSON_COLUMNS`, or of some of them (people_read): a column
    not read is left at its default."""
    get = row.get
    return PersonRow(
        id=row["id"],
        name=row["name"],
        kind=row["kind"],
        phone=get("phone"),
        left_on=get("leftOn"),
        capacity=get("capacity"),
        organisation=get("organisation"),
        gender=get("gender"),
        birth_year=get("birthYear"),
        mobility=get("mobility"),
        smartphone=get("smartphone"),
        tags=tuple(get("tags") or ()),
        household_id=get("household"),
        relation=get("relation"),
        corridor=get("corridor"),
        party=get("party"),
        family_doctor=get("doctor"),
        detail=bool(get("detail", True)),
    )


def role_from(row: Row) -> RoleRow:
    return RoleRow(row["person"], row["role"], row["area"], row["since"], row["until"])


def pairing_from(row: Row) -> PairingRow:
    return PairingRow(row["helper"], row["resident"], row["kind"], row["since"], row["until"])


def people_of(rows: list[Row], keys: list[str]) -> list[PersonRow | None]:
    """The person of each key from rows of :data:`PEOPLE` (None for a key not found)."""
    found = {r["key"]: person_from(r) for r in rows}
    return [found.get(k) for k in keys]


async def people_by_id(db: GraphSession, *, keys: list[str]) -> list[PersonRow | None]:
    return people_of(await db.read(PEOPLE_BY_ID, keys=keys), keys)


async def members_by_household(db: GraphSession, *, keys: list[str]) -> list[list[PersonRow]]:
    return grouped(await db.read(MEMBERS_BY_HOUSEHOLD, keys=keys), keys, person_from)


async def roles_by_person(db: GraphSession, *, keys: list[str]) -> list[list[RoleRow]]:
    return grouped(await db.read(ROLES_BY_PERSON, keys=keys), keys, role_from)


async def roles_by_area(db: GraphSession, *, keys: list[str]) -> list[list[RoleRow]]:
    return grouped(await db.read(ROLES_BY_AREA, keys=keys), keys, role_from)


async def pairings_by_resident(db: GraphSession, *, keys: list[str]) -> list[list[PairingRow]]:
    return grouped(await db.read(PAIRINGS_BY_RESIDENT, keys=keys), keys, pairing_from)


async def pairings_by_helper(db: GraphSession, *, keys: list[str]) -> list[list[PairingRow]]:
    return grouped(await db.read(PAIRINGS_BY_HELPER, keys=keys), keys, pairing_from)


async def visits_by_resident(
    db: GraphSession, *, keys: list[str], limit: int
) -> list[list[VisitRow]]:
    rows = await db.read(VISITS_BY_RESIDENT, keys=keys, limit=limit)
    return grouped(
        rows,
        keys,
        lambda r: VisitRow(r["visitor"], r["resident"], r["on"], r["mode"], r["note"]),
    )
