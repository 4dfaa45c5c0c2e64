"""The nurse's writes to a patient record, each with its audit event, atomically."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from accounts.models import PatientProfile, User
from diary import audit
from diary.models import ClinicalNote
from diary.nurse_forms import ClinicalProfileForm
from diary.services import RecordedEntry, record_entry


def save_clinical_profile(*, form: ClinicalProfileForm, nurse: User) -> list[str]:
    """Save a valid profile form; returns the names of the fields that changed.

    The audit event keeps each change as [before, after].
    """
    changed = list(form.changed_data)
    if not changed:
        return []
    before = {name: form.initial.get(name) for name in changed}
    with transaction.atomic():
        patient = form.save()
        audit.record(
            actor=nurse,
            patient=patient,
            action=audit.Action.CHANGED_PROFILE,
            changes={name: [before[name], getattr(patient, name)] for name in changed},
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
    *, patient: PatientProfile, nurse: User, data: dict[str, Any]
) -> RecordedEntry:
    """The same rules and flags as the patient's own save, entered_by the nurse.

    Raises services.DuplicateEntry when the patient already has that day.
    """
    with transaction.atomic():
        recorded = record_entry(patient=patient, data=data, by=nurse)
        audit.record(
            actor=nurse,
            patient=patient,
            action=audit.Action.RECORDED_ENTRY,
            entry_date=recorded.entry.entry_date.isoformat(),
            level=recorded.entry.level,
        )
    return recorded
