"""Read-your-writes across workers: the ``Louzhi-Bookmark`` response header.

Louzhi's workers are stateless: a client's next request may reach another worker, and in a
Neo4j cluster another member, which may not hold the client's last write yet. So every response
carries, in ``Louzhi-Bookmark``, the Neo4j bookmarks of what the request read and wrote
(:class:`graph.access.session.CausalDriver` collects them); a client that sends them back makes
that request wait until the graph it reads holds them. The page does so; any client may.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from strawberry.extensions import SchemaExtension

from graph.access.session import CausalDriver

__all__ = ["BOOKMARK_HEADER", "BookmarkExtension"]

BOOKMARK_HEADER = "Louzhi-Bookmark"


class BookmarkExtension(SchemaExtension):
    """Puts the request's bookmarks in the response's ``Louzhi-Bookmark`` header."""

    async def on_operation(self) -> AsyncIterator[None]:  # type: ignore[override]
        yield
        context = self.execution_context.context
        driver = getattr(context, "driver", None)
        response = getattr(context, "response", None)
        if isinstance(driver, CausalDriver) and response is not None:
            bookmarks = await driver.bookmarks()
            if bookmarks:
                response.headers[BOOKMARK_HEADER] = ",".join(bookmarks)
