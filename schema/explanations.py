"""Explanations in the API: a message's code and parameters, and its words in the reader's
language.

The reader's language is the ``language`` argument of a text field, else the request's
``Accept-Language`` (``Context.language``), else Chinese. A role that reads no personal details
is given each message without them before it is worded or its parameters are sent: an age as
its band, no household id, no visit's date or visitor. Ids and codes in the parameters are
written as the caller writes them (``QS/B01-C1`` → ``B01-C1`` for QS's committee), and reading
an explanation that names a person is audited like reading their name.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any

import strawberry
from strawberry.scalars import JSON

from graph.messages import CATALOGUE, Message, Ref, render
from graph.messages.words import Language as LanguageCode
from schema.codes import current_home
from schema.context import Info
from schema.fields import age_band
from schema.permissions import reads_details

__all__ = ["Explanation", "Language", "explained", "worded", "worded_all"]

_MASKED = ("household", "last_on", "last_by", "never")


@strawberry.enum(description="A reader's language: Chinese (the default) or English.")
class Language(Enum):
    ZH = "zh"
    EN = "en"


def _for_reader(info: Info, message: Message) -> Message:
    if reads_details(info.context.principal):
        return message
    age = message.get("age")
    out = message.without(*_MASKED)
    return out.without("age").replaced(band=age_band(age)) if isinstance(age, int) else out


def _audit(info: Info, message: Message) -> None:
    entry = CATALOGUE.get(message.code)
    for name, kind in (entry.params if entry else {}).items():
        value = message.get(name.rstrip("?"))
        if kind == "person" and isinstance(value, Ref):
            info.context.audit.read(info, value.id)


def _language(info: Info, language: Language | None) -> LanguageCode:
    return language.value if language else info.context.language


def worded(info: Info, message: Message, language: Language | None = None) -> str:
    """``message`` as the caller may read it, in their language."""
    shown = _for_reader(info, message)
    _audit(info, shown)
    return render(shown, _language(info, language), shown=current_home().display)


def worded_all(info: Info, messages: tuple[Message, ...]) -> list[str]:
    return [worded(info, m) for m in messages]


def _param(value: Any) -> Any:
    if isinstance(value, Ref):
        return {"id": current_home().display(value.id), "name": value.name or None}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, str):
        return current_home().display(value)  # a household id, as in the words
    return value


@strawberry.type(
    description="An explanation as data: its code in the message catalogue, its parameters, "
    "and its words in the reader's language."
)
class Explanation:
    code: str = strawberry.field(
        description="The message's code, e.g. FEW_HELPERS, PATH_PAIRING, ROLE_ENDED "
        "(docs/messages.md lists them with their parameters)."
    )
    message: strawberry.Private[Message]

    @strawberry.field(
        description="The parameters by name: people and places as {id, name}, dates as "
        "YYYY-MM-DD, kinds, roles and levels as their API values. For roles that read no "
        "personal details: an age as its band, no household id, no visit's date or visitor."
    )
    def params(self, info: Info) -> JSON:
        shown = _for_reader(info, self.message)
        _audit(info, shown)
        return {k: _param(v) for k, v in shown.params}

    @strawberry.field(description="In words, in ``language`` (default: the request's language).")
    def text(self, info: Info, language: Language | None = None) -> str:
        return worded(info, self.message, language)


def explained(message: Message) -> Explanation:
    return Explanation(code=message.code, message=message)
