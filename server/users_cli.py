"""``louzhi users add|list|disable|token``: accounts of the API and their bearer tokens.

louzhi users add ID --role R [--scope CODE] [--person PID]
                                       prints a one-time initial password (changed at first
                                       sign-in); --password prompts for one instead
louzhi users set-password ID [--initial]
                                       prompts for a new password (twice); --initial prints a
                                       one-time one instead; every session of the account ends
louzhi users list                      a table of accounts (ids only, no personal data)
louzhi users disable ID                every token of the account is refused from then on
louzhi users token ID [--ttl-hours 12] print a token (stdout; its expiry on stderr)

Wired into ``louzhi`` by :func:`register`; ``python -m server.users_cli users …`` runs it alone.
The managed Neo4j is started first when it is the target, as ``louzhi load`` does.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from graph.access.account_changes import add_account, disable_account, set_password
from graph.access.accounts import ACCOUNT_ROLES, Account, get_account, list_accounts
from graph.access.passwords import initial_password
from graph.errors import ChangeError, GraphError
from graph.store.connection import started_target
from server.settings import Settings
from server.tokens import SigningKeyError, issue_token, signing_key

MAX_TTL_HOURS = 24 * 30


def _refused(error: ChangeError) -> int:
    print(f"louzhi: {error.message} / {error.message_zh} [{error.code}]", file=sys.stderr)
    return 1


def _when(moment: datetime | None) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC") if moment else ""


def cmd_add(args: argparse.Namespace) -> int:
    target = started_target()
    with target.sync_driver() as driver:
        result = add_account(
            driver,
            database=target.database,
            account_id=args.id,
            role=args.role,
            scope=args.scope,
            person_id=args.person,
        )
    if isinstance(result, ChangeError):
        return _refused(result)
    print(f"Created account {result.id} ({result.role}, scope {result.scope or '-'})")
    return _password(result.id, initial=not args.password)


def _password(account_id: str, *, initial: bool) -> int:
    """Set the password of ``account_id``: prompted, or a one-time one printed once."""
    if initial:
        password = initial_password()
    else:
        password = getpass.getpass(f"新密码 / new password for {account_id}: ")
        if getpass.getpass("再输入一次 / again: ") != password:
            print("louzhi: the two passwords differ / 两次输入的密码不一致", file=sys.stderr)
            return 1
    target = started_target()
    with target.sync_driver() as driver:
        result = set_password(
            driver, database=target.database, account_id=account_id, password=password,
            must_change=initial,
        )  # fmt: skip
    if isinstance(result, ChangeError):
        return _refused(result)
    if initial:
        print(f"初始密码（仅显示这一次，首次登录时须修改） / initial password (shown once, to be "
              f"changed at the first sign-in): {password}")  # fmt: skip
    else:
        print(f"Password set for {account_id}; its sessions have ended / 密码已设置")
    return 0


def cmd_set_password(args: argparse.Namespace) -> int:
    return _password(args.id, initial=args.initial)


def _table(accounts: list[Account]) -> list[str]:
    header = ("id", "role", "scope", "person", "status", "created")
    rows = [
        (
            a.id,
            a.role,
            a.scope or "-",
            a.person_id or "-",
            "disabled" if a.disabled else "active",
            _when(a.created_at),
        )
        for a in accounts
    ]
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    return [
        "  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
        for r in [header, *rows]
    ]


def cmd_list(args: argparse.Namespace) -> int:
    target = started_target()
    with target.sync_driver() as driver:
        accounts = list_accounts(driver, database=target.database)
    if not accounts:
        print("No accounts yet; create one with: louzhi users add ID --role admin")
        return 0
    for line in _table(accounts):
        print(line)
    return 0


def cmd_disable(args: argparse.Namespace) -> int:
    target = started_target()
    with target.sync_driver() as driver:
        result = disable_account(driver, database=target.database, account_id=args.id)
    if isinstance(result, ChangeError):
        return _refused(result)
    print(f"Disabled account {result.id}; its tokens are refused from now on")
    return 0


def cmd_token(args: argparse.Namespace) -> int:
    if not 0 < args.ttl_hours <= MAX_TTL_HOURS:
        print(f"louzhi: --ttl-hours must be between 1 and {MAX_TTL_HOURS}", file=sys.stderr)
        return 1
    # The same key the service will check with: LOUZHI_SECRET_KEY, or on loopback the key file.
    try:
        key = signing_key(os.environ, host=Settings.from_env().host)
    except SigningKeyError as exc:
        print(f"louzhi: {exc}", file=sys.stderr)
        return 2
    target = started_target()
    with target.sync_driver() as driver:
        account = get_account(driver, database=target.database, account_id=args.id)
    if account is None:
        print(f"louzhi: no account {args.id!r}", file=sys.stderr)
        return 1
    if account.disabled:
        print(f"louzhi: account {args.id!r} is disabled; no token issued", file=sys.stderr)
        return 1
    now = datetime.now(UTC)
    ttl = timedelta(hours=args.ttl_hours)
    print(issue_token(account_id=account.id, key=key, ttl=ttl, now=now))
    print(f"valid until {_when(now + ttl)}", file=sys.stderr)
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``users`` command to ``louzhi``'s subcommands."""
    users = subparsers.add_parser("users", help="账号与令牌 / accounts and their tokens")
    sub = users.add_subparsers(dest="users_command", required=True)

    add = sub.add_parser(
        "add", help="新建账号（打印一次性初始密码）/ create an account (prints a one-time password)"
    )
    add.add_argument(
        "id", help="账号（字母、数字、. _ @ -）/ account id (letters, digits, . _ @ -)"
    )
    add.add_argument(
        "--role", required=True, choices=ACCOUNT_ROLES, help="角色 / role (see the README)"
    )
    add.add_argument(
        "--scope",
        help="可查看的网格单元编号（管理员不需要）/ area code the account may see (not for admin)",
    )
    add.add_argument("--person", help="账号所属人员编号 / person id the account belongs to")
    add.add_argument(
        "--password",
        action="store_true",
        help="输入密码（默认打印一次性密码）/ prompt for a password (default: a one-time one)",
    )
    add.set_defaults(handler=cmd_add)

    setpw = sub.add_parser(
        "set-password", help="设置或重置密码 / set or reset an account's password"
    )
    setpw.add_argument("id", help="账号 / account id")
    setpw.add_argument(
        "--initial",
        action="store_true",
        help="打印一次性密码以交给本人 / print a one-time password to hand over",
    )
    setpw.set_defaults(handler=cmd_set_password)

    lst = sub.add_parser("list", help="列出账号 / list accounts")
    lst.set_defaults(handler=cmd_list)

    disable = sub.add_parser(
        "disable", help="停用账号及其全部会话与令牌 / disable an account, its sessions and tokens"
    )
    disable.add_argument("id", help="账号 / account id")
    disable.set_defaults(handler=cmd_disable)

    token = sub.add_parser("token", help="打印账号的访问令牌 / print a bearer token for an account")
    token.add_argument("id", help="账号 / account id")
    token.add_argument(
        "--ttl-hours", type=int, default=12, help="有效小时数 / validity in hours (default 12)"
    )
    token.set_defaults(handler=cmd_token)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="louzhi")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except GraphError as exc:
        print(f"louzhi: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
