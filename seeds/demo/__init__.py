"""The synthetic demo community: a fictional roster shaped like Qingsong Community (青松社区),
generated stage by stage, and the gaps planted in it (:func:`planted_gaps`). The overview is in
:mod:`seeds.demo.generator`, the planted gaps are described in :mod:`seeds.demo.gaps`.

May import: the standard library and ``seeds.rows`` (all of ``seeds/`` may import ``graph/``,
never ``schema/`` nor ``server/``). Inside, a module imports only the stages before it:
constants, dates → layout → households → residents → gaps → staff → roles → pairings → visits →
generator.
"""

from seeds.demo.constants import (
    DEFAULT_HOUSEHOLDS,
    MIN_HOUSEHOLDS,
    RECENT_VISIT_DAYS,
    VULNERABLE_TAGS,
)
from seeds.demo.gaps import PLANTED_GAPS, PlantedGaps, planted_gaps
from seeds.demo.generator import generate
from seeds.demo.residents import age, is_vulnerable

__all__ = [
    "DEFAULT_HOUSEHOLDS",
    "MIN_HOUSEHOLDS",
    "PLANTED_GAPS",
    "RECENT_VISIT_DAYS",
    "VULNERABLE_TAGS",
    "PlantedGaps",
    "age",
    "generate",
    "is_vulnerable",
    "planted_gaps",
]
