"""The nurse's side of a patient record: clinical notes and the audit trail."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.models import PatientProfile
from clinical import fields as dd


class ClinicalNote(models.Model):
    """Nurse-only, append-only notes on a patient's record."""

    patient = models.ForeignKey(
        PatientProfile, on_delete=models.CASCADE, related_name="clinical_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField("Note", max_length=dd.FREE_TEXT_MAX)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Note by {self.author} on {self.patient}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A clinical record is corrected by adding a note, never by rewriting one.
        if not self._state.adding:
            raise ValueError("Clinical notes are append-only.")
        super().save(*args, **kwargs)


class AppendOnlyError(Exception):
    """An audit row was to be changed or deleted: the trail is append-only."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    """No bulk rewrites or deletes of the trail through the ORM. On PostgreSQL
    a trigger (migration 0008) refuses them from raw SQL too; pseudonymising
    a patient's rows goes through diary.audit.pseudonymise_patient only."""

    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("Audit events are append-only: no update().")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit events are append-only: no delete().")

    def _pseudonymise_rows(self, **kwargs: Any) -> int:
        # Only for diary.audit.pseudonymise_patient's non-PostgreSQL path.
        return super().update(**kwargs)


class AuditEvent(models.Model):
    """Every nurse view of a record and every change a nurse makes to one,
    and the sign-in events of every account. Append-only."""

    class Action(models.TextChoices):
        VIEWED_RECORD = "viewed_record", "Viewed the patient record"
        ACKNOWLEDGED_FLAG = "acknowledged_flag", "Acknowledged a flag"
        CHANGED_PROFILE = "changed_profile", "Changed the clinical profile"
        ADDED_NOTE = "added_note", "Added a clinical note"
        RECORDED_ENTRY = "recorded_entry", "Recorded an entry for the patient"
        INVITED_PATIENT = "invited_patient", "Invited the patient"
        TRIED_TO_INVITE_EXISTING = (
            "tried_invite_existing",
            "Tried to invite the patient's address from another team",
        )
        RESET_TWO_STEP = "reset_two_step", "Reset the user's two-step sign-in"
        PSEUDONYMISED = "pseudonymised", "Pseudonymised a patient's audit rows"
        SIGNED_IN = "signed_in", "Signed in"
        SIGN_IN_FAILED = "sign_in_failed", "Sign-in refused"
        LOCKED_OUT = "locked_out", "Sign-in locked after too many wrong passwords"
        SIGNED_OUT = "signed_out", "Signed out"
        TWO_STEP_VERIFIED = "two_step_verified", "Passed the two-step code"
        TWO_STEP_FAILED = "two_step_failed", "Two-step code refused"
        TWO_STEP_LOCKED = (
            "two_step_locked",
            "Two-step locked after too many wrong codes",
        )
        REFUSED_CROSS_SITE = (
            "refused_cross_site",
            "Refused a request another website started",
        )
        VIEWED_LIST = "viewed_list", "Viewed a list of patients"
        REFUSED_ACCESS = (
            "refused_access",
            "Refused a record that is not the user's (404)",
        )
        STAFF_VIEWED = "staff_viewed", "Staff viewed records in the admin"
        STAFF_CHANGED = "staff_changed", "Staff changed a record in the admin"
        ESCALATED = (
            "escalated",
            "Emailed the lead nurses about a flag that waited too long",
        )
        CARER_INVITED = "carer_invited", "Invited a carer for the patient"
        CARER_ACCEPTED = "carer_accepted", "A carer accepted the invitation"
        CARER_REVOKED = "carer_revoked", "Revoked a carer's access"
        CHANGED_REMINDER = "changed_reminder", "Changed the diary reminder"
        DOWNLOADED_DATA = "downloaded_data", "Downloaded all her data"
        CLOSURE_REQUESTED = "closure_requested", "Asked for the account to be closed"
        ACCOUNT_CLOSED = "account_closed", "Confirmed the account's closure"
        RECORD_ERASED = "record_erased", "Erased a closed account's record"
        VIEWED_REPORT = "viewed_report", "Viewed a team's service report"
        DOWNLOADED_REPORT = "downloaded_report", "Downloaded a team's service report"
        VIEWED_AUDIT_LOG = "viewed_audit_log", "Staff viewed the audit log"
        EXPORTED_AUDIT_LOG = "exported_audit_log", "Staff downloaded the audit log"

    at = models.DateTimeField(default=timezone.now)
    # PROTECT: deleting a person or a patient must not quietly delete the
    # audit trail; staff deactivate accounts instead. Empty for a sign-in
    # attempt at an address that is no account's, and once pseudonymised.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    # Empty for events about an account rather than a record (a nurse's
    # two-step sign-in reset): `subject` is then the account.
    patient = models.ForeignKey(
        PatientProfile,
        on_delete=models.PROTECT,
        related_name="audit_events",
        null=True,
        blank=True,
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        help_text="The account acted on, for events about an account.",
    )
    action = models.CharField(max_length=30, choices=Action.choices)
    detail = models.JSONField(default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        # The staff audit page (diary/staff/) filters by patient, actor or
        # action, newest first (-at, -pk), a page at a time: each filter has
        # an index that already holds its rows in that order, so a page of a
        # million rows reads 51 of them (docs/decisions/0004).
        indexes = [
            models.Index(fields=["patient", "at"]),
            models.Index(fields=["at", "id"], name="audit_at_id"),
            models.Index(fields=["actor", "at", "id"], name="audit_actor_at_id"),
            models.Index(fields=["action", "at", "id"], name="audit_action_at_id"),
        ]

    def __str__(self) -> str:
        who = self.actor or "(no account)"
        return f"{self.at:%Y-%m-%d %H:%M} {who}: {self.get_action_display()}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # What was audited stays as it was written: a mistake is answered by
        # a new row, never by rewriting one.
        if not self._state.adding:
            raise AppendOnlyError("Audit events are append-only: no save() of a row.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit events are append-only: no delete().")
