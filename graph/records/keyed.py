"""A read of rows per key, written once and run two ways: alone (a DataLoader's batch:
``UNWIND $keys AS key … RETURN key, …``) or inside a larger statement, where it binds the list
of its rows as maps (a request's selection read in one statement, graph/records/prefetch.py).

Both forms are made from the same match, columns and order, so the rows a prefetch primes a
loader with are the rows the loader would have read (a test compares them on the demo graph).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["KeyedRead"]


@dataclass(frozen=True)
class KeyedRead:
    match: str  # Cypher after ``UNWIND … AS key``: may use ``key`` and the session's params
    columns: tuple[tuple[str, str], ...]  # (column, expression)
    order: tuple[str, ...] = ()  # expressions, ascending

    def standalone(self) -> str:
        """``UNWIND $keys AS key`` … one row per match, with its ``key``."""
        columns = ", ".join(f"{expr} AS {name}" for name, expr in self.columns)
        order = f" ORDER BY {', '.join(self.order)}" if self.order else ""
        return f"UNWIND $keys AS key {self.match} RETURN key, {columns}{order}"

    def collected(self, keys: str, into: str, *, imports: tuple[str, ...] = ()) -> str:
        """A ``CALL`` binding ``into`` to the list of the rows (maps with ``key`` and the
        columns) of the keys that the expression ``keys`` lists, in the standalone order."""
        fields = ", ".join(f"{name}: {expr}" for name, expr in self.columns)
        ranks = "".join(f", {expr} AS _rank{i}" for i, expr in enumerate(self.order))
        order = (
            f" ORDER BY {', '.join(f'_rank{i}' for i in range(len(self.order)))}"
            if self.order
            else ""
        )
        return (
            f"CALL ({', '.join(imports)}) {{ UNWIND {keys} AS key {self.match}"
            f" WITH {{key: key, {fields}}} AS _row{ranks}{order}"
            f" RETURN collect(_row) AS {into} }}"
        )
