"""Synthetic streets and districts: many demo communities in one deployment.

A street is ``communities`` estates of different sizes (600 to 2,000 households, so different
housing mixes and planted gaps), each its own roster with its own committee's codes. Their local
codes overlap on purpose: every community but Qingsong numbers its grid ``P1``, ``MG1``,
``B01-C1`` and its residents ``R0001``…, as committees do. The street's family doctors (the
health centre's, ``XY/D01``) are shared: each community's roster lists the doctors its residents
have signed with, written with the street's code, identical in every roster that names them.

A district is ``streets`` such streets. The same arguments give the same rosters, byte for byte
once written.

Example::

    >>> rosters = street(communities=2, seed=3, today=date(2026, 11, 1))
    >>> [r.community for r in rosters], rosters[1].grid[0].corridor
    (['XY01', 'XY02'], 'B01-C1')
    >>> sorted({r.family_doctor for r in rosters[0].residents if r.family_doctor})[:2]
    ['XY/D01', 'XY/D02']
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

from seeds.demo.constants import DOCTOR_CAPACITY, HEALTH_ORG, PLACE
from seeds.demo.generator import generate
from seeds.rows import CommunityRow, PersonRow, Roster

__all__ = ["district", "district_street", "street"]

# Invented names for invented places (any likeness to a real committee is chance).
_COMMUNITY_NAMES = "青松 枫林 杏坛 桂苑 梅园 竹溪 荷塘 兰亭 柳岸 桃源 芦湾 菱湖 槐荫 樱桥 松涛 芳草"
_STREET_NAMES = "夏阳 盈浦 香花 赵巷 华新 重固 白鹤 练塘 金泽 朱家角"
MIN_SIZE, MAX_SIZE = 600, 2000


def _name(names: str, index: int, suffix: str) -> str:
    words = names.split()
    word = words[index % len(words)]
    return f"{word}{suffix}" if index < len(words) else f"{word}{index // len(words) + 1}{suffix}"


def _share_doctors(rosters: list[Roster], street_code: str, rng: random.Random) -> list[Roster]:
    """Replace each community's own doctors by the street's, written ``XY/D01``: doctor ``D01``
    of every community is the street's first doctor, and so on."""
    own = sorted({p.person_id for r in rosters for p in r.people if p.kind == "doctor"})
    # One doctor serves as many communities as share them: capacity grows with the street.
    capacity = DOCTOR_CAPACITY * len(rosters)
    shared = {
        pid: PersonRow(
            f"{street_code}/{pid}",
            f"{_name('张 王 李 赵 陈 刘 杨 黄 周 吴', i, '医生')}",
            "doctor",
            HEALTH_ORG,
            str(13909990000 + rng.randrange(10_000)),
            capacity,
        )
        for i, pid in enumerate(own)
    }
    out = []
    for r in rosters:
        ids = {p.person_id: shared[p.person_id].person_id for p in r.people if p.kind == "doctor"}

        def to(pid: str, ids: dict[str, str] = ids) -> str:
            return ids.get(pid, pid)

        people = [shared.get(p.person_id, p) if p.kind == "doctor" else p for p in r.people]
        residents = [replace(x, family_doctor=to(x.family_doctor)) for x in r.residents]
        visits = [replace(v, visitor_id=to(v.visitor_id)) for v in r.visits]
        helpers = [replace(h, helper_id=to(h.helper_id)) for h in r.helpers]
        roles = [replace(x, person_id=to(x.person_id)) for x in r.roles]
        out.append(
            replace(
                r, people=people, residents=residents, visits=visits, helpers=helpers, roles=roles
            )
        )
    return out


def _estate(seed: int, households: int, today: date | None, place: CommunityRow) -> Roster:
    """One community of the street. A few seeds draw more vulnerable elders into some corridors
    than the demo's floor chiefs can follow; the next seeds are tried, so the street stays the
    same for the same arguments."""
    for attempt in range(20):
        try:
            return generate(
                seed=seed + attempt, households=households, today=today, place=place, prefix=""
            )
        except RuntimeError:
            continue
    raise RuntimeError(f"no estate of {households} households for seeds {seed}..{seed + 19}")


def street(
    *,
    communities: int = 3,
    seed: int = 1,
    today: date | None = None,
    code: str = PLACE[2],
    name: str = PLACE[3],
    district: tuple[str, str] = (PLACE[4], PLACE[5]),
    sizes: list[int] | None = None,
    share_doctors: bool = True,
) -> list[Roster]:
    """The rosters of a street of ``communities`` communities, coded ``XY01``, ``XY02``…;
    with ``share_doctors=False`` each keeps doctors of its own."""
    rng = random.Random(f"street {code} {seed}")
    sizes = sizes or [rng.randint(MIN_SIZE, MAX_SIZE) for _ in range(communities)]
    rosters = []
    for k, households in enumerate(sizes):
        place = CommunityRow(
            f"{code}{k + 1:02d}",
            _name(_COMMUNITY_NAMES, k, "社区"),
            code,
            name,
            *district,
        )
        rosters.append(_estate(rng.randrange(1 << 30), households, today, place))
    return _share_doctors(rosters, code, rng) if share_doctors else rosters


def district(
    *,
    streets: int = 2,
    communities: int = 3,
    seed: int = 1,
    today: date | None = None,
    code: str = PLACE[4],
    name: str = PLACE[5],
) -> list[Roster]:
    """The rosters of a district of ``streets`` streets of ``communities`` communities each."""
    rosters: list[Roster] = []
    for m in range(streets):
        rosters += district_street(
            m, communities=communities, seed=seed, today=today, code=code, name=name
        )
    return rosters


def district_street(
    m: int,
    *,
    communities: int = 3,
    seed: int = 1,
    today: date | None = None,
    code: str = PLACE[4],
    name: str = PLACE[5],
) -> list[Roster]:
    """The ``m``-th street (from 0) of :func:`district`, alone: a large district is generated
    (and loaded) a street at a time."""
    return street(
        communities=communities,
        seed=seed * 1000 + m,
        today=today,
        code=f"{code}{m + 1:02d}",
        name=_name(_STREET_NAMES, m, "街道"),
        district=(code, name),
    )
