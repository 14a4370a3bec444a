"""The one transaction of a roster load, and the operations a load may perform in it. The
Cypher of its writes is in :mod:`graph.records.roster_writes`, of its reads in
:mod:`graph.records.roster_state`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, TypeVar

from neo4j import ManagedTransaction
from neo4j.exceptions import DriverError, Neo4jError

from graph.errors import GraphUnavailable, LoadConflict, LoadTooLarge
from graph.names import KEYS_MARK, keys_ahead, name_keys
from graph.records.ledger_store import read_ledger, write_ledger
from graph.records.roster_prune import end_missing
from graph.records.roster_state import (
    GraphState,
    Key,
    LoadScope,
    Props,
    community_codes,
    read_state,
)
from graph.records.roster_writes import (
    KEY_NAMES,
    KINDS,
    NAMED,
    NEW_QUERIES,
    ORGANISATION_KINDS,
    REPORTED_MISSING,
    UNKEYED,
    NewAfterAll,
    write_kind,
)
from graph.store.bootstrap import ensure_schema
from graph.store.connection import Neo4jTarget
from graph.store.data_version import BUMP

__all__ = [
    "KINDS",
    "LOAD_RETRY_SECONDS",
    "NAMED",
    "NEW_QUERIES",
    "ORGANISATION_KINDS",
    "REPORTED_MISSING",
    "RosterTransaction",
    "in_one_transaction",
    "write_kind",
]

T = TypeVar("T")


class RosterTransaction:
    """The one transaction of a roster load, with the operations a load may perform in it."""

    def __init__(self, tx: ManagedTransaction) -> None:
        self._tx = tx
        self.wrote = False  # whether anything was written (the data version moves only then)
        self._keys: Callable[[str | None], list[str]] = name_keys

    def names_ahead(self, names: Iterable[str | None]) -> None:
        """The names the load will write: their search keys are made from now on."""
        self._keys = keys_ahead(names)

    def read_state(self, scope: LoadScope) -> GraphState:
        return read_state(self._tx, scope)

    def community_codes(self) -> list[str]:
        return community_codes(self._tx)

    def write_kind(
        self,
        kind: str,
        items: list[tuple[Key, Props]],
        *,
        today: date,
        progress: Callable[[int], None] | None = None,
        new: list[tuple[Key, Props]] | None = None,
    ) -> None:
        self.wrote |= bool(items or new)
        write_kind(self._tx, kind, items, today=today, progress=progress, keys=self._keys, new=new)

    def read_ledger(self, ids: dict[str, Any], *, lock: bool) -> dict[str, Any]:
        return read_ledger(self._tx, **ids, lock=lock)

    def write_ledger(self, writes: dict[str, list[dict[str, Any]]]) -> None:
        self.wrote |= write_ledger(self._tx, writes)

    def key_names(self, prefix: str) -> None:
        """Give the community's names that have no keys, or keys made by older rules (another
        :data:`~graph.names.KEYS_MARK`), their keys."""
        rows = [
            {"id": r["id"], "keys": name_keys(r["name"])}
            for r in self._tx.run(UNKEYED, prefix=prefix, mark=KEYS_MARK)
        ]
        if rows:
            self.wrote = True
            self._tx.run(KEY_NAMES, rows=rows).consume()

    def end_missing(
        self, *, people: list[str], roles: list[Key], helpers: list[Key], today: date
    ) -> None:
        self.wrote |= bool(people or roles or helpers)
        end_missing(self._tx, people=people, roles=roles, helpers=helpers, today=today)


# Loads of one community serialise on the uniqueness constraint of :RosterLoad. The first
# statement of a load's transaction creates the community's :RosterLoad node, the last deletes
# it: a second load of the same community waits on the constraint's entry until the first
# commits (or rolls back), then reads the graph as the first left it, so two loads never mix.
# Loads of different communities take different ids and run side by side (they read and write
# only their own records, and MERGE what they share). Nothing remains in the graph.
BEGIN_LOAD = "CREATE (:RosterLoad {id: $community})"
END_LOAD = "MATCH (l:RosterLoad {id: $community}) DELETE l"


# A load is retried as a whole on transient errors (a cluster leader change), but not for long:
# a clerk waiting at the command line wants to hear that Neo4j is gone.
LOAD_RETRY_SECONDS = 10.0


# How many times a load is planned, at most, when others create what it took for new.
REPLANS = 3


class _OutOfMemory(Exception):
    """Raised inside the transaction function, so that the driver does not retry: a memory
    refusal is "transient" to Neo4j, but the same load would be refused again, and again."""

    def __init__(self, error: Neo4jError) -> None:
        super().__init__(str(error))
        self.error = error


def _memory_refusal(exc: Neo4jError) -> bool:
    code = exc.code or ""
    return "OutOfMemory" in code or "MemoryLimit" in code or "MemoryPool" in code


def _serialised(
    tx: ManagedTransaction, work: Callable[[RosterTransaction], T], community: str
) -> T:
    try:
        tx.run(BEGIN_LOAD, community=community).consume()  # before anything is read
        load = RosterTransaction(tx)
        done = work(load)
        tx.run(END_LOAD, community=community).consume()
        if load.wrote:  # last: its lock is held only while the load commits
            tx.run(BUMP).consume()
    except Neo4jError as exc:
        if _memory_refusal(exc):
            raise _OutOfMemory(exc) from exc
        raise
    return done


def in_one_transaction(
    target: Neo4jTarget,
    work: Callable[[RosterTransaction], T],
    *,
    write: bool,
    community: str = "",
) -> T:
    """Run ``work`` in a single transaction (read-only unless ``write``): all or nothing."""
    try:
        with target.sync_driver(max_transaction_retry_time=LOAD_RETRY_SECONDS) as driver:
            if write:
                ensure_schema(driver, database=target.database)
            with driver.session(database=target.database) as session:
                if not write:
                    return session.execute_read(lambda tx: work(RosterTransaction(tx)))
                for _ in range(REPLANS - 1):
                    try:
                        return session.execute_write(lambda tx: _serialised(tx, work, community))
                    except NewAfterAll:
                        continue  # rolled back: read and plan again, and see what is there now
                return session.execute_write(lambda tx: _serialised(tx, work, community))
    except NewAfterAll as exc:
        raise LoadConflict(
            "其他写入一再新建本名册中的人员，载入未能完成，未写入任何数据；请稍后重新载入 / "
            f"other writers kept creating records of this roster while it loaded ({REPLANS} "
            "tries). Nothing was written: load again."
        ) from exc
    except _OutOfMemory as exc:
        raise LoadTooLarge(
            "Neo4j 内存不足，拒绝了这次载入，未写入任何数据；请调大 LOUZHI_NEO4J_HEAP"
            "（或所连 Neo4j 的 db.memory.transaction.max）后重试 / "
            f"Neo4j at {target.uri} refused the load for "
            "memory: its one transaction needs more than Neo4j allows. Nothing was written (not "
            "retried: it would be refused again). Give Neo4j more heap (LOUZHI_NEO4J_HEAP, or "
            f"db.memory.transaction.max on your own server) and load again. [{exc.error.code}]"
        ) from exc
    except (DriverError, Neo4jError, OSError) as exc:
        raise GraphUnavailable(
            f"Neo4j at {target.uri} stopped answering ({type(exc).__name__}). Nothing was "
            "written: the load's transaction was rolled back. Start Neo4j "
            "(louzhi neo4j start) and load again."
        ) from exc
