"""GraphQL errors with a code, and the extension that masks everything unexpected.

ErrorCodes (schema extension)
  GraphQLError from parsing/validation   -> kept, code GRAPHQL_VALIDATION_FAILED
  LouzhiError (NOT_FOUND, BAD_USER_INPUT) -> kept, its own code
  GraphUnavailable (Neo4j down)          -> "Neo4j is not answering", SERVICE_UNAVAILABLE
  anything else                          -> "Unexpected error.", INTERNAL_SERVER_ERROR,
                                            logged here with its traceback, never sent

Every error has both languages: ``message`` in the reader's (``Accept-Language``, default
Chinese), and ``extensions.zh`` and ``extensions.en``. A LouzhiError is raised with both;
graphql-core's own messages are put into Chinese by :mod:`schema.error_words`.
"""

from __future__ import annotations

import logging

from graphql import GraphQLError

from graph.errors import GraphUnavailable
from graph.messages import Language
from schema.codes import shown_text
from schema.error_words import in_chinese

log = logging.getLogger("louzhi.graphql")


class LouzhiError(Exception):
    """An error a client is meant to see, with a stable code, in English and Chinese."""

    code = "BAD_USER_INPUT"

    def __init__(self, en: str, zh: str, *, code: str | None = None) -> None:
        super().__init__(en)
        self.en, self.zh = en, zh
        if code:
            self.code = code


class NotFound(LouzhiError):
    code = "NOT_FOUND"


class BadInput(LouzhiError):
    code = "BAD_USER_INPUT"


def code_error(error: GraphQLError, language: Language = "zh") -> None:
    """Give ``error`` its code and both languages (``message`` in ``language``), masking its
    message when it was not meant for clients.

    In place: strawberry returns the very error objects it passes to ``process_errors``, and a
    parse error reaches no extension hook.
    """
    extensions = dict(error.extensions or {})
    if "en" in extensions:
        return  # already worded
    original = error.original_error
    zh: str | None = extensions.pop("zh", None)
    if "code" in extensions:
        code, en = extensions["code"], error.message
    elif original is None:
        code, en = "GRAPHQL_VALIDATION_FAILED", error.message
    elif isinstance(original, LouzhiError):
        code, en, zh = original.code, original.en, original.zh
    elif isinstance(original, GraphUnavailable):
        code, en = "SERVICE_UNAVAILABLE", "Neo4j is not answering; try again shortly."
        zh = "Neo4j 暂时没有响应，请稍后再试。"
    elif isinstance(original, GraphQLError):
        # Variables that do not fit their types are raised as GraphQLError by the executor.
        code, en = "BAD_USER_INPUT", original.message
    else:
        log.error("unexpected error at %s", error.path, exc_info=original)
        code, en, zh = "INTERNAL_SERVER_ERROR", "Unexpected error.", "服务内部出错。"
        error.original_error = None
    en, zh = shown_text(en), shown_text(zh or in_chinese(en))  # codes as the caller writes them
    error.message = zh if language == "zh" else en
    error.extensions = {**extensions, "code": code, "zh": zh, "en": en}


def area_not_found(code: str) -> NotFound:
    return NotFound(f"No area has the code {code!r}.", f"没有编号为 {code} 的地点。")
