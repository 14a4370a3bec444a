"""Emergency plans through the API: who needs one, whether each plan would work (in a window of
the week, when one is asked), the figures per area, responders to propose where a plan lacks
one, and setting a plan.

Example::

    { emergencyPlans(window: NIGHT) {
        summary { needing withCompletePlan }
        elders(onlyIncomplete: true) { nodes { residentId name problems { code responderId } } }
    } }
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from enum import Enum

import strawberry

from graph.analysis import emergency as rules_of_plans
from graph.analysis.responders import OpenPlaces, Place, open_places, suggest_responders
from graph.analysis.rules import Rules
from graph.emergency import plans as store
from graph.emergency.responders import responder_candidates
from graph.errors import ChangeError
from graph.messages.words import word
from schema.change_scope import check_change
from schema.context import Info
from schema.coverage.reports import page
from schema.coverage.resolvers import rules_for
from schema.enums import Window
from schema.fields import DETAIL, as_of_or_today
from schema.mutations import UserError, audited_change
from schema.pagination import Connection
from schema.permissions import Audited, PersonalDetail, require_area_in_scope

__all__ = [
    "EmergencyBoard",
    "PlanProblem",
    "PlansMutation",
    "PlansQuery",
    "Responder",
    "ResponderRole",
    "responder",
]

PlanProblem = strawberry.enum(
    Enum("PlanProblem", {c: c for c in rules_of_plans.PLAN_PROBLEMS}),
    description="Why a plan would not work: none, a responder missing, the same person twice, "
    "a responder who left, needs a plan, cannot be reached in the window, or carries too many.",
)
PlanNeed = strawberry.enum(
    Enum("PlanNeed", {c: c for c in ("MOBILITY", "AGED_ALONE", "TAGGED")}),
    description="Why a resident needs an emergency plan (the rules' [emergency]).",
)


@strawberry.type
class Responder:
    person_id: strawberry.ID
    name: str = strawberry.field(extensions=[Audited()])


@strawberry.type
class Problem:
    code: PlanProblem  # type: ignore[valid-type]
    responder_id: strawberry.ID | None


@strawberry.type(description="A resident's emergency plan and whether it would work.")
class ElderPlan:
    resident_id: strawberry.ID
    name: str = strawberry.field(extensions=[Audited()])
    corridor: strawberry.ID
    needs_plan: bool
    needs_because: list[PlanNeed]  # type: ignore[valid-type]
    has_plan: bool
    complete: bool
    problems: list[Problem]
    first_responder: Responder | None
    backup_responder: Responder | None
    destination: str | None = strawberry.field(description="Where to go.")
    needs: list[str] | None = strawberry.field(
        description=f"What they need (a wheelchair, medication, oxygen, a language). {DETAIL}",
        extensions=[PersonalDetail()],
    )
    contact: str | None = strawberry.field(
        description=f"Whom to call. {DETAIL}", extensions=[PersonalDetail()]
    )
    note: str | None = strawberry.field(
        description=f"The plan's note (setEmergencyPlan replaces it too). {DETAIL}",
        extensions=[PersonalDetail()],
    )
    updated_on: date | None


@strawberry.enum(description="Which place of a plan a responder fills.")
class ResponderRole(Enum):
    FIRST = "first"
    BACKUP = "backup"


@strawberry.type(description="A responder to propose for a plan, to record with setEmergencyPlan.")
class ResponderSuggestion:
    resident_id: strawberry.ID
    role: ResponderRole
    person_id: strawberry.ID
    name: str = strawberry.field(extensions=[Audited("person_id")])
    cost: int = strawberry.field(
        description="1 same corridor, 2 same building, 3 same block, 4 same micro-grid, "
        "5 elsewhere."
    )
    spare: int = strawberry.field(description="Their spare plans before this proposal.")
    near: strawberry.Private[str]

    @strawberry.field(description="How near, in the reader's language (同一楼道 …).")
    def proximity(self, info: Info) -> str:
        return word("nearness", self.near, info.context.language)


@strawberry.type
class AreaReadiness:
    code: strawberry.ID
    needing: int
    with_complete_plan: int


@strawberry.type
class OverloadedResponder:
    person_id: strawberry.ID
    name: str = strawberry.field(extensions=[Audited()])
    plans: int
    capacity: int


@strawberry.type(description="Emergency readiness of a scope: plans needed and complete.")
class EmergencyBoard:
    as_of: date
    window: Window | None
    summary: AreaReadiness = strawberry.field(
        description="The whole scope: ``scope``, else yours (``*`` for an administrator's)."
    )
    areas: list[AreaReadiness] = strawberry.field(description="Each area, by code.")
    overloaded_responders: list[OverloadedResponder]
    rows: strawberry.Private[list[ElderPlan]]
    open: strawberry.Private[list[OpenPlaces]]
    rules: strawberry.Private[Rules]

    @strawberry.field(description="Residents who need a plan; ``onlyIncomplete``: without a "
                      "complete one.")  # fmt: skip
    def elders(
        self, only_incomplete: bool = False, first: int | None = None, after: str | None = None
    ) -> Connection[ElderPlan]:
        found = [e for e in self.rows if not (only_incomplete and e.complete)]
        return page(found, lambda e: e, first, after)

    @strawberry.field(
        description="Responders to propose where a plan lacks one who can respond (in "
        "``window``, when asked): residents of the elder's micro-grid in your scope who do not "
        "need a plan and have spare capacity, nearest first (corridor, building, block), "
        "as many places filled as capacity allows (graph/analysis/responders.py)."
    )
    async def suggestions(self, info: Info) -> list[ResponderSuggestion]:
        day, win = self.as_of, self.window.value if self.window else None
        found = await responder_candidates(
            info.context.db, corridors=[e.home.corridor for e in self.open], rules=self.rules,
            year=day.year, on=day, window=win,
        )  # fmt: skip
        placed = [replace(e, home=found.places.get(e.home.corridor, e.home)) for e in self.open]
        return [
            ResponderSuggestion(
                resident_id=strawberry.ID(p.elder_id), role=ResponderRole(p.role),
                person_id=strawberry.ID(p.person_id), name=found.names.get(p.person_id, ""),
                cost=p.cost, spare=p.spare, near=p.nearness,
            )
            for p in suggest_responders(placed, found.candidates, rules=self.rules, window=win)
        ]  # fmt: skip


def responder(names: dict[str, str], who: str | None) -> Responder | None:
    """``who`` by id and name (``names``), or None."""
    return None if who is None else Responder(person_id=strawberry.ID(who),
                                              name=names.get(who, ""))  # fmt: skip


async def resolve_emergency_plans(
    info: Info, scope: strawberry.ID | None = None, as_of: date | None = None,
    window: Window | None = None,
) -> EmergencyBoard:  # fmt: skip
    day, rules = as_of_or_today(info, as_of), rules_for(info, None)
    if scope is not None:
        await require_area_in_scope(info, scope)
    board = await store.plan_board(info.context.db, rules=rules, on=day, year=day.year,
                                   below=scope)  # fmt: skip
    asked = window.value if window else None
    needing = [e for e in board.elders if e.needs_plan]
    statuses = store.statuses(board, rules=rules, window=asked)
    rows = []
    for e in needing:
        s, p = statuses[e.id], e.plan
        rows.append(ElderPlan(
            resident_id=strawberry.ID(e.id), name=e.name, corridor=strawberry.ID(e.corridor),
            needs_plan=True, needs_because=[PlanNeed[x] for x in e.needs_plan],
            has_plan=s.has_plan, complete=s.complete,
            problems=[Problem(code=PlanProblem[c], responder_id=strawberry.ID(r) if r else None)
                      for c, r in s.problems],
            first_responder=responder(board.names, p.first if p else None),
            backup_responder=responder(board.names, p.backup if p else None),
            destination=p.destination if p else None, needs=list(p.needs) if p else None,
            contact=p.contact if p else None, note=p.note if p else None,
            updated_on=p.updated_on if p else None,
        ))  # fmt: skip
    corridors = {e.id: e.corridor for e in needing}
    figures = rules_of_plans.rolled_up(corridors, statuses, board.parents)
    areas = [AreaReadiness(code=strawberry.ID(a), needing=n, with_complete_plan=done)
             for a, (n, done) in sorted(figures.items())]  # fmt: skip
    done = sum(s.complete for s in statuses.values())
    heavy = rules_of_plans.overloaded(board.responders, rules=rules)
    return EmergencyBoard(
        as_of=day, window=window,
        summary=AreaReadiness(code=strawberry.ID(scope or _own_scope(info)), needing=len(needing),
                              with_complete_plan=done),
        areas=areas,
        overloaded_responders=[OverloadedResponder(person_id=strawberry.ID(r.person_id),
                               name=board.names.get(r.person_id, ""), plans=r.plans,
                               capacity=rules.responder_capacity) for r in heavy],
        rows=rows,
        open=[o for e in needing if (o := _open(e, statuses[e.id])) is not None],
        rules=rules,
    )  # fmt: skip


def _own_scope(info: Info) -> str:
    """The caller's scope; ``*`` for an administrator's, which is everything."""
    principal = info.context.principal
    return (principal.scope if principal else None) or "*"


def _open(e: store.Elder, s: rules_of_plans.PlanStatus) -> OpenPlaces | None:
    first, backup = (e.plan.first, e.plan.backup) if e.plan else (None, None)
    return open_places(e.id, Place(e.corridor), first, backup, s.problems)


@strawberry.type
class PlansQuery:
    emergency_plans: EmergencyBoard = strawberry.field(
        resolver=resolve_emergency_plans,
        description="Who needs an emergency plan in the scope (default: the caller's), and "
        "whether each would work today — in ``window``, when one is asked: responders "
        "named, two people, current, not in need of a plan themselves, reachable then, not "
        "over their capacity.",
    )


@strawberry.input
class SetEmergencyPlanInput:
    resident_id: strawberry.ID
    first_responder_id: strawberry.ID | None = None
    backup_responder_id: strawberry.ID | None = None
    destination: str | None = None
    needs: list[str] = strawberry.field(default_factory=list)
    contact: str | None = None
    note: str | None = None


@strawberry.type
class EmergencyPlanPayload:
    resident_id: strawberry.ID | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class PlansMutation:
    @strawberry.mutation(description="Set a resident's emergency plan (replacing it).")
    async def set_emergency_plan(
        self, info: Info, input: SetEmergencyPlanInput
    ) -> EmergencyPlanPayload:
        ctx = info.context
        named = (("firstResponderId", input.first_responder_id),
                 ("backupResponderId", input.backup_responder_id))  # fmt: skip
        people = [("residentId", input.resident_id), *((f, w) for f, w in named if w)]

        async def make() -> ChangeError | str:
            done = await store.set_plan(
                ctx.db, elder=input.resident_id, first=input.first_responder_id,
                backup=input.backup_responder_id, destination=input.destination,
                needs=list(input.needs), contact=input.contact, note=input.note, on=ctx.today,
                account=ctx.principal.account_id if ctx.principal else None,
            )  # fmt: skip
            return done if done is not None else input.resident_id

        ids = [w for _, w in people]
        result = await audited_change(info, "setEmergencyPlan", ids,
                                      check_change(info, reachable=people), make)  # fmt: skip
        if isinstance(result, ChangeError):
            return EmergencyPlanPayload(errors=[UserError.of(result)])
        return EmergencyPlanPayload(resident_id=strawberry.ID(result))
