"""Running and reaching Neo4j: the managed local server (installed with Maven, run on loopback),
the connection to it or to your own, the constraints and indexes, the health probe, and driver
values as plain Python.

May import: ``neo4j``, ``graph.errors``. Nothing above it.
"""

# The public surface of a subpackage is its modules, each with an __all__ of its own; nothing is
# imported here, so importing one module does not load its siblings.
__all__ = [
    "bootstrap",
    "connection",
    "data_version",
    "health",
    "install",
    "local_server",
    "values",
]
