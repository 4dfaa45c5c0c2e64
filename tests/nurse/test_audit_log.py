"""Who looked at or changed which patient's record, when and what; read-only."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from diary.models import AuditEvent
from tests.factories import PASSWORD, days_ago, log_in
from tests.nurse.helpers import red_entry


def who_did_what(event: AuditEvent) -> tuple:
    return (event.actor, event.patient, event.action)


def test_viewing_a_record_is_audited(nurse_client, nurse, patient):
    nurse_client.get(reverse("nurse:patient", args=[patient.pk]))
    event = AuditEvent.objects.get()
    assert who_did_what(event) == (nurse, patient, "viewed_record")
    assert event.detail == {"page": "record"} and event.at is not None


def test_viewing_an_entry_is_audited(nurse_client, patient):
    red_entry(patient, days_ago(1))
    nurse_client.get(reverse("nurse:entry", args=[patient.pk, days_ago(1)]))
    assert AuditEvent.objects.get().detail == {
        "page": f"entry {days_ago(1).isoformat()}"
    }


def test_opening_a_flag_to_acknowledge_it_is_audited(nurse_client, nurse, patient):
    """The page shows why the flag was raised (the patient's symptoms) and any
    earlier acknowledgement note: a view of the record like the others."""
    flag = red_entry(patient, days_ago(1)).flags.get()
    nurse_client.get(reverse("nurse:acknowledge", args=[flag.pk]))
    event = AuditEvent.objects.get()
    assert who_did_what(event) == (nurse, patient, "viewed_record")
    assert event.detail == {"page": f"flag {flag.pk}"}


def test_opening_the_clinical_profile_is_audited(nurse_client, nurse, patient):
    """The profile form shows the patient's spinal metastases, bone drug and
    chemotherapy: a view of the record, whether or not it is then changed."""
    nurse_client.get(reverse("nurse:profile", args=[patient.pk]))
    event = AuditEvent.objects.get()
    assert who_did_what(event) == (nurse, patient, "viewed_record")
    assert event.detail == {"page": "clinical profile"}


def test_an_acknowledgement_is_audited_with_what_was_done(nurse_client, nurse, patient):
    flag = red_entry(patient, days_ago(1)).flags.get()
    nurse_client.post(
        reverse("nurse:acknowledge", args=[flag.pk]),
        {"action": "advised_ae", "note": "Go now."},
    )
    event = AuditEvent.objects.get(action="acknowledged_flag")
    assert event.actor == nurse and event.patient == patient
    assert event.detail["flag"] == flag.pk and event.detail["actions"] == ["advised_ae"]


def test_a_denied_view_of_another_teams_record_is_a_refusal_naming_no_patient(
    nurse_client, nurse, other_patient
):
    nurse_client.get(reverse("nurse:patient", args=[other_patient.pk]))
    event = AuditEvent.objects.get()
    assert who_did_what(event) == (nurse, None, "refused_access")


@pytest.fixture
def admin_client(db):
    """Its own Client: the nurse_client fixture logs the shared one in as a nurse."""
    admin = User.objects.create_superuser(
        "admin@example.org", PASSWORD, full_name="Ada Admin"
    )
    client = Client()
    log_in(client, admin)
    return client


def test_staff_see_the_audit_log_in_the_admin(admin_client, nurse_client, patient):
    nurse_client.get(reverse("nurse:patient", args=[patient.pk]))
    body = admin_client.get(
        reverse("admin:diary_auditevent_changelist")
    ).content.decode()
    assert "Viewed the patient record" in body


def test_the_audit_log_is_read_only_even_for_a_superuser(
    admin_client, nurse_client, patient
):
    nurse_client.get(reverse("nurse:patient", args=[patient.pk]))
    event = AuditEvent.objects.get()
    assert admin_client.get(reverse("admin:diary_auditevent_add")).status_code == 403
    change = reverse("admin:diary_auditevent_change", args=[event.pk])
    assert admin_client.get(change).status_code == 200  # view only
    assert admin_client.post(change, {"action": "added_note"}).status_code == 403
    delete = reverse("admin:diary_auditevent_delete", args=[event.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.get(pk=event.pk).action == "viewed_record"


@pytest.mark.parametrize(
    "name",
    [
        "diary_dailyentry",
        "diary_flag",
        "diary_acknowledgement",
        "diary_clinicalnote",
        "diary_alertemail",
    ],
)
def test_diary_records_are_viewable_but_not_editable_in_the_admin(admin_client, name):
    assert admin_client.get(reverse(f"admin:{name}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:{name}_add")).status_code == 403


def test_a_nurses_diary_pdf_is_audited_with_iso_dates_whatever_was_typed(
    nurse_client, patient
):
    url = reverse("nurse:export_diary", args=[patient.pk])
    start, end = days_ago(6), days_ago(0)
    typed = f"start={start:%d/%m/%Y}&end={end:%d/%m/%Y}"
    assert nurse_client.get(f"{url}?{typed}")["Content-Type"] == "application/pdf"
    assert AuditEvent.objects.get().detail == {
        "page": f"diary PDF {start.isoformat()} to {end.isoformat()}"
    }


def test_a_refused_pdf_range_is_not_audited_as_a_view(nurse_client, patient):
    url = reverse("nurse:export_diary", args=[patient.pk])
    nurse_client.get(f"{url}?start=abc&end=def")
    assert not AuditEvent.objects.filter(detail__page__startswith="diary PDF")


def test_the_form_to_choose_the_pdfs_dates_is_a_view_of_the_record(
    nurse_client, nurse, patient
):
    """It names the patient; a refused range shows it again, another view."""
    url = reverse("nurse:export_diary", args=[patient.pk])
    nurse_client.get(url)
    nurse_client.get(f"{url}?start=abc&end=def")
    events = AuditEvent.objects.order_by("pk")
    assert [who_did_what(e) for e in events] == [(nurse, patient, "viewed_record")] * 2
    assert {e.detail["page"] for e in events} == {"export form"}
