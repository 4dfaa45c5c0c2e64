"""Helpers the browser journeys share: accessibility checks, screenshots, keys."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from axe_playwright_python.base import AxeResults
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"

# WCAG 2.0, 2.1 and 2.2, levels A and AA: what the NHS service standard asks.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": WCAG_TAGS},
    "resultTypes": ["violations"],
}
AXE_SCRIPT = Axe().axe_script


@dataclass(frozen=True)
class Viewport:
    name: str
    width: int
    height: int
    mobile: bool


PHONE = Viewport("phone", 390, 844, mobile=True)
DESKTOP = Viewport("desktop", 1366, 768, mobile=False)
# WCAG 1.4.10 Reflow: content fits 320 CSS px without scrolling sideways.
NARROW = Viewport("narrow-320", 320, 568, mobile=True)


# Elements coloured by a red, amber or green level whose words do not say
# the level: colour must never be its only carrier (WCAG 1.4.1).
_LEVEL_IN_COLOUR_ONLY_JS = """() => Array.from(
  document.querySelectorAll("[class*='level-']")
).flatMap(el => {
  const level = [...el.classList].map(c => c.match(/^level-(red|amber|green)$/))
    .find(Boolean);
  if (!level || el.closest("dialog:not([open])")) return [];
  const word = new RegExp("(^|[^a-z])" + level[1] + "([^a-z]|$)", "i");
  return word.test(el.innerText) ? [] : [el.outerHTML.slice(0, 120)];
})"""


def assert_accessible(page: Page, state: str) -> None:
    """axe-core finds no WCAG A/AA violation on the page as it is now, and
    every red, amber or green level shown is said in words too."""
    unsaid = page.evaluate(_LEVEL_IN_COLOUR_ONLY_JS)
    assert unsaid == [], f"A level shown by colour alone on {state}: {unsaid}"
    # Inject axe once per document (Axe.run would re-inject it each time: 0.2 s).
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    results = AxeResults(
        page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    )
    assert results.violations_count == 0, (
        f"axe found violations on {state} ({page.url}):\n" + results.generate_report()
    )


def screenshot(
    page: Page, journey: str, viewport: Viewport, step: str, *, full_page: bool = True
) -> None:
    """Saved for a person to look at; named journey-viewport-step.

    full_page=False keeps what is on screen now. (A full-page capture also
    undoes a text size set through CDP until the next page load.)
    """
    SCREENSHOTS.mkdir(exist_ok=True)
    if full_page:
        # A full-page capture draws sticky elements (the save bar) where the
        # first screen ends; scrolled to the end they sit where they belong.
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.screenshot(
        path=SCREENSHOTS / f"{journey}-{viewport.name}-{step}.png", full_page=full_page
    )


# [whether the focused element matches the selector, why it cannot be seen or
# null]: off screen, or covered by something else such as the form's sticky
# save bar (WCAG 2.4.11 Focus Not Obscured).
_FOCUS_JS = """selector => {
  const el = document.activeElement;
  if (!el || el === document.body) return [false, null];
  const r = el.getBoundingClientRect();
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  const name = el.outerHTML.slice(0, 100);
  if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) {
    return [el.matches(selector), "off screen: " + name];
  }
  const hit = document.elementFromPoint(x, y);
  const labels = el.labels ? Array.from(el.labels) : [];
  if (hit && (el.contains(hit) || labels.some(l => l.contains(hit)))) {
    return [el.matches(selector), null];
  }
  const cover = hit ? hit.outerHTML.slice(0, 100) : "nothing";
  return [el.matches(selector), name + " is covered by " + cover];
}"""


def tab_to(page: Page, selector: str, *, limit: int = 150) -> None:
    """Press Tab until the focused element matches `selector`, checking on the
    way that every focused element can be seen. Fails if it is never reached,
    which is what a keyboard user would hit."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        matches, problem = page.evaluate(_FOCUS_JS, selector)
        assert problem is None, f"A keyboard user cannot see the focus: {problem}"
        if matches:
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def set_browser_text_size(page: Page, percent: int) -> None:
    """What a user's text size setting does (Chrome's Settings > Font size):
    the default font size, on which rem and media query em are based."""
    cdp = page.context.new_cdp_session(page)
    cdp.send(
        "Page.setFontSizes",
        {"fontSizes": {"standard": 16 * percent // 100, "fixed": 13 * percent // 100}},
    )


def page_scrolls_sideways(page: Page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )
