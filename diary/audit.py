"""The audit trail of nurses' access to patient records (read-only in the admin).

It also records what accounts announces (accounts/signals.py): accounts may
not import diary, so connect_account_signals() (from DiaryConfig.ready) hooks
these receivers to its signals.
"""

from __future__ import annotations

from typing import Any

from accounts import signals
from accounts.models import Invitation, PatientProfile, User
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
