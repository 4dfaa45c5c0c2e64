"""What the patient sees after saving: guidance in the booklet's words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.models import PatientProfile
from diary import documents
from diary.access import get_entry_for_patient, patient_required
from diary.models import DailyEntry, Flag, team_seen_at
from diary.rules import CONDITIONS, level_rank
from diary.rules import guidance as texts


@patient_required
def entry_saved(request: HttpRequest, day: dt.date) -> HttpResponse:
    patient = request.user.patient_profile
    entry = get_entry_for_patient(patient, day)
    return render(request, "diary/guidance.html", guidance_context(patient, entry))


def guidance_context(
    patient: PatientProfile, entry: DailyEntry, flags: Sequence[Flag] | None = None
) -> dict:
    """The booklet's guidance for a saved entry, or for an unsaved one (no pk)
    given the `flags` its answers raise."""
    flags = sorted(
        entry.flags.current() if flags is None else flags,
        key=lambda f: (-level_rank(f.level), f.condition),
    )
    items = [
        {
            "flag": f,
            "name": CONDITIONS[f.condition],
            "guidance": texts.GUIDANCE[f.guidance_key],
        }
        for f in flags
    ]
    advice = texts.LEVEL_ADVICE.get(entry.level)
    numbers = {
        "acute_oncology_phone": patient.acute_phone,
        "specialist_team_phone": patient.specialist_phone,
    }
    backfilled = entry.entry_date < timezone.localdate()
    # The box says what it is about: the conditions behind its level (the
    # red and amber ones; a green box names its green ones).
    urgent = [f for f in flags if f.level != "green"] or flags
    return {
        "entry": entry,
        "patient": patient,
        "items": items,
        "advice": advice,
        "condition_names": list(dict.fromkeys(CONDITIONS[f.condition] for f in urgent)),
        "headline": texts.headline(entry.level, backfilled_entry=backfilled)
        if advice
        else "",
        "what_to_say": texts.what_to_say(flags)
        if entry.level in ("red", "amber")
        else "",
        "call_buttons": [
            (texts.CALL_BUTTON_LABELS[code], numbers[code])
            for code in (advice.phones_to_call if advice else ())
        ],
        "has_mscc": any(f.condition == "mscc" for f in flags),
        "team_seen_at": team_seen_at(entry) if entry.pk else None,
        "draft_key": f"diary-draft-{patient.user_id}-{entry.entry_date:%Y-%m-%d}",
    }


@patient_required
def alert_card(request: HttpRequest) -> HttpResponse:
    return documents.alert_card_page(request, request.user.patient_profile)
