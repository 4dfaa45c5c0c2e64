"""A carer's journey in a real browser: invited by the patient, entering a red
day for her, seen by the nurse as the carer's entry, then revoked."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import PatientProfile, User
from tests.browser.support import PHONE, Viewport, assert_accessible
from tests.factories import PASSWORD
from tests.factories import log_in as log_in_client

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def open_as(browser: Browser, live_server: LiveServer) -> Iterator:
    """A page in a browser of its own (its own cookies) for each person,
    signed in as `user` unless None; the carer's stays open throughout."""
    contexts: list[BrowserContext] = []

    def open_as(user: User | None, viewport: Viewport = PHONE) -> Page:
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": viewport.width, "height": viewport.height},
            is_mobile=viewport.mobile,
            locale="en-GB",
            timezone_id=settings.TIME_ZONE,
            reduced_motion="reduce",
        )
        contexts.append(context)
        if user is not None:
            client = Client()
            log_in_client(client, user)
            cookie = client.cookies[settings.SESSION_COOKIE_NAME]
            context.add_cookies(
                [
                    {
                        "name": settings.SESSION_COOKIE_NAME,
                        "value": cookie.value,
                        "url": live_server.url,
                    }
                ]
            )
        return context.new_page()

    yield open_as
    for context in contexts:
        context.close()


def answer(page: Page, legend: str, label: str):
    group = page.get_by_role("group", name=re.compile("^" + re.escape(legend)))
    return group.get_by_label(label, exact=True)


def test_a_carer_enters_a_red_day_for_the_patient_until_she_revokes_them(
    open_as, patient: PatientProfile, nurse: User, live_server: LiveServer
) -> None:
    # The patient invites her carer from her account page.
    pat = open_as(patient.user)
    pat.goto("/accounts/account/")
    pat.get_by_label("Your carer's email address").fill("chris@example.org")
    pat.get_by_role("button", name="Invite a carer").click()
    expect(pat.get_by_role("status")).to_contain_text("Invitation sent")
    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)

    # The carer accepts: their name and a password, and they are signed in.
    carer = open_as(None)
    carer.goto(link.replace(settings.SITE_URL, live_server.url))
    expect(carer.get_by_role("heading", level=1)).to_contain_text("Pat Patient")
    assert_accessible(carer, "the carer's invitation")
    carer.get_by_label("Your full name").fill("Chris Carer")
    carer.get_by_label(re.compile(r"New password\W*$")).fill(PASSWORD)
    carer.get_by_label("New password confirmation").fill(PASSWORD)
    carer.get_by_role("button", name="Set my password").click()
    expect(carer.locator("#helping")).to_contain_text(
        "You are entering for Pat Patient"
    )

    carer.get_by_role("link", name="Whom you help", exact=True).click()
    expect(carer.get_by_role("button", name=re.compile("^Pat Patient"))).to_be_visible()
    assert_accessible(carer, "whom the carer is helping")
    carer.get_by_role("link", name="Today", exact=True).click()

    # A red day for the patient: the A&E guidance, with the team's numbers.
    answer(carer, "Worst pain", "6").check()
    answer(carer, "Tiredness in the last 24 hours", "5").check()
    answer(carer, "New difficulty walking", "Yes").check()
    carer.get_by_role("button", name="Save my diary").click()
    guidance = carer.locator(".guidance-block")
    expect(guidance.locator(".level-word")).to_have_text(re.compile(r"^\s*Red\b"))
    expect(guidance.locator(".guidance-headline")).to_contain_text("A&E")
    expect(carer.locator("#carer-framing")).to_contain_text(
        "You are entering for Pat Patient. Tell Pat"
    )
    calls = guidance.get_by_role("link", name=re.compile("^Call "))
    hrefs = {calls.nth(i).get_attribute("href") for i in range(calls.count())}
    assert hrefs == {"tel:08001234567", "tel:01614463000"}
    assert_accessible(carer, "the red guidance a carer sees")
    carer.get_by_role("link", name="See what I saved").click()
    expect(carer.locator("#saved-by")).to_contain_text(
        "Chris Carer, entering for Pat Patient, recorded"
    )

    # The nurse sees it flagged, and who entered it for whom.
    nora = open_as(nurse)
    nora.goto("/nurse/")
    card = nora.locator(".flag-card").first
    expect(card).to_contain_text("Pat Patient")
    expect(card.locator(".level-badge")).to_have_text("Red")
    expect(card).to_contain_text("entered by carer Chris Carer for Pat Patient")

    # The patient revokes the carer: their next request for her is refused.
    pat.goto("/accounts/account/")
    expect(pat.locator("#carers ~ ul")).to_contain_text("Chris Carer")
    assert_accessible(pat, "the patient's account page with her carer")
    pat.get_by_role("button", name="Stop Chris Carer's access").click()
    expect(pat.get_by_role("status")).to_contain_text("can no longer")
    response = carer.goto("/today/")
    assert response is not None and response.status == 404
    response = carer.goto("/diary/")
    assert response is not None and response.status == 404
