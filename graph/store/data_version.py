"""The graph's data version: a counter that every write of residents, places, roles or ties
moves, and that the audit log does not; and within it, the version of the graph's structure,
which a recorded visit does not move.

Coverage reports are kept per data version (graph/coverage/report_cache.py). Neo4j's own
version of the database (the bookmark of a read) moves with every transaction, and an audited
read (any answer that names people) writes its audit entry, so a committee's page would never
find its report again. The counter is one node, ``(:DataVersion {id: 'graph'})``; each data
write transaction of Louzhi moves it as its *last* statement, so the node's lock is held only
while that transaction commits (writes of different communities still run side by side), and a
reader that sees the new number sees the new data with it (same transaction). ``epoch`` is
drawn when the node is created, so a graph emptied and filled again never repeats a version.

A write made outside Louzhi (a Cypher shell, an import tool) should end with :data:`BUMP`;
until then, Louzhi's reports of before it are served.

Visits are most of the writes of a working community (floor chiefs record them every day) and
change nothing of who lives where, who helps whom or who holds which role. A write of visits
alone ends with :data:`CONTACT_BUMP`, which moves the data version and counts itself in
``v.contact``; the structure version is the count of the other writes, ``n - contact``, so
the scope's structural facts (graph/coverage/fact_cache.py) outlive a visit. A write that ends
with any other increment of ``n`` (an older BUMP, an outside tool's) moves both.

Example::

    tx.run(BUMP)                                     # inside a write transaction, last
    version = await data_version(driver, database="neo4j")
"""

from __future__ import annotations

from typing import Any

from neo4j import READ_ACCESS

__all__ = [
    "BUMP",
    "CONSTRAINT",
    "CONTACT_BUMP",
    "MATCH_VERSION",
    "READ",
    "VERSION_OF",
    "data_version",
    "structure_of",
]

CONSTRAINT = (
    "CREATE CONSTRAINT data_version_id IF NOT EXISTS FOR (n:DataVersion) REQUIRE n.id IS UNIQUE"
)
BUMP = """
    MERGE (v:DataVersion {id: 'graph'})
    ON CREATE SET v.epoch = randomUUID(), v.n = 1
    ON MATCH SET v.n = v.n + 1"""
CONTACT_BUMP = """
    MERGE (v:DataVersion {id: 'graph'})
    ON CREATE SET v.epoch = randomUUID(), v.n = 1, v.contact = 1
    ON MATCH SET v.n = v.n + 1, v.contact = coalesce(v.contact, 0) + 1"""
# The version's node as ``v`` (null before the first write), for any statement to read it with.
MATCH_VERSION = "OPTIONAL MATCH (v:DataVersion {id: 'graph'})"
# ``epoch:n:structure``, as a projection any statement can end with (``v`` the node or null).
VERSION_OF = """CASE WHEN v IS NULL THEN '' ELSE
        v.epoch + ':' + toString(v.n) + ':' + toString(v.n - coalesce(v.contact, 0)) END"""
READ = f"""
    {MATCH_VERSION}
    RETURN {VERSION_OF} AS version"""


async def data_version(driver: Any, *, database: str) -> str:
    """The current data version ('' before the first write); ``driver`` may be a request's
    causal driver, so a client reads at least the version of its own last write."""
    # Auto-committed, as GraphSession.read: one round trip (the session follows the request's
    # bookmarks when ``driver`` is its causal driver).
    async with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
        record = await (await session.run(READ)).single(strict=True)
    return str(record["version"])


def structure_of(version: str) -> str:
    """The structure version within a data version (``epoch:n:structure`` → ``epoch:structure``;
    '' stays ''): equal for two data versions between which only visits were written."""
    epoch, _, structure = version.rpartition(":")
    return f"{epoch.rpartition(':')[0]}:{structure}" if epoch else version
