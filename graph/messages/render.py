"""Words a :class:`~graph.messages.message.Message` in Chinese or English from the catalogue.

Example::

    render(Message.of("FEW_HELPERS", count=1, least=2), "zh")   # '只有 1 位帮扶人，少于 2 位'
"""

from __future__ import annotations

from collections.abc import Callable

from graph.messages.catalogue import CATALOGUE
from graph.messages.fmt import Fmt
from graph.messages.message import Message
from graph.messages.words import Language

__all__ = ["render"]


def _same(code: str) -> str:
    return code


def render(
    message: Message, language: Language = "zh", *, shown: Callable[[str], str] = _same
) -> str:
    """``message`` in ``language``; ``shown`` writes an id or code as the reader does (e.g.
    ``QS/B01-C1`` as ``B01-C1`` for the committee of QS). An unknown code reads as itself."""
    entry = CATALOGUE.get(message.code)
    if entry is None:
        return message.code
    f = Fmt(message, language, shown)
    return entry.zh(f) if language == "zh" else entry.en(f)
