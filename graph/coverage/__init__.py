"""The reads behind the analyses: the Cypher of one scope and day, of a resident's support
network and of the helpers an assignment may use, turned into :mod:`graph.analysis` facts; and
the entry points the API calls (:func:`~graph.coverage.gaps.coverage_gaps`,
:func:`~graph.coverage.support.support_network`,
:func:`~graph.coverage.suggestions.assignment_suggestions`), which read, then analyse.

May import: ``neo4j``, ``graph.analysis``, ``graph.access``, ``graph.store``, ``graph.errors``.
"""

# The public surface of a subpackage is its modules, each with an __all__ of its own; nothing is
# imported here, so importing one module does not load its siblings.
__all__ = [
    "gaps",
    "rows",
    "scope_fetch",
    "scope_reads",
    "suggestions",
    "support",
    "support_reads",
]
