"""The ``louzhi`` command line.

louzhi neo4j install|start|stop|status   the managed local Neo4j
louzhi serve [--host H] [--port P]       the API under uvicorn
louzhi up [--demo]                       Neo4j + (demo data) + API; Ctrl-C stops both
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from graph.access.accounts import Account
from graph.errors import GraphError
from graph.store.connection import (
    Neo4jTarget,
    external_target,
    local_server,
    louzhi_home,
    resolve_target,
)
from graph.store.install import install
from server.cli_words import install as install_cli_words
from server.load_command import cmd_load
from server.settings import Settings
from server.tokens import SigningKeyError, issue_token, signing_key
from server.users_cli import register as register_users

Handler = Callable[[argparse.Namespace], int]


def _say(message: str) -> None:
    print(message, flush=True)


def cmd_neo4j(args: argparse.Namespace) -> int:
    if external_target() is not None and args.action in {"start", "stop"}:
        _say("NEO4J_URI is set: Louzhi uses that server and does not start or stop its own.")
        return 0
    server = local_server()
    if args.action == "install":
        install(server.lib, quiet=False)
        _say(f"Neo4j is installed in {server.lib}")
    elif args.action == "start":
        install(server.lib)
        started = server.start()
        _say(f"Neo4j {'started' if started else 'already running'} at {server.uri}")
    elif args.action == "stop":
        stopped = server.stop()
        _say("Neo4j stopped" if stopped else "Neo4j was not running")
    else:
        status = server.status()
        state = f"running (pid {status.pid})" if status.running else "stopped"
        _say(f"Neo4j {state} at {status.uri}, home {status.home}")
        return 0 if status.running else 3
    return 0


def _settings(args: argparse.Namespace) -> Settings:
    base = Settings.from_env()
    return dataclasses.replace(
        base,
        host=args.host or base.host,
        port=args.port or base.port,
        development=args.dev or base.development,
    )


def _serve(settings: Settings, *, workers: int = 1) -> None:
    import uvicorn

    from server.app import create_app

    base = f"http://{settings.host}:{settings.port}"
    _say(f"楼治网页 / the page: {base}/  ·  GraphQL: {base}/graphql")
    if workers <= 1:
        app = create_app(resolve_target(), settings)
        uvicorn.run(app, host=settings.host, port=settings.port, log_level="info")
        return
    # Several stateless processes on one port (uvicorn's supervisor): each builds its own app
    # from the environment; they share the signing key (made here first, if generated) and the
    # graph, and clients read their writes through any of them (schema/bookmarks.py).
    signing_key(os.environ, host=settings.host)
    os.environ.update(
        LOUZHI_HOST=settings.host,
        LOUZHI_PORT=str(settings.port),
        LOUZHI_DEV="1" if settings.development else "",
    )
    _say(f"  {workers} workers")
    uvicorn.run(
        "server.app:app_from_env",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=workers,
        log_level="info",
    )


def cmd_serve(args: argparse.Namespace) -> int:
    _serve(_settings(args), workers=args.workers)
    return 0


DEMO_TTL = timedelta(hours=12)
DEMO_OUT = "qingsong-demo.xlsx"


def demo_tokens(accounts: list[Account], *, key: bytes, now: datetime) -> dict[str, str]:
    """Account id -> a token of :data:`DEMO_TTL` for it."""
    return {a.id: issue_token(account_id=a.id, key=key, ttl=DEMO_TTL, now=now) for a in accounts}


def _load_demo(target: Neo4jTarget, *, seed: int, settings: Settings) -> None:
    """Write the demo roster as a workbook, load it like any clerk's roster, and print a token
    for each demo account (one per role)."""
    from graph.identity import Home
    from seeds.demo import generate
    from seeds.demo.events import write_event
    from seeds.demo.ledger import write_ledger
    from seeds.demo.plans import write_plans
    from seeds.demo_accounts import DEMO_PASSWORD, create_demo_accounts
    from seeds.load import load_path
    from seeds.writer import write_workbook

    path = louzhi_home() / "demo" / f"qingsong-demo-seed{seed}.xlsx"
    path.parent.mkdir(parents=True, exist_ok=True)
    roster = generate(seed=seed)
    write_workbook(roster, path)
    for line in load_path(target, path).lines():
        _say(line)
    accounts = create_demo_accounts(target, roster)
    ledger = write_ledger(target, roster)
    if ledger.written:
        _say(f"议事台账 / governance ledger: {ledger.matters} 议题 matters, "
             f"{ledger.meetings} 议事会 meetings, {ledger.votes} 表决 votes, "
             f"{ledger.projects} 微更新 projects, {ledger.photos} 照片 photos")  # fmt: skip
    plans = write_plans(target, roster)
    if plans.written:
        _say(f"应急预案 / emergency plans: {plans.written} of {plans.needing} 需要预案的老人 "
             "elders who need one")  # fmt: skip
    event = write_event(target, roster)
    if event.elders:
        _say(f"应急事件 / a past emergency event: {event.elders} 位老人 elders, {event.marks} "
             f"次标记 marks, {event.never_reached} 位未联系上 never reached")  # fmt: skip
    key = signing_key(os.environ, host=settings.host)
    _say(f"演示账号的密码 / the demo accounts' password: {DEMO_PASSWORD}  "
         "(本机可用 / on loopback only)")  # fmt: skip
    _say(f"Demo accounts (tokens valid {DEMO_TTL.seconds // 3600} h; send as "
         "'Authorization: Bearer <token>'):")  # fmt: skip
    tokens = demo_tokens(accounts, key=key, now=datetime.now(UTC))
    for account in accounts:
        token = tokens[account.id]
        where = f" {Home(roster.community).display(account.scope)}" if account.scope else ""
        _say(f"  {account.id:<18} {account.role}{where}\n    {token}")


def cmd_up(args: argparse.Namespace) -> int:
    """Everything a demo needs, torn down again on Ctrl-C."""
    settings = _settings(args)
    server = None
    if external_target() is None:
        server = local_server()
        install(server.lib)
        if server.start():
            _say(f"Started Neo4j at {server.uri}")
        else:
            server = None  # someone else started it; leave it running on exit
            _say("Neo4j was already running; it stays running when the demo stops")
    try:
        if args.demo:
            _load_demo(resolve_target(), seed=args.seed, settings=settings)
        _serve(settings)
    finally:
        if server is not None:
            server.stop()
            _say("Stopped Neo4j")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from seeds.demo import generate
    from seeds.writer import write_csv_folder, write_workbook

    if args.communities or args.streets:
        return _demo_street(args)
    roster = generate(seed=args.seed, households=args.households)
    out = Path(args.out)
    if args.csv:
        write_csv_folder(roster, out, language=args.language)
    else:
        write_workbook(roster, out, language=args.language)
    counts = ", ".join(f"{k} {v}" for k, v in roster.counts().items())
    _say(f"Wrote the demo community to {out} ({counts})")
    return 0


def _demo_street(args: argparse.Namespace) -> int:
    """A street (or district) of synthetic communities: one workbook per community in a folder."""
    from seeds.demo.street import district, street
    from seeds.writer import write_workbook

    communities = args.communities or 3
    rosters = (
        district(streets=args.streets, communities=communities, seed=args.seed)
        if args.streets
        else street(communities=communities, seed=args.seed)
    )
    out = Path(args.out if args.out != DEMO_OUT else "street-demo")
    out.mkdir(parents=True, exist_ok=True)
    for roster in rosters:
        path = out / f"{roster.community}.xlsx"
        write_workbook(roster, path, language=args.language)
        _say(f"  {path}: {roster.where.community_name} ({len(roster.residents)} residents)")
    _say(
        f"已写入 {len(rosters)} 个社区的名册 / wrote {len(rosters)} community rosters to {out}; "
        f"load them with: louzhi load {out}/*.xlsx"
    )
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    from seeds.template import write_template

    _say(f"Wrote the empty roster template to {write_template(Path(args.path))}")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from schema.api import build_schema

    sys.stdout.write(build_schema().as_str() + "\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    install_cli_words()  # argparse's own words (usage, options, errors) in both languages
    parser = argparse.ArgumentParser(
        prog="louzhi",
        description="楼治：社区覆盖与支持网络 / Louzhi: coverage and support networks",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    neo = sub.add_parser("neo4j", help="本机托管的 Neo4j / the managed local Neo4j")
    neo.add_argument(
        "action",
        choices=["install", "start", "stop", "status"],
        help="安装、启动、停止或查看状态 / install, start, stop or show status",
    )
    neo.set_defaults(handler=cmd_neo4j)

    for name, handler, text in (
        ("serve", cmd_serve, "提供 API 与网页 / serve the API and the page"),
        (
            "up",
            cmd_up,
            "按需启动 Neo4j 并提供服务，Ctrl-C 全部停止 / start Neo4j if needed and serve; "
            "Ctrl-C stops both",
        ),
    ):
        p = sub.add_parser(name, help=text)
        p.add_argument(
            "--host", help="监听地址 / address to listen on (default 127.0.0.1, LOUZHI_HOST)"
        )
        p.add_argument("--port", type=int, help="端口 / port (default 8000, LOUZHI_PORT)")
        p.add_argument("--dev", action="store_true", help="开发模式 / development mode (GraphiQL)")
        p.set_defaults(handler=handler)
        if name == "serve":
            p.add_argument(
                "--workers",
                type=int,
                default=int(os.environ.get("LOUZHI_WORKERS", "1")),
                help="进程数 / worker processes on the one port (default 1, LOUZHI_WORKERS)",
            )
        if name == "up":
            p.add_argument(
                "--demo", action="store_true", help="先载入演示社区 / load the demo community first"
            )
            p.add_argument(
                "--seed",
                type=int,
                default=1,
                help="演示社区的随机种子 / seed of the demo community",
            )

    load = sub.add_parser(
        "load",
        help="载入名册工作簿（.xlsx）或 CSV 文件夹 / load a roster workbook (.xlsx) or CSV folder",
    )
    load.add_argument(
        "path",
        nargs="+",
        help="名册：工作簿或 CSV 文件夹，可多份（每份一个社区）/ the workbook or CSV folder; "
        "several load one after another (one community each)",
    )
    load.add_argument(
        "--dry-run",
        action="store_true",
        help="只检查并列出计划，不写入 / validate and plan; write nothing",
    )
    load.add_argument(
        "--prune",
        action="store_true",
        help="结束名册中已没有的人员、职务与结对 / end people, roles and pairings gone from "
        "the roster",
    )
    load.add_argument(
        "--community",
        help="所属社区编号，须与名册“社区”表一致 / the roster's community code; its community "
        "sheet must agree",
    )
    load.set_defaults(handler=cmd_load)

    demo = sub.add_parser(
        "demo",
        help="生成一份合成的演示名册（仿青松社区）/ write a synthetic Qingsong-shaped demo roster",
    )
    demo.add_argument("--seed", type=int, default=1, help="随机种子 / seed (same seed, same bytes)")
    demo.add_argument(
        "--households", type=int, default=1302, help="户数 / households (default 1302)"
    )
    demo.add_argument(
        "--out",
        default=DEMO_OUT,
        help="输出的工作簿或 CSV 文件夹 / workbook or CSV folder to write",
    )
    demo.add_argument(
        "--communities",
        type=int,
        help="写一个街道的 N 个社区（每个一份工作簿）/ write a street of N communities "
        "(a workbook each, into the --out folder)",
    )
    demo.add_argument(
        "--streets",
        type=int,
        help="写一个区的 M 个街道 / write a district of M streets of --communities each",
    )
    demo.add_argument(
        "--csv",
        action="store_true",
        help="写 CSV 文件夹而非工作簿 / write a CSV folder, not a workbook",
    )
    demo.add_argument(
        "--language", choices=["zh", "en"], default="zh", help="表头语言 / header language"
    )
    demo.set_defaults(handler=cmd_demo)

    template = sub.add_parser(
        "template", help="写出空白名册模板 / write the empty roster template workbook"
    )
    template.add_argument(
        "path", nargs="?", default="roster-template.xlsx", help="文件路径 / where to write it"
    )
    template.set_defaults(handler=cmd_template)

    sdl = sub.add_parser("schema", help="打印 GraphQL 模式（SDL）/ print the GraphQL schema (SDL)")
    sdl.set_defaults(handler=cmd_schema)

    register_users(sub)

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except (GraphError, SigningKeyError) as exc:
        print(f"louzhi: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
