"""Who may see what: a caller's scope (:class:`~graph.access.scope.Reach` and the Cypher predicates
every people- or place-returning query applies), the :class:`~graph.access.session.GraphSession`
that carries it into every read, the checks made before a change, accounts and the audit log.

May import: ``neo4j``, ``graph.store``, ``graph.errors``.
"""

# The public surface of a subpackage is its modules, each with an __all__ of its own; nothing is
# imported here, so importing one module does not load its siblings.
__all__ = [
    "accounts",
    "audit",
    "scope",
    "scope_checks",
    "session",
]
