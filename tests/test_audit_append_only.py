"""The audit trail is append-only: the model and its QuerySet refuse to
change or delete a row, and on PostgreSQL a trigger refuses it from raw SQL
too. Erasure pseudonymises a patient's rows through the one sanctioned
database function, and says that it did."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from diary import audit
from diary.models import AppendOnlyError, AuditEvent
from tests.factories import make_nurse, make_patient

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: the trigger is made only there (CI runs it)",
)

TABLE = AuditEvent._meta.db_table


@pytest.fixture
def nurse_and_patient(db):
    patient = make_patient()
    return make_nurse(patient.team), patient


@pytest.fixture
def event(nurse_and_patient):
    nurse, patient = nurse_and_patient
    return audit.viewed(nurse, patient, "record")


def test_it_refuses_to_save_an_existing_row_again(event):
    event.detail = {"page": "something else"}
    with pytest.raises(AppendOnlyError):
        event.save()
    event.refresh_from_db()
    assert event.detail == {"page": "record"}


def test_it_refuses_to_delete_a_row(event):
    with pytest.raises(AppendOnlyError):
        event.delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_it_refuses_bulk_update_and_delete_through_the_orm(event):
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.update(detail={})
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    # bulk_update fails inside its own atomic block; a savepoint keeps the
    # test's transaction usable.
    with pytest.raises(AppendOnlyError), transaction.atomic():
        AuditEvent.objects.bulk_update([event], ["detail"])
    event.refresh_from_db()
    assert event.detail == {"page": "record"}


def test_pseudonymising_a_patient_leaves_the_rows_but_not_their_name(
    nurse_and_patient,
):
    nurse, patient = nurse_and_patient
    viewed = audit.viewed(nurse, patient, "record")
    other = make_patient(patient.team)
    untouched = audit.viewed(nurse, other, "record")
    invited = audit.record(
        actor=nurse,
        patient=patient,
        action=audit.Action.INVITED_PATIENT,
        email=patient.user.email.upper(),
    )

    done = audit.pseudonymise_patient(patient, by=nurse)

    viewed.refresh_from_db()
    invited.refresh_from_db()
    untouched.refresh_from_db()
    assert viewed.patient is None and viewed.actor == nurse
    assert viewed.action == "viewed_record" and viewed.detail["page"] == "record"
    assert "email" not in invited.detail
    assert viewed.detail["pseudonym"] == invited.detail["pseudonym"]
    assert untouched.patient == other and "pseudonym" not in untouched.detail
    assert done.action == "pseudonymised" and done.actor == nurse
    assert done.detail == {"pseudonym": viewed.detail["pseudonym"], "rows": 2}
    assert not AuditEvent.objects.filter(patient=patient).exists()


def test_pseudonymising_empties_the_patient_as_actor_and_subject(nurse_and_patient):
    nurse, patient = nurse_and_patient
    by_her = AuditEvent.objects.create(
        actor=patient.user, subject=patient.user, action=audit.Action.RESET_TWO_STEP
    )
    audit.pseudonymise_patient(patient, by=None)
    by_her.refresh_from_db()
    assert by_her.actor is None and by_her.subject is None
    assert by_her.detail["pseudonym"].startswith("patient-")


def _raw(sql: str, params: list) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@postgresql_only
def test_raw_sql_cannot_update_an_audit_row(event):
    with pytest.raises(DatabaseError, match="append-only"):
        _raw(f"UPDATE {TABLE} SET detail = '{{}}' WHERE id = %s", [event.pk])  # noqa: S608
    event.refresh_from_db()
    assert event.detail == {"page": "record"}


@postgresql_only
def test_raw_sql_cannot_delete_an_audit_row(event):
    with pytest.raises(DatabaseError, match="append-only"):
        _raw(f"DELETE FROM {TABLE} WHERE id = %s", [event.pk])  # noqa: S608
    assert AuditEvent.objects.filter(pk=event.pk).exists()


@postgresql_only
def test_the_orm_bypassing_the_model_cannot_update_or_delete_either(event):
    """Django's plain QuerySet, as a shell or another app would use it."""
    from django.db.models import QuerySet

    plain = QuerySet(model=AuditEvent).filter(pk=event.pk)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        plain.update(detail={})
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        plain.delete()
    event.refresh_from_db()
    assert event.detail == {"page": "record"}


@postgresql_only
def test_setting_the_pseudonymise_flag_by_hand_cannot_rewrite_what_happened(event):
    """The flag lets through only the changes pseudonymising makes."""
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("SET LOCAL diary.audit_pseudonymise = 'on'")
        cursor.execute(
            f"UPDATE {TABLE} SET action = 'added_note' WHERE id = %s",  # noqa: S608
            [event.pk],
        )
    event.refresh_from_db()
    assert event.action == "viewed_record"


@postgresql_only
@pytest.mark.parametrize(
    "detail",
    ['{"page": "nothing seen"}', '{"page": "record", "email": "x@example.org"}'],
)
def test_with_the_flag_set_by_hand_the_detail_cannot_be_rewritten(event, detail):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("SET LOCAL diary.audit_pseudonymise = 'on'")
        cursor.execute(
            f"UPDATE {TABLE} SET detail = %s::jsonb WHERE id = %s",  # noqa: S608
            [detail, event.pk],
        )
    event.refresh_from_db()
    assert event.detail == {"page": "record"}


@postgresql_only
def test_the_sanctioned_function_pseudonymises_and_the_lock_closes_again(
    nurse_and_patient, event
):
    nurse, patient = nurse_and_patient
    audit.pseudonymise_patient(patient, by=nurse)
    event.refresh_from_db()
    assert event.patient is None and event.detail["pseudonym"]
    # The flag was transaction-local and switched off: the table is locked again.
    with pytest.raises(DatabaseError, match="append-only"):
        _raw(f"UPDATE {TABLE} SET detail = '{{}}' WHERE id = %s", [event.pk])  # noqa: S608


def test_pseudonymising_removes_her_address_from_sign_in_rows(client, patient):
    """Her failed sign-ins name her account and the address she typed."""
    client.post(
        reverse("login"), {"username": patient.user.email.upper(), "password": "no"}
    )
    client.post(reverse("login"), {"username": "someone@else.org", "password": "no"})
    audit.pseudonymise_patient(patient, by=None)
    hers, stranger = AuditEvent.objects.filter(
        action=audit.Action.SIGN_IN_FAILED
    ).order_by("pk")
    assert hers.actor is None and "email" not in hers.detail and "ip" not in hers.detail
    assert hers.detail["reason"] == "wrong_password" and hers.detail["pseudonym"]
    assert stranger.detail["email"] == "someone@else.org" and "ip" in stranger.detail
    assert "pseudonym" not in stranger.detail
