"""Who could help whom, read from the graph: the scope widened to its micro-grid (where helpers
may come from) and the volunteers of the caller's reach; :mod:`graph.analysis.assignment` makes
the plan.

Example::

    plan = await assignment_suggestions(driver, database="neo4j", scope="QS-B07",
                                        as_of=day, rules=Rules())
    for p in plan.proposals:
        print(p.helper_id, "->", p.elder_id, p.kind, p.cost, p.explanation)
"""

from __future__ import annotations

from datetime import date

from neo4j import AsyncDriver, AsyncManagedTransaction

from graph.access.scope import EVERYTHING, Reach, area_in_scope, reachable
from graph.analysis.assignment import AssignmentPlan, below, rescoped, suggest
from graph.analysis.gc import paused_gc
from graph.analysis.rules import Rules
from graph.analysis.types import ScopeData
from graph.coverage.offload import cpu_bound
from graph.coverage.scope_reads import ScopeNotFound, read, read_scope

__all__ = ["assignment_suggestions"]

# Helpers come from the scope's micro-grid, or the caller's scope if that is smaller, and
# volunteers only from the caller's reach ($scope, $untied: graph/scope.py).
SCOPE_MICRO_GRID = f"""
    MATCH (a:Area {{code: $area}})
    RETURN a.level AS level,
           [(a)-[:PART_OF*0..2]->(m:MicroGrid) WHERE {area_in_scope("m")} | m.code][0]
               AS microGrid,
           [(a)-[:PART_OF*0..6]->(u:Area) WHERE u:Community OR u:Street OR u:District | u.code]
           + [(c:Community)-[:PART_OF*1..2]->(a) | c.code] AS owners"""
# Volunteers of the scope's own communities and of the street and district above them
# (graph.identity: an id starts with its owner's code), never every volunteer in the graph.
VOLUNTEERS = f"""
    MATCH (p:Volunteer) WHERE p.leftOn IS NULL AND {reachable("p")}
      AND ($owners IS NULL OR any(o IN $owners WHERE p.id STARTS WITH o + '/'))
    RETURN collect(p.id) AS ids"""


async def assignment_suggestions(
    driver: AsyncDriver,
    *,
    database: str,
    scope: str | None,
    as_of: date,
    rules: Rules,
    reach: Reach = EVERYTHING,
    ages_on: date | None = None,
) -> AssignmentPlan:
    """Read the scope (widened to its micro-grid, where helpers may come from) and assign.

    ``reach`` is the caller's: the widening stops at it, and volunteers come from within it.
    """

    async def work(tx: AsyncManagedTransaction) -> tuple[ScopeData, set[str] | None]:
        wide, targets, owners = scope, None, None
        if scope is not None:
            found = await (await tx.run(SCOPE_MICRO_GRID, area=scope, **reach.params())).single()
            if found is None:
                raise ScopeNotFound(scope)
            if found["level"] in ("block", "corridor") and found["microGrid"]:
                wide = found["microGrid"]
            owners = list(found["owners"])
        params = {**reach.params(), "owners": owners}
        volunteers = await (await tx.run(VOLUNTEERS, **params)).single()
        ids = volunteers["ids"] if volunteers else []
        data = await read_scope(
            tx,
            scope=wide,
            as_of=as_of,
            rules=rules,
            extra_people=ids,
            exact_loads=True,
            ages_on=ages_on,
        )
        if wide != scope and scope is not None:
            targets = {c for c in data.areas if below(data, c, scope)}
        return data, targets

    with paused_gc():
        data, targets = await read(driver, database, work)
        plan = await cpu_bound(suggest, data, rules=rules, targets=targets)
    return plan if scope is None else rescoped(plan, scope)
