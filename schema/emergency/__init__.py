"""Emergency readiness through the API: plans (``plans.py``) and events (``events.py``)."""

import strawberry

from schema.emergency.events import EventsMutation, EventsQuery
from schema.emergency.plans import PlansMutation, PlansQuery

__all__ = ["EmergencyMutation", "EmergencyQuery"]


@strawberry.type
class EmergencyQuery(PlansQuery, EventsQuery):
    pass


@strawberry.type
class EmergencyMutation(PlansMutation, EventsMutation):
    pass
