"""The community graph: everything that knows Neo4j, and the analyses over what it holds.

One subpackage per concern, imported downward only (``tests/test_architecture.py`` checks it)::

    store     running and reaching Neo4j: the managed server, connection, schema, health
    access    who may see what: the caller's scope, the session that carries it, accounts, audit
    records   the community's records: places, people, changes, ties, the roster store
    analysis  the coverage rules and analyses, pure Python over typed dataclasses (no driver)
    coverage  the Cypher that feeds the analyses, and the entry points that read then analyse

``errors`` (the error hierarchy and :class:`~graph.errors.ChangeError`) and ``vocabulary`` (the
model's words, shared with the roster and the API) sit below them all. Only ``graph/`` imports
``neo4j``; of ``graph/``, ``analysis`` does not.
"""

# The public surface of a subpackage is its modules, each with an __all__ of its own; nothing is
# imported here, so importing one module does not load its siblings.
__all__ = [
    "access",
    "analysis",
    "coverage",
    "errors",
    "records",
    "store",
    "vocabulary",
]
