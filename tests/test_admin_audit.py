"""Staff reads and changes in the admin go in the diary's audit trail: a list
or change page of a patient's records is one staff_viewed row, a save or a
delete one staff_changed row (the names of the fields, never their values)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from diary.models import AuditEvent, DailyEntry
from tests.factories import PASSWORD, days_ago, log_in, make_entry
from tests.nurse.helpers import red_entry

Action = AuditEvent.Action


@pytest.fixture
def admin_user(db) -> User:
    return User.objects.create_superuser(
        "admin@example.org", PASSWORD, full_name="Ada Admin"
    )


@pytest.fixture
def admin_client(admin_user) -> Client:
    client = Client()
    log_in(client, admin_user)
    return client


def last_pk() -> int:
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def only_row_after(pk: int) -> AuditEvent:
    [event] = AuditEvent.objects.filter(pk__gt=pk)
    return event


@pytest.mark.parametrize(
    "model",
    [
        "accounts_patientprofile",
        "diary_dailyentry",
        "diary_flag",
        "diary_auditevent",
        "diary_clinicalnote",
    ],
)
def test_a_list_in_the_admin_is_one_staff_viewed_row_naming_no_patient(
    model, admin_client, admin_user, patient
):
    red_entry(patient, days_ago(1))
    before, since = last_pk(), timezone.now()
    assert admin_client.get(reverse(f"admin:{model}_changelist")).status_code == 200
    event = only_row_after(before)
    assert (event.actor, event.action, event.patient) == (
        admin_user,
        Action.STAFF_VIEWED,
        None,
    )
    assert event.at >= since
    assert event.detail == {
        "model": model.replace("_", ".", 1),
        "searched": False,
        "filters": [],
    }


def test_an_admin_search_is_recorded_as_searched_never_its_text(admin_client, patient):
    before = last_pk()
    admin_client.get(
        reverse("admin:accounts_patientprofile_changelist"),
        {"q": "Pat Patient", "team__id__exact": patient.team_id},
    )
    event = only_row_after(before)
    assert event.detail["searched"] is True
    assert event.detail["filters"] == ["team__id__exact"]
    assert "Pat" not in str(event.detail)


@pytest.mark.parametrize("model", ["diary_dailyentry", "diary_flag"])
def test_a_change_page_is_one_staff_viewed_row_about_its_patient(
    model, admin_client, admin_user, patient
):
    entry = red_entry(patient, days_ago(1))
    obj = entry if model == "diary_dailyentry" else entry.flags.get()
    before = last_pk()
    url = reverse(f"admin:{model}_change", args=[obj.pk])
    assert admin_client.get(url).status_code == 200
    event = only_row_after(before)
    assert (event.actor, event.action, event.patient) == (
        admin_user,
        Action.STAFF_VIEWED,
        patient,
    )
    assert event.detail == {"model": model.replace("_", ".", 1), "id": str(obj.pk)}


def test_reading_an_audit_row_in_the_admin_is_itself_audited(
    admin_client, admin_user, nurse_client, patient
):
    nurse_client.get(reverse("nurse:patient", args=[patient.pk]))
    viewed = AuditEvent.objects.get()
    before = last_pk()
    admin_client.get(reverse("admin:diary_auditevent_change", args=[viewed.pk]))
    event = only_row_after(before)
    assert (event.action, event.patient) == (Action.STAFF_VIEWED, patient)
    assert event.detail["id"] == str(viewed.pk)


def test_saving_a_profile_in_the_admin_is_one_staff_changed_row_without_values(
    admin_client, admin_user, patient
):
    url = reverse("admin:accounts_patientprofile_change", args=[patient.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {
        name: value
        for name in form.fields
        if (value := form[name].value()) not in (None, False)
    }
    data["nhs_number"] = "9434765919"
    before = last_pk()
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = only_row_after(before)
    assert (event.actor, event.action, event.patient) == (
        admin_user,
        Action.STAFF_CHANGED,
        patient,
    )
    assert event.detail["change"] == "changed" and event.detail["id"] == str(patient.pk)
    assert "nhs_number" in event.detail["fields"]
    assert "9434765919" not in str(event.detail)


def test_deleting_an_entry_in_the_admin_is_one_staff_changed_row(
    admin_client, admin_user, patient
):
    # A quiet day: a flagged one keeps its alert emails, which nobody deletes.
    entry = make_entry(patient, days_ago(1))
    before = last_pk()
    url = reverse("admin:diary_dailyentry_delete", args=[entry.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert not DailyEntry.objects.filter(pk=entry.pk).exists()
    event = only_row_after(before)
    assert (event.action, event.patient) == (Action.STAFF_CHANGED, patient)
    assert event.detail == {
        "model": "diary.dailyentry",
        "id": str(entry.pk),
        "change": "deleted",
        "fields": [],
    }


def test_a_patients_account_page_in_the_admin_is_about_her(admin_client, patient):
    before = last_pk()
    admin_client.get(reverse("admin:accounts_user_change", args=[patient.user.pk]))
    assert only_row_after(before).patient == patient


def test_an_admin_delete_confirmation_page_is_one_staff_viewed_row(
    admin_client, admin_user, patient
):
    entry = make_entry(patient, days_ago(1))
    before, since = last_pk(), timezone.now()
    url = reverse("admin:diary_dailyentry_delete", args=[entry.pk])
    assert admin_client.get(url).status_code == 200
    event = only_row_after(before)
    assert (event.actor, event.action, event.patient) == (
        admin_user,
        Action.STAFF_VIEWED,
        patient,
    )
    assert event.at >= since
    assert event.detail == {
        "model": "diary.dailyentry",
        "id": str(entry.pk),
        "page": "delete",
    }


@pytest.mark.parametrize(
    "model", ["accounts_patientprofile", "diary_dailyentry", "accounts_user"]
)
def test_an_admin_history_page_is_one_staff_viewed_row_about_its_patient(
    model, admin_client, admin_user, patient
):
    entry = make_entry(patient, days_ago(1))
    obj = {"diary_dailyentry": entry, "accounts_user": patient.user}.get(model, patient)
    before = last_pk()
    url = reverse(f"admin:{model}_history", args=[obj.pk])
    assert admin_client.get(url).status_code == 200
    event = only_row_after(before)
    assert (event.actor, event.action, event.patient) == (
        admin_user,
        Action.STAFF_VIEWED,
        patient,
    )
    assert event.detail == {
        "model": model.replace("_", ".", 1),
        "id": str(obj.pk),
        "page": "history",
    }


def test_a_history_page_of_a_row_that_does_not_exist_writes_no_staff_viewed_row(
    admin_client,
):
    before = last_pk()
    admin_client.get(reverse("admin:diary_dailyentry_history", args=[999999]))
    assert not AuditEvent.objects.filter(
        pk__gt=before, action=Action.STAFF_VIEWED
    ).exists()
