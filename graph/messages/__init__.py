"""Explanations as data, worded in one place: :class:`Message` (a code and its parameters),
:data:`CATALOGUE` (every code in Chinese and English) and :func:`render`."""

from graph.messages.catalogue import CATALOGUE, Entry
from graph.messages.message import Message, Ref, Value
from graph.messages.render import render
from graph.messages.words import LANGUAGES, Language, language_of

__all__ = [
    "CATALOGUE",
    "LANGUAGES",
    "Entry",
    "Language",
    "Message",
    "Ref",
    "Value",
    "language_of",
    "render",
]
