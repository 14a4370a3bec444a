"""Signed, expiring bearer tokens for programs, and the key that signs them.

    TokenError                the presented token cannot be accepted
    ├── TokenInvalid          malformed, tampered, signed with another key, or not ours
    └── TokenExpired          well signed, but past its expiry
    SigningKeyError           the configured signing key must not be used (a setup problem)

A token is a JWT with HS256, made and checked with PyJWT. PyJWT rather than joserfc: Louzhi
needs one thing from JOSE, an HMAC-signed JWT, and PyJWT is the most used and smallest library
that does it, with the algorithm given by the verifier (``algorithms=["HS256"]``), never read
from the token's header, which closes the ``alg: none`` and key-confusion holes; joserfc's JWE,
JWK sets and other algorithms would be surface without use. The payload holds only ``sub`` (the
account id), ``iat``, ``exp``, ``iss`` and, for a named token, ``jti`` (its id in the graph,
checked on every request so that it can be revoked) — never a role or a scope: those are read
from the account on every request, so disabling an account or changing its role takes effect
at once. Tokens made before names existed (no ``jti``) keep working until they expire.

Example::

    >>> now = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
    >>> key = b"k" * 32
    >>> token = issue_token(account_id="demo-admin", key=key, ttl=timedelta(hours=12), now=now)
    >>> verify_token(token, key=key, now=now).account_id
    'demo-admin'
"""

from __future__ import annotations

import contextlib
import ipaddress
import logging
import os
import re
import secrets
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jwt

from graph.store.connection import louzhi_home

log = logging.getLogger("louzhi.server")


class TokenError(Exception):
    """Base of the errors of a presented token; the message is safe to send to the client."""


class TokenInvalid(TokenError):
    pass


class TokenExpired(TokenError):
    pass


class SigningKeyError(Exception):
    """The signing key is missing, weak or the documented example; the message says what to do."""


ISSUER = "louzhi"
ALGORITHM = "HS256"
MIN_KEY_BYTES = 32
# Shipped in the docs so that a configuration can be copied; any key starting with this prefix is
# refused off loopback, so a copied example never signs tokens on a reachable server.
EXAMPLE_KEY = "change-me-example-key-0123456789abcdef0123456789abcdef"
EXAMPLE_PREFIX = "change-me-example-key"
KEY_FILE = "secret_key"
MAX_TOKEN_CHARS = 4096  # far above a real token; refuse before decoding anything larger
CLOCK_SKEW = timedelta(seconds=60)  # replicas may disagree a little about "now"
_COMPACT = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")


@dataclass(frozen=True)
class TokenClaims:
    account_id: str
    issued_at: datetime
    expires_at: datetime
    token_id: str | None = None  # a named token's id (``jti``); None for an unnamed one


def _seconds(moment: datetime) -> int:
    if moment.tzinfo is None:
        # A naive datetime would silently be read as local time by .timestamp().
        raise ValueError("now must be timezone-aware (e.g. datetime.now(UTC))")
    return int(moment.timestamp())


def issue_token(
    *, account_id: str, key: bytes, ttl: timedelta, now: datetime, token_id: str | None = None
) -> str:
    """A token for ``account_id``, valid from ``now`` for ``ttl``; ``token_id`` names it."""
    if not account_id:
        raise ValueError("account_id must not be empty")
    if ttl <= timedelta(0):
        raise ValueError("ttl must be positive")
    issued = _seconds(now)
    claims: dict[str, object] = {
        "sub": account_id,
        "iat": issued,
        "exp": issued + int(ttl.total_seconds()),
        "iss": ISSUER,
    }
    if token_id is not None:
        claims["jti"] = token_id
    return jwt.encode(claims, key, algorithm=ALGORITHM)


