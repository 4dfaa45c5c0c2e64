"""Closing a patient's account, and erasing her record.

Asked for by the patient (or a nurse of her team on her behalf), confirmed by
staff in the admin: the account is then deactivated and signed out at once.
Her clinical record stays until the retention period has run out
(retention.py), when erase_patient removes it, in an explicit order, rather
than by a cascade: the audit trail protects every row it names, so it is
pseudonymised first, through the one sanctioned database function.
"""

from __future__ import annotations

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import models, transaction
from django.utils import timezone

from accounts import carers
from accounts.models import Invitation, PatientProfile, User
from diary import audit
from diary.models import (
    AccountClosure,
    Acknowledgement,
    AuditEvent,
    ClinicalNote,
    DailyEntry,
    Flag,
)

Action = AuditEvent.Action


@transaction.atomic
def request_closure(patient: PatientProfile, *, by: User) -> AccountClosure:
    """The patient (or a nurse of her team) asks; asking twice changes nothing."""
    closure, created = AccountClosure.objects.get_or_create(
        patient=patient, defaults={"requested_by": by}
    )
    if created:
        audit.record(actor=by, patient=patient, action=Action.CLOSURE_REQUESTED)
    return closure


@transaction.atomic
def confirm_closure(closure: AccountClosure, *, by: User) -> bool:
    """Staff confirm: the account can no longer sign in, and every session
    of it ends now. False if it was already confirmed."""
    closure = AccountClosure.objects.select_for_update().get(pk=closure.pk)
    if closure.is_confirmed:
        return False
    closure.confirmed_at, closure.confirmed_by = timezone.now(), by
    closure.save(update_fields=["confirmed_at", "confirmed_by"])
    patient = closure.patient
    User.objects.filter(pk=patient.user_id).update(is_active=False)
    sessions = end_sessions(patient.user_id)
    # Her carers' access ends with her account, not years later at erasure.
    for link in patient.carer_links.filter(revoked_at__isnull=True):
        carers.revoke(link, by=by)
    audit.record(
        actor=by, patient=patient, action=Action.ACCOUNT_CLOSED, sessions=sessions
    )
    return True


def end_sessions(user_id: int) -> int:
    """Delete the user's sessions: signed out everywhere (the database session
    backend; a session names its user only inside its encoded data)."""
    theirs = [
        s.pk
        for s in Session.objects.iterator()
        if s.get_decoded().get("_auth_user_id") == str(user_id)
    ]
    Session.objects.filter(pk__in=theirs).delete()
    return len(theirs)


@transaction.atomic
def erase_patient(patient: PatientProfile, *, by: User | None) -> dict[str, int]:
    """Erase everything of the patient's but the (pseudonymised) audit trail,
    and record that it was done: counts only, nothing of her or her health.

    Order matters: her entries (with their flags, acknowledgements and alert
    emails) go before her account, which they PROTECT (entered_by); the
    audit rows are pseudonymised before her profile and account are deleted.
    """
    user = patient.user
    _delete_admin_log(patient)
    counts = {
        "entries": DailyEntry.objects.filter(patient=patient).count(),
        "flags": Flag.objects.filter(entry__patient=patient).count(),
        "notes": ClinicalNote.objects.filter(patient=patient).count(),
    }
    DailyEntry.objects.filter(patient=patient).delete()
    ClinicalNote.objects.filter(patient=patient).delete()
    Invitation.objects.filter(patient=patient).delete()
    counts["sessions"] = end_sessions(user.pk)
    pseudonymised = audit.pseudonymise_patient(patient, by=by)
    counts["audit_rows_pseudonymised"] = pseudonymised.detail["rows"]
    patient.delete()  # with her closure request
    user.delete()  # with her two-step devices and counters
    AuditEvent.objects.create(
        actor=by,
        action=Action.RECORD_ERASED,
        detail={"pseudonym": pseudonymised.detail["pseudonym"], **counts},
    )
    return counts


def _delete_admin_log(patient: PatientProfile) -> None:
    """The admin's own log names each object it changed (its str(), her name):
    those rows go; what staff did is in the audit trail, pseudonymised."""
    hers: list[tuple[type[models.Model], list[int]]] = [
        (User, [patient.user_id]),
        (PatientProfile, [patient.pk]),
        (AccountClosure, _pks(AccountClosure.objects.filter(patient=patient))),
        (DailyEntry, _pks(DailyEntry.objects.filter(patient=patient))),
        (Flag, _pks(Flag.objects.filter(entry__patient=patient))),
        (
            Acknowledgement,
            _pks(Acknowledgement.objects.filter(flag__entry__patient=patient)),
        ),
        (ClinicalNote, _pks(ClinicalNote.objects.filter(patient=patient))),
        (Invitation, _pks(Invitation.objects.filter(patient=patient))),
    ]
    for model, pks in hers:
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=[str(pk) for pk in pks],
        ).delete()


def _pks(queryset: models.QuerySet) -> list[int]:
    return list(queryset.values_list("pk", flat=True))
