"""The audit trail of nurses' access to patient records and of every sign-in
(read-only in the admin; append-only, diary/models/records.py).

It also records what accounts announces (accounts/signals.py): accounts may
not import diary, so connect_account_signals() (from DiaryConfig.ready) hooks
these receivers to its signals.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

from django.db import connection, transaction
from django.db.models import Q
from django.dispatch import Signal

from accounts import signals
from accounts.models import CarerLink, Invitation, PatientProfile, User
from diary.models import AuditEvent

Action = AuditEvent.Action

# What pseudonymising removes from the detail of a patient's rows: her email
# address (invitations, sign-ins) and the IP addresses she signed in from.
IDENTIFYING = ("email", "ip")
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


def listed(actor: User, page: str, **detail: Any) -> AuditEvent:
    """A nurse's list of patients (queue, review, caseload): no one patient,
    and how the list was narrowed, never the words searched for."""
    return AuditEvent.objects.create(
        actor=actor, action=Action.VIEWED_LIST, detail={"page": page, **detail}
    )


def read_report(actor: User, action: str, **detail: Any) -> AuditEvent:
    """A team's service report viewed or downloaded: the team and the months,
    no patient (its figures are counts)."""
    return AuditEvent.objects.create(actor=actor, action=action, detail=detail)


def refused_access(actor: User | None, url: str, **asked: Any) -> AuditEvent:
    """A 404 for a patient, flag or day that is not the user's: the URL's name
    and the id asked for. Never the patient it belongs to (patient=None), so
    the row tells whoever reads it nothing of someone they may not see."""
    return AuditEvent.objects.create(
        actor=actor, action=Action.REFUSED_ACCESS, detail={"url": url, **asked}
    )


def audit_log_read(
    by: User, action: str, about: PatientProfile | None, filters: dict[str, Any]
) -> AuditEvent:
    """Staff read or downloaded the audit log (diary/staff/): the filters as
    ids, codes and ISO dates, never typed text; the filtered patient is the
    row's patient, so her own record of who looked at her shows it."""
    return AuditEvent.objects.create(
        actor=by, patient=about, action=action, detail=filters
    )


def reset_two_step(actor: User, user: User) -> AuditEvent:
    """Staff removed a user's authenticator app and recovery codes."""
    return AuditEvent.objects.create(
        actor=actor,
        subject=user,
        patient=getattr(user, "patient_profile", None),
        action=Action.RESET_TWO_STEP,
        detail={"email": user.email},
    )


def refused_cross_site(
    actor: User | None, patient: PatientProfile | None, **detail: str
) -> AuditEvent:
    """A record or download refused because another site started the request
    (diary/middleware.py): the URL's name, the method, the other site."""
    return AuditEvent.objects.create(
        actor=actor, patient=patient, action=Action.REFUSED_CROSS_SITE, detail=detail
    )


