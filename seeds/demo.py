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
Some coverage gaps are planted on purpose, so that the coverage analysis (``graph.coverage``,
default rules) has something precise to find; everything else is covered, so a correct analysis
reports exactly :func:`planted_gaps` and nothing more. :func:`planted_gaps` applies the same
selection rules the generator used, so it also works on a roster read back from a workbook.
``today`` is the date given to :func:`generate`; "active" means ``since <= today`` and (``until``
empty or ``until >= today``); no role or pairing starts or ends within 14 days of ``today``, so
inclusive and exclusive readings of a boundary agree. See :data:`PLANTED_GAPS` for the rules; in
short, at the default size:

* area gaps: the last micro-grid (``QS-MG6``: the townhouses and villas of phase 3) has no active
  second floor chief in any of its 6 corridors and regions, so its 3 blocks and the micro-grid
  itself have no double-registered party member serving (block leaders are never
  double-registered and grid workers are staff, not residents); 2 more corridors elsewhere
  (``QS-B07-C3``, ``QS-B14-C2``) have no second floor chief, and ``QS-B07-C3`` lost its first
  floor chief too (the "bare" corridor). The second-chief gaps cycle through: the role ended,
  there never was one, one is appointed from a future date;
* under-supported elders: in the bare corridor two elders aged 80+ live alone with no family
  doctor and no pairing, so their only helper is the grid worker: one was visited by the grid
  worker last week (too few helpers, too few kinds), the other was not (and also no recent
  contact; a volunteer pairing of theirs has ended); 3 more elders (80+, alone) are well helped
  but nobody visited them in the last 20 days (no recent contact);
* overloaded helpers: the first two volunteers (``V01``, ``V02``) carry 7 and 8 active pairings
  with capacity 5;
* single points of failure: in ``QS-B14-C2`` an elder aged 80+ lives alone with no family
  doctor and no pairing, helped only by the corridor's first floor chief and the grid worker,
  both of whom visited recently; each of those two is a single point of failure for that elder.

Not planted, so a correct analysis reports nothing there: every micro-grid has one active grid
worker, every block one active block leader, every other corridor one active first and one active
second floor chief, living apart (some were replaced, and some hand over on a future date). Every
other vulnerable elder has the corridor's chiefs and grid worker, and 2 or 3 named helpers of at
least two kinds besides, and was visited by two different helpers in the last 10 days; every other
resident aged 60+ was visited by a helper from outside their home in the last 10 days, and in a
corridor without a second floor chief has a family doctor, so that no single departure (not even of
the person an elder lives with) leaves anyone under-supported. Loads stay within capacity: no
corridor holds more than 5 vulnerable elders (households are swapped between corridors to keep it
so, and floor chiefs pair only with elders of their own corridor), no other volunteer carries more
than 5 pairings, no resident more than 2, no doctor more than 128 contracted residents (capacity
150), and no micro-grid more vulnerable elders than its grid worker's capacity (100).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
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
# The generator gives these tags and reduced mobility only to people aged 60+, and tags 独居
# exactly the elders who live alone, so the analysis' "lives alone" finds the same people.
VULNERABLE_TAGS = ("独居", "高龄", "残疾")
RECENT_VISIT_DAYS = 14

