"""The model's words in Chinese and English, and how a date reads in each.

Values are the canonical English codes of :mod:`graph.vocabulary` and of the analyses (support
kinds, capacity sources, proximity ranks); an unknown value reads as itself (a roster's own
pairing kind, say).
"""

from __future__ import annotations

from datetime import date
from typing import Literal

__all__ = ["LANGUAGES", "Language", "day", "join", "language_of", "word"]

Language = Literal["zh", "en"]
LANGUAGES: tuple[Language, ...] = ("zh", "en")

# category -> value -> (zh, en)
WORDS: dict[str, dict[str, tuple[str, str]]] = {
    "kind": {
        "family": ("家人", "family"),
        "neighbour": ("邻居", "neighbour"),
        "floor_chief": ("楼组长", "floor chief"),
        "party_member": ("党员", "party member"),
        "grid_staff": ("网格员", "grid staff"),
        "doctor": ("家庭医生", "family doctor"),
        "volunteer": ("志愿者", "volunteer"),
        "other": ("其他", "other"),
    },
    "role": {
        "first_floor_chief": ("第一楼组长", "first floor chief"),
        "second_floor_chief": ("第二楼组长", "second floor chief"),
        "grid_worker": ("网格员", "grid worker"),
        "block_leader": ("块长", "block leader"),
    },
    "level": {
        "district": ("区", "district"),
        "street": ("街道", "street"),
        "community": ("社区", "community"),
        "residential_area": ("小区", "residential area"),
        "micro_grid": ("微网格", "micro-grid"),
        "block": ("楼栋", "block"),
        "corridor": ("楼道", "corridor"),
    },
    "mobility": {
        "independent": ("自理", "independent"),
        "assisted": ("半自理", "assisted"),
        "dependent": ("失能", "dependent"),
    },
    "source": {
        "roster": ("花名册所填", "from the roster"),
        "volunteer default": ("志愿者默认值", "volunteer default"),
        "floor chief default": ("楼组长默认值", "floor chief default"),
    },
    "proximity": {
        "1": ("同一楼道", "same corridor"),
        "2": ("同一楼栋", "same block"),
        "3": ("同一微网格", "same micro-grid"),
        "4": ("其他地方", "elsewhere"),
    },
    # a proposed emergency responder (graph/analysis/responders.py)
    "nearness": {
        "corridor": ("同一楼道", "same corridor"),
        "building": ("同一楼栋", "same building"),
        "block": ("同一责任块", "same block"),
        "micro_grid": ("同一微网格", "same micro-grid"),
        "elsewhere": ("其他地方", "elsewhere"),
    },
}


_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def word(category: str, value: str, language: Language) -> str:
    """``value`` of ``category`` in ``language`` (itself when the catalogue has no word)."""
    found = WORDS.get(category, {}).get(value)
    if found is None:
        return value.replace("_", " ")
    return found[0] if language == "zh" else found[1]


def day(value: date, language: Language) -> str:
    """2026年11月1日 in Chinese; 1 November 2026 in English."""
    if language == "zh":
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def join(items: list[str], language: Language) -> str:
    return ("、" if language == "zh" else ", ").join(items)


def language_of(accept: str | None, default: Language = "zh") -> Language:
    """The reader's language from an ``Accept-Language`` header (``en-GB,en;q=0.9,zh;q=0.5``
    reads English): the most preferred of Chinese and English, else ``default``."""
    ranked: list[tuple[float, int, Language]] = []
    for i, part in enumerate((accept or "").split(",")):
        tag, _, rest = part.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        if primary not in LANGUAGES:
            continue
        q = 1.0
        if rest.strip().startswith("q="):
            try:
                q = float(rest.strip()[2:])
            except ValueError:
                continue
        if q > 0:
            ranked.append((-q, i, "zh" if primary == "zh" else "en"))
    return min(ranked)[2] if ranked else default
