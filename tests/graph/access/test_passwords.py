"""Passwords as the graph keeps them (pure): Argon2id hashes, the new-password rule, one-time
passwords."""

from __future__ import annotations

from graph.access.passwords import (
    MAX_LENGTH,
    MIN_LENGTH,
    check_new_password,
    hash_password,
    initial_password,
    needs_rehash,
    verify_password,
)


def test_a_hash_is_argon2id_salted_and_checks_only_its_password() -> None:
    one, two = hash_password("a long pass phrase"), hash_password("a long pass phrase")
    assert one.startswith("$argon2id$") and one != two  # salted
    assert verify_password(one, "a long pass phrase")
    assert not verify_password(one, "a long pass phrasE")
    assert not verify_password(None, "a long pass phrase")  # no password set: never
    assert not verify_password("not a hash", "a long pass phrase")
    assert not needs_rehash(one)


def test_the_new_password_rule() -> None:
    assert check_new_password("x" * (MIN_LENGTH - 1), account_id="a") is not None
    assert check_new_password("y" * (MAX_LENGTH + 1), account_id="a") is not None
    assert check_new_password("demo-committee", account_id="demo-committee") is not None
    assert check_new_password("aaaaaaaaaaaa", account_id="a") is not None  # too few characters
    refused = check_new_password("short", account_id="a")
    assert refused is not None and refused.code == "BAD_USER_INPUT" and refused.message_zh
    assert check_new_password("a long pass phrase", account_id="a") is None
    assert check_new_password("楼组长的长密码很好记", account_id="a") is None


def test_one_time_passwords_are_random_and_acceptable() -> None:
    made = {initial_password() for _ in range(50)}
    assert len(made) == 50
    assert all(len(p) == 12 and check_new_password(p, account_id="a") is None for p in made)
    assert not any(c in "".join(made) for c in "01ilo")  # nothing to misread on paper
