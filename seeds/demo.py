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

Planted gaps
------------
Some coverage gaps are planted on purpose, so that gap analyses have something precise to find;
everything else is covered. :func:`planted_gaps` returns them for a generated roster (it applies
the same selection rules the generator used, so it also works on a roster read back from a
workbook). ``today`` is the date given to :func:`generate`; "active" means ``since <= today`` and
(``until`` empty or ``until >= today``); no role or pairing starts or ends within 14 days of
``today``, so inclusive and exclusive readings of a boundary agree. See :data:`PLANTED_GAPS`
for the rules; in short, at the default size:

* the last micro-grid (``QS-MG6``: the townhouses and villas of phase 3) has no active second
  floor chief in any of its 6 corridors and regions, so its 3 blocks and the micro-grid itself
  have no double-registered party member serving (block leaders are never double-registered and
  grid workers are staff, not residents); of those corridors some had a chief whose role ended,
  some never had one, and some have one appointed from a future date;
* 2 more corridors elsewhere (``QS-B07-C3``, ``QS-B14-C2``) have no second floor chief; their
  blocks stay served through their other corridors;
* 1 corridor (``QS-B11-C1``) has a first floor chief whose role ended and nobody since;
* 4 vulnerable elders have no active named helper and 4 have no visit in the last 14 days (2 of
  them are in both lists); every other vulnerable elder has 2 or 3 active named helpers and a
  visit within the last 10 days; the elders chosen are 80 or older and live alone;
* the first two volunteers (``V01``, ``V02``) carry 7 and 8 active pairings with capacity 5.

Not planted, so a correct analysis reports nothing there: every micro-grid has exactly one active
grid worker, every block exactly one active block leader, every other corridor exactly one active
first and one active second floor chief (some were replaced, and some hand over on a future date),
no other volunteer carries more than 5 active pairings, no resident more than 2, no doctor more
than 128 contracted residents (capacity 150), and no micro-grid more vulnerable elders than its
grid worker's capacity (100).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from seeds.rows import GridRow, HelperRow, PersonRow, ResidentRow, RoleRow, Roster, VisitRow

__all__ = [
    "DEFAULT_HOUSEHOLDS",
    "MIN_HOUSEHOLDS",
    "PLANTED_GAPS",
    "RECENT_VISIT_DAYS",
    "VULNERABLE_TAGS",
    "PlantedGaps",
    "age",
    "generate",
    "is_vulnerable",
    "planted_gaps",
]

DEFAULT_HOUSEHOLDS = 1302
MIN_HOUSEHOLDS = 50  # below this the grid cannot hold every kind of planted gap
COMMUNITY = "青松社区"

# Vulnerability: a resident aged 60+ with one of these tags or with assisted/dependent mobility.
# The generator gives these tags and reduced mobility only to people aged 60+, so a rule that
# drops the age condition finds the same people.
VULNERABLE_TAGS = ("独居", "高龄", "残疾")
RECENT_VISIT_DAYS = 14

VOLUNTEER_CAPACITY = 5
DOCTOR_CAPACITY = 150
# Roomy enough that no micro-grid has more vulnerable elders than its grid worker can follow.
GRID_WORKER_CAPACITY = 100
RESIDENT_HELPER_LIMIT = 2  # residents have no capacity column; keep every one well below any limit

STAFF_ORG = "青松居委会"
GRID_ORG = "夏阳街道网格化管理中心"
HEALTH_ORG = "夏阳街道社区卫生服务中心"
VOLUNTEER_ORG = "青松社区志愿服务队"
PROPERTY_ORG = "青松物业"
OWNERS_ORG = "青松社区业委会"

PLANTED_GAPS: dict[str, str] = {
    "corridors_without_first_floor_chief": (
        "1 corridor whose only first floor chief role ended 30-200 days ago: the first corridor "
        "of the middle block (by code) outside the last micro-grid"
    ),
    "corridors_without_second_floor_chief": (
        "every corridor of the last micro-grid, plus the last corridor of two blocks with 2+ "
        "corridors outside it (at 1/3 and 2/3 of those blocks by code); cycling through: the "
        "role ended, there never was one, one is appointed from 15-45 days after today"
    ),
    "blocks_without_serving_party_member": (
        "the blocks of the last micro-grid (no active role there is held by a double-registered "
        "party member)"
    ),
    "micro_grids_without_serving_party_member": "the last micro-grid (by code)",
    "micro_grids_without_grid_worker": "none",
    "blocks_without_block_leader": "none",
    "vulnerable_without_helper": (
        "4 vulnerable elders (80+ and living alone when there are enough, spread evenly by "
        "resident_id) with no active named helper; one had a pairing that ended"
    ),
    "vulnerable_without_recent_visit": (
        f"4 vulnerable elders with no visit in the last {RECENT_VISIT_DAYS} days (none in the "
        "last 20); 2 of them are also in vulnerable_without_helper"
    ),
    "overloaded_helpers": (
        f"the first two volunteers by person_id, with 7 and 8 active pairings (capacity "
        f"{VOLUNTEER_CAPACITY}); none in a community with fewer than 60 other vulnerable elders"
    ),
}


