"""Errors raised by the graph layer.

    GraphError
    ├── Neo4jSetupError          the managed local server cannot be installed or started
    │   ├── JavaMissing          no Java, or Java older than 17
    │   ├── MavenMissing         no Maven to fetch the server with
    │   ├── PortTaken            the Bolt port is in use by something else
    │   ├── Neo4jExited          the server process died during start-up (log tail attached)
    │   └── Neo4jStartTimeout    the server did not answer within the allowed time
    ├── GraphUnavailable         Neo4j does not answer (service down, network)
    ├── LoadTooLarge             Neo4j refused a load's transaction for memory (not retried)
    ├── LoadConflict             others kept creating what a load planned to create (replanned)
    └── BadBookmark              a client's Louzhi-Bookmark header is not a bookmark Neo4j knows

Every message says what happened and what to do about it.

A change the caller may correct (an unknown id, dates in the wrong order, a role already held) is
not raised: it comes back as a :class:`ChangeError` value, which the API turns into a typed
payload error.
"""

from __future__ import annotations

from dataclasses import dataclass


class GraphError(Exception):
    """Base of every error of the graph layer."""


class Neo4jSetupError(GraphError):
    """The managed local Neo4j cannot be installed or started."""


class JavaMissing(Neo4jSetupError):
    pass


class MavenMissing(Neo4jSetupError):
    pass


class PortTaken(Neo4jSetupError):
    pass


class Neo4jExited(Neo4jSetupError):
    pass


class Neo4jStartTimeout(Neo4jSetupError):
    pass


class BadBookmark(GraphError):
    """A client sent a bookmark that is malformed, or that Neo4j refuses."""


class LoadTooLarge(GraphError):
    """Neo4j refused a load's one transaction for memory: retrying would fail the same way."""


class LoadConflict(GraphError):
    """Other writers kept creating what a load had planned to create; nothing was written."""


class GraphUnavailable(GraphError):
    """Neo4j does not answer; retry later or check ``louzhi neo4j status``."""


@dataclass(frozen=True)
class ChangeError:
    """An expected refusal of a change: a code the client can act on, and its reason in English
    and Chinese."""

    code: str  # NOT_FOUND, INVALID_DATES, ROLE_ALREADY_HELD, WRONG_SCOPE, SELF_HELP, …
    field: str | None
    message: str
    message_zh: str
