"""Emergency readiness through the API: plans (``plans.py``) and events (``events.py``)."""

from schema.emergency.plans import EmergencyMutation, EmergencyQuery

__all__ = ["EmergencyMutation", "EmergencyQuery"]
