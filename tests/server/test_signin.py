"""People sign in with a password and hold a session cookie: its flags, sign-out, disabling,
the throttle, initial passwords, cross-site requests, and no secret in the audit log."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from neo4j import Driver
from starlette.testclient import TestClient

from graph.access.account_changes import disable_account, set_password
from graph.access.passwords import FREE_FAILURES
from graph.store.connection import Neo4jTarget
from server.app import create_app
from server.settings import Settings
from server.signin import COOKIE
from tests.support.gql import KEY, ensure_account

PASSWORD = "a long pass phrase 楼"
ORIGIN = {"origin": "http://testserver"}
VIEWER = {"query": "{ viewer { accountId role } }"}


@pytest.fixture
def account(neo4j_driver: Driver, neo4j_target: Neo4jTarget) -> Iterator[str]:
    """An admin with a password; the throttle's counts of earlier tests forgotten."""
    neo4j_driver.execute_query("MATCH (n) WHERE n:SignInThrottle OR n:Session DETACH DELETE n")
    ensure_account(neo4j_target, "signin-admin", role="admin")
    made = set_password(
        neo4j_driver, database=neo4j_target.database, account_id="signin-admin",
        password=PASSWORD, must_change=False,
    )  # fmt: skip
    assert made.id == "signin-admin"  # type: ignore[union-attr]
    yield "signin-admin"


def client(target: Neo4jTarget, host: str = "127.0.0.1") -> TestClient:
    return TestClient(create_app(target, Settings(host=host), key=KEY))


def sign_in(http: TestClient, account: str, password: str = PASSWORD) -> object:
    return http.post(
        "/auth/signin", json={"account": account, "password": password}, headers=ORIGIN
    )


def test_a_password_gives_a_session_cookie_that_signs_requests_in(
    account: str, neo4j_target: Neo4jTarget, neo4j_driver: Driver
) -> None:
    with client(neo4j_target) as http:
        answer = sign_in(http, account)
        assert answer.status_code == 200  # type: ignore[attr-defined]
        assert answer.json() == {  # type: ignore[attr-defined]
            "account": account, "role": "admin", "mustChangePassword": False,
        }  # fmt: skip
        flags = answer.headers["set-cookie"].lower()  # type: ignore[attr-defined]
        assert "httponly" in flags and "samesite=strict" in flags and "path=/" in flags
        assert "secure" not in flags  # loopback
        body = http.post("/graphql", json=VIEWER, headers=ORIGIN).json()
        assert body["data"]["viewer"] == {"accountId": account, "role": "ADMIN"}
        # Only the secret's hash is kept.
        secret = http.cookies[COOKIE]
        kept = neo4j_driver.execute_query("MATCH (s:Session) RETURN s.id AS id").records
        assert [r["id"] for r in kept] != [secret] and len(kept) == 1


def test_off_loopback_the_cookie_is_secure_and_demo_passwords_are_refused(
    account: str, neo4j_target: Neo4jTarget, neo4j_driver: Driver
) -> None:
    with client(neo4j_target, host="10.1.2.3") as http:
        assert "secure" in sign_in(http, account).headers["set-cookie"].lower()  # type: ignore[attr-defined]
        set_password(
            neo4j_driver, database=neo4j_target.database, account_id=account,
            password="qingsong-demo", must_change=False, demo=True,
        )  # fmt: skip
        refused = sign_in(http, account, "qingsong-demo")
        assert refused.status_code == 403  # type: ignore[attr-defined]
        assert refused.json()["errors"][0]["extensions"]["code"] == "DEMO_PASSWORD"  # type: ignore[attr-defined]


def test_a_wrong_password_and_an_unknown_account_get_the_same_answer(
    account: str, neo4j_target: Neo4jTarget
) -> None:
    with client(neo4j_target) as http:
        wrong = sign_in(http, account, "not the password")
        nobody = sign_in(http, "nobody-at-all", PASSWORD)
        for answer in (wrong, nobody):
            assert answer.status_code == 401  # type: ignore[attr-defined]
            assert COOKIE not in answer.headers.get("set-cookie", "")  # type: ignore[attr-defined]
        assert wrong.json() == nobody.json()  # type: ignore[attr-defined]
        assert wrong.json()["errors"][0]["extensions"]["code"] == "BAD_CREDENTIALS"  # type: ignore[attr-defined]


def test_repeated_failures_lock_the_account_even_for_the_right_password(
    account: str, neo4j_target: Neo4jTarget
) -> None:
    with client(neo4j_target) as http:
        for _ in range(FREE_FAILURES + 1):
            assert sign_in(http, account, "guess guess guess").status_code == 401  # type: ignore[attr-defined]
        locked = sign_in(http, account)
        assert locked.status_code == 429  # type: ignore[attr-defined]
        assert int(locked.headers["retry-after"]) >= 1  # type: ignore[attr-defined]
        assert locked.json()["errors"][0]["extensions"]["code"] == "TOO_MANY_ATTEMPTS"  # type: ignore[attr-defined]


def test_a_cross_site_post_with_the_cookie_is_refused(
    account: str, neo4j_target: Neo4jTarget
) -> None:
    with client(neo4j_target) as http:
        sign_in(http, account)
        evil = {"origin": "https://evil.example"}
        refused = http.post("/graphql", json=VIEWER, headers=evil)
        assert refused.status_code == 403
        assert refused.json()["errors"][0]["extensions"]["code"] == "CROSS_SITE_REQUEST"
        assert http.post("/graphql", json=VIEWER).status_code == 403  # no Origin, no fetch site
        fetched = http.post("/graphql", json=VIEWER, headers={"sec-fetch-site": "same-origin"})
        assert fetched.status_code == 200
        # A sign-in posted from another site is refused too (login CSRF).
        other = http.post("/auth/signin", json={"account": account, "password": PASSWORD},
                          headers=evil)  # fmt: skip
        assert other.status_code == 403


