"""People's names as they are searched: by characters, by pinyin, by pinyin initials.

A clerk types ``wgy`` or ``wangguiying`` for 王桂英. Each name is kept with its search keys
(``Person.nameKeys``): the pinyin of the whole name and its initials, lowercase, no tones or
spaces. The reading is pypinyin's for the name in context, and, for a surname read otherwise
as a surname (单 shan, 曾 zeng, 解 xie, 尉迟 yuchi), that reading too: so 单田芳 is found by
``dtf`` and by ``stf``, while 方刚勇 is not found by ``wgy`` (every dictionary reading of every
character, as the first version kept, found far too many people).

    >>> name_keys("王桂英")
    ['wangguiying', 'wgy', '#2']

The last key, :data:`KEYS_MARK`, says which rules made the keys (it never matches what is typed:
only letters are): a load gives the community's names made by older rules their new keys.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor

from pypinyin import Style, lazy_pinyin

__all__ = ["KEYS_MARK", "MAX_KEYS", "SURNAME_READINGS", "keys_ahead", "name_keys", "search_key"]

MAX_KEYS = 8
KEYS_MARK = "#2"
_LETTERS = re.compile(r"[^a-z]")

# Surnames read otherwise than the characters' everyday reading, as 百家姓 dictionaries give
# them; compound surnames first (they are matched on the first two characters).
SURNAME_READINGS: dict[str, tuple[str, ...]] = {
    "尉迟": ("yu", "chi"), "长孙": ("zhang", "sun"), "万俟": ("mo", "qi"),
    "单": ("shan",), "曾": ("zeng",), "解": ("xie",), "朴": ("piao",), "查": ("zha",),
    "区": ("ou",), "仇": ("qiu",), "盖": ("ge",), "乐": ("yue",), "翟": ("zhai",),
    "缪": ("miao",), "召": ("shao",), "覃": ("qin",), "种": ("chong",), "秘": ("bi",),
    "华": ("hua",), "任": ("ren",), "员": ("yun",), "宿": ("su",), "折": ("she",),
    "繁": ("po",), "黑": ("he",), "重": ("chong",), "冼": ("xian",), "阚": ("kan",),
    "句": ("gou",), "能": ("nai",), "沈": ("shen",), "藏": ("zang",), "纪": ("ji",),
}  # fmt: skip


def _syllables(text: str) -> list[str]:
    found = (_LETTERS.sub("", s.lower()) for s in lazy_pinyin(text, style=Style.NORMAL))
    return [s for s in found if s]


def name_keys(name: str | None) -> list[str]:
    """The search keys of ``name``, the mark of these rules last (only the mark for a name
    without Chinese: it is found by its characters; nothing for no name)."""
    if not name:
        return []
    if not re.search(r"[\u3400-\u9fff]", name):
        return [KEYS_MARK]
    readings = [_syllables(name)]
    for surname, reading in SURNAME_READINGS.items():
        if name.startswith(surname):
            readings.append([*reading, *_syllables(name[len(surname) :])])
            break
    keys: list[str] = []
    for syllables in readings:
        for key in ("".join(syllables), "".join(s[0] for s in syllables)):
            if key and key not in keys:
                keys.append(key)
    return [*keys[: MAX_KEYS - 1], KEYS_MARK]


def keys_ahead(names: Iterable[str | None]) -> Callable[[str | None], list[str]]:
    """:func:`name_keys` of ``names``, made in a thread from now on; the function returned gives
    a name's keys once they are made (any other name's at once, in the caller's thread).

    Why: pypinyin takes 30–60 µs a name (3–6 s for a street's 100k residents), and a load that knows
    the names it will write early can have them made while Neo4j runs the writes before them
    (the thread runs while the load waits on Neo4j's answers)."""
    wanted = list(dict.fromkeys(n for n in names if n))
    pool = ThreadPoolExecutor(1, thread_name_prefix="name-keys")
    made = pool.submit(lambda: {n: name_keys(n) for n in wanted})
    pool.shutdown(wait=False)

    def keys(name: str | None) -> list[str]:
        found = made.result().get(name) if name else None
        return found if found is not None else name_keys(name)

    return keys


def search_key(text: str) -> str | None:
    """What typed ``text`` is matched against the keys with: its letters, lowercase; None when
    it holds anything but Latin letters and spaces (then it is matched against names)."""
    if not text or not re.fullmatch(r"[A-Za-z ]+", text):
        return None
    return text.replace(" ", "").lower() or None