@dataclass(frozen=True)
class PlantedGaps:
    """The gaps planted in one generated roster, by code or id (sorted)."""

    corridors_without_first_floor_chief: tuple[str, ...]
    corridors_without_second_floor_chief: tuple[str, ...]
    blocks_without_serving_party_member: tuple[str, ...]
    micro_grids_without_serving_party_member: tuple[str, ...]
    vulnerable_without_helper: tuple[str, ...]
    vulnerable_without_recent_visit: tuple[str, ...]
    overloaded_helpers: tuple[tuple[str, int], ...]  # (person_id, active pairings)
    micro_grids_without_grid_worker: tuple[str, ...] = ()
    blocks_without_block_leader: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {
            "corridors_without_first_floor_chief": self.corridors_without_first_floor_chief,
            "corridors_without_second_floor_chief": self.corridors_without_second_floor_chief,
            "blocks_without_serving_party_member": self.blocks_without_serving_party_member,
            "micro_grids_without_serving_party_member": (
                self.micro_grids_without_serving_party_member
            ),
            "micro_grids_without_grid_worker": self.micro_grids_without_grid_worker,
            "blocks_without_block_leader": self.blocks_without_block_leader,
            "vulnerable_without_helper": self.vulnerable_without_helper,
            "vulnerable_without_recent_visit": self.vulnerable_without_recent_visit,
            "overloaded_helpers": dict(self.overloaded_helpers),
        }


def age(resident: ResidentRow, today: date) -> int:
    """Age in whole years as rosters allow it (birth year only)."""
    return today.year - resident.birth_year


def is_vulnerable(resident: ResidentRow, today: date) -> bool:
    """A resident aged 60+ who lives alone, is 80+, is disabled, or is not fully independent."""
    if age(resident, today) < 60:
        return False
    return resident.mobility != "independent" or any(t in VULNERABLE_TAGS for t in resident.tags)


def generate(
    *, seed: int = 1, households: int = DEFAULT_HOUSEHOLDS, today: date | None = None
) -> Roster:
    """A synthetic community of ``households`` households, identical for the same arguments."""
    if households < MIN_HOUSEHOLDS:
        raise ValueError(f"households must be at least {MIN_HOUSEHOLDS}, not {households}")
    today = today or date.today()
    rng = random.Random(seed)
    corridors = _layout(households)
    grid, rooms = _grid(corridors)
    people, grid_workers = _people(rng, corridors, households)
    residents = _residents(rng, corridors, rooms, people, today)
    gaps = _plan(grid, residents, people, today)
    com = _Community(corridors, residents, today)
    roles = _roles(rng, com, gaps, grid_workers)
    helpers = _helpers(rng, com, gaps, people, roles)
    visits = _visits(rng, com, gaps, roles, helpers, people)
    return Roster(COMMUNITY, grid, residents, people, roles, helpers, visits)


def planted_gaps(roster: Roster, *, today: date | None = None) -> PlantedGaps:
    """The gaps :func:`generate` planted in ``roster`` (pass the same ``today``)."""
    return _plan(roster.grid, roster.residents, roster.people, today or date.today())


# --- the grid ---------------------------------------------------------------------------------

# The real community: 58 corridors, 23 blocks, 6 micro-grids, 3 areas for 1,302 households.
_CORRIDORS_PER_HOUSEHOLD = 58 / DEFAULT_HOUSEHOLDS
_BLOCKS_PER_CORRIDOR = 23 / 58
_MICRO_GRIDS_PER_BLOCK = 6 / 23
_MICRO_GRIDS_PER_AREA = 2
# Relative number of households in a corridor (or villa region) of each housing type.
_HOUSING_WEIGHT = {"high_rise": 1.2, "stacked": 0.75, "townhouse": 0.55, "villa": 0.5}
_UNITS_PER_FLOOR = {"high_rise": 2, "stacked": 4}


@dataclass(frozen=True)
class _Corridor:
    code: str
    block: str
    micro_grid: str
    area: str
    housing_type: str
    households: int


def _half_up(x: float) -> int:
    return int(x + 0.5)


def _codes(prefix: str, n: int, width: int) -> list[str]:
    # Zero-padded to one width per roster, so codes sort in numeric order.
    w = max(width, len(str(n)))
    return [f"{prefix}{i:0{w}d}" for i in range(1, n + 1)]


def _split(total: int, parts: int) -> list[int]:
    q, r = divmod(total, parts)
    return [q + (i < r) for i in range(parts)]


def _shape(households: int) -> tuple[int, int, int, int]:
    """Areas, micro-grids, blocks and corridors for a number of households."""
    corridors = _half_up(households * _CORRIDORS_PER_HOUSEHOLD)
    blocks = _half_up(corridors * _BLOCKS_PER_CORRIDOR)
    micro_grids = max(2, _half_up(blocks * _MICRO_GRIDS_PER_BLOCK))
    blocks = max(2 * micro_grids, blocks)
    corridors = max(2 * blocks, corridors)
    areas = max(1, _half_up(micro_grids / _MICRO_GRIDS_PER_AREA))
    return areas, micro_grids, blocks, corridors


def _housing_type(area_kind: int, last_micro_grid: bool, position: int, size: int) -> str:
    # Phase 1 is all high-rise, phase 2 adds stacked houses, phase 3 ends in townhouses and villas;
    # larger communities repeat the three phases.
    last = size > 1 and position == size - 1
    if area_kind == 0:
        return "high_rise"
    if area_kind == 1:
        return "stacked" if last_micro_grid and last else "high_rise"
    if last_micro_grid:
        return "townhouse" if position == 0 else "villa"
    return "stacked" if last else "high_rise"


def _apportion(total: int, weights: list[float]) -> list[int]:
    """Split ``total`` in proportion to ``weights`` (largest remainder), summing exactly."""
    scale = total / sum(weights)
    quotas = [w * scale for w in weights]
    shares = [int(q) for q in quotas]
    by_remainder = sorted(range(len(quotas)), key=lambda i: (shares[i] - quotas[i], i))
    for i in by_remainder[: total - sum(shares)]:
        shares[i] += 1
    return shares


