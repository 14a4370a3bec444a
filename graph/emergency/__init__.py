"""Emergency readiness in the graph: individual evacuation plans (``plans.py``), the residents who
could respond (``responders.py``), events and their marks (``events.py``); the rules of
who needs one and whether it would work are :mod:`graph.analysis.emergency`.

May import: ``neo4j``, ``graph.analysis``, ``graph.coverage`` (availability), ``graph.records``,
``graph.governance`` (the community of a place),
``graph.access``, ``graph.store``, ``graph.errors``.
"""

# The public surface of a subpackage is its modules, each with an __all__ of its own.
__all__ = ["events", "plans", "responders"]
