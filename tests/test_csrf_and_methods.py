"""Changes need a POST with the page's CSRF token; a GET never changes anything."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import CarerLink, Invitation, User
from diary.models import Acknowledgement, AuditEvent, ClinicalNote, DailyEntry, Flag
from tests.factories import days_ago, form_post, log_in, make_carer, make_nurse
from tests.nurse.helpers import red_entry
from tests.nurse.test_authorization_matrix import MATRIX as NURSE_MATRIX
from tests.nurse.test_authorization_matrix import WRITES as NURSE_WRITES
from tests.test_url_authorization import MATRIX as SITE_MATRIX


@pytest.fixture
def setting(patient, team):
    entry = red_entry(patient, days_ago(1))
    user = patient.user
    user.set_unusable_password()  # so that a resent invitation would write
    user.save()
    return {
        "patient": patient,
        "nurse": make_nurse(team),
        "entry": entry,
        "flag": entry.flags.get(),
        "link": CarerLink.objects.get(carer=make_carer(patient)),
    }


def state(setting) -> tuple:
    """Everything a state-changing URL could write (a page view's audit event
    is not a change: it is what the audit log is for)."""
    user = User.objects.get(pk=setting["patient"].user_id)
    return (
        AuditEvent.objects.exclude(action=AuditEvent.Action.VIEWED_RECORD).count(),
        *(
            m.objects.count()
            for m in (
                Acknowledgement,
                ClinicalNote,
                DailyEntry,
                Invitation,
                User,
            )
        ),
        tuple(Flag.objects.values_list("status", flat=True)),
        tuple(CarerLink.objects.values_list("pk", "revoked_at")),
        user.password,
        user.is_active,
        DailyEntry.objects.get(pk=setting["entry"].pk).updated_at,
    )


def nurse_posts(setting) -> list[tuple[str, dict]]:
    objects = {k: setting[k] for k in ("patient", "entry", "flag", "link")}
    return [
        (reverse(f"nurse:{name}", kwargs=NURSE_MATRIX[name][1](objects)), data)
        for name, data in NURSE_WRITES.items()
    ] + [
        (
            reverse("nurse:invite"),
            {"full_name": "New Person", "email": "new@example.org"},
        )
    ]


def patient_posts(setting) -> list[tuple[str, dict]]:
    return [
        (reverse("carer_invite"), {"email": "carer@example.org"}),
        (reverse("carer_revoke", args=[setting["link"].pk]), {}),
        (reverse("today"), form_post(difficulty_walking="no")),
        (
            reverse("entry_edit", kwargs={"day": days_ago(1)}),
            form_post(days_ago(1), difficulty_walking="no"),
        ),
        (reverse("logout"), {}),
        (
            reverse("reminder_settings"),
            {"on": "on", "local_time": "18:00", "days": ["0"], "time_zone": "UTC"},
        ),
        (
            reverse("password_change"),
            {
                "old_password": "a-long-test-password-2026",
                "new_password1": "changed-password-2026",
                "new_password2": "changed-password-2026",
            },
        ),
    ]


def test_every_post_without_the_csrf_token_is_refused_and_changes_nothing(
    setting,
):
    before = state(setting)
    for user, posts in (
        (setting["nurse"], nurse_posts(setting)),
        (setting["patient"].user, patient_posts(setting)),
    ):
        client = Client(enforce_csrf_checks=True)
        log_in(client, user)
        for url, data in posts:
            assert client.post(url, data).status_code == 403, url
    assert state(setting) == before


def test_a_post_with_the_pages_csrf_token_goes_through(setting):
    """So the test above is refused for the missing token, not the data."""
    client = Client(enforce_csrf_checks=True)
    log_in(client, setting["nurse"])
    url, data = nurse_posts(setting)[0]  # acknowledge
    client.get(url)
    token = client.cookies["csrftoken"].value
    response = client.post(url, {**data, "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    setting["flag"].refresh_from_db()
    assert setting["flag"].status == "acknowledged"


def test_a_get_never_changes_anything_even_with_the_form_data(setting):
    """A link or an <img> on another site makes the browser GET, with cookies."""
    nurse = Client()
    log_in(nurse, setting["nurse"])
    patient = Client()
    log_in(patient, setting["patient"].user)
    red_entry(setting["patient"], days_ago(0))  # today's entry exists too
    before = state(setting)
    for url, data in nurse_posts(setting):
        assert nurse.get(url, data).status_code in (200, 405), url
    for url, data in patient_posts(setting):
        assert patient.get(url, data).status_code in (200, 405), url
    for name, (method, kwargs, _) in SITE_MATRIX.items():
        if method == "post":  # keep_alive and logout refuse a GET
            assert patient.get(reverse(name, kwargs=kwargs)).status_code == 405
    assert state(setting) == before
