"""A request another website started (Sec-Fetch-Site: cross-site) for a
nurse's patient record page, an export, or the patient's own PDF downloads
is refused with 403 and audited; the diary's own pages, typed addresses and
browsers that send no header get the page as before."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import CarerLink
from diary.models import AuditEvent, ClinicalNote
from diary.nurse import urls as nurse_urls
from tests.factories import days_ago, make_carer, make_patient
from tests.nurse.helpers import red_entry
from tests.nurse.test_authorization_matrix import MATRIX, WRITES

CROSS_SITE = {"Sec-Fetch-Site": "cross-site"}
ATTACKER = "https://evil.example.com"
Action = AuditEvent.Action

# Every nurse URL about one patient or one flag, from the URLconf itself: a
# new record page is protected (and tested here) without a new row.
ABOUT_ONE_PATIENT = sorted(
    p.name
    for p in nurse_urls.urlpatterns
    if {"patient_id", "flag_id"} & set(p.pattern.converters)
)
PATIENT_DOWNLOADS = ["export_diary", "alert_card_pdf"]


@pytest.fixture
def objects(patient):
    entry = red_entry(patient, days_ago(1))
    link = CarerLink.objects.get(carer=make_carer(patient))
    return {"patient": patient, "entry": entry, "flag": entry.flags.get(), "link": link}


def nurse_url(name: str, objects: dict) -> str:
    _, kwargs, _, _ = MATRIX[name]
    return reverse(f"nurse:{name}", kwargs=kwargs(objects))


def test_the_record_pages_found_include_the_record_the_flag_and_the_exports():
    assert {"patient", "acknowledge", "entry", "export_diary", "alert_card_pdf"} <= set(
        ABOUT_ONE_PATIENT
    )
    assert "queue" not in ABOUT_ONE_PATIENT  # a list, linked from alert emails


@pytest.mark.parametrize("name", ABOUT_ONE_PATIENT)
def test_a_cross_site_get_of_a_nurse_record_page_is_refused_and_audited(
    name, nurse_client, nurse, objects
):
    response = nurse_client.get(
        nurse_url(name, objects), headers={**CROSS_SITE, "Referer": ATTACKER + "/x?y"}
    )
    assert response.status_code == 403
    assert "opened from another website" in response.content.decode()
    event = AuditEvent.objects.get()
    assert (event.actor, event.patient, event.action) == (
        nurse,
        objects["patient"],
        Action.REFUSED_CROSS_SITE,
    )
    assert event.detail == {
        "url": f"nurse:{name}",
        "method": "GET",
        "from_site": ATTACKER,
    }


@pytest.mark.parametrize("name", sorted(set(WRITES) & set(ABOUT_ONE_PATIENT)))
def test_a_cross_site_post_to_a_nurse_record_page_changes_nothing(
    name, nurse_client, nurse, objects
):
    notes_before = ClinicalNote.objects.count()
    response = nurse_client.post(
        nurse_url(name, objects), WRITES[name], headers=CROSS_SITE
    )
    assert response.status_code == 403
    event = AuditEvent.objects.get()
    assert event.action == Action.REFUSED_CROSS_SITE
    assert event.detail["method"] == "POST"
    assert ClinicalNote.objects.count() == notes_before
    objects["flag"].refresh_from_db()
    assert objects["flag"].status == "open"


@pytest.mark.parametrize("name", PATIENT_DOWNLOADS)
def test_a_cross_site_get_of_the_patients_own_pdf_is_refused_and_audited(
    name, patient_client, patient
):
    response = patient_client.get(reverse(name), headers=CROSS_SITE)
    assert response.status_code == 403
    event = AuditEvent.objects.get()
    assert (event.actor, event.patient, event.action) == (
        patient.user,
        patient,
        Action.REFUSED_CROSS_SITE,
    )
    assert event.detail == {"url": name, "method": "GET", "from_site": ""}


@pytest.mark.parametrize("site", ["same-origin", "same-site", "none", None])
def test_the_diarys_own_requests_and_browsers_without_the_header_pass(
    site, nurse_client, objects
):
    headers = {"Sec-Fetch-Site": site} if site else {}
    record = nurse_client.get(nurse_url("patient", objects), headers=headers)
    pdf = nurse_client.get(
        nurse_url("export_diary", objects),
        {"start": days_ago(7).isoformat(), "end": days_ago(0).isoformat()},
        headers=headers,
    )
    assert record.status_code == 200
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert not AuditEvent.objects.filter(action=Action.REFUSED_CROSS_SITE).exists()


@pytest.mark.parametrize("site", ["same-origin", None])
def test_the_patients_pdf_still_downloads_from_her_own_pages(site, patient_client):
    headers = {"Sec-Fetch-Site": site} if site else {}
    response = patient_client.get(reverse("alert_card_pdf"), headers=headers)
    assert response.status_code == 200
    assert not AuditEvent.objects.exists()


def test_the_refusal_offers_the_same_page_from_the_diary(nurse_client, objects):
    """Someone who followed a link in an email is one click from the page."""
    url = nurse_url("patient", objects)
    body = nurse_client.get(url, headers=CROSS_SITE).content.decode()
    assert f'href="{url}"' in body
    assert (
        nurse_client.get(url, headers={"Sec-Fetch-Site": "same-origin"}).status_code
        == 200
    )


def test_a_cross_site_request_for_another_teams_patient_names_nobody(
    nurse_client, nurse
):
    other = make_patient()
    response = nurse_client.get(
        reverse("nurse:patient", args=[other.pk]), headers=CROSS_SITE
    )
    assert response.status_code == 403
    event = AuditEvent.objects.get()
    assert event.actor == nurse and event.patient is None


def test_lists_are_not_refused(nurse_client):
    """The triage queue is linked from the team's alert emails."""
    response = nurse_client.get(reverse("nurse:queue"), headers=CROSS_SITE)
    assert response.status_code == 200


def test_a_signed_out_cross_site_request_goes_to_the_log_in_page(client, objects):
    response = client.get(nurse_url("patient", objects), headers=CROSS_SITE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not AuditEvent.objects.exists()
