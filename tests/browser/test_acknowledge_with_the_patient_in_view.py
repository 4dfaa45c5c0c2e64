"""The nurse acknowledges with the patient's number and note in view, records
several actions, and deals with a flag during the call; the patient then sees
that the team saw it (issue 15, items 6 and 8)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from accounts.models import PatientProfile, User
from diary.models import Acknowledgement, Flag
from tests.browser.conftest import LogIn
from tests.browser.support import Viewport, assert_accessible, screenshot
from tests.browser.test_patient_journeys import answer
from tests.factories import make_entry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTE = "Legs felt heavy on the stairs this evening."


def test_the_acknowledge_page_shows_the_number_and_the_note_and_saves_two_actions(
    page: Page,
    nurse: User,
    patient: PatientProfile,
    log_in: LogIn,
    viewport: Viewport,
) -> None:
    patient.mobile_phone = "07700 900461"
    patient.save()
    entry = make_entry(patient, difficulty_walking=True, notes=NOTE)
    log_in(nurse)
    page.goto(f"/nurse/flags/{entry.flags.get().pk}/acknowledge/")

    call = page.get_by_role("link", name=re.compile(r"^07700 900461"))
    expect(call).to_have_attribute("href", "tel:07700900461")
    expect(page.get_by_text(NOTE)).to_be_visible()
    assert_accessible(page, "the acknowledge page with the number and the note")
    screenshot(page, "9-acknowledge-with-the-call", viewport, "1-acknowledge")

    page.get_by_label("Phoned the patient").check()
    page.get_by_label("Advised going to A&E").check()
    page.get_by_role("textbox", name=re.compile("Note")).fill("Going to A&E now.")
    page.get_by_role("button", name="Acknowledge", exact=True).click()
    expect(page.get_by_role("status").first).to_contain_text("Acknowledged")
    ack = Acknowledgement.objects.get()
    assert ack.actions == ["phoned_patient", "advised_ae"]

    page.goto(f"/nurse/patients/{patient.pk}/#acknowledgements")
    history = page.get_by_role("region", name="Acknowledgement history", exact=True)
    expect(history).to_contain_text("Phoned the patient; Advised going to A&E")
    assert_accessible(page, "the record with two actions in the history")


def test_a_flag_dealt_with_during_the_call_is_closed_and_the_patient_sees_it_was_seen(
    page: Page,
    nurse: User,
    patient: PatientProfile,
    log_in: LogIn,
    viewport: Viewport,
) -> None:
    log_in(nurse)
    page.goto(f"/nurse/patients/{patient.pk}/entries/new/")
    answer(page, "Worst pain", "4").check()
    answer(page, "Tiredness in the last 24 hours", "3").check()
    answer(page, "New difficulty walking", "Yes").check()
    page.get_by_label("I have dealt with this during the call").check()
    call = page.get_by_role("group", name="During the call")
    call.get_by_label("Advised going to A&E").check()
    call.get_by_role("textbox", name=re.compile("Note")).fill("Going to A&E now.")
    assert_accessible(page, "the nurse's entry form with the call part filled in")
    page.get_by_role("button", name="Save this entry for the patient").click()
    expect(page.get_by_role("status").first).to_contain_text(
        "You acknowledged its flags; no alert email was sent."
    )
    assert not Flag.objects.open().exists()

    log_in(patient.user)
    page.goto("/diary/")
    expect(page.locator(".team-saw")).to_have_text(
        re.compile(r"^Your team saw this on \d{1,2} [A-Z][a-z]{2}\.$")
    )
    expect(page.locator("main")).not_to_contain_text("Going to A&E now.")
    assert_accessible(page, "My diary with a day the team saw")
    screenshot(page, "9-acknowledge-with-the-call", viewport, "2-team-saw-this")
