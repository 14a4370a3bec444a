"""People's names as they are searched: by characters, by pinyin, by pinyin initials.

A clerk types ``wgy`` or ``wangguiying`` for 王桂英. Each name is kept with its search keys
(``Person.nameKeys``): the pinyin of the whole name and its initials, lowercase, no tones or
spaces, for every reading of a character that has several (单 is dan or shan as a surname, 曾
zeng or ceng), up to :data:`MAX_KEYS`. Readings come from pypinyin's dictionary.

    >>> name_keys("王桂英")
    ['wangguiying', 'wgy']
"""

from __future__ import annotations

import itertools
import re

from pypinyin import Style, pinyin

__all__ = ["MAX_KEYS", "name_keys", "search_key"]

MAX_KEYS = 16
_LETTERS = re.compile(r"[^a-z]")


def name_keys(name: str | None) -> list[str]:
    """The search keys of ``name`` (empty for no name, or one without Chinese or Latin)."""
    if not name:
        return []
    readings = [
        [_LETTERS.sub("", r.lower()) for r in options][:4]
        for options in pinyin(name, style=Style.NORMAL, heteronym=True, errors="ignore")
    ]
    readings = [[r for r in options if r] for options in readings]
    readings = [options for options in readings if options]
    keys: list[str] = []
    for combo in itertools.islice(itertools.product(*readings), MAX_KEYS // 2):
        for key in ("".join(combo), "".join(r[0] for r in combo)):
            if key and key not in keys:
                keys.append(key)
    return keys


def search_key(text: str) -> str | None:
    """What typed ``text`` is matched against the keys with: its letters, lowercase; None when
    it holds anything but Latin letters and spaces (then it is matched against names)."""
    if not text or not re.fullmatch(r"[A-Za-z ]+", text):
        return None
    return text.replace(" ", "").lower() or None
