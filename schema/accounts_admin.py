"""Accounts administered from the page: ``accounts``, and the mutations on accounts, their
passwords, one-time sign-in codes, sessions and programs' tokens.

An admin administers every account; a committee the accounts scoped inside its own community
(never an admin, and never one scoped above or beside it). A password, a sign-in code or a token
is shown once, in the payload that made it, and never again; sessions and tokens are listed by
id (a session's id is its secret's hash), never by their secret. Each mutation is audited like
every other (schema/audit.py: ids only). Account ids are plain strings (``String``), not
community references: an account belongs to the deployment, not to a community.

    { accounts { id role scope disabled hasPassword sessions { id kind seenAt }
                 tokens { id name expiresAt revokedAt } } }
    mutation { issueSignInCode(accountId: "chief-502") { code expiresAt url qrSvg } }
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import segno
import strawberry

from graph.access import account_changes as changes
from graph.access.accounts import ALL_ACCOUNTS, Account, account_by_id, account_from, role_params
from graph.access.api_tokens import ApiToken, create_token, revoke_token, token_owner, tokens_of
from graph.access.passwords import initial_password
from graph.access.sessions import LiveSession, end_session_by_id, session_owner, sessions_of
from graph.access.signin_codes import issue_code
from graph.errors import ChangeError
from schema.context import Info
from schema.mutations import UserError
from schema.viewer import AccountRole

__all__ = ["AccountsMutation", "AccountsQuery"]

T = TypeVar("T")


@strawberry.type(description="A live sign-in session (a browser, or a phone's long one).")
class SignInSession:
    id: str = strawberry.field(description="Names the session; it cannot sign anyone in.")
    kind: str = strawberry.field(description="browser, or device (a phone, by a one-time code)")
    created_at: datetime
    seen_at: datetime
    expires_at: datetime

    @classmethod
    def of(cls, s: LiveSession) -> SignInSession:
        return cls(id=s.id, kind=s.kind, created_at=s.created_at, seen_at=s.seen_at,
                   expires_at=s.expires_at)  # fmt: skip


@strawberry.type(description="A program's named token (the token itself is shown once).")
class ProgramToken:
    id: str
    name: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None

    @classmethod
    def of(cls, t: ApiToken) -> ProgramToken:
        return cls(id=t.id, name=t.name, created_at=t.created_at, expires_at=t.expires_at,
                   revoked_at=t.revoked_at)  # fmt: skip


@strawberry.type(description="An account, as its administrators see it (no secret).")
class ManagedAccount:
    id: str
    role: AccountRole
    scope: strawberry.ID | None
    person_id: strawberry.ID | None
    disabled: bool
    has_password: bool
    must_change_password: bool
    created_at: datetime
    sessions: list[SignInSession]
    tokens: list[ProgramToken]

    @classmethod
    def of(
        cls, a: Account, sessions: Sequence[LiveSession] = (), tokens: Sequence[ApiToken] = ()
    ) -> ManagedAccount:
        return cls(
            id=a.id,
            role=AccountRole(a.role),
            scope=strawberry.ID(a.scope) if a.scope else None,
            person_id=strawberry.ID(a.person_id) if a.person_id else None,
            disabled=a.disabled,
            has_password=a.has_password,
            must_change_password=a.must_change_password,
            created_at=a.created_at,
            sessions=[SignInSession.of(s) for s in sessions],
            tokens=[ProgramToken.of(t) for t in tokens],
        )


@strawberry.type
class AccountPayload:
    account: ManagedAccount | None = None
    initial_password: str | None = strawberry.field(
        default=None, description="A one-time password, shown only here; changed at first sign-in."
    )
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class SignInCodePayload:
    code: str | None = strawberry.field(default=None, description="The digits, shown only here.")
    expires_at: datetime | None = None
    url: str | None = strawberry.field(default=None, description="The page's address with it.")
    qr_svg: str | None = strawberry.field(default=None, description="The address as a QR code.")
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class TokenPayload:
    token: str | None = strawberry.field(default=None, description="Shown only here.")
    program_token: ProgramToken | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class AccountInput:
    id: str
    role: AccountRole
    scope: strawberry.ID | None = None
    person_id: strawberry.ID | None = None


def manages(info: Info, role: str, scope: str | None) -> bool:
    """Whether the caller administers accounts of ``role`` scoped to ``scope``: an admin all of
    them, a committee those inside its community, never an admin."""
    me = info.context.principal
    if me is None:
        return False
    if me.role == "admin":
        return True
    if me.role != "committee" or me.scope is None or role == "admin" or scope is None:
        return False
    return scope == me.scope or scope.startswith(me.scope + "/")


P = TypeVar("P", AccountPayload, SignInCodePayload, TokenPayload)


def _audited(info: Info, operation: str, target: str | None, payload: P) -> P:
    """Note the change in the request's audit trail: who, on which account, whether it held
    (ids only: no password, code or token reaches the log)."""
    info.context.audit.mutation(operation, (), ok=not payload.errors, target=target)
    return payload


def _refused(error: ChangeError) -> list[UserError]:
    return [UserError.of(error)]


NOT_YOURS = ChangeError(
    "FORBIDDEN", "id", "That account is not one you administer (or does not exist).",
    "您无权管理该账号（或账号不存在）。",
)  # fmt: skip


async def _sync(info: Info, fn: Callable[..., T], **kwargs: Any) -> T:
    """One of graph/access/account_changes.py's functions, off the event loop."""
    target = info.context.target

    def run() -> T:
        with target.sync_driver() as driver:
            return fn(driver, database=target.database, **kwargs)

    return await asyncio.to_thread(run)


