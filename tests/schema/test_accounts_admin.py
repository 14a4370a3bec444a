"""The administrator's API: accounts opened with a one-time password, disabled, given another
role; one-time sign-in codes (used once, QR and digits); sessions ended; programs' named tokens
that a revocation refuses at once; and a committee confined to its own community's accounts."""

from __future__ import annotations

from neo4j import Driver
from starlette.testclient import TestClient

from graph.store.connection import Neo4jTarget
from seeds.rows import Roster
from server.app import create_app
from server.settings import Settings
from server.signin import COOKIE
from tests.support.gql import KEY, ensure_account, graphql_client

ORIGIN = {"origin": "http://testserver"}
ADD = """mutation($i: AccountInput!) { addAccount(input: $i) {
    account { id role scope mustChangePassword } initialPassword errors { code } } }"""
ACCOUNTS = (
    "{ accounts { id role scope disabled sessions { id kind } tokens { id name revokedAt } } }"
)
CODE = """mutation($a: String!) { issueSignInCode(accountId: $a) {
    code expiresAt url qrSvg errors { code } } }"""
TOKEN = """mutation($a: String!) { createToken(accountId: $a, name: "nightly export", days: 30) {
    token programToken { id name expiresAt } errors { code } } }"""
REVOKE = """mutation($t: String!) { revokeToken(tokenId: $t) {
    programToken { revokedAt } errors { code } } }"""
END = "mutation($s: String!) { endSession(sessionId: $s) { account { id } errors { code } } }"
ROLE = """mutation($i: AccountInput!) { setAccountRole(input: $i) {
    account { role scope } errors { code } } }"""
VIEWER = {"query": "{ viewer { accountId role } }"}


def test_an_account_opened_on_the_page_signs_in_and_changes_its_password(
    demo_graph: Roster, neo4j_target: Neo4jTarget, neo4j_driver: Driver
) -> None:
    neo4j_driver.execute_query("MATCH (a:Account {id: 'new-planner'}) DETACH DELETE a")
    with graphql_client(neo4j_target) as api:
        made = api.data(ADD, {"i": {"id": "new-planner", "role": "PLANNER", "scope": "QS-P1"}})
        payload = made["addAccount"]
        assert payload["errors"] == [] and payload["account"]["scope"] == "QS-P1"
        assert payload["account"]["mustChangePassword"] is True
        password = payload["initialPassword"]
        assert len(password) == 12
        listed = {a["id"]: a for a in api.data(ACCOUNTS)["accounts"]}
        assert "new-planner" in listed and "initialPassword" not in repr(listed)
    with TestClient(create_app(neo4j_target, Settings(), key=KEY)) as http:
        signed = http.post(
            "/auth/signin", json={"account": "new-planner", "password": password}, headers=ORIGIN
        )
        assert signed.status_code == 200 and signed.json()["mustChangePassword"] is True
        changed = http.post(
            "/auth/password", json={"current": password, "new": "a planner's own phrase"},
            headers=ORIGIN,
        )  # fmt: skip
        assert changed.status_code == 200
        assert http.post("/graphql", json=VIEWER, headers=ORIGIN).json()["data"]["viewer"] == {
            "accountId": "new-planner", "role": "PLANNER",
        }  # fmt: skip


