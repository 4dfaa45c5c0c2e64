"""What the patient sees after saving: guidance in the booklet's words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts import working_hours as wh
from accounts.http import AuthenticatedRequest
from accounts.models import PatientProfile
from clinical.levels import URGENT, Level
from clinical.levels import rank as level_rank
from clinical.rules import CONDITIONS
from clinical.rules import guidance as texts
from diary import documents
from diary.access import diary_required, get_entry_for_patient
from diary.forms import EntryCheckForm
from diary.models import DailyEntry, Flag, is_within_edit_window, team_seen_at
from diary.services import profile_for_rules, triage_answers, unsaved_flags


@diary_required
def entry_saved(
    request: AuthenticatedRequest, patient: PatientProfile, day: dt.date
) -> HttpResponse:
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
    closed_note = out_of_hours_note(patient, entry.level, timezone.now())
    phones = advice.phones_to_call if advice else ()
    if closed_note:
        phones = texts.OUT_OF_HOURS_PHONES
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
        "what_to_say": texts.what_to_say(flags) if entry.level in URGENT else "",
        "call_buttons": [
            (texts.CALL_BUTTON_LABELS[code], numbers[code]) for code in phones
        ],
        "out_of_hours": closed_note,
        "has_mscc": any(f.condition == "mscc" for f in flags),
        "team_seen_at": team_seen_at(entry) if entry.pk else None,
        "draft_key": f"diary-draft-{patient.user_id}-{entry.entry_date:%Y-%m-%d}",
    }


def out_of_hours_note(patient: PatientProfile, level: str, now: dt.datetime) -> str:
    """For amber outside the team's working hours: when the team will see it
    and whom to call now; "" otherwise. Red already puts A&E and the 24-hour
    line first at any hour."""
    if level != Level.AMBER:
        return ""
    team = patient.team
    cal = team.working_calendar()
    if wh.is_working(cal, now):
        return ""
    try:
        opens = wh.next_working_start(cal, now).astimezone(cal.zone)
    except wh.NoWorkingTime:
        opens = None
    when = f"{opens:%A %-d %B} at {opens:%-H:%M}" if opens else "it is open again"
    return texts.out_of_hours(when)


@require_POST
@diary_required
def entry_check(
    request: AuthenticatedRequest, patient: PatientProfile, day: dt.date
) -> JsonResponse:
    """The live prompt: what the answers so far would mean if saved now.

    Saves nothing (the Save button still decides, and shows the full
    guidance). Always the signed-in patient's own profile and diary. Answers
    that cannot be read are left out of the check and listed with the message
    the save would give, with a 400; the rest is still checked, so that a
    mistyped temperature never hides a spinal cord warning sign.
    """
    if day > timezone.localdate() or not is_within_edit_window(day):
        raise Http404
    entry = DailyEntry.objects.for_patient(patient).filter(entry_date=day).first()
    form = EntryCheckForm(
        request.POST,
        instance=DailyEntry(patient=patient, entry_date=day),
        on_bone_drug=profile_for_rules(patient).on_bone_drug,
    )
    form.is_valid()
    values, problems = form.answers(day)
    triage = triage_answers(patient=patient, data=values, entry=entry)
    unsaved = DailyEntry(
        patient=patient, entry_date=day, level=triage.level, escalated=triage.escalated
    )
    prompt = guidance_context(patient, unsaved, unsaved_flags(triage))
    body = {
        "level": triage.level,
        "escalated": triage.escalated,
        "conditions": prompt["condition_names"],
        "headline": prompt["headline"],
        "out_of_hours": prompt["out_of_hours"],
        "calls": [
            {"label": label, "number": number}
            for label, number in prompt["call_buttons"]
        ],
        # Green waits for Save: the prompt is for what cannot wait.
        "html": render_to_string("diary/includes/live_prompt.html", prompt)
        if triage.is_urgent
        else "",
        "not_checked": problems,
    }
    return JsonResponse(body, status=400 if problems else 200)


@diary_required
def alert_card(request: AuthenticatedRequest, patient: PatientProfile) -> HttpResponse:
    return documents.alert_card_page(request, patient)
