"""``louzhi users …`` against the test Neo4j (NEO4J_URI), in process and as a real command."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from neo4j import Driver

from graph.access.passwords import verify_password
from graph.store.connection import Neo4jTarget
from seeds.load import UNNAMED_COMMUNITY, load_roster
from seeds.validate import read_roster
from server.tokens import EXAMPLE_KEY, TokenInvalid, signing_key, verify_token
from server.users_cli import main
from tests.seeds.rosters import TODAY, minimal_valid_sheets, write_xlsx

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def roster_graph(
    neo4j_driver: Driver, neo4j_target: Neo4jTarget, tmp_path_factory: pytest.TempPathFactory
) -> None:
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n")
    path = write_xlsx(tmp_path_factory.mktemp("roster") / "roster.xlsx", minimal_valid_sheets())
    load_roster(neo4j_target, read_roster(path, today=TODAY), today=TODAY)


@pytest.fixture
def env(
    roster_graph: None,
    neo4j_driver: Driver,
    neo4j_target: Neo4jTarget,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> dict[str, str]:
    neo4j_driver.execute_query("MATCH (a:Account) DETACH DELETE a")
    values = {
        "NEO4J_URI": neo4j_target.uri,
        "NEO4J_USER": neo4j_target.user,
        "NEO4J_PASSWORD": neo4j_target.password,
        "NEO4J_DATABASE": neo4j_target.database,
        "LOUZHI_HOME": str(tmp_path / "home"),
    }
    for name in ("LOUZHI_SECRET_KEY", "LOUZHI_HOST"):
        monkeypatch.delenv(name, raising=False)
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    return values


C = UNNAMED_COMMUNITY  # the minimal roster names no community


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["users", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def hashes(driver: Driver, account: str) -> dict[str, object]:
    return driver.execute_query(
        "MATCH (a:Account {id: $a}) RETURN a.passwordHash AS h, a.mustChangePassword AS m",
        a=account,
    ).records[0]


def test_add_list_token_disable(
    env: dict[str, str], capsys: pytest.CaptureFixture[str], neo4j_driver: Driver
) -> None:
    assert run(capsys, "add", "root", "--role", "admin")[0] == 0
    code, out, _ = run(capsys, "add", "chief", "--role", "floor_chief", "--scope", "12-1",
                       "--person", "R003")  # fmt: skip
    # Held as references: the graph's only community's (graph.identity).
    created, initial = out.strip().splitlines()
    assert (code, created) == (0, f"Created account chief (floor_chief, scope {C}/12-1)")
    # A one-time initial password, printed once, to be changed at the first sign-in.
    password = initial.rsplit(": ", 1)[1]
    assert "initial password" in initial and len(password) == 12
    found = hashes(neo4j_driver, "chief")
    assert found["m"] is True and verify_password(str(found["h"]), password)
    assert password not in str(found["h"])

    code, out, _ = run(capsys, "list")
    lines = out.splitlines()
    assert code == 0 and lines[0].split() == ["id", "role", "scope", "person", "status", "created"]
    assert [line.split()[:5] for line in lines[1:]] == [
        ["chief", "floor_chief", f"{C}/12-1", f"{C}/R003", "active"],
        ["root", "admin", "-", "-", "active"],
    ]
    assert "张桂兰" not in out  # R003's name: the table holds ids only

    code, out, err = run(capsys, "token", "chief", "--ttl-hours", "2")
    assert code == 0 and "valid until" in err
    key = signing_key(os.environ, host="127.0.0.1")  # the generated key in LOUZHI_HOME
    claims = verify_token(out.strip(), key=key, now=datetime.now(UTC))
    assert claims.account_id == "chief"
    assert (claims.expires_at - claims.issued_at).total_seconds() == 2 * 3600

    assert run(capsys, "disable", "chief")[0] == 0
    code, out, err = run(capsys, "token", "chief")
    assert (code, out) == (1, "") and "disabled" in err
    assert "disabled" in run(capsys, "list")[1].splitlines()[1]


def test_set_password_prompts_twice_or_prints_a_one_time_one(
    env: dict[str, str],
    capsys: pytest.CaptureFixture[str],
    neo4j_driver: Driver,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert run(capsys, "add", "clerk", "--role", "admin")[0] == 0
    typed = iter(["a clerk's own phrase", "a clerk's own phrase"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(typed))
    code, out, _ = run(capsys, "set-password", "clerk")
    assert code == 0 and "a clerk's own phrase" not in out
    found = hashes(neo4j_driver, "clerk")
    assert found["m"] is False and verify_password(str(found["h"]), "a clerk's own phrase")

    differ = iter(["one long phrase here", "another long phrase"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(differ))
    assert run(capsys, "set-password", "clerk")[0] == 1
    short = iter(["short", "short"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(short))
    code, _, err = run(capsys, "set-password", "clerk")
    assert code == 1 and "BAD_USER_INPUT" in err

    code, out, _ = run(capsys, "set-password", "clerk", "--initial")
    password = out.strip().rsplit(": ", 1)[1]
    found = hashes(neo4j_driver, "clerk")
    assert found["m"] is True and verify_password(str(found["h"]), password)


def test_refusals_explain_themselves(
    env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "add", "g", "--role", "grid_worker", "--scope", "12-1",
                       "--person", "W01")  # fmt: skip
    assert code == 1 and "[WRONG_SCOPE]" in err
    code, _, err = run(capsys, "add", "p", "--role", "planner", "--scope", "NOWHERE")
    assert code == 1 and "[NOT_FOUND]" in err
    assert run(capsys, "disable", "nobody")[0] == 1
    code, out, err = run(capsys, "token", "nobody")
    assert (code, out) == (1, "") and "no account" in err
    assert run(capsys, "token", "nobody", "--ttl-hours", "0")[0] == 1
    code, out, _ = run(capsys, "list")
    assert code == 0 and "No accounts yet" in out
    with pytest.raises(SystemExit):
        main(["users", "add", "x", "--role", "superuser"])


def test_token_refuses_the_example_key_off_loopback(
    env: dict[str, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    run(capsys, "add", "root", "--role", "admin")
    monkeypatch.setenv("LOUZHI_HOST", "0.0.0.0")
    monkeypatch.setenv("LOUZHI_SECRET_KEY", EXAMPLE_KEY)
    code, out, err = run(capsys, "token", "root")
    assert (code, out) == (2, "") and "example" in err


def test_as_a_command(env: dict[str, str], tmp_path: Path) -> None:
    """The real entry point in a subprocess; the key comes from LOUZHI_SECRET_KEY."""
    key = "a-secret-key-for-the-subprocess-test-0123456789"
    child_env = {**os.environ, **env, "LOUZHI_SECRET_KEY": key}

    def louzhi(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "server.users_cli", "users", *argv],
            cwd=ROOT,
            env=child_env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    added = louzhi("add", "planner", "--role", "planner", "--scope", "P1")
    assert added.returncode == 0, added.stderr
    issued = louzhi("token", "planner")
    assert issued.returncode == 0, issued.stderr
    token = issued.stdout.strip()
    assert verify_token(token, key=key.encode(), now=datetime.now(UTC)).account_id == "planner"
    with pytest.raises(TokenInvalid):
        verify_token(token, key=b"another-key-another-key-another-key", now=datetime.now(UTC))
