"""The governance half of 楼治 in the graph: matters and their append-only history, votes,
consultation meetings, micro-renewal projects and the files of their photos, each change checked
by the pure rules of :mod:`graph.analysis` (``matters``, ``votes``) inside the transaction that
writes it.

May import: ``neo4j``, ``PIL`` (photos), ``graph.analysis``, ``graph.records``, ``graph.access``,
``graph.store``, ``graph.errors``, ``graph.identity``.
"""

# The public surface of a subpackage is its modules, each with an __all__ of its own; nothing is
# imported here, so importing one module does not load its siblings.
__all__ = ["figures", "matters", "meetings", "photos", "places", "projects", "votes"]
