"""The patient's own phone numbers: set by the nurse, shown as tap-to-call
wherever a nurse may need to ring the patient about a flag."""

from __future__ import annotations

import re

from django.urls import reverse

from accounts.models import PatientProfile
from tests.factories import days_ago
from tests.nurse.helpers import red_entry

MOBILE_LINK = re.compile(r'<a class="phone-number" href="tel:07700900461">07700 900461')
OTHER_LINK = re.compile(r'<a class="phone-number" href="tel:01614960732">0161 496 0732')


def with_phones(patient: PatientProfile) -> PatientProfile:
    patient.mobile_phone, patient.other_phone = "07700 900461", "0161 496 0732"
    patient.save()
    return patient


def test_the_queue_card_has_the_patients_numbers_as_tap_to_call_links(
    nurse_client, patient
):
    red_entry(with_phones(patient), days_ago(1))
    page = nurse_client.get(reverse("nurse:queue")).content.decode()
    assert MOBILE_LINK.search(page) and OTHER_LINK.search(page)


def test_the_record_has_the_patients_numbers_as_tap_to_call_links(
    nurse_client, patient
):
    with_phones(patient)
    page = nurse_client.get(reverse("nurse:patient", args=[patient.pk]))
    assert MOBILE_LINK.search(page.content.decode())
    assert OTHER_LINK.search(page.content.decode())


def test_a_patient_without_a_number_is_said_so_with_a_way_to_add_one(
    nurse_client, patient
):
    page = nurse_client.get(reverse("nurse:patient", args=[patient.pk])).content
    body = page.decode()
    assert "No phone number on the record" in body
    assert reverse("nurse:profile", args=[patient.pk]) in body


def test_the_nurse_sets_the_patients_numbers_on_the_profile_form(nurse_client, patient):
    response = nurse_client.post(
        reverse("nurse:profile", args=[patient.pk]),
        {
            "bone_therapy": "none",
            "mobile_phone": "07700 900461",
            "other_phone": "0161 496 0732",
        },
    )
    assert response.status_code == 302
    patient.refresh_from_db()
    assert (patient.mobile_phone, patient.other_phone) == (
        "07700 900461",
        "0161 496 0732",
    )


def test_a_bad_patient_number_is_refused_and_the_other_answers_stay(
    nurse_client, patient
):
    response = nurse_client.post(
        reverse("nurse:profile", args=[patient.pk]),
        {"bone_therapy": "denosumab", "mobile_phone": "ring her", "other_phone": ""},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Enter a phone number using digits" in body
    assert 'value="ring her"' in body
    assert re.search(r'value="denosumab"[^>]*\bchecked\b', body)
    patient.refresh_from_db()
    assert patient.mobile_phone == "" and patient.bone_therapy == "none"


def test_the_invitation_can_carry_the_patients_mobile(nurse_client, team):
    response = nurse_client.post(
        reverse("nurse:invite"),
        {
            "full_name": "Nia New",
            "email": "nia@example.org",
            "team": team.pk,
            "mobile_phone": "07700 900118",
        },
    )
    assert response.status_code == 302
    patient = PatientProfile.objects.get(user__email="nia@example.org")
    assert patient.mobile_phone == "07700 900118"
    record = nurse_client.get(response["Location"]).content.decode()
    assert 'href="tel:07700900118"' in record