def _layout(households: int) -> list[_Corridor]:
    n_areas, n_micro, n_blocks, n_corridors = _shape(households)
    areas = _codes("QS-P", n_areas, 1)
    micro_grids = _codes("QS-MG", n_micro, 1)
    blocks = _codes("QS-B", n_blocks, 2)
    micro_sizes = _split(n_micro, n_areas)
    block_sizes = _split(n_blocks, n_micro)
    corridor_sizes = _split(n_corridors, n_blocks)
    places: list[tuple[str, str, str, str, str]] = []
    m = b = 0
    for a, area in enumerate(areas):
        for i in range(micro_sizes[a]):
            last_micro_grid = i == micro_sizes[a] - 1
            for _ in range(block_sizes[m]):
                size = corridor_sizes[b]
                numbers = {"C": 0, "R": 0}
                for position in range(size):
                    kind = _housing_type(a % 3, last_micro_grid, position, size)
                    letter = "R" if kind == "villa" else "C"
                    numbers[letter] += 1
                    code = f"{blocks[b]}-{letter}{numbers[letter]}"
                    places.append((code, blocks[b], micro_grids[m], area, kind))
                b += 1
            m += 1
    sizes = _apportion(households, [_HOUSING_WEIGHT[p[4]] for p in places])
    return [_Corridor(*p, households=n) for p, n in zip(places, sizes, strict=True)]


def _grid(corridors: list[_Corridor]) -> tuple[list[GridRow], dict[str, list[str]]]:
    """Grid rows, and the rooms of each corridor (one per household)."""
    rows: list[GridRow] = []
    rooms: dict[str, list[str]] = {}
    buildings: dict[str, int] = {}  # area -> buildings numbered so far
    villas: dict[str, int] = {}
    shared: tuple[str, str, str] | None = None  # (block, housing type, building) with room left
    for c in corridors:

        def row(building: str, c: _Corridor = c) -> GridRow:
            return GridRow(c.area, c.micro_grid, c.block, c.code, building, c.housing_type)

        if c.housing_type == "villa":
            # A region of detached villas: one building per household, numbered across the area.
            first = villas.get(c.area, 0) + 1
            villas[c.area] = first + c.households - 1
            numbers = range(first, first + c.households)
            rows.extend(row(f"{c.area}-V{n:02d}") for n in numbers)
            rooms[c.code] = [str(n) for n in numbers]
            continue
        if shared and shared[:2] == (c.block, c.housing_type):
            building, shared = shared[2], None  # the second entrance of a two-corridor building
        else:
            buildings[c.area] = buildings.get(c.area, 0) + 1
            building = f"{c.area}-{buildings[c.area]:02d}"
            shared = (
                (c.block, c.housing_type, building) if c.housing_type in _UNITS_PER_FLOOR else None
            )
        rows.append(row(building))
        rooms[c.code] = _rooms(c.housing_type, c.households)
    return rows, rooms


def _rooms(housing_type: str, households: int) -> list[str]:
    per_floor = _UNITS_PER_FLOOR.get(housing_type)
    if per_floor is None:  # townhouses are numbered along the row
        return [str(k + 1) for k in range(households)]
    return [f"{k // per_floor + 1}{k % per_floor + 1:02d}" for k in range(households)]


# --- names and people -------------------------------------------------------------------------

# Common surnames, those most frequent in Shanghai first (drawn more often).
_SURNAMES = (
    "张王陈李徐朱沈陆周顾吴黄杨钱金施姚蒋孙胡"
    "刘赵马郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡余杜叶程苏魏吕丁任卢姜崔钟谭汪范"
    "石廖贾夏方邹孟熊秦江严戴龚邵万倪汤"
)
_SHANGHAI_SURNAMES = 20
# Given-name characters by generation (born before 1965, before 1990, later) and gender.
_GIVEN = {
    ("old", "female"): "秀英桂兰凤珍玉梅华芳琴娣妹宝莲素月",
    ("old", "male"): "国建根福明华荣德忠林海金宝兴发祥龙才",
    ("mid", "female"): "丽静敏燕红霞莉娟洁艳萍琳慧雪颖",
    ("mid", "male"): "伟强磊军勇斌涛鹏刚峰杰辉亮波明",
    ("young", "female"): "婷雯欣怡佳颖诗涵梓悦晨思雨可馨彤",
    ("young", "male"): "浩宇轩俊杰子豪博文睿泽晨翔天宇铭",
}
_RESIDENT_PHONES = 13900000000
_PEOPLE_PHONES = 13909000000


def _surname(rng: random.Random) -> str:
    pool = _SURNAMES[:_SHANGHAI_SURNAMES] if rng.random() < 0.5 else _SURNAMES
    return rng.choice(pool)


def _name(rng: random.Random, surname: str, gender: str, birth_year: int) -> str:
    generation = "old" if birth_year < 1965 else "mid" if birth_year < 1990 else "young"
    chars = _GIVEN[(generation, gender)]
    given = rng.choice(chars) if rng.random() < 0.3 else rng.choice(chars) + rng.choice(chars)
    return surname + given


@dataclass(frozen=True)
class _GridWorkers:
    """The grid workers of one micro-grid: a former one (or None) and the current one."""

    micro_grid: str
    former: str | None
    current: str


