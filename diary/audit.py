"""The audit trail of nurses' access to patient records (read-only in the admin).

It also records what accounts announces (accounts/signals.py): accounts may
not import diary, so connect_account_signals() (from DiaryConfig.ready) hooks
these receivers to its signals.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.db import connection, transaction
from django.db.models import Q

from accounts import signals
from accounts.models import Invitation, PatientProfile, User
from diary.models import AuditEvent

Action = AuditEvent.Action

# The one database function allowed to change audit rows (migration 0008).
_PSEUDONYMISE_SQL = "SELECT diary_pseudonymise_audit(%s, %s)"


def record(
    *, actor: User, patient: PatientProfile, action: str, **detail: Any
) -> AuditEvent:
    """One row: who (actor), when (now), which patient, what (action + detail).

    Detail must be JSON-serialisable: plain codes, ids, dates as ISO strings.
    """
    return AuditEvent.objects.create(
        actor=actor, patient=patient, action=action, detail=detail
    )


def viewed(actor: User, patient: PatientProfile, page: str) -> AuditEvent:
    return record(actor=actor, patient=patient, action=Action.VIEWED_RECORD, page=page)


def reset_two_step(actor: User, user: User) -> AuditEvent:
    """Staff removed a user's authenticator app and recovery codes."""
    return AuditEvent.objects.create(
        actor=actor,
        subject=user,
        patient=getattr(user, "patient_profile", None),
        action=Action.RESET_TWO_STEP,
        detail={"email": user.email},
    )


@transaction.atomic
def pseudonymise_patient(patient: PatientProfile, *, by: User | None) -> AuditEvent:
    """Strip the patient's identity from every audit row about them or by
    them (patient, actor or subject emptied, their address removed), leaving
    one random pseudonym in each so the rows still read as one person's; then
    record that it was done, by whom and to how many rows (a new row, which
    names nobody). For erasure of a patient's data; the rows themselves, who
    else acted and when, stay.

    On PostgreSQL through diary_pseudonymise_audit, the one change the audit
    table's trigger allows. Elsewhere (SQLite in development) the same change
    is made row by row here.
    """
    pseudonym = "patient-" + secrets.token_hex(8)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(_PSEUDONYMISE_SQL, [patient.pk, pseudonym])
            (rows,) = cursor.fetchone()
    else:
        rows = _pseudonymise_in_python(patient, pseudonym)
    return AuditEvent.objects.create(
        actor=by,
        action=Action.PSEUDONYMISED,
        detail={"pseudonym": pseudonym, "rows": rows},
    )


def _pseudonymise_in_python(patient: PatientProfile, pseudonym: str) -> int:
    """What diary_pseudonymise_audit does, for databases without it."""
    user = patient.user
    email = user.email.lower()
    rows = 0
    about_them = AuditEvent.objects.filter(
        Q(patient=patient)
        | Q(actor=user)
        | Q(subject=user)
        | Q(detail__email__iexact=email)
    )
    for event in about_them.iterator():
        named = str(event.detail.get("email", "")).lower() == email
        detail = {k: v for k, v in event.detail.items() if not (named and k == "email")}
        AuditEvent.objects.filter(pk=event.pk)._pseudonymise_rows(
            patient=None if event.patient_id == patient.pk else event.patient_id,
            actor=None if event.actor_id == user.pk else event.actor_id,
            subject=None if event.subject_id == user.pk else event.subject_id,
            detail={**detail, "pseudonym": pseudonym},
        )
        rows += 1
    return rows


def _invited(
    sender: Any, *, nurse: User, invitation: Invitation, detail: dict, **kwargs: Any
) -> None:
    record(
        actor=nurse,
        patient=invitation.patient,
        action=Action.INVITED_PATIENT,
        email=invitation.email,
        invitation=invitation.pk,
        **detail,
    )


def _refused_invite(
    sender: Any, *, nurse: User, patient: PatientProfile, email: str, **kwargs: Any
) -> None:
    record(
        actor=nurse,
        patient=patient,
        action=Action.TRIED_TO_INVITE_EXISTING,
        email=email,
    )


def _two_step_reset(sender: Any, *, by: User, user: User, **kwargs: Any) -> None:
    reset_two_step(by, user)


def connect_account_signals() -> None:
    """Idempotent (dispatch_uid): ready() may run more than once in tests."""
    signals.patient_invited.connect(_invited, dispatch_uid="diary.audit.invited")
    signals.invite_refused.connect(
        _refused_invite, dispatch_uid="diary.audit.refused_invite"
    )
    signals.two_step_reset.connect(
        _two_step_reset, dispatch_uid="diary.audit.two_step_reset"
    )
