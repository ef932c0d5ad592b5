"""Open reports in Debian's headless Chromium through Playwright, as a reviewer would."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser

CHROMIUM = os.environ.get("FORENSICS_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
# Without these, Chromium phones home at start-up and the closed network refuses it.
QUIET_FLAGS = ["--disable-gpu", "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--disable-quic"]  # fmt: skip


def chromium_or_skip() -> str:
    if Path(CHROMIUM).is_file() or shutil.which(CHROMIUM):
        return CHROMIUM
    if os.environ.get("FORENSICS_REQUIRE_BROWSER") == "1":
        pytest.fail(f"headless Chromium required but not found at {CHROMIUM}")
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    raise AssertionError("unreachable")


@dataclass
class PageVisit:
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


# Lazy images load only near the viewport: scroll through the page, then bring each image not
# yet loaded into view in turn and wait for it to finish (or fail), so a broken one is counted
# rather than merely not yet loaded. (A quick scroll alone is not enough on a loaded machine:
# the browser may not start a lazy image the page only passed by.) A lazy image that never
# comes near the viewport (inside a closed <details>) never starts: after SETTLE_MS in all it
# is counted as broken, and the test fails on it instead of waiting for ever.
SETTLE_MS = 20000
SETTLE = """async () => {
  const deadline = Date.now() + SETTLE_MS;
  for (let y = 0; y < document.body.scrollHeight; y += 600) {
    window.scrollTo(0, y);
    await new Promise(r => setTimeout(r, 20));
  }
  for (const image of document.images) {
    if (image.complete) continue;
    image.scrollIntoView({block: "center"});
    await new Promise(r => {
      image.addEventListener("load", r, {once: true});
      image.addEventListener("error", r, {once: true});
      setTimeout(r, Math.max(0, deadline - Date.now()));
      if (image.complete) r();
    });
  }
  window.scrollTo(0, 0);
}""".replace("SETTLE_MS", str(SETTLE_MS))


@contextmanager
def launched_chromium() -> Iterator[Browser]:
    """Headless Chromium, started once for the visits of a test module (the ``chromium``
    fixture): a start costs about 1.5 s of CPU, and each visit opens fresh contexts anyway."""
    from playwright.sync_api import sync_playwright

    executable = chromium_or_skip()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=QUIET_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def visit(
    browser: Browser, html: Path, shots: dict[str, tuple[int, int]], js: bool = True,
    probes: dict[str, str] | None = None, element: str | None = None,
) -> tuple[PageVisit, dict]:  # fmt: skip
    """Load ``html`` from file://, take a full-page screenshot per viewport into test-artifacts/,
    and return what went wrong plus a few facts read from the rendered DOM. Each viewport is
    a new browser context, so nothing of an earlier visit (storage, cache) carries over.

    ``probes`` name more facts, each a JavaScript expression evaluated in the page; with
    ``element`` (a CSS selector), that element is also saved as ``<name>-element.png``."""
    ARTIFACTS.mkdir(exist_ok=True)
    seen = PageVisit()
    facts: dict = {}
    for name, (width, height) in shots.items():
        context = browser.new_context(viewport={"width": width, "height": height},
                                      java_script_enabled=js)  # fmt: skip
        page = context.new_page()
        page.on("console", lambda m: m.type == "error" and seen.console_errors.append(m.text))
        page.on("pageerror", lambda e: seen.page_errors.append(str(e)))
        page.on("requestfailed", lambda r: seen.failed.append(r.url))
        page.on("request", lambda r: r.url.startswith("file:") or seen.external.append(r.url))
        page.on("dialog", lambda d: (seen.dialogs.append(d.message), d.dismiss()))
        page.goto(html.as_uri(), wait_until="load")
        if js:  # without script there is no lazy loading, and no timer would fire
            page.evaluate(SETTLE)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        if element:
            page.locator(element).first.screenshot(path=str(ARTIFACTS / f"{name}-element.png"))
        facts[name] = {
            "title": page.title(),
            "sections": page.locator("main h2").all_inner_texts(),
            "images_broken": page.evaluate(
                "[...document.images].filter(i => !i.complete || i.naturalWidth === 0).length"
            ),
            "scroll_width": page.evaluate("document.documentElement.scrollWidth"),
        } | {fact: page.evaluate(script) for fact, script in (probes or {}).items()}
        context.close()
    return seen, facts
