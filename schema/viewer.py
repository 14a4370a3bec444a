"""``viewer``: who the token belongs to and what they may do, for a client to shape itself."""

from __future__ import annotations

from enum import Enum

import strawberry

from schema.context import Info
from schema.permissions import allowed


@strawberry.enum(description="What an account may see and do (see the README's table).")
class AccountRole(Enum):
    ADMIN = "admin"
    COMMITTEE = "committee"
    GRID_WORKER = "grid_worker"
    FLOOR_CHIEF = "floor_chief"
    PLANNER = "planner"


@strawberry.type(description="The signed-in account.")
class Viewer:
    account_id: str
    role: AccountRole
    scope: strawberry.ID | None = strawberry.field(
        description="The area the account sees into (null: everything, for an admin)."
    )
    person_id: strawberry.ID | None = strawberry.field(description="The person they act as.")
    person_name: str | None
    can: list[str] = strawberry.field(
        description="The root fields and mutations this account may use."
    )


async def resolve_viewer(info: Info) -> Viewer:
    principal = info.context.principal
    assert principal is not None  # the root guard lets no anonymous request through
    name = None
    if principal.person_id:
        person = await info.context.loaders.person_by_id.load(principal.person_id)
        name = person.name if person else None
    return Viewer(
        account_id=principal.account_id,
        role=AccountRole(principal.role),
        scope=strawberry.ID(principal.scope) if principal.scope else None,
        person_id=strawberry.ID(principal.person_id) if principal.person_id else None,
        person_name=name,
        can=sorted(allowed(principal)),
    )
