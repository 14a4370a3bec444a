"""Bearer tokens and the signing key (no Neo4j needed)."""

from __future__ import annotations

import base64
import json
import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from server.tokens import (
    EXAMPLE_KEY,
    SigningKeyError,
    TokenExpired,
    TokenInvalid,
    is_loopback,
    issue_token,
    signing_key,
    verify_token,
)

KEY = b"k" * 32
NOW = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
GOOD_KEY = "a-perfectly-good-secret-key-of-more-than-32-bytes"


def token(**overrides: object) -> str:
    args: dict[str, object] = {
        "account_id": "demo-admin",
        "key": KEY,
        "ttl": timedelta(hours=12),
        "now": NOW,
    }
    args.update(overrides)
    return issue_token(**args)  # type: ignore[arg-type]


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def test_round_trip_gives_back_the_account_and_times() -> None:
    claims = verify_token(token(), key=KEY, now=NOW + timedelta(hours=11))
    assert claims.account_id == "demo-admin"
    assert claims.issued_at == NOW
    assert claims.expires_at == NOW + timedelta(hours=12)


def test_the_token_is_a_readable_hs256_jwt_without_roles() -> None:
    header, payload, _ = token().split(".")
    assert json.loads(base64.urlsafe_b64decode(header + "==")) == {"alg": "HS256", "typ": "JWT"}
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    assert set(claims) == {"sub", "iat", "exp", "iss"}


def test_expired_at_and_after_the_expiry() -> None:
    t = token()
    with pytest.raises(TokenExpired):
        verify_token(t, key=KEY, now=NOW + timedelta(hours=12))
    with pytest.raises(TokenExpired):
        verify_token(t, key=KEY, now=NOW + timedelta(days=30))


def test_a_tampered_payload_is_invalid() -> None:
    header, payload, signature = token().split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["sub"] = "someone-else"
    forged = b64(json.dumps(claims, separators=(",", ":")).encode())
    with pytest.raises(TokenInvalid):
        verify_token(f"{header}.{forged}.{signature}", key=KEY, now=NOW)


def test_a_tampered_signature_is_invalid() -> None:
    header, payload, signature = token().split(".")
    flipped = ("A" if signature[0] != "A" else "B") + signature[1:]
    with pytest.raises(TokenInvalid):
        verify_token(f"{header}.{payload}.{flipped}", key=KEY, now=NOW)


def test_alg_none_and_a_changed_header_are_invalid() -> None:
    _, payload, signature = token().split(".")
    none = b64(b'{"alg":"none","typ":"JWT"}')
    for forged in (f"{none}.{payload}.", f"{none}.{payload}.{signature}"):
        with pytest.raises(TokenInvalid):
            verify_token(forged, key=KEY, now=NOW)


def test_another_key_is_invalid() -> None:
    with pytest.raises(TokenInvalid):
        verify_token(token(), key=b"x" * 32, now=NOW)


@pytest.mark.parametrize(
    "garbage",
    ["", "abc", "a.b", "a.b.c.d", "a.b.c", "..", "🙂.🙂.🙂", "a b.c.d", "x" * 5000, token() + "="],
)
def test_garbage_is_invalid(garbage: str) -> None:
    with pytest.raises(TokenInvalid):
        verify_token(garbage, key=KEY, now=NOW)


def test_a_token_from_the_future_is_invalid() -> None:
    with pytest.raises(TokenInvalid):
        verify_token(token(now=NOW + timedelta(hours=1)), key=KEY, now=NOW)


def test_naive_times_and_bad_ttls_are_programming_errors() -> None:
    with pytest.raises(ValueError, match="timezone"):
        token(now=datetime(2026, 11, 1))
    with pytest.raises(ValueError, match="ttl"):
        token(ttl=timedelta(0))
    with pytest.raises(ValueError):
        token(account_id="")


# --- the signing key -----------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["127.0.0.1", "127.8.9.10", "::1", "[::1]", "localhost"])
def test_loopback_hosts(host: str) -> None:
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.5", "example.org", ""])
def test_other_hosts(host: str) -> None:
    assert not is_loopback(host)


def test_a_configured_key_is_used_everywhere(tmp_path: Path) -> None:
    env = {"LOUZHI_SECRET_KEY": GOOD_KEY, "LOUZHI_HOME": str(tmp_path)}
    assert signing_key(env, host="0.0.0.0") == GOOD_KEY.encode()
    assert signing_key(env, host="127.0.0.1") == GOOD_KEY.encode()
    assert not (tmp_path / "secret_key").exists()


@pytest.mark.parametrize("host", ["0.0.0.0", "10.0.0.7", "example.org"])
def test_off_loopback_a_missing_key_is_refused(tmp_path: Path, host: str) -> None:
    with pytest.raises(SigningKeyError, match="LOUZHI_SECRET_KEY is not set"):
        signing_key({"LOUZHI_HOME": str(tmp_path)}, host=host)


def test_off_loopback_the_example_key_is_refused_even_with_another_suffix(tmp_path: Path) -> None:
    for example in (EXAMPLE_KEY, "change-me-example-key-but-i-edited-the-end-of-it-ok"):
        env = {"LOUZHI_SECRET_KEY": example, "LOUZHI_HOME": str(tmp_path)}
        with pytest.raises(SigningKeyError, match="example"):
            signing_key(env, host="0.0.0.0")
        assert signing_key(env, host="127.0.0.1") == example.encode()  # tolerated locally


@pytest.mark.parametrize("host", ["0.0.0.0", "127.0.0.1"])
def test_a_short_key_is_refused_everywhere(tmp_path: Path, host: str) -> None:
    env = {"LOUZHI_SECRET_KEY": "x" * 31, "LOUZHI_HOME": str(tmp_path)}
    with pytest.raises(SigningKeyError, match="at least 32"):
        signing_key(env, host=host)


def test_on_loopback_a_key_is_generated_once_with_mode_0600(tmp_path: Path) -> None:
    env = {"LOUZHI_HOME": str(tmp_path / "home")}
    first = signing_key(env, host="127.0.0.1")
    path = tmp_path / "home" / "secret_key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(first) >= 32
    assert signing_key(env, host="localhost") == first  # survives a restart
    assert os.listdir(path.parent) == ["secret_key"]  # no temporary file left behind
    # A token signed before the "restart" still verifies after it.
    t = issue_token(account_id="a", key=first, ttl=timedelta(hours=1), now=NOW)
    assert verify_token(t, key=signing_key(env, host="::1"), now=NOW).account_id == "a"


def test_a_key_file_readable_by_others_is_refused(tmp_path: Path) -> None:
    env = {"LOUZHI_HOME": str(tmp_path)}
    signing_key(env, host="127.0.0.1")
    (tmp_path / "secret_key").chmod(0o644)
    with pytest.raises(SigningKeyError, match="chmod 600"):
        signing_key(env, host="127.0.0.1")


def test_the_key_file_does_not_serve_a_public_host(tmp_path: Path) -> None:
    env = {"LOUZHI_HOME": str(tmp_path)}
    signing_key(env, host="127.0.0.1")
    with pytest.raises(SigningKeyError):
        signing_key(env, host="0.0.0.0")
