"""Who may do what: the roles, the root fields each may use, and the guards on personal details.

    ACTIONS          role -> the root fields and mutations it may use
    RootGuard        on every root field: UNAUTHENTICATED without a token (but ``health``),
                     FORBIDDEN when the role may not use the field
    PersonalDetail   on every field that holds a personal detail: null with a FORBIDDEN error
                     when the role reads no details (planner) or the person lives outside the
                     caller's scope; recorded in the audit trail when read
    Audited          on people's names: never refuses, records the read

*Where* a caller may look is not decided here but in the data layer (:mod:`graph.access.scope`):
every Cypher that returns people is filtered by the caller's scope, so these guards only decide
*what* of a reachable person a role may read. A masked field says why in its error, never as a
silent null.

Example (a planner asks for a phone number)::

    { resident(id: "R000001") { name ageBand phone } }
    -> data.resident.phone = null,
       errors[0] = {path: ["resident", "phone"], extensions: {code: "FORBIDDEN"}, ...}
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from strawberry.extensions.field_extension import FieldExtension
from strawberry.types import Info

from graph.access.accounts import Principal
from graph.access.scope import Reach
from graph.access.scope_checks import area_placed
from graph.records.people import PersonRow
from schema.errors import LouzhiError, area_not_found

__all__ = [
    "ACTIONS",
    "DETAIL_ROLES",
    "Audited",
    "FieldCheck",
    "Forbidden",
    "LivesInScope",
    "PersonalDetail",
    "Principal",
    "RootGuard",
    "Unauthenticated",
    "allowed",
    "check_detail",
    "check_lives_in_scope",
    "outside_scope",
    "reach_of",
    "reads_details",
    "refuse_area",
    "require_area_in_scope",
    "require_details",
]


class Unauthenticated(LouzhiError):
    code = "UNAUTHENTICATED"


class Forbidden(LouzhiError):
    code = "FORBIDDEN"


ANONYMOUS: frozenset[str] = frozenset({"health"})
READS: frozenset[str] = frozenset(
    {
        "viewer",
        "health",
        "communities",
        "area",
        "resident",
        "person",
        "residents",
        "coverageGaps",
        "coverageByWindow",
        "emergencyPlans",
        "emergencyEvents",
        "emergencyEvent",
        "coverageTrend",
        "supportNetwork",
        "whatIf",
        "assignmentSuggestions",
        "matters",
        "matter",
        "vote",
        "projects",
        "project",
        "meetings",
        "meeting",
        "governanceFigures",
    }
)
MUTATIONS: frozenset[str] = frozenset(
    {
        "assignRole",
        "endRole",
        "addHelper",
        "endHelper",
        "recordVisit",
        "upsertPerson",
        "upsertResident",
        "moveHousehold",
        "setCapacity",
    }
)
PAIRING = frozenset({"addHelper", "endHelper"})
# Matters are raised and taken forward by those who serve the place (schema/matters.py): a floor
# chief's scope is their corridor, so they raise matters for it only. Planners read them.
# Ballots are gathered door to door by those who serve the place; the committee opens and closes
# votes (schema/votes.py) and runs projects (schema/projects.py).
# A project's photos too: the floor chief takes the "after" picture (server/photos.py).
MATTERS = frozenset(
    {
        "raiseMatter",
        "advanceMatter",
        "castBallot",
        "recordAttendance",
        "uploadPhoto",
        "followUpDecision",
    }
)
COMMITTEE_GOVERNANCE = frozenset(
    {
        "openVote",
        "closeVote",
        "proposeProject",
        "advanceProject",
        "recordSatisfaction",
        "recordMeeting",
        "startEmergencyEvent",
        "closeEmergencyEvent",
    }
)
# Emergency plans: set by the committee and by those who knock on the doors, who mark the elders
# during an event too (schema/emergency/events.py); the committee starts and closes events.
EMERGENCY: frozenset[str] = frozenset({"setEmergencyPlan", "markEventElder"})
# A floor chief's own list; committee members and admins get theirs when their account is bound
# to a person who serves as a floor chief (empty otherwise). Planners and grid workers serve no
# corridor through their account.
MINE: frozenset[str] = frozenset({"myElders"})
# Accounts: an admin administers all, a committee its community's (schema/accounts_admin.py).
ACCOUNTS: frozenset[str] = frozenset(
    {
        "accounts",
        "addAccount",
        "resetPassword",
        "disableAccount",
        "setAccountRole",
        "issueSignInCode",
        "endSession",
        "createToken",
        "revokeToken",
    }
)
ACTIONS: dict[str, frozenset[str]] = {
    "admin": READS
    | MUTATIONS
    | MATTERS
    | COMMITTEE_GOVERNANCE
    | ACCOUNTS
    | MINE
    | EMERGENCY
    | {"auditLog"},
    "committee": READS | MUTATIONS | MATTERS | COMMITTEE_GOVERNANCE | ACCOUNTS | MINE | EMERGENCY,
    "grid_worker": READS | PAIRING | MATTERS | EMERGENCY | {"recordVisit"},
    # Suggestions draw helpers from the whole micro-grid: beyond a floor chief's corridor.
    "floor_chief": (READS - {"assignmentSuggestions"})
    | MINE
    | MATTERS
    | EMERGENCY
    | {"recordVisit"},
    "planner": READS | PAIRING,
}
# Roles that read personal details (of the people living in their scope); a planner reads
# names and age bands only.
DETAIL_ROLES: frozenset[str] = frozenset({"admin", "committee", "grid_worker", "floor_chief"})
# Roles that record visits only as themselves (the account's person).
ACT_AS_THEMSELVES: frozenset[str] = frozenset({"grid_worker", "floor_chief"})


def allowed(principal: Principal | None) -> frozenset[str]:
    """The root fields and mutations ``principal`` may use."""
    return ANONYMOUS if principal is None else ACTIONS.get(principal.role, frozenset())


def reach_of(principal: Principal | None) -> Reach:
    """The data-layer scope of ``principal``; an anonymous caller reaches nothing."""
    if principal is None:
        return Reach(scope="", untied=False)  # no area has an empty code
    if principal.role == "admin":
        return Reach()
    # Workers tied to nothing (a volunteer not yet paired) belong to the committee's view.
    return Reach(scope=principal.scope or "", untied=principal.role == "committee")


class FieldCheck(FieldExtension):
    """A field extension that runs :meth:`check` (on the field's source and its arguments)
    before a sync or an async resolver; a check refuses by raising."""

    def check(self, source: Any, info: Info, arguments: dict[str, Any]) -> None:
        raise NotImplementedError

    def resolve(self, next_: Callable[..., Any], source: Any, info: Info, **kwargs: Any) -> Any:
        self.check(source, info, kwargs)
        return next_(source, info, **kwargs)

    async def resolve_async(
        self, next_: Callable[..., Awaitable[Any]], source: Any, info: Info, **kwargs: Any
    ) -> Any:
        self.check(source, info, kwargs)
        return await next_(source, info, **kwargs)


def reads_details(principal: Principal | None) -> bool:
    """Whether the role reads personal details (of the people living in its scope)."""
    return principal is not None and principal.role in DETAIL_ROLES


def outside_scope(what: str, scope: str | None) -> tuple[str, str]:
    """The words (English, Chinese) for an area or a household outside the caller's scope."""
    return f"{what} is outside your scope ({scope}).", f"{what} 超出您的管辖范围（{scope}）。"


async def require_area_in_scope(info: Info, code: str) -> None:
    """NOT_FOUND for an unknown area, FORBIDDEN for one outside the caller's scope (areas are no
    secret, so saying so tells nothing about people)."""
    refuse_area(info, code, await area_placed(info.context.db, code=code))


def refuse_area(info: Info, code: str, placed: bool | None) -> None:
    """What :func:`require_area_in_scope` raises, given the area's place (as
    graph/access/scope_checks.area_placed reads it)."""
    if placed is None:
        raise area_not_found(code)
    if not placed:
        principal = info.context.principal
        raise Forbidden(*outside_scope(code, principal.scope if principal else None))


def require_details(info: Info, what: str) -> None:
    """Refuse ``what`` (an argument that selects people by a personal detail) to roles that read
    no personal details: a filter on age or health would tell what the masks hide."""
    principal = info.context.principal
    if principal is not None and not reads_details(principal):
        raise Forbidden(
            f"A {principal.role} may not use {what}: it selects people by personal details.",
            f"该角色不能使用 {what}（按个人信息筛选）。",
        )


def _root(source: Any, info: Info) -> None:
    ctx = info.context
    name = info.field_name
    if name in allowed(ctx.principal):
        return
    if info.operation.operation.value == "mutation":
        ctx.audit.mutation(name, (), ok=False)
    if ctx.principal is None:
        raise Unauthenticated("Sign in: send 'Authorization: Bearer <token>'.", "请先登录。")
    raise Forbidden(
        f"The role {ctx.principal.role} may not use {name}.", f"该角色无权使用 {name}。"
    )


def _person_id(source: Any) -> str:
    for name in ("id", "resident_id", "person_id"):
        if (found := getattr(source, name, None)) is not None:
            return str(found)
    raise TypeError(f"{type(source).__name__} names no person")


def check_detail(principal: Principal | None, field_name: str, row: PersonRow | None) -> None:
    """Refuse the personal detail ``field_name`` to a role that reads none, and to every role
    when the person (``row``; None: an object that names nobody's row) lives outside its
    scope."""
    if principal is None or not reads_details(principal):
        role = principal.role if principal else "anonymous"
        raise Forbidden(
            f"A {role} sees people by name and age band only; {field_name} is a personal detail.",
            f"该角色只能看到姓名和年龄段，{field_name} 属个人信息。",
        )
    check_lives_in_scope(principal, field_name, row)


def check_lives_in_scope(
    principal: Principal | None, field_name: str, row: PersonRow | None
) -> None:
    """Refuse ``field_name`` of a person who does not live in the caller's scope."""
    if row is not None and not row.detail:
        scope = principal.scope if principal else None
        raise Forbidden(
            f"This person does not live in your scope ({scope}); {field_name} is not shown.",
            f"此人不在您的管辖范围（{scope}）内，不显示 {field_name}。",
        )


def _detail(source: Any, info: Info) -> None:
    ctx = info.context
    check_detail(ctx.principal, info.field_name, getattr(source, "row", None))
    ctx.audit.read(info, _person_id(source))


class RootGuard(FieldCheck):
    """On every root field (``schema.api.guard_root_fields`` puts it there)."""

    def check(self, source: Any, info: Info, arguments: dict[str, Any]) -> None:
        _root(source, info)


class PersonalDetail(FieldCheck):
    """On every field that holds a personal detail."""

    def check(self, source: Any, info: Info, arguments: dict[str, Any]) -> None:
        _detail(source, info)


class LivesInScope(FieldCheck):
    """On what every role may read of a resident living in its scope, but of nobody else (the
    age band): a reachable resident who lives elsewhere appears by id and name only."""

    def check(self, source: Any, info: Info, arguments: dict[str, Any]) -> None:
        check_lives_in_scope(info.context.principal, info.field_name, getattr(source, "row", None))


class Audited(FieldCheck):
    """Records the read of the person the object names (by ``attribute``, else its own id)."""

    def __init__(self, attribute: str | None = None) -> None:
        self.attribute = attribute

    def check(self, source: Any, info: Info, arguments: dict[str, Any]) -> None:
        found = getattr(source, self.attribute) if self.attribute else _person_id(source)
        info.context.audit.read(info, str(found))
