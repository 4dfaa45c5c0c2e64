"""The nurse's writes to a patient record, each with its audit event, atomically."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import PatientProfile, User
from diary import audit
from diary.models import ClinicalNote
from diary.nurse_forms import ClinicalProfileForm
from diary.services import CallActions, RecordedEntry, call_note, record_entry


def save_clinical_profile(*, form: ClinicalProfileForm, nurse: User) -> list[str]:
    """Save a valid profile form; returns the names of the fields that changed.

    Saving it confirms the profile: a profile not yet reviewed becomes
    reviewed by `nurse`, even with nothing changed, since the defaults she
    saw are now her answers (HAZ-16). The audit event keeps each change as
    [before, after], and "confirmed" when the save was the review.
    """
    changed = list(form.changed_data)
    confirming = not form.instance.profile_reviewed
    if not changed and not confirming:
        return []
    before = {name: form.initial.get(name) for name in changed}
    with transaction.atomic():
        patient = form.save(commit=False)
        if confirming:
            patient.profile_reviewed_at = timezone.now()
            patient.profile_reviewed_by = nurse
        patient.save()
        detail: dict[str, Any] = {
            "changes": {
                name: [before[name], getattr(patient, name)] for name in changed
            }
        }
        if confirming:
            detail["confirmed"] = True
        audit.record(
            actor=nurse,
            patient=patient,
            action=audit.Action.CHANGED_PROFILE,
            **detail,
        )
    return changed


def add_clinical_note(
    *, patient: PatientProfile, nurse: User, text: str
) -> ClinicalNote:
    with transaction.atomic():
        note = ClinicalNote.objects.create(patient=patient, author=nurse, text=text)
        audit.record(
            actor=nurse, patient=patient, action=audit.Action.ADDED_NOTE, note=note.pk
        )
    return note


def record_entry_for_patient(
    *,
    patient: PatientProfile,
    nurse: User,
    data: dict[str, Any],
    dealt_with: CallActions | None = None,
) -> RecordedEntry:
    """The same rules and flags as the patient's own save, entered_by the nurse.

    `dealt_with`: the nurse acted during the call, so the entry's flags are
    acknowledged by her as it is saved (services.record_entry). If it raised
    none, what she did is kept as a clinical note rather than lost.
    Raises services.DuplicateEntry when the patient already has that day.
    """
    with transaction.atomic():
        recorded = record_entry(
            patient=patient, data=data, by=nurse, dealt_with=dealt_with
        )
        audit.record(
            actor=nurse,
            patient=patient,
            action=audit.Action.RECORDED_ENTRY,
            entry_date=recorded.entry.entry_date.isoformat(),
            level=recorded.entry.level,
        )
        if dealt_with is not None and not recorded.triage.flags:
            add_clinical_note(
                patient=patient,
                nurse=nurse,
                text=call_note(recorded.entry, dealt_with),
            )
    return recorded
