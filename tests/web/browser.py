"""Debian's chromium driven by Playwright (the PyPI wheel's driver; no browser is downloaded).

As root and headless, with the flags that keep chromium off the network (its background
connections are refused on this machine's closed network) and a fresh profile per launch.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}


@contextmanager
def chromium() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        raise RuntimeError("Debian's chromium is missing: run `make chromium` (make test does)")
    with sync_playwright() as playwright:
        # Playwright's launch gives every browser a new temporary user-data-dir.
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


class PageWatch:
    """Records what a page did that it should not: errors, and requests to other origins."""

    def __init__(self, page: Page, origin: str, *, allow: tuple[str, ...] = ()) -> None:
        self.problems: list[str] = []
        # A refused token or sign-in shows in the console as a failed load of its status.
        self.allow = allow
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on("console", self._console)
        page.on("request", lambda r: self._request(r.url, origin))

    def _console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        if any(f"status of {status}" in message.text for status in self.allow):
            return
        self.problems.append(f"console: {message.text}")

    def _request(self, url: str, origin: str) -> None:
        if not (url.startswith(origin + "/") or url.startswith(("blob:", "data:"))):
            self.problems.append(f"request outside the service: {url}")
