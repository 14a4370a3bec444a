"""Per-request overrides of the coverage rules (:class:`graph.analysis.rules.Rules`)."""

from __future__ import annotations

from typing import Any

import strawberry

from graph.analysis.rules import Rules, RulesError, base_rules
from schema.enums import HelperKind, Mobility
from schema.errors import BadInput


@strawberry.input(
    description=(
        "Overrides of the deployment's coverage rules for one request; omitted fields keep "
        "their configured value (defaults: elders 60+, 80+ very old, tags 独居/高龄/残疾, "
        "mobility ASSISTED/DEPENDENT, household helpers aged 18-74, 2 helpers of 2 kinds, "
        "contact within 14 days, capacity 5 for volunteers and floor chiefs)."
    )
)
class RulesInput:
    elder_age: int | None = strawberry.field(default=None, description="Elders are this old+.")
    very_old_age: int | None = strawberry.field(
        default=None, description="From this age an elder is vulnerable whatever else holds."
    )
    vulnerable_tags: list[str] | None = strawberry.field(
        default=None, description="Tags that make an elder vulnerable, e.g. 独居, 残疾."
    )
    vulnerable_mobility: list[Mobility] | None = None
    household_min_age: int | None = strawberry.field(
        default=None, description="Household members this old or older help (inclusive)."
    )
    household_max_age: int | None = strawberry.field(
        default=None, description="Household members younger than this help (exclusive)."
    )
    min_helpers: int | None = None
    min_kinds: int | None = None
    contact_days: int | None = strawberry.field(
        default=None, description="A visit by a helper within this many days is recent."
    )
    volunteer_capacity: int | None = strawberry.field(
        default=None,
        description="Vulnerable elders a volunteer can follow, unless the roster says.",
    )
    floor_chief_capacity: int | None = None
    suggestion_kinds: list[HelperKind] | None = strawberry.field(
        default=None, description="Pairing kinds assignmentSuggestions may propose."
    )


def rules_of(given: RulesInput | None) -> Rules:
    """The deployment's rules with this request's overrides; BAD_USER_INPUT when invalid."""
    if given is None:
        return base_rules()
    overrides: dict[str, Any] = {}
    for name, value in vars(given).items():
        if isinstance(value, list):
            value = [v.value if hasattr(v, "value") else v for v in value]
        overrides[name] = value
    try:
        return base_rules().merged(overrides)
    except RulesError as exc:
        raise BadInput(f"rules: {exc}", f"规则有误：{exc}") from exc
