"""GraphQL errors with a code, and the extension that masks everything unexpected.

ErrorCodes (schema extension)
  GraphQLError from parsing/validation   -> kept, code GRAPHQL_VALIDATION_FAILED
  LouzhiError (NOT_FOUND, BAD_USER_INPUT) -> kept, its own code
  GraphUnavailable (Neo4j down)          -> "Neo4j is not answering", SERVICE_UNAVAILABLE
  anything else                          -> "Unexpected error.", INTERNAL_SERVER_ERROR,
                                            logged here with its traceback, never sent
"""

from __future__ import annotations

import logging

from graphql import GraphQLError

from graph.errors import GraphUnavailable
from schema.codes import shown_text

log = logging.getLogger("louzhi.graphql")


class LouzhiError(Exception):
    """An error a client is meant to see, with a stable code."""

    code = "BAD_USER_INPUT"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code:
            self.code = code


class NotFound(LouzhiError):
    code = "NOT_FOUND"


class BadInput(LouzhiError):
    code = "BAD_USER_INPUT"


def code_error(error: GraphQLError) -> None:
    """Give ``error`` its code, masking its message when it was not meant for clients.

    In place: strawberry returns the very error objects it passes to ``process_errors``, and a
    parse error reaches no extension hook.
    """
    if "code" in (error.extensions or {}):
        return
    original = error.original_error
    if original is None:
        code, message = "GRAPHQL_VALIDATION_FAILED", error.message
    elif isinstance(original, LouzhiError):
        code, message = original.code, str(original)
    elif isinstance(original, GraphUnavailable):
        code, message = "SERVICE_UNAVAILABLE", "Neo4j is not answering; try again shortly."
    elif isinstance(original, GraphQLError):
        # Variables that do not fit their types are raised as GraphQLError by the executor.
        code, message = "BAD_USER_INPUT", original.message
    else:
        log.error("unexpected error at %s", error.path, exc_info=original)
        code, message = "INTERNAL_SERVER_ERROR", "Unexpected error."
        error.original_error = None
    error.message = shown_text(message)  # codes as the caller writes them
    error.extensions = {**(error.extensions or {}), "code": code}
