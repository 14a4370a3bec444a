"""Who lives together: names, the make-up of each household (kinds, ages, relations) and each
member's traits (mobility, tags, smartphone, party membership), drafted corridor by corridor,
then rebalanced so that no corridor holds more vulnerable elders than its floor chief follows."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from seeds.demo.layout import Corridor, GapPlaces

__all__ = ["draft_households", "draw_name", "draw_surname", "rebalance"]


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


def draw_surname(rng: random.Random) -> str:
    pool = _SURNAMES[:_SHANGHAI_SURNAMES] if rng.random() < 0.5 else _SURNAMES
    return rng.choice(pool)


def draw_name(rng: random.Random, surname: str, gender: str, birth_year: int) -> str:
    generation = "old" if birth_year < 1965 else "mid" if birth_year < 1990 else "young"
    chars = _GIVEN[(generation, gender)]
    given = rng.choice(chars) if rng.random() < 0.3 else rng.choice(chars) + rng.choice(chars)
    return surname + given


# --- households -----------------------------------------------------------------------------

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
    head = ("head", head_age, gender, draw_surname(rng))
    spouse = ("spouse", spouse_age, _other(gender), draw_surname(rng))
    family = head[3] if gender == "male" else spouse[3]
    return [head, spouse], family


def _child(rng: random.Random, parent_age: int, family: str, gap: tuple[int, int]) -> _Member:
    return ("child", max(0, parent_age - rng.randint(*gap)), _gender(rng), family)


def _members(rng: random.Random, kind: str) -> list[_Member]:
    if kind == "elder_alone":
        return [("head", _elder_age(rng, _ALONE_AGES), _gender(rng, 0.65), draw_surname(rng))]
    if kind == "single":
        return [("head", rng.randint(22, 59), _gender(rng), draw_surname(rng))]
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
            (
                "parent",
                min(99, max(55, father_age + rng.randint(-4, 3))),
                "female",
                draw_surname(rng),
            )
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
                name=draw_name(rng, surname, gender, today.year - years),
                mobility=mobility,
                tags=_tags(rng, years, alone, mobility),
                smartphone=_smartphone(rng, years),
                party=_party(rng, years),
                has_phone=years >= 14 and (years < 85 or rng.random() < 0.7),
            )
        )
    return people


def draft_households(
    rng: random.Random,
    corridors: list[Corridor],
    places: GapPlaces,
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
                members = [("head", rng.randint(80, 95), _gender(rng, 0.65), draw_surname(rng))]
            else:
                # The first household of a corridor is a working family, so every corridor has
                # an in-service adult who can be its double-registered second floor chief.
                kind = rng.choice(_FAMILY_KINDS) if k == 0 else rng.choices(kinds, weights)[0]
                members = _members(rng, kind)
            pinned = k <= forced.get(c.code, 0)
            homes.append(_Household(_household(rng, today, members), pinned))
        drafts.append(homes)
    return drafts


def rebalance(drafts: list[list[_Household]], cap: int) -> None:
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