VOLUNTEER_CAPACITY = 5
FLOOR_CHIEF_CAPACITY = 5  # the analysis' default for floor chiefs, who have no roster capacity
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
        "the bare corridor: the last corridor of the first block (by code) with 2+ corridors "
        "outside the last micro-grid, at 1/3 of those blocks; its first floor chief's role "
        "ended 30-200 days ago"
    ),
    "corridors_without_second_floor_chief": (
        "every corridor of the last micro-grid, plus the last corridor of two blocks with 2+ "
        "corridors outside it (at 1/3 and 2/3 of those blocks by code: the bare and the thin "
        "corridor); cycling through: the role ended, there never was one, one is appointed "
        "from 15-45 days after today"
    ),
    "blocks_without_serving_party_member": (
        "the blocks of the last micro-grid (no active role there is held by a double-registered "
        "party member)"
    ),
    "micro_grids_without_serving_party_member": "the last micro-grid (by code)",
    "micro_grids_without_grid_worker": "none",
    "under_supported": (
        "in the bare corridor, the heads of its 2nd and 3rd households (aged 80+, alone, no "
        "family doctor, no active pairing): FEW_HELPERS and FEW_KINDS, and the second also "
        f"NO_RECENT_CONTACT (no visit in the last 20 days); 3 more vulnerable elders (80+ and "
        f"alone when there are enough, spread evenly by resident_id, outside the bare and thin "
        f"corridors) with NO_RECENT_CONTACT only: no visit in the last {RECENT_VISIT_DAYS} days "
        "(none in the last 20)"
    ),
    "overloaded_helpers": (
        f"the first two volunteers by person_id, with 7 and 8 active pairings (capacity "
        f"{VOLUNTEER_CAPACITY}); none in a community with fewer than 60 other vulnerable elders"
    ),
    "single_points_of_failure": (
        "the first floor chief of the thin corridor and the grid worker of its micro-grid, each "
        "for the head of the thin corridor's 2nd household (aged 80+, alone, no family doctor, "
        "no pairing; both visited in the last 10 days)"
    ),
}
UNDER_SUPPORTED_REASONS = ("FEW_HELPERS", "FEW_KINDS", "NO_RECENT_CONTACT")


