"""Relay-style cursor pagination: opaque cursors, ``first`` capped at 100 (default 20)."""

from __future__ import annotations

import base64
import binascii
from typing import Generic, TypeVar

import strawberry

from schema.errors import BadInput

DEFAULT_PAGE = 20
MAX_PAGE = 100
_PREFIX = "louzhi:offset:"
MAX_OFFSET = 10_000_000  # far beyond any district; keeps Cypher's list slicing in range

N = TypeVar("N")


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"{_PREFIX}{offset}".encode()).decode()


def decode_cursor(cursor: str | None) -> int:
    """The offset after ``cursor`` (0 without one); a cursor we did not write is an error."""
    if cursor is None:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        text = ""
    digits = text[len(_PREFIX) :] if text.startswith(_PREFIX) else ""
    # isdigit() alone would accept "²"; only the ASCII digits we write are ours.
    if not (digits.isascii() and digits.isdigit()) or int(digits) >= MAX_OFFSET:
        raise BadInput(
            "The cursor 'after' is not one this API gave out.", "游标 after 不是本接口给出的。"
        )
    return int(digits) + 1


def page_size(first: int | None) -> int:
    size = DEFAULT_PAGE if first is None else first
    if not 1 <= size <= MAX_PAGE:
        raise BadInput(
            f"'first' must be between 1 and {MAX_PAGE}.", f"first 须在 1 到 {MAX_PAGE} 之间。"
        )
    return size


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[N]):
    cursor: str
    node: N


@strawberry.type
class Connection(Generic[N]):
    total_count: int
    page_info: PageInfo
    edges: list[Edge[N]]

    @strawberry.field
    def nodes(self) -> list[N]:
        return [e.node for e in self.edges]


def connection(nodes: list[N], *, offset: int, total: int) -> Connection[N]:
    edges = [Edge(cursor=encode_cursor(offset + i), node=n) for i, n in enumerate(nodes)]
    return Connection(
        total_count=total,
        page_info=PageInfo(
            has_next_page=offset + len(nodes) < total,
            has_previous_page=offset > 0,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        edges=edges,
    )
