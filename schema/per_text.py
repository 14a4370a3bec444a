"""What is worked out from a request's text, kept per text: the same text parses to the same
document, so its limits (schema/limits.py) and its compiled plan (schema/compiled/plan.py) are
the same too.

Keyed by the text, not by the document: a graphql-core document hashes and compares by value,
walking its whole tree. Bounded like the parser's cache (a bound, not a cache policy): full, it
starts again empty.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from graphql import DocumentNode

__all__ = ["MAX_KEPT", "per_text"]

V = TypeVar("V")
MAX_KEPT = 512  # as the parser cache's size (schema/api.py)


def per_text(
    store: dict[tuple[Hashable, ...], V],
    document: DocumentNode,
    make: Callable[[], V],
    *key: Hashable,
) -> V:
    """``make()``, kept in ``store`` under ``document``'s text and ``key``; made each time for a
    document without its text."""
    text = document.loc.source.body if document.loc else None
    if text is None:
        return make()
    full = (text, *key)
    if full not in store:
        if len(store) >= MAX_KEPT:
            store.clear()
        store[full] = make()
    return store[full]