async def _managed(info: Info, account_id: str) -> Account | None:
    found = await account_by_id(info.context.db, account_id=account_id)
    return found if found is not None and manages(info, found.role, found.scope) else None


@strawberry.type
class AccountsQuery:
    @strawberry.field(description="The accounts you administer, with their live sessions and "
                      "programs' tokens (admin: all; committee: its community's).")  # fmt: skip
    async def accounts(self, info: Info) -> list[ManagedAccount]:
        db = info.context.db
        found = [account_from(r) for r in await db.read(ALL_ACCOUNTS, **role_params())]
        mine = [a for a in found if manages(info, a.role, a.scope)]
        ids = [a.id for a in mine]
        live = await sessions_of(db, account_ids=ids, now=datetime.now(UTC))
        tokens = await tokens_of(db, account_ids=ids)
        return [
            ManagedAccount.of(
                a,
                [s for s in live if s.account_id == a.id],
                [t for t in tokens if t.account_id == a.id],
            )
            for a in mine
        ]


@strawberry.type
class AccountsMutation:
    @strawberry.mutation(description="Open an account; its one-time initial password is shown "
                         "once, to be changed at the first sign-in.")  # fmt: skip
    async def add_account(self, info: Info, input: AccountInput) -> AccountPayload:
        return _audited(info, "addAccount", input.id, await _add(info, input))

    @strawberry.mutation(description="Give an account a new one-time password (shown once); "
                         "its sessions end.")  # fmt: skip
    async def reset_password(self, info: Info, account_id: str) -> AccountPayload:
        found = await _managed(info, account_id)
        done = await _with_initial_password(info, found) if found else _not_yours(AccountPayload)
        return _audited(info, "resetPassword", account_id, done)

    @strawberry.mutation(description="Disable an account: its sessions and tokens stop at once.")
    async def disable_account(self, info: Info, account_id: str) -> AccountPayload:
        return _audited(info, "disableAccount", account_id, await _disable(info, account_id))

    @strawberry.mutation(description="Change an account's role, scope or person.")
    async def set_account_role(self, info: Info, input: AccountInput) -> AccountPayload:
        return _audited(info, "setAccountRole", input.id, await _set_role(info, input))

    @strawberry.mutation(description="A one-time sign-in code for a phone (digits and a QR "
                         "code of the page's address), valid 15 minutes, used once.")  # fmt: skip
    async def issue_sign_in_code(self, info: Info, account_id: str) -> SignInCodePayload:
        return _audited(info, "issueSignInCode", account_id, await _code(info, account_id))

    @strawberry.mutation(description="End one session (a lost phone, a shared computer).")
    async def end_session(self, info: Info, session_id: str) -> AccountPayload:
        db = info.context.db
        owner = await session_owner(db, session_id=session_id)
        found = await _managed(info, owner) if owner else None
        done = _not_yours(AccountPayload)
        if found is not None:
            await end_session_by_id(db, session_id=session_id)
            done = AccountPayload(account=ManagedAccount.of(found))
        return _audited(info, "endSession", owner, done)

    @strawberry.mutation(description="A named token for a program acting as an account (shown "
                         "once); listed and revocable.")  # fmt: skip
    async def create_token(
        self, info: Info, account_id: str, name: str, days: int = 90
    ) -> TokenPayload:
        return _audited(info, "createToken", account_id, await _token(info, account_id, name, days))

    @strawberry.mutation(description="Revoke a program's token: refused from its next request.")
    async def revoke_token(self, info: Info, token_id: str) -> TokenPayload:
        db = info.context.db
        owner = await token_owner(db, token_id=token_id)
        done = _not_yours(TokenPayload)
        if owner is not None and await _managed(info, owner) is not None:
            revoked = await revoke_token(db, token_id=token_id, now=datetime.now(UTC))
            done = TokenPayload(program_token=ProgramToken.of(revoked) if revoked else None)
        return _audited(info, "revokeToken", owner, done)


