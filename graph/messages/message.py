"""An explanation as data: a code and its parameters, rendered only where it is read.

``graph/`` never words an explanation: it returns a :class:`Message` (``FEW_HELPERS`` with
``count=1, least=2``), and :func:`graph.messages.render` words it in Chinese or English from the
one catalogue (:mod:`graph.messages.catalogue`). People and places are :class:`Ref` (id and
name) so that the reader sees 王桂英（R0001）, and an API can still rewrite the id into the
caller's form; dates are :class:`datetime.date` (2026年11月1日 in Chinese).

Example::

    Message.of("FEW_HELPERS", count=1, least=2)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

__all__ = ["Message", "Ref", "Value"]


class Ref(NamedTuple):
    """A person or a place as a message names it: its id or code, and its name ("" unknown)."""

    id: str
    name: str = ""


Value = str | int | bool | date | Ref | tuple[str, ...] | None


@dataclass(frozen=True)
class Message:
    """One explanation: a catalogue code and its parameters (hashable, so reports stay keys)."""

    code: str
    params: tuple[tuple[str, Value], ...] = ()

    @classmethod
    def of(cls, code: str, **params: Value) -> Message:
        return cls(code, tuple((k, v) for k, v in params.items() if v is not None))

    def get(self, key: str) -> Value:
        for k, v in self.params:
            if k == key:
                return v
        return None

    def has(self, key: str) -> bool:
        return any(k == key for k, _ in self.params)

    def without(self, *keys: str) -> Message:
        return Message(self.code, tuple((k, v) for k, v in self.params if k not in keys))

    def replaced(self, **params: Value) -> Message:
        kept = tuple((k, v) for k, v in self.params if k not in params)
        return Message(self.code, kept + tuple((k, v) for k, v in params.items() if v is not None))
