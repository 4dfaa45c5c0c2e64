"""The nurse's writes to a patient record, each with its audit event, atomically."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts import carers
from accounts.models import CarerLink, PatientProfile, User
from diary import audit
from diary.models import ClinicalNote
from diary.services import CallActions, RecordedEntry, call_note, record_entry

# The profile fields the red-flag rules and the patient's phone numbers read:
# the only ones a nurse changes here (forms.ClinicalProfileForm shows them).
CLINICAL_PROFILE_FIELDS = (
    "spine_metastases",
    "bone_therapy",
    "on_chemotherapy",
    "mobile_phone",
    "other_phone",
    "specialist_team_phone",
    "acute_oncology_phone",
)


def save_clinical_profile(
    *, patient: PatientProfile, nurse: User, values: Mapping[str, Any]
) -> list[str]:
    """Set the profile fields in `values` (name: valid new value); returns the
    names of the fields whose stored value changed.

    Saving confirms the profile: a profile not yet reviewed becomes reviewed
    by `nurse`, even with nothing changed, since the defaults she saw are now
    her answers (HAZ-16). The audit event keeps each change as [before, after],
    before as stored, and "confirmed" when the save was the review.
    """
    unknown = set(values) - set(CLINICAL_PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"not clinical profile fields: {sorted(unknown)}")
    with transaction.atomic():
        # The stored row, not `patient`: a ModelForm has already written its
        # values onto the instance it validated.
        stored = PatientProfile.objects.select_for_update().get(pk=patient.pk)
        before = {name: getattr(stored, name) for name in values}
        changed = [name for name in values if values[name] != before[name]]
        confirming = not stored.profile_reviewed
        if not changed and not confirming:
            return []
        for name in changed:
            setattr(stored, name, values[name])
        if confirming:
            stored.profile_reviewed_at = timezone.now()
            stored.profile_reviewed_by = nurse
        stored.save()
        detail: dict[str, Any] = {
            "changes": {name: [before[name], values[name]] for name in changed}
        }
        if confirming:
            detail["confirmed"] = True
        audit.record(
            actor=nurse,
            patient=stored,
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
    acknowledged by her as it is saved (diary.services.record_entry). If it raised
    none, what she did is kept as a clinical note rather than lost.
    Raises diary.services.DuplicateEntry when the patient already has that day.
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


def revoke_carer(*, link: CarerLink, nurse: User) -> bool:
    """End a carer's access at once; audited by accounts' carer_revoked signal
    in the same transaction (diary.audit). False if it had already ended."""
    return carers.revoke(link, by=nurse)