@dataclass(frozen=True)
class PlantedGaps:
    """The gaps planted in one generated roster, by code or id (sorted), in the analysis' terms."""

    corridors_without_first_floor_chief: tuple[str, ...]
    corridors_without_second_floor_chief: tuple[str, ...]
    blocks_without_serving_party_member: tuple[str, ...]
    micro_grids_without_serving_party_member: tuple[str, ...]
    under_supported: tuple[tuple[str, tuple[str, ...]], ...]  # (resident_id, reason codes)
    overloaded_helpers: tuple[tuple[str, int], ...]  # (person_id, vulnerable elders helped)
    single_points_of_failure: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (person, elders)
    micro_grids_without_grid_worker: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {
            "corridors_without_first_floor_chief": self.corridors_without_first_floor_chief,
            "corridors_without_second_floor_chief": self.corridors_without_second_floor_chief,
            "blocks_without_serving_party_member": self.blocks_without_serving_party_member,
            "micro_grids_without_serving_party_member": (
                self.micro_grids_without_serving_party_member
            ),
            "micro_grids_without_grid_worker": self.micro_grids_without_grid_worker,
            "under_supported": dict(self.under_supported),
            "overloaded_helpers": dict(self.overloaded_helpers),
            "single_points_of_failure": dict(self.single_points_of_failure),
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
    places = _places(grid)
    people, grid_workers = _people(rng, corridors, households)
    residents = _residents(rng, corridors, rooms, people, places, today)
    plan = _plan(grid, residents, people, today)
    com = _Community(corridors, residents, today)
    roles = _roles(rng, com, plan, grid_workers)
    helpers = _helpers(rng, com, plan, people, roles)
    visits = _visits(rng, com, plan, roles, helpers, people)
    return Roster(COMMUNITY, grid, residents, people, roles, helpers, visits)


def planted_gaps(roster: Roster, *, today: date | None = None) -> PlantedGaps:
    """The gaps :func:`generate` planted in ``roster`` (pass the same ``today``)."""
    today = today or date.today()
    plan = _plan(roster.grid, roster.residents, roster.people, today)
    return plan.gaps(roster.roles, today)


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
# (cumulative share, youngest, oldest): about one elder in six is 80+; those alone are older.
_ELDER_AGES = ((0.54, 60, 69), (0.82, 70, 79), (0.97, 80, 89), (1.0, 90, 99))
_ALONE_AGES = ((0.28, 60, 69), (0.62, 70, 79), (0.92, 80, 89), (1.0, 90, 99))
# (assisted, dependent) by decade of age from 60.
_MOBILITY = ((0.02, 0.005), (0.05, 0.015), (0.20, 0.08), (0.33, 0.20))
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


@dataclass
class _Person:
    """One resident drawn, before they get an id, a phone number and a doctor."""

    relation: str
    years: int
    gender: str
    name: str
    mobility: str
    tags: tuple[str, ...]
    smartphone: bool | None
    party: str
    has_phone: bool

    @property
    def vulnerable(self) -> bool:
        return self.years >= 60 and (bool(self.tags) or self.mobility != "independent")


@dataclass
class _Household:
    people: list[_Person]
    pinned: bool = False  # stays in its corridor: the first household, and planted elders

    @property
    def vulnerable(self) -> int:
        return sum(p.vulnerable for p in self.people)


def _household(rng: random.Random, today: date, members: list[_Member]) -> list[_Person]:
    alone = len(members) == 1
    people = []
    for relation, years, gender, surname in members:
        mobility = _mobility(rng, years)
        people.append(
            _Person(
                relation=relation,
                years=years,
                gender=gender,
                name=_name(rng, surname, gender, today.year - years),
                mobility=mobility,
                tags=_tags(rng, years, alone, mobility),
                smartphone=_smartphone(rng, years),
                party=_party(rng, years),
                has_phone=years >= 14 and (years < 85 or rng.random() < 0.7),
            )
        )
    return people


def _draft(
    rng: random.Random,
    corridors: list[_Corridor],
    places: _Places,
    forced: dict[str, int],  # corridor -> planted elders, alone in its 2nd (and 3rd) homes
    today: date,
) -> list[list[_Household]]:
    kinds = [k for k, _ in _HOUSEHOLD_KINDS]
    weights = [w for _, w in _HOUSEHOLD_KINDS]
    drafts: list[list[_Household]] = []
    for c in corridors:
        homes: list[_Household] = []
        for k in range(c.households):
            if 1 <= k <= forced.get(c.code, 0):
                members = [("head", rng.randint(80, 95), _gender(rng, 0.65), _surname(rng))]
            else:
                # The first household of a corridor is a working family, so every corridor has
                # an in-service adult who can be its double-registered second floor chief.
                kind = rng.choice(_FAMILY_KINDS) if k == 0 else rng.choices(kinds, weights)[0]
                members = _members(rng, kind)
            pinned = k <= forced.get(c.code, 0)
            homes.append(_Household(_household(rng, today, members), pinned))
        drafts.append(homes)
    return drafts


def _rebalance(drafts: list[list[_Household]], cap: int) -> None:
    """Swap whole households between corridors until none holds more than ``cap`` vulnerable
    elders: a floor chief follows every vulnerable elder of the corridor, and the analysis'
    default floor-chief capacity is ``cap``. Moving whole households keeps every statistic."""
    counts = [sum(h.vulnerable for h in homes) for homes in drafts]
    for x, homes in enumerate(drafts):
        while counts[x] > cap:
            movable = [i for i, h in enumerate(homes) if not h.pinned and h.vulnerable]
            i = min(movable, key=lambda i: (homes[i].vulnerable, i))
            v = homes[i].vulnerable
            room = [
                y
                for y, other in enumerate(drafts)
                if y != x
                and counts[y] + v <= cap
                and any(not h.pinned and not h.vulnerable for h in other)
            ]
            if not room:
                raise RuntimeError("too many vulnerable elders for the corridors' floor chiefs")
            y = min(room, key=lambda y: (counts[y], abs(y - x)))
            j = next(j for j, h in enumerate(drafts[y]) if not h.pinned and not h.vulnerable)
            homes[i], drafts[y][j] = drafts[y][j], homes[i]
            counts[x] -= v
            counts[y] += v


def _residents(
    rng: random.Random,
    corridors: list[_Corridor],
    rooms: dict[str, list[str]],
    people: list[PersonRow],
    places: _Places,
    today: date,
) -> list[ResidentRow]:
    forced = {places.bare: 2, places.thin: 1}
    drafts = _draft(rng, corridors, places, forced, today)
    _rebalance(drafts, FLOOR_CHIEF_CAPACITY)
    doctors = _Doctors(people, list(dict.fromkeys(c.micro_grid for c in corridors)))
    width = max(5, len(str(sum(c.households for c in corridors))))
    residents: list[ResidentRow] = []
    phones = 0
    household_no = 0
    for c, homes in zip(corridors, drafts, strict=True):
        for k, (room, home) in enumerate(zip(rooms[c.code], homes, strict=True)):
            household_no += 1
            for n, p in enumerate(home.people):
                phone = ""
                if p.has_phone:
                    phones += 1
                    phone = str(_RESIDENT_PHONES + phones)
                doctor = ""
                planted = 1 <= k <= forced.get(c.code, 0)
                if c.code in places.second and p.years >= 60 and not planted:
                    # One floor chief at most follows this corridor's elders, and may be the one
                    # they live with: each has a family doctor as well.
                    doctor = doctors.contract(c.micro_grid)
                elif _contracts(rng, p.years, p.vulnerable) and not planted:
                    doctor = doctors.contract(c.micro_grid)
                residents.append(
                    ResidentRow(
                        resident_id=f"R{len(residents) + 1:0{width + 1}d}",
                        name=p.name,
                        gender=p.gender,
                        birth_year=today.year - p.years,
                        household_id=f"H{household_no:0{width}d}",
                        relation=p.relation,
                        corridor=c.code,
                        room=room,
                        phone=phone,
                        mobility=p.mobility,
                        smartphone=p.smartphone,
                        tags=p.tags,
                        party="double" if k == n == 0 else p.party,
                        family_doctor=doctor,
                    )
                )
    return residents


# --- the planted gaps -------------------------------------------------------------------------

_NO_CONTACT = 3  # well-helped elders nobody visited lately
_OVERLOAD = (7, 8)  # active pairings of the first two volunteers


@dataclass(frozen=True)
class _Places:
    """Where the area gaps are: rules on the grid's codes only."""

    gap_micro: str
    gap_blocks: tuple[str, ...]
    second: tuple[str, ...]  # corridors without a second floor chief (sorted)
    bare: str  # no first floor chief either ("" in a grid too small for one)
    thin: str  # where the elder with two helpers lives ("" when the grid is too small)
    micro_of: dict[str, str] = field(default_factory=dict)  # corridor -> micro-grid


def _places(grid: list[GridRow]) -> _Places:
    micro_of: dict[str, str] = {}
    corridors_of: dict[str, list[str]] = {}
    for g in grid:
        micro_of[g.block] = g.micro_grid
        block_corridors = corridors_of.setdefault(g.block, [])
        if g.corridor not in block_corridors:
            block_corridors.append(g.corridor)
    gap_micro = max(micro_of.values())
    blocks = sorted(corridors_of)
    gap_blocks = tuple(b for b in blocks if micro_of[b] == gap_micro)
    wide = [b for b in blocks if micro_of[b] != gap_micro and len(corridors_of[b]) >= 2]
    picks = [
        max(corridors_of[wide[i]]) for i in dict.fromkeys((len(wide) // 3, 2 * len(wide) // 3))
    ]
    second = [c for b in gap_blocks for c in corridors_of[b]] + picks
    return _Places(
        gap_micro=gap_micro,
        gap_blocks=gap_blocks,
        second=tuple(sorted(second)),
        bare=picks[0] if picks else "",
        thin=picks[1] if len(picks) > 1 else "",
        micro_of={g.corridor: g.micro_grid for g in grid},
    )


@dataclass(frozen=True)
class _Plan:
    """Which places and people get a gap: rules on codes and ids only, no randomness."""

    places: _Places
    seen: str  # alone, only the grid worker, visited
    unseen: str  # alone, only the grid worker, not visited
    thin: str  # alone, the first floor chief and the grid worker
    no_contact: tuple[str, ...]
    overloaded: tuple[tuple[str, int], ...]

    @property
    def isolated(self) -> set[str]:
        """Planted elders nobody is paired with."""
        return {e for e in (self.seen, self.unseen, self.thin) if e}

    def gaps(self, roles: list[RoleRow], today: date) -> PlantedGaps:
        under: dict[str, tuple[str, ...]] = {e: ("NO_RECENT_CONTACT",) for e in self.no_contact}
        if self.seen:
            under[self.seen] = ("FEW_HELPERS", "FEW_KINDS")
        if self.unseen:
            under[self.unseen] = UNDER_SUPPORTED_REASONS
        spofs: list[tuple[str, tuple[str, ...]]] = []
        if self.thin:
            corridor, micro = self.places.thin, self.places.micro_of[self.places.thin]
            for role in roles:
                if _active(role.since, role.until, today) and (role.role, role.scope) in (
                    ("first_floor_chief", corridor),
                    ("grid_worker", micro),
                ):
                    spofs.append((role.person_id, (self.thin,)))
        p = self.places
        return PlantedGaps(
            corridors_without_first_floor_chief=(p.bare,) if p.bare else (),
            corridors_without_second_floor_chief=p.second,
            blocks_without_serving_party_member=p.gap_blocks,
            micro_grids_without_serving_party_member=(p.gap_micro,),
            under_supported=tuple(sorted(under.items())),
            overloaded_helpers=self.overloaded,
            single_points_of_failure=tuple(sorted(spofs)),
        )


def _heads(residents: list[ResidentRow], corridor: str) -> list[ResidentRow]:
    """The first member of each household of ``corridor``, in household order."""
    heads: dict[str, ResidentRow] = {}
    for r in residents:
        if r.corridor == corridor:
            heads.setdefault(r.household_id, r)
    return [heads[h] for h in sorted(heads)]


def _plan(
    grid: list[GridRow], residents: list[ResidentRow], people: list[PersonRow], today: date
) -> _Plan:
    places = _places(grid)
    bare = _heads(residents, places.bare) if places.bare else []
    thin = _heads(residents, places.thin) if places.thin else []
    special = {places.bare, places.thin}
    vulnerable = sorted(
        r.resident_id for r in residents if is_vulnerable(r, today) and r.corridor not in special
    )
    alone_80 = {
        r.resident_id
        for r in residents
        if age(r, today) >= 80 and "独居" in r.tags and r.resident_id in vulnerable
    }
    pool = [v for v in vulnerable if v in alone_80]
    if len(pool) < _NO_CONTACT:  # a small community: any vulnerable elder will do
        pool += [v for v in vulnerable if v not in alone_80]
    n = min(_NO_CONTACT, len(pool))
    no_contact = tuple(sorted(pool[(2 * i + 1) * len(pool) // (2 * n)] for i in range(n)))
    volunteers = sorted(p.person_id for p in people if p.kind == "volunteer")
    enough = len(vulnerable) >= 4 * sum(_OVERLOAD) and len(volunteers) > 2
    return _Plan(
        places=places,
        seen=bare[1].resident_id if len(bare) > 2 else "",
        unseen=bare[2].resident_id if len(bare) > 2 else "",
        thin=thin[1].resident_id if len(thin) > 1 else "",
        no_contact=no_contact,
        overloaded=tuple(zip(volunteers, _OVERLOAD, strict=False)) if enough else (),
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
        self.in_household: dict[str, list[ResidentRow]] = {}
        # Residents able to help others, by corridor, by block (party members) and by surname.
        self.fit_in_corridor: dict[str, list[ResidentRow]] = {c.code: [] for c in corridors}
        self.party_in_block: dict[str, list[ResidentRow]] = {c.block: [] for c in corridors}
        self.fit_by_surname: dict[str, list[ResidentRow]] = {}
        for r in residents:
            block = self.block_of[r.corridor]
            self.in_corridor[r.corridor].append(r)
            self.in_block[block].append(r)
            self.in_household.setdefault(r.household_id, []).append(r)
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
    rng: random.Random, com: _Community, plan: _Plan, workers: list[_GridWorkers]
) -> list[RoleRow]:
    today = com.today
    first_gaps = (plan.places.bare,)
    second_gaps = plan.places.second
    roles: list[RoleRow] = []
    for c in com.corridors:
        members = com.in_corridor[c.code]
        first_gap = "ended" if c.code in first_gaps else ""
        # The two chiefs live apart: an elder at home with both would lose both at once.
        homes = {r.household_id for r in members if r.party == "double"}
        firsts = _first_chief_pool(
            rng, com, [r for r in members if r.household_id not in homes]
        ) or _first_chief_pool(rng, com, members)
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

    def __init__(
        self, rng: random.Random, com: _Community, volunteers: list[str], chiefs: dict[str, str]
    ) -> None:
        self.rng = rng
        self.com = com
        self.open_volunteers = list(volunteers)
        self.load: dict[str, int] = {}
        self.of: dict[str, list[tuple[str, str]]] = {}  # elder -> active (helper, kind)
        self.rows: list[HelperRow] = []
        self.chiefs = chiefs  # active floor chief -> the corridor they serve

    def add(self, helper: str, elder: ResidentRow, kind: str) -> None:
        since = self.com.today - _days(self.rng.randint(61, 1500))
        self.rows.append(HelperRow(helper, elder.resident_id, kind, since))
        self.load[helper] = self.load.get(helper, 0) + 1
        self.of.setdefault(elder.resident_id, []).append((helper, kind))

    def ended(self, helper: str, elder: ResidentRow, kind: str) -> None:
        since = self.com.today - _days(self.rng.randint(400, 1500))
        until = self.com.today - _days(self.rng.randint(30, 360))
        self.rows.append(HelperRow(helper, elder.resident_id, kind, since, until))

    def named(self, elder: ResidentRow) -> list[tuple[str, str]]:
        """The elder's pairings with people who are not already their floor chiefs."""
        return [
            (h, k)
            for h, k in self.of.get(elder.resident_id, ())
            if self.chiefs.get(h) != elder.corridor
        ]

    def enough(self, elder: ResidentRow, target: int) -> bool:
        named = self.named(elder)
        return len(named) >= target and len({k for _, k in named}) >= 2

    def can_help(self, helper: ResidentRow, elder: ResidentRow) -> bool:
        # A floor chief already follows every vulnerable elder of their corridor, up to the
        # floor-chief capacity: they are paired only with elders of that corridor.
        chief_of = self.chiefs.get(helper.resident_id)
        return (
            helper.household_id != elder.household_id
            and self.load.get(helper.resident_id, 0) < RESIDENT_HELPER_LIMIT
            and helper.resident_id not in {h for h, _ in self.of.get(elder.resident_id, ())}
            and chief_of in (None, elder.corridor)
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
            fits = [
                r
                for r in com.in_corridor[elder.corridor]
                if self.chiefs.get(r.resident_id) == elder.corridor
            ]
            return self.pick(fits, elder)
        if not self.open_volunteers:
            return None
        volunteer = self.rng.choice(self.open_volunteers)
        if volunteer in {h for h, _ in self.of.get(elder.resident_id, ())}:
            return None
        if self.load.get(volunteer, 0) + 1 >= VOLUNTEER_CAPACITY:
            self.open_volunteers.remove(volunteer)
        return volunteer

    def fallback(self, elder: ResidentRow) -> tuple[str, str] | None:
        # Exhaustive, so every vulnerable elder outside the planted gaps ends up with two named
        # helpers of two kinds (the floor chiefs and the grid worker come on top of those).
        com, used = self.com, {k for _, k in self.named(elder)}
        block = com.block_of[elder.corridor]
        micro = com.micro_of[elder.corridor]
        pools = (
            ("neighbour", com.fit_in_corridor[elder.corridor]),
            ("other", [r for r in com.in_block[block] if com.fit(r)]),
            ("other", [r for r in com.residents if com.micro_of[r.corridor] == micro]),
        )
        for kind, pool in pools:
            if len(used) < 2 and kind in used:
                continue
            for r in pool:
                if (
                    com.fit(r)
                    and self.can_help(r, elder)
                    and self.chiefs.get(r.resident_id) is None
                ):
                    return r.resident_id, kind
        return None


def _helpers(
    rng: random.Random,
    com: _Community,
    plan: _Plan,
    people: list[PersonRow],
    roles: list[RoleRow],
) -> list[HelperRow]:
    overloaded = dict(plan.overloaded)
    volunteers = [p.person_id for p in people if p.kind == "volunteer"]
    chiefs = {
        role.person_id: role.scope
        for role in roles
        if role.role in ("first_floor_chief", "second_floor_chief")
        and _active(role.since, role.until, com.today)
    }
    pairing = _Pairing(rng, com, [v for v in volunteers if v not in overloaded], chiefs)
    eligible = [r for r in com.vulnerable if r.resident_id not in plan.isolated]
    chosen = rng.sample(eligible, sum(overloaded.values()))
    for volunteer, count in overloaded.items():
        for elder in chosen[:count]:
            pairing.add(volunteer, elder, "volunteer")
        del chosen[:count]
        # An ended pairing besides: it must not count towards the load.
        former = next(
            e
            for e in eligible
            if volunteer not in {h for h, _ in pairing.of.get(e.resident_id, ())}
        )
        pairing.ended(volunteer, former, "volunteer")
    for elder in eligible:
        target = 2 if rng.random() < 0.7 else 3
        for _ in range(12):
            if pairing.enough(elder, target):
                break
            kind = rng.choices(_HELPER_KINDS, _HELPER_WEIGHTS)[0]
            helper = pairing.find(kind, elder)
            if helper:
                pairing.add(helper, elder, kind)
        while not pairing.enough(elder, 2):
            found = pairing.fallback(elder)
            if found is None:
                raise RuntimeError(f"no second helper for {elder.resident_id}")
            pairing.add(found[0], elder, found[1])
        if rng.random() < 0.12:  # an earlier helper who moved away or stopped
            _ended_pairing(rng, com, pairing, elder, volunteers)
    if plan.unseen:  # a planted elder whose only named helper stopped: still a gap today
        elder = next(r for r in com.vulnerable if r.resident_id == plan.unseen)
        pairing.ended(rng.choice(volunteers), elder, "volunteer")
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
    plan: _Plan,
    roles: list[RoleRow],
    helpers: list[HelperRow],
    people: list[PersonRow],
) -> list[VisitRow]:
    today = com.today
    unvisited = {plan.unseen, *plan.no_contact}
    doctors = {p.person_id for p in people if p.kind == "doctor"}
    roles_in: dict[str, list[RoleRow]] = {}
    for role in roles:
        roles_in.setdefault(role.scope, []).append(role)
    helpers_of: dict[str, list[HelperRow]] = {}
    for h in helpers:
        helpers_of.setdefault(h.resident_id, []).append(h)

    def candidates(r: ResidentRow, on: date) -> list[str]:
        # The resident's helpers on that day: pairings, floor chiefs, grid worker, doctor.
        terms = [
            *helpers_of.get(r.resident_id, ()),
            *roles_in.get(r.corridor, ()),
            *roles_in.get(com.micro_of[r.corridor], ()),
        ]
        found = [
            t.person_id if isinstance(t, RoleRow) else t.helper_id
            for t in terms
            if _active(t.since, t.until, on)
        ]
        if r.family_doctor:
            found.append(r.family_doctor)
        # Not someone at home: a visit is news from outside, and the one person an elder lives
        # with must not be their only recent contact (their leaving would then leave two gaps).
        home = {x.resident_id for x in com.in_household[r.household_id]}
        return list(dict.fromkeys(c for c in found if c not in home))

    visits: dict[tuple[date, str, str], VisitRow] = {}

    def visit(r: ResidentRow, days_ago: int, visitor: str) -> None:
        on = today - _days(days_ago)
        mode = _mode(rng, visitor in doctors, r)
        visits[(on, visitor, r.resident_id)] = VisitRow(
            on, visitor, r.resident_id, mode, rng.choice(_NOTES)
        )

    for r in com.residents:
        if com.age(r) < 60:
            continue
        if r.resident_id in unvisited:
            if rng.random() < 0.5:
                day = rng.randint(21, 59)
                visit(r, day, rng.choice(candidates(r, today - _days(day))))
            continue
        around = candidates(r, today)
        # Two different helpers in the last 10 days for every vulnerable elder (one for the
        # others), so that nobody's contact hangs on a single person.
        recent = 2 if is_vulnerable(r, today) and len(around) > 1 else 1
        for visitor in rng.sample(around, recent):
            visit(r, rng.randint(0, 10), visitor)
        extra = rng.choice((0, 1, 1, 2, 2, 3)) if is_vulnerable(r, today) else rng.random() < 0.25
        for _ in range(int(extra)):
            day = rng.randint(0, 59)
            visit(r, day, rng.choice(candidates(r, today - _days(day))))
    return sorted(visits.values(), key=lambda v: (v.date, v.resident_id, v.visitor_id))


def _mode(rng: random.Random, doctor: bool, r: ResidentRow) -> str:
    if doctor:
        return rng.choice(("home", "phone"))
    if r.smartphone:
        return rng.choices(("home", "phone", "wechat"), (6, 3, 2))[0]
    return rng.choices(("home", "phone"), (65, 35))[0]
