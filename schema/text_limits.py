"""Every text argument of every root field is within its length and holds no control character.

Checked before the resolver runs, on the arguments as strawberry built them (input objects and
lists included), with the limits of :data:`graph.vocabulary.TEXT_LIMITS` (the roster's, so a
name the API accepts is one a roster may hold, and the reverse). A value over the limit or
holding a control character (NUL, an ANSI escape, a bidi override), or an empty id, is
``BAD_USER_INPUT`` naming the field: it never reaches Neo4j, whose index would refuse a very
long key with an error the client could not act on.

Example: ``upsertPerson(input: {id: "V9", name: "<a 100,000-character name>", …})`` →
``BAD_USER_INPUT``, "name is longer than 50 characters".
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

from strawberry.types import Info

from graph.vocabulary import TAG_LIMIT, text_limit, unsafe_character
from schema.errors import BadInput
from schema.permissions import FieldCheck

__all__ = ["TextLimits", "text_problem"]


def _texts(name: str, value: Any) -> Iterator[tuple[str, str]]:
    """(field name, text) for every string in an argument, however deeply nested."""
    if isinstance(value, str):
        yield name, value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _texts("tag" if name == "tags" else name, item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _texts(f.name, getattr(value, f.name))


def _is_id(name: str) -> bool:
    return name in ("id", "ids") or name.endswith(("_id", "_ids"))


def text_problem(arguments: dict[str, Any]) -> tuple[str, str] | None:
    """What is wrong with the first bad text among ``arguments``, in English and Chinese."""
    for name, text in (pair for key, v in arguments.items() for pair in _texts(key, v)):
        if not text.strip() and _is_id(name):
            return f"{name} may not be empty.", f"{name} 不能为空。"
        limit = TAG_LIMIT if name == "tag" else text_limit(name)
        if len(text) > limit:
            return f"{name} is longer than {limit} characters.", f"{name} 超过 {limit} 个字符。"
        if (bad := unsafe_character(text, key=name)) is not None:
            return (
                f"{name} holds a control character ({bad}).",
                f"{name} 含有不可见的控制字符（{bad}）。",
            )
    return None


class TextLimits(FieldCheck):
    """On every root field (``schema.api.guard_root_fields`` puts it there)."""

    def check(self, source: Any, info: Info, arguments: dict[str, Any]) -> None:
        if (problem := text_problem(arguments)) is not None:
            raise BadInput(*problem)
