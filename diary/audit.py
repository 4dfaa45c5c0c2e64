"""The audit trail of nurses' access to patient records (read-only in the admin)."""

from __future__ import annotations

from typing import Any

from accounts.models import PatientProfile, User
from diary.models import AuditEvent

Action = AuditEvent.Action


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
