"""The support network of one resident, read from the graph: their corridor as the scope, and the
reach of each helper (:mod:`graph.analysis.network` says what is computed from them).

Example::

    net = await support_network(driver, database="neo4j", resident_id="R000123",
                                 as_of=date(2025, 6, 15), rules=Rules())
    net.size, net.kind_diversity, net.independent_paths, net.single_points_of_failure
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from graph.access.scope_checks import reachable_ids
from graph.access.session import GraphSession
from graph.analysis.elders import Analysis
from graph.analysis.gc import paused_gc
from graph.analysis.network import SupportNetwork, assemble
from graph.analysis.rules import Rules
from graph.coverage.fact_cache import kept, places, reaches
from graph.coverage.offload import cpu_bound
from graph.coverage.scope_fetch import Driver, scope_structure, with_visits_read
from graph.coverage.support_reads import place_of, reach_of
from graph.store.data_version import structure_of

__all__ = ["NotAnElder", "ResidentNotFound", "reachable_of", "support_network"]


class ResidentNotFound(LookupError):
    """No resident has this id, or they left the community, or they live in no corridor."""


class NotAnElder(ValueError):
    """The resident is younger than the rules' elder age."""


async def support_network(
    driver: Driver,
    *,
    database: str,
    resident_id: str,
    as_of: date,
    rules: Rules,
    ages_on: date | None = None,
    window: str | None = None,
    scope: str | None = None,
    version: str = "",
) -> SupportNetwork:
    """The support network of one resident aged ``rules.elder_age`` or more (on ``ages_on``,
    default ``as_of``), of the helpers available in ``window`` when one is given. A resident
    who does not live in ``scope`` today (an area code; None: anywhere) is not found, as nobody
    is: the check rides with the first read. ``version``: the data version the caller read
    before ('' none); the resident's place is then looked up among those kept for its structure.

    Where each part comes from: the place, the corridor's structure and what links the helpers
    to the committee are structure, kept per structure version (graph/coverage/fact_cache.py);
    the visits are read every time. So on a graph whose structure is unchanged a network is
    one statement, the visits (it was four round trips in one read transaction).
    """

    async def locate() -> dict[str, Any] | None:
        return await place_of(driver, database, resident_id=resident_id, as_of=as_of, scope=scope)

    with paused_gc():
        known = structure_of(version) if version else ""
        place = await kept(places, known, (resident_id, as_of, scope), locate)
        if place is None or place["left"] or place["corridor"] is None:
            why = "no such resident" if place is None else (
                "left the community" if place["left"] else "lives in no corridor"
            )  # fmt: skip
            raise ResidentNotFound(f"{resident_id}: {why}")
        if (ages_on or as_of).year - int(place["birthYear"]) < rules.elder_age:
            raise NotAnElder(f"{resident_id} is younger than {rules.elder_age}")
        # The place's own version: read after ``version``, it is the newer of the two.
        structure = structure_of(place["version"])
        data = await scope_structure(driver, database=database, scope=place["corridor"],
                                     as_of=as_of, rules=rules, ages_on=ages_on,
                                     windows=window is not None, structure=structure)  # fmt: skip
        data = await with_visits_read(driver, database, data, rules)
        helpers = sorted(Analysis(data, rules, window=window).kinds_of(data.members[resident_id]))

        async def reach_now() -> list[list[Any]]:
            return await reach_of(driver, database, ids=helpers, as_of=as_of)

        reach = await kept(reaches, structure, (tuple(helpers), as_of), reach_now)
        network = await cpu_bound(
            assemble, data, rules=rules, resident_id=resident_id, reach=reach, window=window
        )
    return dataclasses.replace(network, structure=structure)


async def reachable_of(db: GraphSession, network: SupportNetwork, ids: list[str]) -> frozenset[str]:
    """The people among ``ids`` the session's scope reaches (``reachable_ids``), kept per the
    structure version ``network`` was read at: whom a scope reaches follows from homes, roles,
    pairings and family doctors, which a visit does not change."""

    async def read_them() -> frozenset[str]:
        return frozenset(await reachable_ids(db, ids=ids))

    key = ("reachable", tuple(sorted(ids)), tuple(sorted(db.reach.params().items())))
    found: frozenset[str] = await kept(reaches, network.structure, key, read_them)
    return found
