"""Carers: invited by the patient, accepted by link, entering and reading the
patient's diary through her own pages, revoked at once by her or her nurse."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts import carers
from accounts.models import CarerLink, User
from diary.export import diary_report
from diary.models import AuditEvent, DailyEntry
from diary.nurse.services import add_clinical_note
from tests.factories import (
    PASSWORD,
    days_ago,
    form_post,
    log_in,
    make_carer,
    make_entry,
    make_nurse,
)

Action = AuditEvent.Action


def invite_link(client: Client, email: str) -> str:
    response = client.post(reverse("carer_invite"), {"email": email})
    assert response.status_code == 302
    return re.search(r"https?://\S+", mail.outbox[-1].body).group(0)


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def test_a_patient_invites_a_carer_who_accepts_and_is_signed_in(
    patient, patient_client
):
    link_url = invite_link(patient_client, "chris@example.org")
    assert "chris@example.org" in mail.outbox[-1].to
    visitor = Client()
    response = visitor.post(
        path_of(link_url),
        {
            "full_name": "Chris Carer",
            "new_password1": PASSWORD,
            "new_password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    carer = User.objects.get(email="chris@example.org")
    assert carer.is_carer and carer.full_name == "Chris Carer"
    assert CarerLink.objects.active().get(carer=carer).patient == patient
    page = visitor.get(reverse("today"), follow=True)
    assert "You are entering for Pat Patient" in page.content.decode()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {Action.CARER_INVITED, Action.CARER_ACCEPTED} <= actions


def test_the_invitation_link_works_once(patient, patient_client):
    link_url = invite_link(patient_client, "chris@example.org")
    post = {"full_name": "C", "new_password1": PASSWORD, "new_password2": PASSWORD}
    assert Client().post(path_of(link_url), post).status_code == 302
    assert Client().get(path_of(link_url)).status_code == 410


def test_a_withdrawn_invitation_says_so(patient, patient_client):
    link_url = invite_link(patient_client, "chris@example.org")
    carers.revoke(CarerLink.objects.get(), by=patient.user)
    response = Client().get(path_of(link_url))
    assert response.status_code == 410
    assert "withdrawn" in response.content.decode()


def test_a_patients_own_address_cannot_become_a_carer(
    patient, patient_client, other_patient
):
    link_url = invite_link(patient_client, other_patient.user.email)
    response = Client().get(path_of(link_url))
    assert response.status_code == 409
    assert not other_patient.user.carer_links.exists()


def test_an_existing_carer_accepting_a_second_patient_just_adds_the_link(
    patient, other_patient, client
):
    carer = make_carer(other_patient)
    link = carers.invite_carer(patient=patient, email=carer.email, by=patient.user)
    url = path_of(carers.invite_url(link))
    assert "Log in" in Client().get(url).content.decode()  # not signed in: no link
    log_in(client, carer)
    assert client.post(url).status_code == 302
    assert set(carer.carer_links.active().values_list("patient", flat=True)) == {
        patient.pk,
        other_patient.pk,
    }
    carer.refresh_from_db()
    assert carer.check_password(PASSWORD)  # the password was not touched


def test_a_carer_helping_two_patients_chooses_whom(patient, other_patient, client):
    carer = make_carer(patient, other_patient)
    log_in(client, carer)
    assert client.get(reverse("today"))["Location"] == reverse("carer:choose")
    client.post(reverse("carer:help", args=[other_patient.pk]))
    page = client.get(reverse("today")).content.decode()
    assert "You are entering for Olive Other" in page


def test_a_carer_cannot_choose_a_patient_they_do_not_help(
    patient, other_patient, client
):
    log_in(client, make_carer(patient))
    response = client.post(reverse("carer:help", args=[other_patient.pk]))
    assert response.status_code == 404


def test_a_carers_entry_says_who_entered_it_for_whom_everywhere(patient, team, client):
    carer = make_carer(patient)
    log_in(client, carer)
    response = client.post(reverse("today"), form_post())
    assert response.status_code == 302
    entry = DailyEntry.objects.get(patient=patient)
    assert entry.entered_by == carer
    sentence = "Chris Carer, entering for Pat Patient, recorded"
    assert (
        sentence
        in client.get(reverse("entry_detail", args=[entry.entry_date])).content.decode()
    )
    patient_view = log_in(Client(), patient.user)
    page = patient_view.get(reverse("entry_detail", args=[entry.entry_date]))
    assert sentence in page.content.decode()
    nurse = log_in(Client(), make_nurse(team))
    record = nurse.get(reverse("nurse:patient", args=[patient.pk])).content.decode()
    assert "Entered by carer Chris Carer for Pat Patient" in record
    report = diary_report(patient, entry.entry_date, entry.entry_date, for_nurse=True)
    assert report.rows[0].recorded_by == "carer Chris Carer for Pat Patient"
    audit = AuditEvent.objects.get(action=Action.RECORDED_ENTRY, actor=carer)
    assert audit.detail["level"] == entry.level and "pain_score" not in audit.detail


def test_red_guidance_after_a_carers_save_frames_the_booklet_for_the_patient(
    patient, client
):
    log_in(client, make_carer(patient))
    response = client.post(
        reverse("today"), form_post(difficulty_walking="yes"), follow=True
    )
    page = response.content.decode()
    assert "You are entering for Pat Patient. Tell Pat" in page
    assert patient.acute_phone in page


def test_a_carer_never_sees_the_nurses_notes(patient, team, client):
    entry = make_entry(patient, days_ago(1), difficulty_walking=True)
    add_clinical_note(
        patient=patient, nurse=make_nurse(team), text="Secret clinical note"
    )
    log_in(client, make_carer(patient))
    for url in (
        reverse("diary_list"),
        reverse("entry_detail", args=[entry.entry_date]),
        reverse("entry_saved", args=[entry.entry_date]),
        reverse("trends"),
    ):
        assert "Secret clinical note" not in client.get(url).content.decode()


@pytest.mark.parametrize("revoker", ["patient", "nurse"])
def test_a_revoked_carers_next_request_is_refused_in_the_same_session(
    revoker, patient, team, client
):
    carer = make_carer(patient)
    log_in(client, carer)
    assert client.get(reverse("today")).status_code == 200
    link = CarerLink.objects.get(carer=carer)
    if revoker == "patient":
        by = log_in(Client(), patient.user)
        by.post(reverse("carer_revoke", args=[link.pk]))
    else:
        by = log_in(Client(), make_nurse(team))
        by.post(reverse("nurse:carer_revoke", args=[patient.pk, link.pk]))
    assert client.get(reverse("today")).status_code == 404
    assert client.post(reverse("today"), form_post()).status_code == 404
    assert not DailyEntry.objects.exists()
    event = AuditEvent.objects.get(action=Action.CARER_REVOKED)
    assert event.patient == patient and event.subject == carer


def test_a_patient_cannot_revoke_another_patients_carer(
    patient, other_patient, patient_client
):
    carer = make_carer(other_patient)
    link = CarerLink.objects.get(carer=carer)
    response = patient_client.post(reverse("carer_revoke", args=[link.pk]))
    assert response.status_code == 404
    assert CarerLink.objects.active().filter(pk=link.pk).exists()


def test_the_account_page_lists_the_patients_carers(patient, patient_client):
    make_carer(patient)
    page = patient_client.get(reverse("account")).content.decode()
    assert "Chris Carer" in page and "Stop Chris Carer" in page


def test_an_invitation_without_an_address_keeps_the_page_with_the_error(
    patient_client,
):
    response = patient_client.post(reverse("carer_invite"), {"email": "not-an-email"})
    assert response.status_code == 400
    assert "not-an-email" in response.content.decode()
    assert not CarerLink.objects.exists()
