"""The staff audit page: filters, keyset pages, the CSV, and each read of
them written to the audit trail as exactly one row."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from diary import audit
from diary.models import AuditEvent
from diary.staff import log
from tests.factories import PASSWORD, log_in, make_patient

Action = AuditEvent.Action
URL = "/staff/audit/"


@pytest.fixture
def patient(team):
    return make_patient(team, name="Pat Patient", nhs_number="9434765919")


@pytest.fixture
def staff(db) -> User:
    return User.objects.create_user(
        "staff@example.org",
        PASSWORD,
        full_name="Sam Staff",
        role=User.Role.ADMIN,
        is_staff=True,
    )


@pytest.fixture
def staff_client(staff) -> Client:
    return log_in(Client(), staff)


def last_pk() -> int:
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def only_row_after(pk: int) -> AuditEvent:
    [event] = AuditEvent.objects.filter(pk__gt=pk)
    return event


def shown(response) -> list[AuditEvent]:
    return response.context["page"].rows


def test_the_url_is_where_the_readme_says():
    assert reverse("staff:audit_log") == URL


def test_the_audit_page_lists_events_newest_first(staff_client, nurse, patient):
    first = audit.viewed(nurse, patient, "record")
    second = audit.viewed(nurse, patient, "pdf")
    response = staff_client.get(URL)
    assert response.status_code == 200
    # The page's own row (the read) is written after the page is read.
    assert shown(response)[:2] == [second, first]
    assert "Viewed the patient record" in response.content.decode()


def test_viewing_the_page_is_one_row_with_actor_patient_time_and_filters(
    staff_client, staff, nurse, patient
):
    before, since = last_pk(), timezone.now()
    response = staff_client.get(
        URL,
        {
            "patient": patient.nhs_number,
            "actor": nurse.email.upper(),
            "action": Action.VIEWED_RECORD,
            "date_from": "2026-01-01",
            "date_to": "2026-01-31",
        },
    )
    assert response.status_code == 200
    event = only_row_after(before)
    assert (event.actor, event.action, event.patient) == (
        staff,
        Action.VIEWED_AUDIT_LOG,
        patient,
    )
    assert event.at >= since
    assert event.detail == {
        "patient": patient.pk,
        "actor": nurse.pk,
        "action": "viewed_record",
        "date_from": "2026-01-01",
        "date_to": "2026-01-31",
    }
    # Ids, not the typed email or NHS number.
    assert nurse.email not in str(event.detail)


def test_it_filters_by_patient(staff_client, nurse, patient):
    other = make_patient(patient.team, name="Olive Other", nhs_number="9434765870")
    mine = audit.viewed(nurse, patient, "record")
    audit.viewed(nurse, other, "record")
    response = staff_client.get(URL, {"patient": "943 476 5870"})
    assert [e.patient for e in shown(response)] == [other]
    response = staff_client.get(URL, {"patient": patient.nhs_number})
    assert mine in shown(response) and other not in [e.patient for e in shown(response)]


def test_it_filters_by_user_and_by_action(staff_client, staff, nurse, patient):
    viewed = audit.viewed(nurse, patient, "record")
    listed = audit.listed(nurse, "queue")
    by_nurse = shown(staff_client.get(URL, {"actor": nurse.email}))
    assert by_nurse == [listed, viewed]
    lists = shown(staff_client.get(URL, {"action": Action.VIEWED_LIST}))
    assert lists == [listed]


def test_it_filters_by_a_date_range_that_includes_the_last_day(
    staff_client, nurse, patient
):
    audit.viewed(nurse, patient, "record")
    rows = AuditEvent.objects.all()
    early, inside, late = (
        timezone.make_aware(dt.datetime(2026, 3, d, h))
        for d, h in ((9, 23), (10, 23), (11, 0))
    )
    for at in (early, inside, late):
        AuditEvent.objects.create(actor=nurse, action=Action.VIEWED_LIST, at=at)
    response = staff_client.get(
        URL, {"date_from": "2026-03-10", "date_to": "2026-03-10"}
    )
    assert [e.at for e in shown(response)] == [inside]
    assert rows.count() == 5  # four, and the page's own read


@pytest.mark.parametrize(
    "params, field, message",
    [
        ({"date_from": "31/02/2026"}, "date_from", "Enter a valid date."),
        ({"date_from": "yesterday"}, "date_from", "Enter a valid date."),
        ({"date_to": "1066-10-14"}, "date_to", "between"),
        (
            {"date_from": "2026-03-10", "date_to": "2026-03-01"},
            "date_to",
            "on or after",
        ),
        ({"patient": "123"}, "patient", "No patient has this NHS number."),
        ({"actor": "nobody@example.org"}, "actor", "No account has this email"),
        ({"action": "made_up"}, "action", "Select a valid choice."),
    ],
)
def test_a_bad_filter_is_a_message_by_its_field_with_the_value_kept(
    staff_client, staff, params, field, message
):
    before = last_pk()
    response = staff_client.get(URL, params)
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert response.context["page"] is None
    body = response.content.decode()
    for value in params.values():
        assert f'value="{value}"' in body or value == "made_up"
    event = only_row_after(before)
    assert (event.action, event.detail["invalid"]) == (
        Action.VIEWED_AUDIT_LOG,
        [field],
    )


def test_pages_go_back_in_time_by_keyset_without_repeating_a_row(
    staff_client, nurse, monkeypatch
):
    monkeypatch.setattr(log, "PAGE_SIZE", 3)
    same_time = timezone.now() - dt.timedelta(days=1)
    made = [
        AuditEvent.objects.create(actor=nurse, action=Action.VIEWED_LIST, at=same_time)
        for _ in range(7)
    ]
    params = {"action": Action.VIEWED_LIST}
    seen: list[AuditEvent] = []
    response = staff_client.get(URL, params)
    while True:
        seen += shown(response)
        older = response.context["page"].older
        if older is None:
            break
        assert f"before={older}" in response.content.decode()
        response = staff_client.get(URL, {**params, "before": older})
    assert seen == sorted(made, key=lambda e: e.pk, reverse=True)


def test_a_made_up_cursor_is_the_first_page(staff_client, nurse, patient):
    event = audit.viewed(nurse, patient, "record")
    for before in ("abc", "99999999", "-1"):
        response = staff_client.get(URL, {"before": before})
        assert response.status_code == 200
        assert event in shown(response)


def csv_of(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def test_the_csv_streams_the_filtered_rows_and_is_one_exported_row(
    staff_client, staff, nurse, patient
):
    audit.viewed(nurse, patient, "record")
    audit.listed(nurse, "queue")
    before = last_pk()
    response = staff_client.get(
        reverse("staff:audit_log_csv"), {"patient": patient.nhs_number}
    )
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv"
    assert "attachment" in response["Content-Disposition"]
    header, *rows = csv_of(response)
    assert header == list(log.CSV_HEADER)
    # The download itself is about her too, and written before it streams.
    assert [r[2] for r in rows] == ["exported_audit_log", "viewed_record"]
    assert rows[1][5] == "Pat Patient" and rows[1][3] == "Nora Nurse"
    event = only_row_after(before)
    assert (event.actor, event.action, event.patient, event.detail) == (
        staff,
        Action.EXPORTED_AUDIT_LOG,
        patient,
        {"patient": patient.pk},
    )


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(staff_client, db):
    # A sign-in refused at an address typed to be a formula.
    hostile = '=HYPERLINK("http://evil.example","x")'
    for typed in (hostile, "+1+1", "-2", "@SUM(A1)", "\tTAB", "\rCR"):
        AuditEvent.objects.create(action=Action.SIGN_IN_FAILED, detail={"email": typed})
    User.objects.create_user("=cmd|calc@example.org", PASSWORD, full_name="-Minus")
    AuditEvent.objects.create(
        actor=User.objects.get(full_name="-Minus"), action=Action.SIGNED_OUT
    )
    response = staff_client.get(reverse("staff:audit_log_csv"))
    _, *rows = csv_of(response)
    cells = [cell for row in rows for cell in row if cell]
    assert not [c for c in cells if c.startswith(log.FORMULA_STARTS)]
    assert "'-Minus" in cells and "'=cmd|calc@example.org" in cells
    assert log.neutralised(hostile) == "'" + hostile
    assert log.neutralised("Plain text") == "Plain text"


def test_the_csv_never_holds_symptom_text_or_notes(staff_client, nurse, patient):
    from tests.factories import days_ago, make_entry

    make_entry(patient, days_ago(1), notes="Pat's own words")
    nurse_client = log_in(Client(), nurse)
    nurse_client.get(reverse("nurse:patient", args=[patient.pk]))
    nurse_client.post(
        reverse("nurse:add_note", args=[patient.pk]), {"text": "A private note"}
    )
    text = b"".join(staff_client.get(reverse("staff:audit_log_csv")).streaming_content)
    assert b"viewed_record" in text
    assert b"Pat's own words" not in text and b"A private note" not in text


def test_a_bad_filter_downloads_nothing_and_shows_the_page(staff_client, staff):
    before = last_pk()
    response = staff_client.get(reverse("staff:audit_log_csv"), {"date_from": "nope"})
    assert response.status_code == 200
    assert "Enter a valid date." in response.content.decode()
    assert only_row_after(before).action == Action.VIEWED_AUDIT_LOG


@pytest.mark.parametrize("name", ["staff:audit_log", "staff:audit_log_csv"])
def test_patients_and_nurses_get_a_404_and_nothing_is_written(
    name, patient_client, nurse, patient
):
    before = last_pk()
    assert patient_client.get(reverse(name)).status_code == 404
    assert log_in(Client(), nurse).get(reverse(name)).status_code == 404
    assert not AuditEvent.objects.filter(
        pk__gt=before, action__in=[Action.VIEWED_AUDIT_LOG, Action.EXPORTED_AUDIT_LOG]
    ).exists()


def test_staff_who_have_not_passed_the_second_step_are_sent_to_it(staff):
    client = Client()
    client.force_login(staff)
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("otp_enrol") in response["Location"]