def _people(
    rng: random.Random, corridors: list[_Corridor], households: int
) -> tuple[list[PersonRow], list[_GridWorkers]]:
    micro_grids = list(dict.fromkeys(c.micro_grid for c in corridors))
    n_areas = len(dict.fromkeys(c.area for c in corridors))
    scale = households / DEFAULT_HOUSEHOLDS
    people: list[PersonRow] = []

    def add(prefix: str, n: int, kind: str, org: str, capacity: int | None = None) -> list[str]:
        ids = _codes(prefix, n, 2)
        for pid in ids:
            gender = rng.choice(("female", "male"))
            name = _name(rng, _surname(rng), gender, rng.randint(1965, 2000))
            phone = str(_PEOPLE_PHONES + len(people) + 1)
            people.append(PersonRow(pid, name, kind, org, phone, capacity))
        return ids

    add("S", max(8, _half_up(8 * scale)), "committee_staff", STAFF_ORG)
    # Every sixth micro-grid (the third, the ninth...) changed grid worker: the former one
    # stays on the list with an ended role.
    handover = [i % 6 == 2 for i in range(len(micro_grids))]
    ids = add("G", len(micro_grids) + sum(handover), "grid_worker", GRID_ORG, GRID_WORKER_CAPACITY)
    workers: list[_GridWorkers] = []
    for micro_grid, changed in zip(micro_grids, handover, strict=True):
        former = ids.pop(0) if changed else None
        workers.append(_GridWorkers(micro_grid, former, ids.pop(0)))
    add("D", max(1, _half_up(6 * scale)), "doctor", HEALTH_ORG, DOCTOR_CAPACITY)
    add("V", max(4, _half_up(30 * scale)), "volunteer", VOLUNTEER_ORG, VOLUNTEER_CAPACITY)
    add("W", n_areas, "property", PROPERTY_ORG)
    add("Y", max(3, _half_up(5 * n_areas / 3)), "owners_committee", OWNERS_ORG)
    return people, workers


# --- residents --------------------------------------------------------------------------------

# Household kinds and their shares, tuned to about 2.84 people per household, 23% aged 60+.
_HOUSEHOLD_KINDS = (
    ("elder_alone", 3.5),
    ("elder_couple", 14.0),
    ("single", 6.0),
    ("couple", 12.0),
    ("one_child", 30.0),
    ("two_children", 10.0),
    ("three_generations", 15.0),
    ("elders_with_child", 9.5),
)
_FAMILY_KINDS = ("one_child", "two_children", "three_generations")
# (cumulative share, youngest, oldest): about one elder in five is 80+; those alone are older.
_ELDER_AGES = ((0.52, 60, 69), (0.79, 70, 79), (0.96, 80, 89), (1.0, 90, 99))
_ALONE_AGES = ((0.28, 60, 69), (0.62, 70, 79), (0.92, 80, 89), (1.0, 90, 99))
# (assisted, dependent) by decade of age from 60.
_MOBILITY = ((0.04, 0.01), (0.09, 0.03), (0.20, 0.08), (0.33, 0.20))
# Share of smartphone users by decade of age from 60 (younger adults: 97%).
_SMARTPHONE = (0.85, 0.6, 0.3, 0.1)

_Member = tuple[str, int, str, str]  # relation, age, gender, surname


def _elder_age(rng: random.Random, bands: tuple[tuple[float, int, int], ...]) -> int:
    r = rng.random()
    for share, low, high in bands:
        if r < share:
            return rng.randint(low, high)
    return bands[-1][2]


def _gender(rng: random.Random, female: float = 0.5) -> str:
    return "female" if rng.random() < female else "male"


def _other(gender: str) -> str:
    return "male" if gender == "female" else "female"


def _couple(rng: random.Random, head_age: int, youngest: int) -> tuple[list[_Member], str]:
    """A head and spouse, and the surname their children take (the father's)."""
    gender = _gender(rng)
    spouse_age = min(100, max(youngest, head_age + rng.randint(-5, 5)))
    head = ("head", head_age, gender, _surname(rng))
    spouse = ("spouse", spouse_age, _other(gender), _surname(rng))
    family = head[3] if gender == "male" else spouse[3]
    return [head, spouse], family


def _child(rng: random.Random, parent_age: int, family: str, gap: tuple[int, int]) -> _Member:
    return ("child", max(0, parent_age - rng.randint(*gap)), _gender(rng), family)


def _members(rng: random.Random, kind: str) -> list[_Member]:
    if kind == "elder_alone":
        return [("head", _elder_age(rng, _ALONE_AGES), _gender(rng, 0.65), _surname(rng))]
    if kind == "single":
        return [("head", rng.randint(22, 59), _gender(rng), _surname(rng))]
    if kind in ("elder_couple", "elders_with_child"):
        head_age = _elder_age(rng, _ELDER_AGES)
        members, family = _couple(rng, head_age, 60)
        if kind == "elder_couple":
            return members
        if rng.random() < 0.4:  # widowed
            members = members[:1]
        child = _child(rng, head_age, family, (24, 36))
        members.append(child)
        if rng.random() < 0.3 and child[1] >= 24 + 18:
            members.append(("grandchild", child[1] - rng.randint(24, 34), _gender(rng), family))
        return members
    if kind == "couple":
        return _couple(rng, rng.randint(24, 59), 22)[0]
    head_age = rng.randint(28, 56) if kind == "one_child" else rng.randint(30, 52)
    members, family = _couple(rng, head_age, 23)
    if kind == "two_children":
        first = _child(rng, head_age, family, (24, 32))
        second = ("child", max(0, first[1] - rng.randint(1, 6)), _gender(rng), family)
        return [*members, first, second]
    if kind == "one_child" or rng.random() < 0.85:
        members.append(_child(rng, head_age, family, (24, 34)))
    if kind == "three_generations":
        father_age = min(99, head_age + rng.randint(25, 35))
        parents = [("parent", father_age, "male", members[0][3])]
        parents.append(
            ("parent", min(99, max(55, father_age + rng.randint(-4, 3))), "female", _surname(rng))
        )
        if rng.random() < 0.6:  # one parent left: more often the mother
            parents = parents[1:] if rng.random() < 0.65 else parents[:1]
        members.extend(parents)
    return members


