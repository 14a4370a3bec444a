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
from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from graph.errors import GraphUnavailable

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


def _coded(error: GraphQLError) -> GraphQLError:
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
        log.error("unexpected error in %s", error.path, exc_info=original)
        code, message = "INTERNAL_SERVER_ERROR", "Unexpected error."
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions={**(error.extensions or {}), "code": code},
    )


class ErrorCodes(SchemaExtension):
    """Give every error a code and mask the unexpected ones."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is not None and result.errors:
            result.errors = [_coded(e) for e in result.errors]
