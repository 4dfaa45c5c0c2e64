"""Issue 15 items 3 and 10: the red box with text at 200 % on a phone (the
first call button on the first screen, numbers on one line, the condition
named), score buttons that never wrap, and a focus mark that can be seen."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from accounts.models import PatientProfile
from tests.browser.conftest import LogIn
from tests.browser.support import (
    NARROW,
    PHONE,
    Viewport,
    assert_accessible,
    page_scrolls_sideways,
    screenshot,
    set_browser_text_size,
    tab_to,
)
from tests.browser.test_patient_journeys import answer, question

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SMALL_PHONES = pytest.mark.parametrize(
    "viewport", [PHONE, NARROW], indirect=True, ids=lambda v: v.name
)

# How many lines an element's text takes: its content's height (without
# padding and borders) over its line height.
_LINES_JS = """el => {
  const style = getComputedStyle(el);
  const line = parseFloat(style.lineHeight) ||
    parseFloat(style.fontSize) * 1.2;
  const extra = ["paddingTop", "paddingBottom", "borderTopWidth",
    "borderBottomWidth"].reduce((sum, side) => sum + parseFloat(style[side]), 0);
  return Math.round((el.getBoundingClientRect().height - extra) / line);
}"""

# The focused element's outline: [width in px, style, contrast of its colour
# against the background behind it (the first ancestor with an opaque one)].
_FOCUS_OUTLINE_JS = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const rgb = c => c.match(/[\\d.]+/g).map(Number);
  const luminance = ([r, g, b]) => {
    const lin = v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  let back = [255, 255, 255];
  for (let node = el.parentElement; node; node = node.parentElement) {
    const c = rgb(getComputedStyle(node).backgroundColor);
    if (c.length === 3 || c[3] === 1) { back = c.slice(0, 3); break; }
  }
  const [a, b] = [luminance(rgb(style.outlineColor)), luminance(back)];
  const contrast = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  return [parseFloat(style.outlineWidth), style.outlineStyle, contrast];
}"""


def save_red_signs(page: Page) -> None:
    """Difficulty walking and numb toes: red, possible spinal cord compression."""
    page.goto("/today/")
    answer(page, "Worst pain", "3").check()
    answer(page, "Tiredness in the last 24 hours", "4").check()
    answer(page, "New difficulty walking", "Yes").check()
    question(page, "Numbness or pins and needles").get_by_label("Toes").check()
    page.get_by_role("button", name="Save my diary").click()


def lines_of_text(page: Page, selector: str) -> int:
    return page.locator(selector).evaluate(_LINES_JS)


@SMALL_PHONES
def test_it_shows_the_first_call_button_on_the_first_screen_at_200_percent_text(
    page: Page, patient: PatientProfile, log_in: LogIn, viewport: Viewport
) -> None:
    log_in(patient.user)
    set_browser_text_size(page, 200)
    save_red_signs(page)

    guidance = page.locator(".guidance-block")
    expect(guidance).to_contain_text("Red")
    # What the patient sees first, straight after saving.
    screenshot(page, "9-red-box-200", viewport, "1-first-screen", full_page=False)
    first_call = page.locator("a[href^='tel:']").first
    expect(first_call).to_have_attribute("href", "tel:08001234567")
    box = first_call.bounding_box()
    assert box is not None
    assert box["y"] >= 0 and box["y"] + box["height"] <= viewport.height, (
        f"the first call button ends at {box['y'] + box['height']:.0f} px, "
        f"below the first screen ({viewport.height} px)"
    )
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport.width
    numbers = page.locator(".guidance-block .call-number")
    expect(numbers).to_have_count(2)
    for i in range(2):
        assert numbers.nth(i).evaluate(_LINES_JS) == 1, (
            f"{numbers.nth(i).inner_text()} is broken over several lines"
        )
    assert not page_scrolls_sideways(page)
    assert_accessible(page, "the red guidance at 200% text")


def test_it_names_the_condition_in_the_red_box(
    page: Page, patient: PatientProfile, log_in: LogIn
) -> None:
    log_in(patient.user)
    save_red_signs(page)

    guidance = page.locator(".guidance-block")
    expect(guidance).to_contain_text("Possible spinal cord compression")
    # The call comes before the explanation.
    order = guidance.evaluate(
        """box => [box.querySelector("a[href^='tel:']"),
                   box.querySelector(".guidance-headline")]
          .map(el => el ? Array.from(box.querySelectorAll("*")).indexOf(el) : -1)"""
    )
    assert -1 < order[0] < order[1]


@pytest.mark.parametrize("viewport", [NARROW], indirect=True, ids=lambda v: v.name)
@pytest.mark.parametrize("text_size", [100, 200])
def test_it_keeps_the_score_ten_on_one_line_at_320_px(
    page: Page,
    patient: PatientProfile,
    log_in: LogIn,
    viewport: Viewport,
    text_size: int,
) -> None:
    log_in(patient.user)
    set_browser_text_size(page, text_size)
    page.goto("/today/")

    for legend in ("Worst pain", "Tiredness in the last 24 hours"):
        ten = question(page, legend).locator("label", has_text="10")
        expect(ten).to_have_text("10")
        assert ten.evaluate(_LINES_JS) == 1, f"{legend}: 10 wraps to 1/0"
    assert not page_scrolls_sideways(page)


def test_it_keeps_the_score_ten_on_one_line_on_a_desktop(
    page: Page, patient: PatientProfile, log_in: LogIn, viewport: Viewport
) -> None:
    log_in(patient.user)
    page.goto("/today/")

    ten = question(page, "Worst pain").locator("label", has_text="10")
    assert ten.evaluate(_LINES_JS) == 1, "10 wraps to 1/0"


def test_it_marks_a_radio_focused_with_tab_with_a_solid_outline_that_contrasts(
    page: Page, patient: PatientProfile, log_in: LogIn
) -> None:
    log_in(patient.user)
    page.goto("/today/")

    for selector in ("#id_pain_score_0", "#id_none_spinal_cord", "[type=submit]"):
        tab_to(page, selector)
        width, style, contrast = page.evaluate(_FOCUS_OUTLINE_JS)
        assert width >= 2 and style == "solid", f"{selector}: {width}px {style}"
        assert contrast >= 3, f"{selector}: outline contrast {contrast:.1f}:1"


def test_it_marks_the_call_buttons_focused_on_the_red_box_so_it_can_be_seen(
    page: Page, patient: PatientProfile, log_in: LogIn
) -> None:
    log_in(patient.user)
    save_red_signs(page)

    tab_to(page, ".guidance-block a[href^='tel:']")
    width, style, contrast = page.evaluate(_FOCUS_OUTLINE_JS)
    assert width >= 2 and style == "solid"
    assert contrast >= 3, f"outline contrast on the red box {contrast:.1f}:1"
