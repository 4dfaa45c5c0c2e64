"""Closing an account: the patient (or her nurse) asks, staff confirm in the
admin, and she is then deactivated and signed out at once."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from diary.models import AccountClosure, AuditEvent, DailyEntry
from tests.factories import (
    PASSWORD,
    days_ago,
    log_in,
    make_carer,
    make_entry,
    make_nurse,
    make_team,
)

Action = AuditEvent.Action


def test_her_account_page_leads_to_a_plain_account_of_what_closing_means(
    patient_client,
):
    assert (
        reverse("close_account")
        in patient_client.get(reverse("account")).content.decode()
    )
    page = patient_client.get(reverse("close_account")).content.decode()
    assert "signed out everywhere and cannot sign in again" in page
    assert "8 years after your last entry" in page
    assert not AccountClosure.objects.exists()


def test_asking_records_the_request_and_leaves_her_diary_working(
    patient_client, patient
):
    response = patient_client.post(reverse("close_account"))
    assert response.status_code == 302
    closure = AccountClosure.objects.get(patient=patient)
    assert closure.requested_by == patient.user and not closure.is_confirmed
    [event] = AuditEvent.objects.filter(action=Action.CLOSURE_REQUESTED)
    assert (event.actor, event.patient) == (patient.user, patient)
    assert patient_client.get(reverse("today")).status_code == 200
    assert (
        "A member of staff will confirm it"
        in patient_client.get(reverse("close_account")).content.decode()
    )


def test_asking_twice_is_one_request(patient_client, patient):
    patient_client.post(reverse("close_account"))
    patient_client.post(reverse("close_account"))
    assert AccountClosure.objects.count() == 1
    assert AuditEvent.objects.filter(action=Action.CLOSURE_REQUESTED).count() == 1


def test_her_nurse_can_ask_on_her_behalf(nurse_client, nurse, patient):
    url = reverse("nurse:close_account", args=[patient.pk])
    assert "Ask for closure on her behalf" in nurse_client.get(url).content.decode()
    response = nurse_client.post(url)
    assert response["Location"] == reverse("nurse:patient", args=[patient.pk])
    closure = AccountClosure.objects.get(patient=patient)
    assert closure.requested_by == nurse
    [event] = AuditEvent.objects.filter(action=Action.CLOSURE_REQUESTED)
    assert (event.actor, event.patient) == (nurse, patient)


def test_another_teams_nurse_cannot_ask(patient, team):
    outsider = make_nurse(make_team())
    client = log_in(Client(), outsider)
    response = client.post(reverse("nurse:close_account", args=[patient.pk]))
    assert response.status_code == 404
    assert not AccountClosure.objects.exists()


@pytest.fixture
def staff_client(db):
    staff = User.objects.create_superuser(
        "staff@example.org", PASSWORD, full_name="Sam Staff"
    )
    return staff, log_in(Client(), staff)


def confirm_in_admin(client: Client, closure: AccountClosure):
    return client.post(
        reverse("admin:diary_accountclosure_changelist"),
        {"action": "confirm", "_selected_action": [closure.pk]},
    )


def test_staff_confirm_in_the_admin_and_she_is_signed_out_at_once(
    patient, other_patient, staff_client
):
    staff, admin = staff_client
    make_entry(patient, days_ago(1))
    hers, theirs = log_in(Client(), patient.user), log_in(Client(), other_patient.user)
    closure = AccountClosure.objects.create(patient=patient, requested_by=patient.user)
    response = confirm_in_admin(admin, closure)
    assert response.status_code == 302
    closure.refresh_from_db()
    assert closure.is_confirmed and closure.confirmed_by == staff
    patient.user.refresh_from_db()
    assert not patient.user.is_active
    assert hers.get(reverse("today")).status_code == 302  # to the log-in page
    assert theirs.get(reverse("today")).status_code == 200
    [event] = AuditEvent.objects.filter(action=Action.ACCOUNT_CLOSED)
    assert (event.actor, event.patient, event.detail) == (
        staff,
        patient,
        {"sessions": 1},
    )
    # The clinical record stays until the retention period is over.
    assert DailyEntry.objects.filter(patient=patient).count() == 1
    assert not Client().login(email=patient.user.email, password=PASSWORD)


def test_confirming_ends_her_carers_access_at_once(patient, staff_client):
    carer = make_carer(patient)
    carer_client = log_in(Client(), carer)
    assert carer_client.get(reverse("today")).status_code == 200
    closure = AccountClosure.objects.create(patient=patient, requested_by=patient.user)
    confirm_in_admin(staff_client[1], closure)
    # The patient chosen in the session is no longer hers to help: refused.
    assert carer_client.get(reverse("today")).status_code == 404
    assert not patient.carer_links.active().exists()
    assert AuditEvent.objects.filter(action=Action.CARER_REVOKED).count() == 1


def test_confirming_again_changes_nothing(patient, staff_client):
    _, admin = staff_client
    closure = AccountClosure.objects.create(patient=patient, requested_by=patient.user)
    confirm_in_admin(admin, closure)
    confirm_in_admin(admin, closure)
    assert AuditEvent.objects.filter(action=Action.ACCOUNT_CLOSED).count() == 1


def test_her_record_tells_the_nurse_a_closure_is_waiting(nurse_client, patient):
    url = reverse("nurse:patient", args=[patient.pk])
    assert (
        "Close the patient's account on her behalf"
        in nurse_client.get(url).content.decode()
    )
    AccountClosure.objects.create(patient=patient, requested_by=patient.user)
    assert "waiting for staff" in nurse_client.get(url).content.decode()