@transaction.atomic
def pseudonymise_patient(patient: PatientProfile, *, by: User | None) -> AuditEvent:
    """Strip the patient's identity from every audit row about them or by
        them (patient, actor or subject emptied, their email and IP addresses
    removed), leaving
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
        detail = {k: v for k, v in event.detail.items() if k not in IDENTIFYING}
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


def _carer_invited(sender: Any, *, by: User, link: CarerLink, **kwargs: Any) -> None:
    record(
        actor=by,
        patient=link.patient,
        action=Action.CARER_INVITED,
        email=link.email,
        link=link.pk,
    )


def _carer_accepted(sender: Any, *, link: CarerLink, **kwargs: Any) -> None:
    AuditEvent.objects.create(
        actor=link.carer,
        subject=link.carer,
        patient=link.patient,
        action=Action.CARER_ACCEPTED,
        detail={"link": link.pk},
    )


def _carer_revoked(sender: Any, *, by: User, link: CarerLink, **kwargs: Any) -> None:
    AuditEvent.objects.create(
        actor=by,
        subject=link.carer,
        patient=link.patient,
        action=Action.CARER_REVOKED,
        detail={"link": link.pk, "accepted": link.accepted_at is not None},
    )


def _two_step_reset(sender: Any, *, by: User, user: User, **kwargs: Any) -> None:
    reset_two_step(by, user)


def _account_event(user: User | None, action: str, **detail: Any) -> AuditEvent:
    """A sign-in event: about an account, not a record (no patient)."""
    return AuditEvent.objects.create(actor=user, action=action, detail=detail)


def _signed_in(
    sender: Any, *, user: User, address: str, ip: str, via: str, **kwargs: Any
) -> None:
    _account_event(user, Action.SIGNED_IN, email=address, ip=ip, via=via)


def _sign_in_failed(
    sender: Any, *, user: User | None, address: str, ip: str, reason: str, **kwargs: Any
) -> None:
    # The address as typed (it may be no account's); never the password.
    _account_event(user, Action.SIGN_IN_FAILED, email=address, ip=ip, reason=reason)


def _locked_out(
    sender: Any, *, user: User | None, address: str, ip: str, until: Any, **kwargs: Any
) -> None:
    _account_event(
        user, Action.LOCKED_OUT, email=address, ip=ip, until=until.isoformat()
    )


def _signed_out(sender: Any, *, user: User, reason: str, **kwargs: Any) -> None:
    _account_event(user, Action.SIGNED_OUT, reason=reason)


_TWO_STEP_ACTIONS = {
    "verified": Action.TWO_STEP_VERIFIED,
    "locked": Action.TWO_STEP_LOCKED,
}


def _two_step_checked(
    sender: Any, *, user: User, outcome: str, method: str, **kwargs: Any
) -> None:
    action = _TWO_STEP_ACTIONS.get(outcome, Action.TWO_STEP_FAILED)
    detail = {"outcome": outcome, **({"method": method} if method else {})}
    _account_event(user, action, **detail)


def _staff_viewed(
    sender: Any,
    *,
    by: User,
    model: str,
    object_id: str | None,
    patient: PatientProfile | None,
    detail: dict,
    **kwargs: Any,
) -> None:
    AuditEvent.objects.create(
        actor=by,
        patient=patient,
        action=Action.STAFF_VIEWED,
        detail={"model": model, **({"id": object_id} if object_id else {}), **detail},
    )


def _staff_changed(
    sender: Any,
    *,
    by: User,
    model: str,
    object_id: str,
    patient: PatientProfile | None,
    change: str,
    fields: list[str],
    **kwargs: Any,
) -> None:
    # The names of the fields changed, never their values (symptoms, notes).
    AuditEvent.objects.create(
        actor=by,
        patient=patient,
        action=Action.STAFF_CHANGED,
        detail={"model": model, "id": object_id, "change": change, "fields": fields},
    )


def connect_account_signals() -> None:
    """Idempotent (dispatch_uid): ready() may run more than once in tests."""
    signals.patient_invited.connect(_invited, dispatch_uid="diary.audit.invited")
    signals.invite_refused.connect(
        _refused_invite, dispatch_uid="diary.audit.refused_invite"
    )
    signals.two_step_reset.connect(
        _two_step_reset, dispatch_uid="diary.audit.two_step_reset"
    )
    sign_in_events: list[tuple[Signal, Callable[..., None]]] = [
        (signals.signed_in, _signed_in),
        (signals.sign_in_failed, _sign_in_failed),
        (signals.locked_out, _locked_out),
        (signals.signed_out, _signed_out),
        (signals.two_step_checked, _two_step_checked),
        (signals.staff_viewed, _staff_viewed),
        (signals.staff_changed, _staff_changed),
        (signals.carer_invited, _carer_invited),
        (signals.carer_accepted, _carer_accepted),
        (signals.carer_revoked, _carer_revoked),
    ]
    for signal, receiver in sign_in_events:
        signal.connect(receiver, dispatch_uid=f"diary.audit.{receiver.__name__}")
