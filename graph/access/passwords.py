"""Passwords of accounts (Argon2id), and the throttle of failed sign-ins.

    (:Account {…, passwordHash, mustChangePassword, passwordSetAt, demoPassword})
    (:SignInThrottle {key: "account:<id>" | "address:<ip>", failures, lockedUntil, lastAt})

A password is kept only as its Argon2id hash (argon2-cffi's defaults, RFC 9106's second
recommended profile: 64 MiB, 3 passes, 4 lanes), never logged, returned or audited. A password
the committee sets for someone else is an *initial* one: shown once, it must be changed at the
first sign-in. Demo accounts carry ``demoPassword`` and are refused off loopback (server side).

Failed sign-ins are counted per account and per client address in the graph, so every worker
sees the same count. After :data:`FREE_FAILURES` (per account) or :data:`FREE_ADDRESS_FAILURES`
(per address: an office behind one address has many clerks) each further failure locks the key
for twice as long as the last, from 2 seconds up to :data:`MAX_LOCK`; while locked, a sign-in
is refused before its password is even hashed (so a flood costs the server nothing). A success
clears the account's count, not the address's.

Example::

    hashed = hash_password("a long pass phrase")
    verify_password(hashed, "a long pass phrase")   # True
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from graph.errors import ChangeError

__all__ = [
    "FREE_ADDRESS_FAILURES",
    "FREE_FAILURES",
    "MAX_LOCK",
    "MIN_LENGTH",
    "check_new_password",
    "hash_password",
    "initial_password",
    "needs_rehash",
    "verify_password",
]

_HASHER = PasswordHasher()  # Argon2id
MIN_LENGTH = 10
MAX_LENGTH = 128  # Argon2 takes any length; a cap keeps one request's hashing bounded
FREE_FAILURES = 5
FREE_ADDRESS_FAILURES = 20
MAX_LOCK = timedelta(minutes=15)
# The hash a sign-in for an unknown account is checked against, so that "no such account" and
# "wrong password" take the same time.
_DECOY = _HASHER.hash(secrets.token_urlsafe(16))


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(hashed: str | None, password: str) -> bool:
    """Whether ``password`` is the one ``hashed`` was made from (False for no hash at all)."""
    try:
        return _HASHER.verify(hashed or _DECOY, password) and hashed is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(hashed: str) -> bool:
    """Whether ``hashed`` was made with weaker parameters than today's (rehash at sign-in)."""
    return _HASHER.check_needs_rehash(hashed)


def initial_password() -> str:
    """A one-time password to hand over (12 letters and digits, unambiguous ones only)."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "".join(secrets.choice(alphabet) for _ in range(12))


def check_new_password(password: str, *, account_id: str) -> ChangeError | None:
    """A refusal of ``password`` as a new password, in both languages; None when it will do."""
    if not isinstance(password, str) or not MIN_LENGTH <= len(password) <= MAX_LENGTH:
        return ChangeError(
            "BAD_USER_INPUT",
            "password",
            f"A password needs {MIN_LENGTH} to {MAX_LENGTH} characters.",
            f"密码须为 {MIN_LENGTH} 至 {MAX_LENGTH} 个字符。",
        )
    if password.strip().lower() == account_id.lower() or len(set(password)) < 4:
        return ChangeError(
            "BAD_USER_INPUT",
            "password",
            "This password is too easy to guess: use a phrase of several words.",
            "密码过于简单，请使用由几个词组成的短语。",
        )
    return None
