"""The patient's pages: thin views that authorize, call a service, render."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from accounts.http import AuthenticatedRequest
from accounts.models import PatientProfile
from clinical import fields as dd
from diary.access import diary_required, get_entry_for_patient
from diary.forms import EntryForm
from diary.models import DailyEntry, is_within_edit_window, team_seen_at
from diary.patient.guidance import guidance_context
from diary.presenters import recent_days, trend_context
from diary.services import (
    DuplicateEntry,
    EntryChangedSince,
    RecordedEntry,
    entry_version,
    profile_for_rules,
    record_entry,
    triage_answers,
    unsaved_flags,
)

TREND_DAYS = 28
DIARY_PAGE_SIZE = 14
COMPLETION_DAYS = 14  # "You have filled in 12 of the last 14 days"


def home(request: AuthenticatedRequest) -> HttpResponse:
    if request.user.is_nurse:
        return redirect("nurse:queue")
    if request.user.is_patient or request.user.is_carer:
        return redirect("today")
    if request.user.is_staff:
        return redirect("admin:index")
    raise Http404


@diary_required
def today(request: AuthenticatedRequest, patient: PatientProfile) -> HttpResponse:
    day = timezone.localdate()
    entry = DailyEntry.objects.for_patient(patient).filter(entry_date=day).first()
    return _entry_form_page(request, patient, entry, day)


@diary_required
def entry_edit(
    request: AuthenticatedRequest, patient: PatientProfile, day: dt.date
) -> HttpResponse:
    if day > timezone.localdate():
        raise Http404
    entry = DailyEntry.objects.for_patient(patient).filter(entry_date=day).first()
    if not is_within_edit_window(day):
        if entry is None:
            raise Http404
        messages.info(request, "Entries older than 7 days can be read but not changed.")
        return redirect("entry_detail", day=day)
    return _entry_form_page(request, patient, entry, day)


def _entry_form_page(
    request: AuthenticatedRequest,
    patient: PatientProfile,
    entry: DailyEntry | None,
    day: dt.date,
) -> HttpResponse:
    form = EntryForm(
        # An empty POST is an answer with nothing in it: it must fail
        # validation with its messages, not show a blank form as a GET does.
        request.POST if request.method == "POST" else None,
        instance=entry or DailyEntry(patient=patient, entry_date=day),
        initial={"entry_date": day},
        # The rules' profile: a bone drug not yet reviewed asks its questions.
        on_bone_drug=profile_for_rules(patient).on_bone_drug,
    )
    # The version the answers on the page were begun over: after any refusal
    # it stays the posted one, so that correcting a typo cannot turn into a
    # save over an entry saved meanwhile (only a clash, seen, moves it on).
    posted_version = request.POST.get("loaded_version")
    loaded_version = entry_version(entry) if posted_version is None else posted_version
    clash: dict[str, Any] | None = None
    guidance: dict[str, Any] = {}
    if request.method == "POST" and not form.is_valid():
        urgent = _act_on_urgent_answers(request, patient, form, entry, day)
        if urgent.entry is not None:
            entry, loaded_version = urgent.entry, entry_version(urgent.entry)
        guidance = urgent.guidance
    elif request.method == "POST":
        data = form.entry_data()
        if data["entry_date"] != day:
            # Answers belong to the day they were given for: another day is
            # filled in from its own blank page (My diary), never by moving
            # this page's answers there.
            form.add_error("entry_date", _other_day_message(day))
        else:
            outcome = _save_unless_changed(request, patient, form, entry, data)
            if isinstance(outcome, EntryChangedSince):
                clash = _clash_context(outcome, patient, data)
                # Saving again, having been told and shown, knowingly replaces
                # this state of the entry (and only this one).
                entry = outcome.entry
                loaded_version = entry_version(entry)
            else:
                # Straight to the guidance, past the menu: with large text on
                # a phone the menu alone fills the first screen.
                saved = reverse("entry_saved", kwargs={"day": outcome.entry.entry_date})
                return redirect(f"{saved}#guidance")
    return render(
        request,
        "diary/entry_form.html",
        {
            "form": form,
            "entry": entry,
            "saved_sentence": saved_sentence(entry, patient) if entry else "",
            "loaded_version": loaded_version,
            "clash": clash,
            "draft_key": f"diary-draft-{patient.user_id}-{day:%Y-%m-%d}",
            "day": day,
            "is_today": day == timezone.localdate(),
            "guidance": guidance,
        },
        status=400 if form.errors else 200,
    )


@dataclass(frozen=True)
class UrgentAnswers:
    entry: DailyEntry | None  # the entry saved with them; None if not saved
    guidance: dict[str, Any]  # guidance_context, or {} when nothing is urgent


def _act_on_urgent_answers(
    request: AuthenticatedRequest,
    patient: PatientProfile,
    form: EntryForm,
    entry: DailyEntry | None,
    day: dt.date,
) -> UrgentAnswers:
    """A form with errors may still report a warning sign: a missing score
    must never hold back "contact A&E now" (diary-fields.md, HAZ-13). If the
    valid answers are red or amber, save them (the rest as not answered), which
    alerts the team, and return the guidance to show above the errors.

    Nothing is saved over another date or over an entry saved since the
    answers were begun; the guidance is shown all the same.
    """
    data = form.answers_given(day)
    triage = triage_answers(patient=patient, data=data, entry=entry)
    if not triage.is_urgent:
        return UrgentAnswers(entry=None, guidance={})
    if form.posted_other_day(day):
        form.add_error("entry_date", _other_day_message(day))
    else:
        outcome = _save_unless_changed(request, patient, form, entry, data)
        if isinstance(outcome, RecordedEntry):
            guidance = guidance_context(patient, outcome.entry)
            return UrgentAnswers(outcome.entry, {**guidance, "saved": True})
    unsaved = DailyEntry(
        patient=patient, entry_date=day, level=triage.level, escalated=triage.escalated
    )
    return UrgentAnswers(
        None, guidance_context(patient, unsaved, unsaved_flags(triage))
    )


def _save_unless_changed(
    request: AuthenticatedRequest,
    patient: PatientProfile,
    form: EntryForm,
    entry: DailyEntry | None,
    data: dict[str, Any],
) -> RecordedEntry | EntryChangedSince:
    """Save the answers; or, when the day was saved by someone else since they
    were begun, say so next to the date and return who saved it and when."""
    try:
        return record_entry(
            patient=patient,
            data=data,
            by=request.user,
            entry=entry,
            # A post without the hidden version (no form page was loaded)
            # updates, as before.
            expected_version=request.POST.get("loaded_version"),
        )
    except (EntryChangedSince, DuplicateEntry) as exc:
        changed = _changed(exc, patient, data["entry_date"])
        form.add_error("entry_date", _clash_message(changed, patient))
        return changed


def _changed(
    exc: EntryChangedSince | DuplicateEntry, patient: PatientProfile, day: dt.date
) -> EntryChangedSince:
    """DuplicateEntry: a post without a version, and the day got an entry
    meanwhile. Either way the patient is told by whom."""
    if isinstance(exc, EntryChangedSince):
        return exc
    return EntryChangedSince(_day_entry(patient, day))


def _day_entry(patient: PatientProfile, day: dt.date) -> DailyEntry:
    return (
        DailyEntry.objects.for_patient(patient)
        .select_related("entered_by")
        .get(entry_date=day)
    )


def _who_saved(entry: DailyEntry, patient: PatientProfile) -> tuple[str, str]:
    """(who, verb) to begin a sentence about the entry's last save: the patient
    must never read "You saved" over what her nurse recorded for her."""
    if entry.entered_by_id == patient.user_id:  # her own: no query for who
        return "You", "saved"
    by = entry.entered_by
    if by.is_carer:
        # Never mistaken for the patient's own words (HAZ-30).
        return f"{by.full_name}, entering for {patient.user.full_name},", "recorded"
    if by.is_nurse:
        return f"Your nurse {by.full_name}", "recorded"
    return f"{by.full_name} from your team", "recorded"


def _at(moment: dt.datetime) -> str:
    local = timezone.localtime(moment)
    if local.date() == timezone.localdate():
        return f"at {local:%H:%M} today"
    return f"at {local:%H:%M} on {local:%-d %B}"


def saved_sentence(entry: DailyEntry, patient: PatientProfile) -> str:
    """E.g. "Your nurse Nora Nurse recorded this day's diary at 09:17 today"."""
    who, verb = _who_saved(entry, patient)
    return f"{who} {verb} this day's diary {_at(entry.updated_at)}"


def _clash_message(changed: EntryChangedSince, patient: PatientProfile) -> str:
    who, verb = _who_saved(changed.entry, patient)
    where = " in another window or tab" if who == "You" else ""
    return (
        f"There is already a diary entry for {changed.entry.entry_date:%A %-d %B}: "
        f"{who[0].lower()}{who[1:]} {verb} it{where} {_at(changed.saved_at)}, "
        "after you began these answers, so nothing here was saved. Your answers "
        "are still below: keep the saved entry, or compare the two first."
    )


def _clash_context(
    changed: EntryChangedSince, patient: PatientProfile, data: dict[str, Any]
) -> dict[str, Any]:
    """What the clash box shows: who saved the day, when, and the answers that
    differ between the saved entry and the ones just posted."""
    saved = changed.entry
    yours = DailyEntry(patient=patient, **{c: data.get(c) for c in dd.ENTRY_CODES})
    yours.notes = yours.notes or ""
    yours.questions_for_team = yours.questions_for_team or ""
    theirs = dict(saved.answer_rows())
    mine = dict(yours.answer_rows())
    labels = list(dict.fromkeys([*theirs, *mine]))
    return {
        "sentence": saved_sentence(saved, patient),
        "who": _who_saved(saved, patient)[0],
        "differences": [
            (label, theirs.get(label, "Not answered"), mine.get(label, "Not answered"))
            for label in labels
            if theirs.get(label) != mine.get(label)
        ],
    }


def _other_day_message(day: dt.date) -> str:
    return (
        f"This page is for {day:%A %-d %B}, so nothing was saved. To fill in "
        "another day, open that day from 'My diary': it starts empty, and "
        "your answers here are still below."
    )


@diary_required
def diary_list(request: AuthenticatedRequest, patient: PatientProfile) -> HttpResponse:
    entries = DailyEntry.objects.for_patient(patient).order_by("-entry_date")
    today = timezone.localdate()
    recent = recent_days(entries, today, COMPLETION_DAYS)
    paginator = Paginator(entries.with_team_seen(), DIARY_PAGE_SIZE)
    # Counted with the days filled in, in one query, not by the paginator.
    paginator.count = recent.entries
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "diary/diary_list.html",
        {
            "page": page,
            "logged_today": recent.logged_today,
            "completion": recent.completion,
            "missed_days": missed_days(
                [entry.entry_date for entry in page.object_list],
                timezone.localdate(patient.user.date_joined),
                today,
            )
            if page.number == 1
            else [],
        },
    )


def missed_days(
    newest: list[dt.date], joined: dt.date, today: dt.date
) -> list[dt.date]:
    """Days before today that can still be filled in and have no entry, newest
    first, never before the diary began (the account's first day, or an
    earlier entry a nurse recorded).

    `newest` is the first page of My diary (its newest dates, at least one a
    day): every entry of the window is on it, and if the page is full its
    oldest date is older than the window, so it also tells when the diary
    began as far as the window is concerned, with no query of its own.
    """
    window = dd.BACKFILL_DAYS
    began = min([joined, *newest])
    days = (today - dt.timedelta(days=n) for n in range(1, window + 1))
    return [day for day in days if day >= began and day not in set(newest)]


@diary_required
def entry_detail(
    request: AuthenticatedRequest, patient: PatientProfile, day: dt.date
) -> HttpResponse:
    entry = get_entry_for_patient(patient, day)
    return render(
        request,
        "diary/entry_detail.html",
        {
            "entry": entry,
            "saved_sentence": saved_sentence(entry, patient),
            "team_seen_at": team_seen_at(entry),
        },
    )


@diary_required
def trends(request: AuthenticatedRequest, patient: PatientProfile) -> HttpResponse:
    end = timezone.localdate()
    start = end - dt.timedelta(days=TREND_DAYS - 1)
    context = trend_context(
        DailyEntry.objects.for_patient(patient).between(start, end), start, end
    )
    return render(request, "diary/trends.html", {**context, "days": TREND_DAYS})