def verify_token(token: str, *, key: bytes, now: datetime) -> TokenClaims:
    """The claims of ``token``; raises :class:`TokenInvalid` or :class:`TokenExpired`.

    PyJWT checks the signature, the header and the claims' presence and types; the times are
    checked here against ``now`` (PyJWT would read the clock itself), with :data:`CLOCK_SKEW`.
    """
    if (
        not isinstance(token, str)
        or len(token) > MAX_TOKEN_CHARS
        or not _COMPACT.fullmatch(token)  # one spelling per token: no padding, no spaces
    ):
        raise TokenInvalid("The token is not valid.")
    try:
        header = jwt.get_unverified_header(token)
        claims = jwt.decode(
            token,
            key,
            algorithms=[ALGORITHM],
            issuer=ISSUER,
            options={"require": ["sub", "iat", "exp", "iss"], "verify_exp": False,
                     "verify_iat": False, "verify_nbf": False},
        )  # fmt: skip
    except jwt.PyJWTError as exc:
        raise TokenInvalid("The token is not valid.") from exc
    sub, iat, exp, jti = claims["sub"], claims["iat"], claims["exp"], claims.get("jti")
    if (
        header.get("typ", "JWT") != "JWT"
        or not isinstance(sub, str)
        or not sub
        or type(iat) is not int
        or type(exp) is not int
        or not (jti is None or (isinstance(jti, str) and 0 < len(jti) <= 64))
    ):
        raise TokenInvalid("The token is not valid.")
    current = _seconds(now)
    if iat > current + CLOCK_SKEW.total_seconds():
        raise TokenInvalid("The token is not valid.")
    if exp <= current:
        raise TokenExpired("The token has expired; ask for a new one.")
    return TokenClaims(
        account_id=sub,
        issued_at=datetime.fromtimestamp(iat, UTC),
        expires_at=datetime.fromtimestamp(exp, UTC),
        token_id=jti,
    )


# --- the signing key -----------------------------------------------------------------------------


def is_loopback(host: str) -> bool:
    """True for ``localhost``, 127.0.0.0/8 and ::1 (brackets allowed); 0.0.0.0 is not."""
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def signing_key(env: Mapping[str, str], *, host: str) -> bytes:
    """The key from ``LOUZHI_SECRET_KEY``; on loopback, a generated one if that is unset.

    Refused everywhere: a key shorter than 32 bytes. Refused unless ``host`` is a loopback
    address: no key, or the documented example key. On loopback with no key, one is generated
    once into ``LOUZHI_HOME/secret_key`` (mode 0600) so that tokens survive restarts.
    """
    configured = env.get("LOUZHI_SECRET_KEY", "").strip()
    local = is_loopback(host)
    if configured:
        key = configured.encode("utf-8")
        if len(key) < MIN_KEY_BYTES:
            raise SigningKeyError(
                f"LOUZHI_SECRET_KEY is {len(key)} bytes; it needs at least {MIN_KEY_BYTES}. "
                "Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(48))'"
            )
        if configured.startswith(EXAMPLE_PREFIX):
            if not local:
                raise SigningKeyError(
                    "LOUZHI_SECRET_KEY is the example value from the documentation; anyone can "
                    f"sign tokens with it. Set a secret key before serving on {host}."
                )
            log.warning("LOUZHI_SECRET_KEY is the documented example; acceptable on loopback only")
        return key
    if not local:
        raise SigningKeyError(
            f"LOUZHI_SECRET_KEY is not set; it is required when serving on {host} "
            "(not loopback). Generate one with: "
            "python -c 'import secrets; print(secrets.token_urlsafe(48))'"
        )
    return _local_key(louzhi_home(env) / KEY_FILE)


def _local_key(path: Path) -> bytes:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written whole to a private temporary file, then linked into place: link() does not
        # overwrite, so two processes starting together agree on the first key, and no reader
        # ever sees a half-written file.
        tmp = path.with_name(f".{KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="ascii") as f:
                f.write(secrets.token_urlsafe(48) + "\n")
            with contextlib.suppress(FileExistsError):
                os.link(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise SigningKeyError(
            f"{path} is readable by others (mode {mode:04o}); run: chmod 600 {path}"
        )
    key = path.read_text(encoding="ascii").strip().encode("ascii")
    if len(key) < MIN_KEY_BYTES:
        raise SigningKeyError(f"{path} holds no usable key; delete it to generate a new one")
    return key
