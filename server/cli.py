"""The ``louzhi`` command line.

louzhi neo4j install|start|stop|status   the managed local Neo4j
louzhi serve [--host H] [--port P]       the API under uvicorn
louzhi up [--demo]                       Neo4j + (demo data) + API; Ctrl-C stops both
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from graph.connection import external_target, local_server, managed_target, resolve_target
from graph.errors import GraphError
from graph.local_server import install
from server.settings import Settings

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
    return Settings(
        host=args.host or base.host,
        port=args.port or base.port,
        development=args.dev or base.development,
    )


def _serve(settings: Settings) -> None:
    import uvicorn

    from server.app import create_app

    app = create_app(resolve_target(), settings)
    _say(f"Louzhi serves GraphQL at http://{settings.host}:{settings.port}/graphql")
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="info")


def cmd_serve(args: argparse.Namespace) -> int:
    _serve(_settings(args))
    return 0


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
            from seeds.demo_load import load_demo

            target = managed_target(local_server()) if server else resolve_target()
            load_demo(target, seed=args.seed)
        _serve(settings)
    finally:
        if server is not None:
            server.stop()
            _say("Stopped Neo4j")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="louzhi", description="楼治 Louzhi")
    sub = parser.add_subparsers(dest="command", required=True)

    neo = sub.add_parser("neo4j", help="the managed local Neo4j")
    neo.add_argument("action", choices=["install", "start", "stop", "status"])
    neo.set_defaults(handler=cmd_neo4j)

    for name, handler, text in (
        ("serve", cmd_serve, "serve the API"),
        ("up", cmd_up, "start Neo4j if needed and serve; Ctrl-C stops both"),
    ):
        p = sub.add_parser(name, help=text)
        p.add_argument("--host", help="address to listen on (default 127.0.0.1, LOUZHI_HOST)")
        p.add_argument("--port", type=int, help="port (default 8000, LOUZHI_PORT)")
        p.add_argument("--dev", action="store_true", help="development mode (GraphiQL)")
        p.set_defaults(handler=handler)
        if name == "up":
            p.add_argument("--demo", action="store_true", help="load the demo community first")
            p.add_argument("--seed", type=int, default=1, help="seed of the demo community")

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except GraphError as exc:
        print(f"louzhi: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
