"""Driver values as plain Python, for every module that runs Cypher.

The analyses and the API see ``datetime.date`` and dicts, never driver records or neo4j temporal
types; these helpers make that so in one place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from neo4j import AsyncManagedTransaction
from neo4j.time import Date, DateTime

__all__ = ["Row", "grouped", "native", "native_row", "run_rows"]

T = TypeVar("T")
Row = dict[str, Any]


_PLAIN = frozenset({str, int, float, bool, type(None)})


def native(value: Any) -> Any:
    """Driver values as plain Python: neo4j dates become ``datetime.date``."""
    # By exact type first: every value of every row passes here, nearly all of them plain.
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is list:
        return [v if type(v) in _PLAIN else native(v) for v in value]
    if kind is dict:
        return {k: v if type(v) in _PLAIN else native(v) for k, v in value.items()}
    if isinstance(value, Date | DateTime):
        return value.to_native()
    if isinstance(value, list):
        return [native(v) for v in value]
    if isinstance(value, dict):
        return {k: native(v) for k, v in value.items()}
    return value


def native_row(record: Any) -> Row:
    """One driver record as a plain dict (:func:`native` of each value)."""
    return {k: v if type(v) in _PLAIN else native(v) for k, v in record.items()}


async def run_rows(tx: AsyncManagedTransaction, query: str, **params: Any) -> list[Row]:
    """Inside a write transaction: run one statement and return its rows as plain Python."""
    result = await tx.run(query, params)
    return [native_row(r) async for r in result]


def grouped(rows: list[Row], keys: list[str], build: Callable[[Row], T]) -> list[list[T]]:
    """Rows of an ``UNWIND $keys`` query (each with a ``key`` column) as one list per key, in
    the order of ``keys``: what a DataLoader expects back."""
    by_key: dict[str, list[T]] = {k: [] for k in keys}
    for row in rows:
        by_key[row["key"]].append(build(row))
    return [by_key[k] for k in keys]