def _mobility(rng: random.Random, years: int) -> str:
    if years < 60:
        return "independent"
    assisted, dependent = _MOBILITY[min(3, (years - 60) // 10)]
    r = rng.random()
    return (
        "dependent" if r < dependent else "assisted" if r < dependent + assisted else "independent"
    )


def _tags(rng: random.Random, years: int, alone: bool, mobility: str) -> tuple[str, ...]:
    # Only elders are tagged, so every tagged resident is a vulnerable elder.
    if years < 60:
        return ()
    tags = ["独居"] if alone else []
    if years >= 80:
        tags.append("高龄")
    if rng.random() < (0.15 if mobility == "dependent" else 0.02):
        tags.append("残疾")
    return tuple(tags)


def _smartphone(rng: random.Random, years: int) -> bool | None:
    if years < 10 or rng.random() < 0.015:  # children, and a few adults nobody asked
        return None
    share = 0.97 if years < 60 else _SMARTPHONE[min(3, (years - 60) // 10)]
    return rng.random() < share


def _party(rng: random.Random, years: int) -> str:
    # With one double-registered member forced per corridor, about 8% of adults are members.
    if 22 <= years < 60 and rng.random() < 0.05:
        return "double" if rng.random() < 0.7 else "community"
    if years >= 60 and rng.random() < 0.10:
        return "retired" if rng.random() < 0.9 else "community"
    return ""


_DOCTOR_BUSY = DOCTOR_CAPACITY * 6 // 7


class _Doctors:
    """Contracts residents with the doctor of their micro-grid, never beyond capacity."""

    def __init__(self, people: list[PersonRow], micro_grids: list[str]) -> None:
        self.ids = [p.person_id for p in people if p.kind == "doctor"]
        self.index = {m: i * len(self.ids) // len(micro_grids) for i, m in enumerate(micro_grids)}
        self.load = [0] * len(self.ids)

    def contract(self, micro_grid: str) -> str:
        # A busy doctor passes new contracts on to the least busy colleague, well before capacity,
        # so that no doctor is even close to overloaded.
        i = self.index[micro_grid]
        if self.load[i] >= _DOCTOR_BUSY:
            i = min(range(len(self.ids)), key=self.load.__getitem__)
            if self.load[i] >= _DOCTOR_BUSY:
                return ""
        self.load[i] += 1
        return self.ids[i]


def _contracts(rng: random.Random, years: int, vulnerable: bool) -> bool:
    if years >= 65:
        return rng.random() < 0.85
    if years >= 60:
        return rng.random() < (0.9 if vulnerable else 0.4)
    return False


def _residents(
    rng: random.Random,
    corridors: list[_Corridor],
    rooms: dict[str, list[str]],
    people: list[PersonRow],
    today: date,
) -> list[ResidentRow]:
    doctors = _Doctors(people, list(dict.fromkeys(c.micro_grid for c in corridors)))
    kinds = [k for k, _ in _HOUSEHOLD_KINDS]
    weights = [w for _, w in _HOUSEHOLD_KINDS]
    width = max(5, len(str(sum(c.households for c in corridors))))
    residents: list[ResidentRow] = []
    phones = 0
    household_no = 0
    for c in corridors:
        # The first household of a corridor is a working family, so every corridor has an
        # in-service adult who can be its double-registered second floor chief.
        drafts: list[tuple[str, str, _Member, bool]] = []  # household, room, member, alone
        for k, room in enumerate(rooms[c.code]):
            household_no += 1
            kind = rng.choice(_FAMILY_KINDS) if k == 0 else rng.choices(kinds, weights)[0]
            members = _members(rng, kind)
            household = f"H{household_no:0{width}d}"
            drafts.extend((household, room, m, len(members) == 1) for m in members)
        for n, (household, room, (relation, years, gender, surname), alone) in enumerate(drafts):
            birth_year = today.year - years
            mobility = _mobility(rng, years)
            tags = _tags(rng, years, alone, mobility)
            vulnerable = years >= 60 and (bool(tags) or mobility != "independent")
            phone = ""
            if years >= 14 and (years < 85 or rng.random() < 0.7):
                phones += 1
                phone = str(_RESIDENT_PHONES + phones)
            residents.append(
                ResidentRow(
                    resident_id=f"R{len(residents) + 1:0{width + 1}d}",
                    name=_name(rng, surname, gender, birth_year),
                    gender=gender,
                    birth_year=birth_year,
                    household_id=household,
                    relation=relation,
                    corridor=c.code,
                    room=room,
                    phone=phone,
                    mobility=mobility,
                    smartphone=_smartphone(rng, years),
                    tags=tags,
                    party="double" if n == 0 else _party(rng, years),
                    family_doctor=(
                        doctors.contract(c.micro_grid) if _contracts(rng, years, vulnerable) else ""
                    ),
                )
            )
    return residents


# --- the planted gaps -------------------------------------------------------------------------

_ELDER_GAPS = 6  # both, helper only, visit only, both, helper only, visit only
_OVERLOAD = (7, 8)  # active pairings of the first two volunteers


def _plan(
    grid: list[GridRow], residents: list[ResidentRow], people: list[PersonRow], today: date
) -> PlantedGaps:
    """Which places and people get a gap: rules on codes and ids only, no randomness."""
    micro_of: dict[str, str] = {}
    corridors_of: dict[str, list[str]] = {}
    for g in grid:
        micro_of[g.block] = g.micro_grid
        block_corridors = corridors_of.setdefault(g.block, [])
        if g.corridor not in block_corridors:
            block_corridors.append(g.corridor)
    gap_micro = max(micro_of.values())
    blocks = sorted(corridors_of)
    gap_blocks = [b for b in blocks if micro_of[b] == gap_micro]
    others = [b for b in blocks if micro_of[b] != gap_micro]
    wide = [b for b in others if len(corridors_of[b]) >= 2]
    picks = dict.fromkeys((len(wide) // 3, 2 * len(wide) // 3)) if wide else {}
    second = [c for b in gap_blocks for c in corridors_of[b]]
    second += [max(corridors_of[wide[i]]) for i in picks]
    first = [min(corridors_of[others[len(others) // 2]])] if others else []

    vulnerable = sorted(r.resident_id for r in residents if is_vulnerable(r, today))
    alone_80 = {
        r.resident_id
        for r in residents
        if age(r, today) >= 80 and "独居" in r.tags and is_vulnerable(r, today)
    }
    pool = [v for v in vulnerable if v in alone_80]
    if len(pool) < _ELDER_GAPS:  # a small community: any vulnerable elder will do
        pool += [v for v in vulnerable if v not in alone_80]
    n = min(_ELDER_GAPS, len(pool))
    elders = [pool[(2 * i + 1) * len(pool) // (2 * n)] for i in range(n)]
    no_helper = [e for i, e in enumerate(elders) if i % 3 in (0, 1)]
    no_visit = [e for i, e in enumerate(elders) if i % 3 in (0, 2)]

    volunteers = sorted(p.person_id for p in people if p.kind == "volunteer")
    enough = len(vulnerable) - len(no_helper) >= 4 * sum(_OVERLOAD) and len(volunteers) > 2
    overloaded = tuple(zip(volunteers, _OVERLOAD, strict=False)) if enough else ()
    return PlantedGaps(
        corridors_without_first_floor_chief=tuple(first),
        corridors_without_second_floor_chief=tuple(sorted(second)),
        blocks_without_serving_party_member=tuple(gap_blocks),
        micro_grids_without_serving_party_member=(gap_micro,),
        vulnerable_without_helper=tuple(sorted(no_helper)),
        vulnerable_without_recent_visit=tuple(sorted(no_visit)),
        overloaded_helpers=overloaded,
    )


# --- who is where -----------------------------------------------------------------------------


class _Community:
    """Lookups over the generated residents, built once for roles, helpers and visits."""

    def __init__(self, corridors: list[_Corridor], residents: list[ResidentRow], today: date):
        self.today = today
        self.corridors = corridors
        self.residents = residents
        self.block_of = {c.code: c.block for c in corridors}
        self.micro_of = {c.code: c.micro_grid for c in corridors}
        self.vulnerable = [r for r in residents if is_vulnerable(r, today)]
        self.in_corridor: dict[str, list[ResidentRow]] = {c.code: [] for c in corridors}
        self.in_block: dict[str, list[ResidentRow]] = {c.block: [] for c in corridors}
        # Residents able to help others, by corridor, by block (party members) and by surname.
        self.fit_in_corridor: dict[str, list[ResidentRow]] = {c.code: [] for c in corridors}
        self.party_in_block: dict[str, list[ResidentRow]] = {c.block: [] for c in corridors}
        self.fit_by_surname: dict[str, list[ResidentRow]] = {}
        for r in residents:
            block = self.block_of[r.corridor]
            self.in_corridor[r.corridor].append(r)
            self.in_block[block].append(r)
            if self.fit(r):
                self.fit_in_corridor[r.corridor].append(r)
                self.fit_by_surname.setdefault(r.name[0], []).append(r)
                if r.party:
                    self.party_in_block[block].append(r)

    def age(self, r: ResidentRow) -> int:
        return age(r, self.today)

    def fit(self, r: ResidentRow) -> bool:
        return 25 <= self.age(r) <= 72 and r.mobility == "independent" and not r.tags


def _days(n: int) -> timedelta:
    return timedelta(days=n)


def _active(since: date, until: date | None, day: date) -> bool:
    return since <= day and (until is None or day <= until)


# --- roles ------------------------------------------------------------------------------------

_SECOND_CHIEF_GAPS = ("ended", "none", "future")


def _tenures(
    rng: random.Random, today: date, role: str, scope: str, pool: list[str], gap: str = ""
) -> list[RoleRow]:
    """The holders of one role over time; without a gap, exactly one is active today."""
    if not pool or gap == "none":
        return []
    holders = rng.sample(pool, min(3, len(pool)))
    if gap == "ended":
        since = today - _days(rng.randint(400, 1600))
        return [RoleRow(holders[0], role, scope, since, today - _days(rng.randint(30, 200)))]
    if gap == "future":
        return [RoleRow(holders[0], role, scope, today + _days(rng.randint(15, 45)))]
    since = today - _days(rng.randint(60, 1200))
    spare = holders[1:]
    rows = []
    if spare and rng.random() < 0.15:  # replaced a predecessor
        before = since - _days(rng.randint(200, 700))
        rows.append(RoleRow(spare.pop(), role, scope, before, since - _days(1)))
    if spare and rng.random() < 0.06:  # hands over on a date already agreed
        until = today + _days(rng.randint(30, 120))
        rows.append(RoleRow(holders[0], role, scope, since, until))
        rows.append(RoleRow(spare.pop(), role, scope, until + _days(1)))
    else:
        rows.append(RoleRow(holders[0], role, scope, since))
    return rows


def _first_chief_pool(rng: random.Random, com: _Community, members: list[ResidentRow]) -> list[str]:
    # Mostly retired residents; some corridors chose a younger one.
    fit = [r for r in members if r.party != "double" and com.fit(r)]
    retired = [r.resident_id for r in fit if com.age(r) >= 58]
    younger = [r.resident_id for r in fit if com.age(r) < 58]
    if retired and (rng.random() < 0.85 or not younger):
        return retired
    return younger or [r.resident_id for r in members if r.party != "double" and com.age(r) >= 22]


def _block_leader_pool(
    rng: random.Random, com: _Community, members: list[ResidentRow], chiefs: set[str]
) -> list[str]:
    # Never double-registered, so a block is served by a party member only through its corridors.
    free = [r for r in members if r.party != "double" and r.resident_id not in chiefs]
    fit = [r for r in free if com.fit(r) and com.age(r) >= 50]
    retired_members = [r.resident_id for r in fit if r.party == "retired"]
    if retired_members and rng.random() < 0.5:
        return retired_members
    return [r.resident_id for r in fit] or [r.resident_id for r in free if com.age(r) >= 22]


def _roles(
    rng: random.Random, com: _Community, gaps: PlantedGaps, workers: list[_GridWorkers]
) -> list[RoleRow]:
    today = com.today
    first_gaps = gaps.corridors_without_first_floor_chief
    second_gaps = gaps.corridors_without_second_floor_chief
    roles: list[RoleRow] = []
    for c in com.corridors:
        members = com.in_corridor[c.code]
        first_gap = "ended" if c.code in first_gaps else ""
        firsts = _first_chief_pool(rng, com, members)
        roles += _tenures(rng, today, "first_floor_chief", c.code, firsts, first_gap)
        second_gap = ""
        if c.code in second_gaps:
            second_gap = _SECOND_CHIEF_GAPS[second_gaps.index(c.code) % len(_SECOND_CHIEF_GAPS)]
        doubles = [r.resident_id for r in members if r.party == "double"]
        roles += _tenures(rng, today, "second_floor_chief", c.code, doubles, second_gap)
    chiefs = {r.person_id for r in roles}
    for block, members in com.in_block.items():
        leaders = _block_leader_pool(rng, com, members, chiefs)
        roles += _tenures(rng, today, "block_leader", block, leaders)
    for w in workers:
        since = today - _days(rng.randint(100, 1000))
        if w.former:
            before = since - _days(rng.randint(200, 700))
            roles.append(RoleRow(w.former, "grid_worker", w.micro_grid, before, since - _days(1)))
        roles.append(RoleRow(w.current, "grid_worker", w.micro_grid, since))
    return roles


# --- helpers ----------------------------------------------------------------------------------

_HELPER_KINDS = ("family", "neighbour", "volunteer", "party_member", "floor_chief")
_HELPER_WEIGHTS = (30, 30, 20, 12, 8)


class _Pairing:
    """Builds named helper pairings while keeping everyone's active load within bounds."""

    def __init__(self, rng: random.Random, com: _Community, volunteers: list[str]) -> None:
        self.rng = rng
        self.com = com
        self.open_volunteers = list(volunteers)
        self.load: dict[str, int] = {}
        self.of: dict[str, list[str]] = {}  # elder -> active helpers
        self.rows: list[HelperRow] = []
        self.first_chief: dict[str, str] = {}  # corridor -> first floor chief active today

    def add(self, helper: str, elder: ResidentRow, kind: str) -> None:
        since = self.com.today - _days(self.rng.randint(61, 1500))
        self.rows.append(HelperRow(helper, elder.resident_id, kind, since))
        self.load[helper] = self.load.get(helper, 0) + 1
        self.of.setdefault(elder.resident_id, []).append(helper)

    def ended(self, helper: str, elder: ResidentRow, kind: str) -> None:
        since = self.com.today - _days(self.rng.randint(400, 1500))
        until = self.com.today - _days(self.rng.randint(30, 360))
        self.rows.append(HelperRow(helper, elder.resident_id, kind, since, until))

    def can_help(self, helper: ResidentRow, elder: ResidentRow) -> bool:
        return (
            helper.household_id != elder.household_id
            and self.load.get(helper.resident_id, 0) < RESIDENT_HELPER_LIMIT
            and helper.resident_id not in self.of.get(elder.resident_id, ())
        )

    def pick(self, pool: list[ResidentRow], elder: ResidentRow, older_by: int = 0) -> str | None:
        for _ in range(8):
            if not pool:
                return None
            r = self.rng.choice(pool)
            if self.can_help(r, elder) and self.com.age(elder) - self.com.age(r) >= older_by:
                return r.resident_id
        return None

    def find(self, kind: str, elder: ResidentRow) -> str | None:
        com = self.com
        if kind == "family":  # a son, daughter or nephew living elsewhere in the community
            return self.pick(com.fit_by_surname.get(elder.name[0], []), elder, older_by=20)
        if kind == "neighbour":
            return self.pick(com.fit_in_corridor[elder.corridor], elder)
        if kind == "party_member":
            return self.pick(com.party_in_block[com.block_of[elder.corridor]], elder)
        if kind == "floor_chief":
            chief = self.first_chief.get(elder.corridor)
            fits = [r for r in com.in_corridor[elder.corridor] if r.resident_id == chief]
            return self.pick(fits, elder)
        if not self.open_volunteers:
            return None
        volunteer = self.rng.choice(self.open_volunteers)
        if volunteer in self.of.get(elder.resident_id, ()):
            return None
        if self.load.get(volunteer, 0) + 1 >= VOLUNTEER_CAPACITY:
            self.open_volunteers.remove(volunteer)
        return volunteer

    def fallback(self, elder: ResidentRow) -> tuple[str, str] | None:
        # Exhaustive, so no vulnerable elder outside the planted gaps ends up with one helper.
        block = self.com.block_of[elder.corridor]
        for kind, pool in (
            ("neighbour", self.com.fit_in_corridor[elder.corridor]),
            ("other", [r for r in self.com.in_block[block] if self.com.fit(r)]),
        ):
            for r in pool:
                if self.can_help(r, elder):
                    return r.resident_id, kind
        return None


def _helpers(
    rng: random.Random,
    com: _Community,
    gaps: PlantedGaps,
    people: list[PersonRow],
    roles: list[RoleRow],
) -> list[HelperRow]:
    overloaded = dict(gaps.overloaded_helpers)
    volunteers = [p.person_id for p in people if p.kind == "volunteer"]
    pairing = _Pairing(rng, com, [v for v in volunteers if v not in overloaded])
    for role in roles:
        if role.role == "first_floor_chief" and _active(role.since, role.until, com.today):
            pairing.first_chief[role.scope] = role.person_id
    no_helper = gaps.vulnerable_without_helper
    eligible = [r for r in com.vulnerable if r.resident_id not in no_helper]
    chosen = rng.sample(eligible, sum(overloaded.values()))
    for volunteer, count in overloaded.items():
        for elder in chosen[:count]:
            pairing.add(volunteer, elder, "volunteer")
        del chosen[:count]
        # An ended pairing besides: it must not count towards the load.
        former = next(e for e in eligible if volunteer not in pairing.of.get(e.resident_id, ()))
        pairing.ended(volunteer, former, "volunteer")
    for elder in eligible:
        target = 2 if rng.random() < 0.7 else 3
        for _ in range(12):
            if len(pairing.of.get(elder.resident_id, ())) >= target:
                break
            kind = rng.choices(_HELPER_KINDS, _HELPER_WEIGHTS)[0]
            helper = pairing.find(kind, elder)
            if helper:
                pairing.add(helper, elder, kind)
        while len(pairing.of.get(elder.resident_id, ())) < 2:
            found = pairing.fallback(elder)
            if found is None:
                break
            pairing.add(found[0], elder, found[1])
        if rng.random() < 0.12:  # an earlier helper who moved away or stopped
            _ended_pairing(rng, com, pairing, elder, volunteers)
    if no_helper:  # a planted elder whose only helper stopped: still a gap today
        elder = next(r for r in com.vulnerable if r.resident_id == no_helper[-1])
        _ended_pairing(rng, com, pairing, elder, volunteers)
    return pairing.rows


def _ended_pairing(
    rng: random.Random,
    com: _Community,
    pairing: _Pairing,
    elder: ResidentRow,
    volunteers: list[str],
) -> None:
    neighbours = [
        r.resident_id
        for r in com.fit_in_corridor[elder.corridor]
        if r.household_id != elder.household_id
    ]
    if neighbours and rng.random() < 0.5:
        pairing.ended(rng.choice(neighbours), elder, "neighbour")
    elif volunteers:
        pairing.ended(rng.choice(volunteers), elder, "volunteer")


# --- visits -----------------------------------------------------------------------------------

_NOTES = (
    "",
    "",
    "身体状况良好",
    "了解生活需求",
    "测量血压",
    "提醒按时服药",
    "送去防暑用品",
    "教用智能手机",
)


def _visits(
    rng: random.Random,
    com: _Community,
    gaps: PlantedGaps,
    roles: list[RoleRow],
    helpers: list[HelperRow],
    people: list[PersonRow],
) -> list[VisitRow]:
    today = com.today
    no_visit = gaps.vulnerable_without_recent_visit
    doctors = {p.person_id for p in people if p.kind == "doctor"}
    roles_in: dict[str, list[RoleRow]] = {}
    for role in roles:
        roles_in.setdefault(role.scope, []).append(role)
    helpers_of: dict[str, list[HelperRow]] = {}
    for h in helpers:
        helpers_of.setdefault(h.resident_id, []).append(h)
    visits: dict[tuple[date, str, str], VisitRow] = {}
    for r in com.residents:
        if com.age(r) < 60:
            continue
        if not is_vulnerable(r, today):
            days = [rng.randint(0, 59)] if rng.random() < 0.25 else []
        elif r.resident_id in no_visit:
            days = [rng.randint(21, 59)] if rng.random() < 0.5 else []
        else:
            days = [rng.randint(0, 10)]
            days += [rng.randint(0, 59) for _ in range(rng.choice((0, 1, 1, 2, 2, 3)))]
        for d in days:
            on = today - _days(d)
            terms = [
                *helpers_of.get(r.resident_id, ()),
                *roles_in.get(r.corridor, ()),
                *roles_in.get(com.micro_of[r.corridor], ()),
            ]
            candidates = [
                t.person_id if isinstance(t, RoleRow) else t.helper_id
                for t in terms
                if _active(t.since, t.until, on)
            ]
            candidates = [c for c in candidates if c != r.resident_id]  # an elder who is a chief
            if r.family_doctor:
                candidates.append(r.family_doctor)
            visitor = rng.choice(candidates)
            visits[(on, visitor, r.resident_id)] = VisitRow(
                on, visitor, r.resident_id, _mode(rng, visitor in doctors, r), rng.choice(_NOTES)
            )
    return sorted(visits.values(), key=lambda v: (v.date, v.resident_id, v.visitor_id))


def _mode(rng: random.Random, doctor: bool, r: ResidentRow) -> str:
    if doctor:
        return rng.choice(("home", "phone"))
    if r.smartphone:
        return rng.choices(("home", "phone", "wechat"), (6, 3, 2))[0]
    return rng.choices(("home", "phone"), (65, 35))[0]