def test_a_sign_in_code_signs_a_phone_in_once_and_its_session_can_be_ended(
    demo_graph: Roster, neo4j_target: Neo4jTarget, neo4j_driver: Driver
) -> None:
    neo4j_driver.execute_query("MATCH (t:SignInThrottle) DELETE t")
    ensure_account(neo4j_target, "code-chief", role="planner", scope="QS/QS-P1")
    with graphql_client(neo4j_target) as api:
        issued = api.data(CODE, {"a": "code-chief"})["issueSignInCode"]
        code = issued["code"]
        assert len(code) == 8 and code.isdigit()
        assert issued["url"].endswith(f"/#code={code}") and issued["qrSvg"].startswith("<svg")
        with TestClient(create_app(neo4j_target, Settings(), key=KEY)) as phone:
            first = phone.post("/auth/code", json={"code": code}, headers=ORIGIN)
            assert first.status_code == 200 and first.json()["account"] == "code-chief"
            assert "max-age=15552000" in first.headers["set-cookie"].lower()  # 180 days
            assert phone.post("/graphql", json=VIEWER, headers=ORIGIN).status_code == 200
            with TestClient(create_app(neo4j_target, Settings(), key=KEY)) as other:
                again = other.post("/auth/code", json={"code": code}, headers=ORIGIN)
                assert again.status_code == 401  # used once
                assert COOKIE not in again.headers.get("set-cookie", "")
            sessions = next(a for a in api.data(ACCOUNTS)["accounts"] if a["id"] == "code-chief")[
                "sessions"
            ]
            assert [s["kind"] for s in sessions] == ["device"]
            log = repr(api.data("{ auditLog(first: 50) { operation accountId personIds } }"))
            assert "issueSignInCode" in log and "signInWithCode" in log and code not in log
            ended = api.data(END, {"s": sessions[0]["id"]})["endSession"]
            assert ended["errors"] == []
            assert phone.post("/graphql", json=VIEWER, headers=ORIGIN).status_code == 401


def test_a_revoked_token_gets_401_and_an_unnamed_one_still_works(
    demo_graph: Roster, neo4j_target: Neo4jTarget
) -> None:
    ensure_account(neo4j_target, "etl-job", role="planner", scope="QS/QS-P1")
    with graphql_client(neo4j_target) as api:
        made = api.data(TOKEN, {"a": "etl-job"})["createToken"]
        token, token_id = made["token"], made["programToken"]["id"]
        headers = {"authorization": f"Bearer {token}"}
        assert api.http.post("/graphql", json=VIEWER, headers=headers).status_code == 200
        listed = next(a for a in api.data(ACCOUNTS)["accounts"] if a["id"] == "etl-job")
        assert [t["name"] for t in listed["tokens"]] == ["nightly export"]
        assert token not in repr(listed)
        assert api.data(REVOKE, {"t": token_id})["revokeToken"]["programToken"]["revokedAt"]
        refused = api.http.post("/graphql", json=VIEWER, headers=headers)
        assert refused.status_code == 401
        assert refused.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        # A token made before names existed (no jti) keeps working.
        assert api.as_account("etl-job").data("{ viewer { accountId } }")["viewer"]
        # Issuing and revoking are audited, by ids: the token itself is in no entry.
        log = api.data("{ auditLog(first: 50) { operation kind personIds accountId } }")
        operations = {e["operation"] for e in log["auditLog"]}
        assert {"createToken", "revokeToken"} <= operations
        assert token not in repr(log)


def test_a_committee_administers_its_own_communitys_accounts_only(
    demo_graph: Roster, neo4j_target: Neo4jTarget
) -> None:
    ensure_account(neo4j_target, "qs-committee", role="committee", scope="QS")
    ensure_account(neo4j_target, "some-admin", role="admin")
    ensure_account(neo4j_target, "qs-planner", role="planner", scope="QS/QS-P1")
    with graphql_client(neo4j_target, account="qs-committee") as api:
        ids = {a["id"] for a in api.data(ACCOUNTS)["accounts"]}
        assert "qs-planner" in ids and "some-admin" not in ids
        for query, variables in (
            (CODE, {"a": "some-admin"}),
            (TOKEN, {"a": "some-admin"}),
            (ADD, {"i": {"id": "sneaky-admin", "role": "ADMIN"}}),
            (ROLE, {"i": {"id": "qs-planner", "role": "ADMIN"}}),
        ):
            body = api.data(query, variables)
            assert next(iter(body.values()))["errors"] == [{"code": "FORBIDDEN"}]
        moved = api.data(ROLE, {"i": {"id": "qs-planner", "role": "PLANNER", "scope": "QS-P2"}})
        assert moved["setAccountRole"]["account"] == {"role": "PLANNER", "scope": "QS-P2"}
    with graphql_client(neo4j_target, account="qs-planner") as planner:
        assert planner.error_codes(ACCOUNTS) == ["FORBIDDEN"]