def _not_yours(kind: type[P]) -> P:
    return kind(errors=_refused(NOT_YOURS))


def _person(input: AccountInput) -> str | None:
    return str(input.person_id) if input.person_id else None


async def _add(info: Info, input: AccountInput) -> AccountPayload:
    scope = str(input.scope) if input.scope else None
    if not manages(info, input.role.value, scope):
        return _not_yours(AccountPayload)
    made = await _sync(
        info, changes.add_account, account_id=input.id, role=input.role.value, scope=scope,
        person_id=_person(input),
    )  # fmt: skip
    if isinstance(made, ChangeError):
        return AccountPayload(errors=_refused(made))
    return await _with_initial_password(info, made)


async def _disable(info: Info, account_id: str) -> AccountPayload:
    if await _managed(info, account_id) is None:
        return _not_yours(AccountPayload)
    done = await _sync(info, changes.disable_account, account_id=account_id)
    if isinstance(done, ChangeError):
        return AccountPayload(errors=_refused(done))
    return AccountPayload(account=ManagedAccount.of(done))


async def _set_role(info: Info, input: AccountInput) -> AccountPayload:
    scope = str(input.scope) if input.scope else None
    if await _managed(info, input.id) is None or not manages(info, input.role.value, scope):
        return _not_yours(AccountPayload)
    done = await _sync(
        info, changes.set_role, account_id=input.id, role=input.role.value, scope=scope,
        person_id=_person(input),
    )  # fmt: skip
    if isinstance(done, ChangeError):
        return AccountPayload(errors=_refused(done))
    return AccountPayload(account=ManagedAccount.of(done))


async def _code(info: Info, account_id: str) -> SignInCodePayload:
    if await _managed(info, account_id) is None:
        return _not_yours(SignInCodePayload)
    me = info.context.principal
    issued = await issue_code(
        info.context.db, account_id=account_id, by=me.account_id if me else None,
        now=datetime.now(UTC),
    )  # fmt: skip
    if issued is None:
        return _not_yours(SignInCodePayload)
    url = f"{info.context.origin}/#code={issued.code}"
    qr = segno.make(url, error="m").svg_inline(scale=4, title="登录码 / sign-in code")
    return SignInCodePayload(code=issued.code, expires_at=issued.expires_at, url=url, qr_svg=qr)


async def _token(info: Info, account_id: str, name: str, days: int) -> TokenPayload:
    sign = info.context.sign_token
    if await _managed(info, account_id) is None or sign is None:
        return _not_yours(TokenPayload)
    me = info.context.principal
    made = await create_token(
        info.context.db, account_id=account_id, name=name, days=days,
        by=me.account_id if me else None, now=datetime.now(UTC),
    )  # fmt: skip
    if isinstance(made, ChangeError):
        return TokenPayload(errors=_refused(made))
    token = sign(account_id, timedelta(days=days), made.id)
    return TokenPayload(token=token, program_token=ProgramToken.of(made))


async def _with_initial_password(info: Info, account: Account) -> AccountPayload:
    password = initial_password()
    done = await _sync(
        info, changes.set_password, account_id=account.id, password=password, must_change=True
    )
    if isinstance(done, ChangeError):
        return AccountPayload(errors=_refused(done))
    return AccountPayload(account=ManagedAccount.of(done), initial_password=password)