def test_sign_out_and_disabling_end_the_session(
    account: str, neo4j_target: Neo4jTarget, neo4j_driver: Driver
) -> None:
    with client(neo4j_target) as http:
        sign_in(http, account)
        old = http.cookies[COOKIE]
        assert http.post("/auth/signout", headers=ORIGIN).json() == {"signedOut": True}
        http.cookies.set(COOKIE, old)
        ended = http.post("/graphql", json=VIEWER, headers=ORIGIN)
        assert ended.status_code == 401
        assert ended.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"

        sign_in(http, account)
        assert http.post("/graphql", json=VIEWER, headers=ORIGIN).status_code == 200
        disable_account(neo4j_driver, database=neo4j_target.database, account_id=account)
        assert http.post("/graphql", json=VIEWER, headers=ORIGIN).status_code == 401
        count = neo4j_driver.execute_query(
            "MATCH (s:Session {accountId: $a}) RETURN count(s) AS n", a=account
        ).records[0]["n"]
        assert count == 0
        neo4j_driver.execute_query("MATCH (a:Account {id: $a}) SET a.disabled = false", a=account)


def test_an_initial_password_must_be_changed_first(
    account: str, neo4j_target: Neo4jTarget, neo4j_driver: Driver
) -> None:
    set_password(
        neo4j_driver, database=neo4j_target.database, account_id=account,
        password="initial-abc-123", must_change=True,
    )  # fmt: skip
    with client(neo4j_target) as http:
        first = sign_in(http, account, "initial-abc-123")
        assert first.json()["mustChangePassword"] is True  # type: ignore[attr-defined]
        blocked = http.post("/graphql", json=VIEWER, headers=ORIGIN)
        assert blocked.status_code == 403
        assert blocked.json()["errors"][0]["extensions"]["code"] == "PASSWORD_CHANGE_REQUIRED"
        weak = http.post("/auth/password", json={"current": "initial-abc-123", "new": "short"},
                         headers=ORIGIN)  # fmt: skip
        assert weak.status_code == 400
        changed = http.post(
            "/auth/password", json={"current": "initial-abc-123", "new": PASSWORD}, headers=ORIGIN
        )
        assert changed.status_code == 200 and changed.json()["mustChangePassword"] is False
        assert http.post("/graphql", json=VIEWER, headers=ORIGIN).status_code == 200
    with client(neo4j_target) as other:
        assert sign_in(other, account, "initial-abc-123").status_code == 401  # type: ignore[attr-defined]
        assert sign_in(other, account).status_code == 200  # type: ignore[attr-defined]


def test_no_password_or_secret_reaches_the_audit_log_or_the_logs(
    account: str, neo4j_target: Neo4jTarget, neo4j_driver: Driver, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with client(neo4j_target) as http:
        sign_in(http, account, "wrong wrong wrong")
        sign_in(http, account)
        secret = http.cookies[COOKIE]
        http.post("/auth/signout", headers=ORIGIN)
    entries = neo4j_driver.execute_query(
        "MATCH (e:AuditEntry {kind: 'access'}) WHERE e.accountId = $a "
        "RETURN e.operation AS op, e.ok AS ok, properties(e) AS all ORDER BY e.at",
        a=account,
    ).records
    assert [(e["op"], e["ok"]) for e in entries][-3:] == [
        ("signIn", False), ("signIn", True), ("signOut", True),
    ]  # fmt: skip
    text = repr([e["all"] for e in entries]) + caplog.text
    for leaked in (PASSWORD, "wrong wrong wrong", secret):
        assert leaked not in text


def test_a_session_ends_after_its_idle_time_and_its_lifetime(
    account: str, neo4j_target: Neo4jTarget, neo4j_driver: Driver
) -> None:
    with client(neo4j_target) as http:
        sign_in(http, account)
        assert http.post("/graphql", json=VIEWER, headers=ORIGIN).status_code == 200
        # Idle for longer than a browser session may be.
        neo4j_driver.execute_query(
            "MATCH (s:Session {accountId: $a}) SET s.seenAt = s.seenAt - duration('PT3H')",
            a=account,
        )
        assert http.post("/graphql", json=VIEWER, headers=ORIGIN).status_code == 401
        sign_in(http, account)
        # Seen a minute ago, but past its absolute lifetime.
        neo4j_driver.execute_query(
            "MATCH (s:Session {accountId: $a}) SET s.expiresAt = datetime() - duration('PT1M')",
            a=account,
        )
        assert http.post("/graphql", json=VIEWER, headers=ORIGIN).status_code == 401
        # A request keeps a session alive: its seenAt moves (at most once a minute).
        sign_in(http, account)
        neo4j_driver.execute_query(
            "MATCH (s:Session {accountId: $a}) SET s.seenAt = s.seenAt - duration('PT10M')",
            a=account,
        )
        before = seen(neo4j_driver, account)
        assert http.post("/graphql", json=VIEWER, headers=ORIGIN).status_code == 200
        assert seen(neo4j_driver, account) > before


def seen(driver: Driver, account: str) -> object:
    records = driver.execute_query(
        "MATCH (s:Session {accountId: $a}) RETURN max(s.seenAt) AS at", a=account
    ).records
    return records[0]["at"]
