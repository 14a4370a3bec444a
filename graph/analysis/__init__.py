"""The coverage analyses: the rules (who is a vulnerable elder, who helps, what is enough), the
typed facts they read and the answers they give, and the computations (elders' support, area
gaps and roll-ups, loads, single points of failure, support networks, assignment of helpers).

Pure Python over typed dataclasses, with networkx and SciPy: no driver, no Cypher, so every rule
is tested without a database. May import: ``networkx``, ``scipy``, ``graph.errors``,
``graph.vocabulary``; never ``neo4j`` nor another ``graph`` subpackage.
"""

# The public surface of a subpackage is its modules, each with an __all__ of its own; nothing is
# imported here, so importing one module does not load its siblings.
__all__ = [
    "areas",
    "assignment",
    "elders",
    "gc",
    "governance_figures",
    "helper_paths",
    "loads",
    "matters",
    "merge",
    "network",
    "report",
    "rules",
    "types",
    "votes",
]
