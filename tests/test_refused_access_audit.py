"""A patient, flag or day that is not the user's is the same 404 as a page
that does not exist, and one audit row `refused_access`: who asked, the URL's
name and the id asked for, never the other patient (patient is empty)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from diary.models import AuditEvent
from tests.factories import days_ago, log_in, make_nurse, make_team
from tests.nurse.helpers import red_entry

Action = AuditEvent.Action


def last_pk() -> int:
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def refusal_after(pk: int) -> AuditEvent:
    [event] = AuditEvent.objects.filter(pk__gt=pk)
    assert event.action == Action.REFUSED_ACCESS and event.patient is None
    return event


@pytest.fixture
def stranger_nurse(db):
    return make_nurse(make_team("Other Breast Care Team"))


@pytest.mark.parametrize(
    "name", ["patient", "profile", "entry_new", "alert_card_pdf", "export_diary"]
)
def test_a_nurse_asking_for_another_teams_patient_gets_a_404_and_one_refusal(
    name, client, stranger_nurse, patient
):
    log_in(client, stranger_nurse)
    before, since = last_pk(), timezone.now()
    response = client.get(reverse(f"nurse:{name}", args=[patient.pk]))
    assert response.status_code == 404
    event = refusal_after(before)
    assert event.actor == stranger_nurse and event.at >= since
    assert event.detail == {"url": f"nurse:{name}", "patient_id": patient.pk}


def test_a_patient_that_does_not_exist_is_refused_the_same_way(client, stranger_nurse):
    log_in(client, stranger_nurse)
    before = last_pk()
    assert client.get(reverse("nurse:patient", args=[999999])).status_code == 404
    assert refusal_after(before).detail["patient_id"] == 999999


def test_a_nurse_asking_for_another_teams_flag_gets_a_404_and_one_refusal(
    client, stranger_nurse, patient
):
    flag = red_entry(patient, days_ago(1)).flags.get()
    log_in(client, stranger_nurse)
    before = last_pk()
    url = reverse("nurse:acknowledge", args=[flag.pk])
    assert client.get(url).status_code == 404
    assert refusal_after(before).detail == {
        "url": "nurse:acknowledge",
        "flag_id": flag.pk,
    }
    # A post to acknowledge it: refused, audited once, the flag still open.
    before = last_pk()
    assert client.post(url, {"action": "phoned_patient"}).status_code == 404
    refusal_after(before)
    flag.refresh_from_db()
    assert flag.status == "open"


@pytest.mark.parametrize("name", ["entry_detail", "entry_saved"])
def test_a_patient_asking_for_a_day_that_is_not_hers_gets_a_404_and_one_refusal(
    name, client, patient, other_patient
):
    """Olive has no entry that day; Pat does. Olive's row says which day she
    asked for and nothing of Pat's."""
    day = days_ago(1)
    red_entry(patient, day)
    log_in(client, other_patient.user)
    before = last_pk()
    assert client.get(reverse(name, args=[day])).status_code == 404
    event = refusal_after(before)
    assert event.actor == other_patient.user
    assert event.detail == {"url": name, "day": day.isoformat()}
    assert "Pat" not in str(event.detail)


def test_her_own_day_is_shown_and_writes_no_refusal(client, patient):
    red_entry(patient, days_ago(1))
    log_in(client, patient.user)
    before = last_pk()
    assert client.get(reverse("entry_detail", args=[days_ago(1)])).status_code == 200
    assert not AuditEvent.objects.filter(
        pk__gt=before, action=Action.REFUSED_ACCESS
    ).exists()


def test_a_nurse_asking_for_a_patients_own_page_is_not_an_object_refusal(
    client, stranger_nurse
):
    """Role refusals (a nurse on a patient's page) are plain 404s: there is
    no object asked for, so no refusal row."""
    log_in(client, stranger_nurse)
    before = last_pk()
    assert client.get(reverse("entry_detail", args=[days_ago(1)])).status_code == 404
    assert not AuditEvent.objects.filter(pk__gt=before).exists()
