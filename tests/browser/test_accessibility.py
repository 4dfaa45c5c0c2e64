"""Accessibility beyond what axe-core sees: a keyboard-only diary, text at
200 %, the password reset pages, and a check that the axe check can fail."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from accounts.models import PatientProfile
from clinical import fields as dd
from tests.browser.conftest import LogIn
from tests.browser.support import (
    DESKTOP,
    NARROW,
    PHONE,
    Viewport,
    assert_accessible,
    page_scrolls_sideways,
    screenshot,
    set_browser_text_size,
    tab_to,
)
from tests.browser.test_patient_journeys import answer, long_date, question
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = re.compile(r"New password\W*$")  # not "New password confirmation"


# Boxes of the form's controls that overlap, controls that stick out of the
# page sideways, and labels cut off; empty lists when the layout holds. (The
# sticky save bar is left out: the form scrolls under it by design.)
_LAYOUT_PROBLEMS_JS = """() => {
  const boxes = Array.from(document.querySelectorAll(
    "#entry-form .form-check, #entry-form .form-control"
  )).map(el => [el, el.getBoundingClientRect()]);
  const overlaps = [], outside = [];
  const name = el => el.id || el.textContent.trim().slice(0, 40) || el.outerHTML;
  boxes.forEach(([el, r], i) => {
    if (r.width === 0 || r.height === 0 || r.left < 0 || r.right > innerWidth) {
      outside.push(name(el));
    }
    boxes.slice(i + 1).forEach(([other, o]) => {
      if (r.left < o.right - 1 && o.left < r.right - 1 &&
          r.top < o.bottom - 1 && o.top < r.bottom - 1) {
        overlaps.push(name(el) + " / " + name(other));
      }
    });
  });
  const clipped = Array.from(document.querySelectorAll(
    "#entry-form label, #entry-form legend"
  )).filter(el => el.scrollWidth > el.clientWidth + 1).map(name);
  return {overlaps, outside, clipped};
}"""


def test_a_keyboard_alone_logs_in_fills_in_today_and_reaches_my_diary(
    page: Page, patient: PatientProfile
) -> None:
    page.goto("/today/")
    tab_to(page, "#id_username")
    page.keyboard.type(patient.user.email)
    tab_to(page, "#id_password")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="How are you today?")).to_be_visible()

    # Tab lands on a radio group's first answer, "0"; Space chooses it.
    tab_to(page, "#id_pain_score_0")
    page.keyboard.press("Space")
    tab_to(page, "#id_fatigue_score_0")
    page.keyboard.press("Space")
    for section in dd.WARNING_SECTIONS:
        tab_to(page, f"#id_none_{section}")
        page.keyboard.press("Space")
    tab_to(page, "[type=submit][name=save]")
    page.keyboard.press("Enter")
    expect(
        page.get_by_role("heading", name="Thank you, your diary is saved")
    ).to_be_visible()

    tab_to(page, "a[href='/diary/']")
    page.keyboard.press("Enter")
    today = page.locator(".entry-card").filter(
        has=page.get_by_role("heading", name=long_date(timezone.localdate()))
    )
    expect(today).to_contain_text("Pain 0 out of 10")
    expect(today).to_contain_text("No warning signs reported.")


@pytest.mark.parametrize(
    "viewport", [PHONE, DESKTOP, NARROW], indirect=True, ids=lambda v: v.name
)
def test_with_text_at_200_percent_the_form_fits_and_red_guidance_still_reads(
    page: Page, patient: PatientProfile, log_in: LogIn, viewport: Viewport
) -> None:
    log_in(patient.user)
    set_browser_text_size(page, 200)
    page.goto("/today/")
    screenshot(page, "7-text-200", viewport, "1-form", full_page=False)
    # Twice the stylesheet's 19 px: the setting took effect.
    assert (
        page.evaluate("getComputedStyle(document.documentElement).fontSize") == "38px"
    )

    assert not page_scrolls_sideways(page)
    problems = page.evaluate(_LAYOUT_PROBLEMS_JS)
    assert problems == {"overlaps": [], "outside": [], "clipped": []}
    # The first screen is mostly form, not the (sticky) save bar.
    bar = page.locator(".save-bar").bounding_box()
    assert bar is not None
    covered = min(bar["y"] + bar["height"], viewport.height) - max(bar["y"], 0)
    assert covered <= viewport.height / 4, "the save bar hides the form"

    answer(page, "Worst pain", "8").check()
    question(page, "Where is the pain?").get_by_label("Back").check()
    answer(page, "Tiredness in the last 24 hours", "6").check()
    answer(page, "New difficulty walking", "Yes").check()
    # Playwright clicks only what is visible and not covered.
    page.get_by_role("button", name="Save my diary").click()

    guidance = page.locator(".guidance-block")
    expect(guidance.locator(".level-word")).to_have_text(re.compile(r"^\s*Red\b"))
    assert not page_scrolls_sideways(page)
    expect(guidance.get_by_role("link", name=re.compile("^Call "))).to_have_count(2)
    screenshot(page, "7-text-200", viewport, "2-red-guidance", full_page=False)

    today = timezone.localdate().isoformat()
    for url in ("/alert-card/", "/diary/", f"/diary/{today}/", "/trends/"):
        page.goto(url)
        assert not page_scrolls_sideways(page), f"{url} scrolls sideways"


def test_a_forgotten_password_can_be_reset_from_the_login_page(
    page: Page,
    patient: PatientProfile,
    viewport: Viewport,
    mailoutbox,
    settings,
    live_server,
) -> None:
    settings.SITE_URL = live_server.url  # reset links point at SITE_URL
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(patient.user.email)
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "The email address or password is not right."
    )
    assert_accessible(page, "the login page with an error")

    page.get_by_role("link", name="Forgotten your password?").click()
    expect(page.get_by_role("heading", name="Reset your password")).to_be_visible()
    assert_accessible(page, "the password reset form")
    page.get_by_label("Email").fill(patient.user.email)
    page.get_by_role("button", name="Email me a reset link").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    assert_accessible(page, "the password reset email sent page")

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/reset/\S+/", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    page.goto(link.group(0))
    expect(page.get_by_role("heading", name="Choose a new password")).to_be_visible()
    assert_accessible(page, "the choose a new password form")
    page.get_by_label(NEW_PASSWORD).fill("a-new-long-password-2026")
    page.get_by_label("New password confirmation").fill("a-different-one-2026")
    page.get_by_role("button", name="Set my password").click()
    expect(page.locator(".invalid-feedback")).to_contain_text("didn’t match")
    assert_accessible(page, "the choose a new password form with an error")
    screenshot(page, "8-password-reset", viewport, "1-error")

    page.get_by_label(NEW_PASSWORD).fill("a-new-long-password-2026")
    page.get_by_label("New password confirmation").fill("a-new-long-password-2026")
    page.get_by_role("button", name="Set my password").click()
    expect(page.get_by_role("heading", name="Password set")).to_be_visible()
    assert_accessible(page, "the password set page")

    page.get_by_role("link", name="Go to log in").click()
    page.get_by_label("Email").fill(patient.user.email)
    page.get_by_label("Password").fill("a-new-long-password-2026")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="How are you today?")).to_be_visible()


def test_the_accessibility_check_fails_on_a_page_with_known_violations(
    browser: Browser,
) -> None:
    page = browser.new_page()
    page.set_content(
        '<html lang="en"><title>Bad</title><main>'
        '<img src="x.png"><input type="text">'
        '<p style="color:#aaa;background:#fff">Faint text</p></main></html>'
    )
    with pytest.raises(AssertionError) as failure:
        assert_accessible(page, "a page made to fail")
    page.close()
    report = str(failure.value)
    for rule in ("image-alt", "label", "color-contrast"):
        assert rule in report


def test_the_accessibility_check_fails_on_a_level_shown_by_colour_alone(
    browser: Browser,
) -> None:
    page = browser.new_page()
    page.set_content(
        '<html lang="en"><title>Levels</title><main><h1>Queue</h1>'
        '<p class="level-badge level-amber">Amber</p>'
        '<p class="level-badge level-red" style="background:#b00020">Pat</p>'
        "</main></html>"
    )
    with pytest.raises(AssertionError) as failure:
        assert_accessible(page, "a page made to fail")
    page.close()
    assert "colour alone" in str(failure.value)
    assert "level-red" in str(failure.value)
    assert "level-amber" not in str(failure.value)
