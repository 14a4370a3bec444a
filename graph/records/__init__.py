"""The community's records: places of the grid, people and their ties as the API reads them, the
changes the committee makes between loads (people, households, roles, pairings, visits), and
the Cypher of roster loading.

May import: ``neo4j``, ``graph.access``, ``graph.store``, ``graph.errors``, ``graph.vocabulary``.
"""

# The public surface of a subpackage is its modules, each with an __all__ of its own; nothing is
# imported here, so importing one module does not load its siblings.
__all__ = [
    "changes",
    "people",
    "places",
    "resident_search",
    "roster_store",
    "roster_writes",
    "ties",
]
