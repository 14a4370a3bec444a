"""The parameters of one message as one language reads them (what a catalogue entry words)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from graph.messages.message import Message, Ref
from graph.messages.words import Language, day, join, word

__all__ = ["Fmt"]


class Fmt:
    """The parameters of one message as one language reads them: ``f("since")`` formats a
    parameter by its value's type, ``f.w("role", "role")`` translates a word of the model."""

    def __init__(self, message: Message, language: Language, shown: Callable[[str], str]) -> None:
        self.message, self.language, self.shown = message, language, shown

    @property
    def zh(self) -> bool:
        return self.language == "zh"

    def has(self, key: str) -> bool:
        return self.message.has(key)

    def __call__(self, key: str) -> str:
        value = self.message.get(key)
        if isinstance(value, Ref):
            code = self.shown(value.id)
            if not value.name or value.name in (value.id, code):
                return code
            return f"{value.name}（{code}）" if self.zh else f"{value.name} ({code})"
        if isinstance(value, date):
            return day(value, self.language)
        if isinstance(value, tuple):
            return join(list(value), self.language)
        if value is None:
            return ""
        if isinstance(value, str):
            return self.shown(value)
        return str(value)

    def w(self, category: str, key: str) -> str:
        value = self.message.get(key)
        return word(category, str(value), self.language) if value is not None else ""

    def words(self, category: str, key: str) -> str:
        """A list of words of ``category`` (e.g. support kinds), joined as the language does."""
        value = self.message.get(key) or ()
        assert isinstance(value, tuple)
        return join([word(category, v, self.language) for v in value], self.language)
