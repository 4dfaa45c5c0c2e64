"""Referrals and the outcome, recorded as a flag is acknowledged (issue 13)."""

from __future__ import annotations

from django.urls import reverse

from diary.models import Acknowledgement, AuditEvent, Referral
from tests.factories import days_ago
from tests.nurse.helpers import red_entry


def acknowledge(client, flag, **extra):
    data = {"action": ["phoned_patient"], "note": "Spoke to her.", **extra}
    return client.post(reverse("nurse:acknowledge", args=[flag.pk]), data)


def test_the_nurse_records_referrals_and_the_outcome_with_the_acknowledgement(
    nurse_client, patient
):
    flag = red_entry(patient, days_ago(1)).flags.get()
    response = acknowledge(
        nurse_client,
        flag,
        referrals=["gp", "palliative_care"],
        outcome="seen_same_day",
    )
    assert response.status_code == 302
    ack = Acknowledgement.objects.get(flag=flag)
    assert ack.outcome == "seen_same_day"
    # Kept in the list's order, whatever order the boxes were posted in.
    assert [r.kind for r in ack.referrals.all()] == ["palliative_care", "gp"]
    event = AuditEvent.objects.get(action=AuditEvent.Action.ACKNOWLEDGED_FLAG)
    assert event.detail["referrals"] == ["palliative_care", "gp"]
    assert event.detail["outcome"] == "seen_same_day"


def test_referrals_and_outcome_are_optional(nurse_client, patient):
    flag = red_entry(patient, days_ago(1)).flags.get()
    assert acknowledge(nurse_client, flag).status_code == 302
    ack = Acknowledgement.objects.get(flag=flag)
    assert ack.outcome == "" and not ack.referrals.exists()


def test_an_unknown_referral_is_an_error_by_the_field_and_nothing_is_saved(
    nurse_client, patient
):
    flag = red_entry(patient, days_ago(1)).flags.get()
    response = acknowledge(nurse_client, flag, referrals=["dentist"], outcome="cured")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose one of the referrals listed." in page
    assert "Choose one of the outcomes listed." in page
    assert not Acknowledgement.objects.exists() and not Referral.objects.exists()
    flag.refresh_from_db()
    assert flag.status == "open"


def test_the_patient_record_lists_the_referrals_and_outcome(nurse_client, patient):
    flag = red_entry(patient, days_ago(1)).flags.get()
    acknowledge(nurse_client, flag, referrals=["mscc_coordinator"], outcome="admitted")
    page = nurse_client.get(reverse("nurse:patient", args=[patient.pk])).content
    assert b"MSCC coordinator" in page
    assert b"Admitted to hospital" in page
