"""The patient's pages: thin views that authorize, call a service, render."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from accounts.models import PatientProfile
from clinical import fields as dd
from diary.access import get_entry_for_patient, patient_required
from diary.forms import EntryForm
from diary.models import DailyEntry, is_within_edit_window, team_seen_at
from diary.reports import trend_context
from diary.services import (
    DuplicateEntry,
    record_entry,
    triage_answers,
    unsaved_flags,
)
from diary.views_guidance import guidance_context

TREND_DAYS = 28
DIARY_PAGE_SIZE = 14


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_nurse:
        return redirect("nurse:queue")
    if request.user.is_patient:
        return redirect("today")
    if request.user.is_staff:
        return redirect("admin:index")
    raise Http404


@patient_required
def today(request: HttpRequest) -> HttpResponse:
    patient = request.user.patient_profile
    day = timezone.localdate()
    entry = DailyEntry.objects.for_patient(patient).filter(entry_date=day).first()
    return _entry_form_page(request, patient, entry, day)


@patient_required
def entry_edit(request: HttpRequest, day: dt.date) -> HttpResponse:
    patient = request.user.patient_profile
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
    request: HttpRequest,
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
        on_bone_drug=patient.on_bone_drug,
    )
    loaded = entry
    guidance: dict = {}
    if request.method == "POST" and not form.is_valid():
        entry, guidance = _act_on_urgent_answers(request, patient, form, entry, day)
        loaded = entry
    elif request.method == "POST":
        data = form.entry_data()
        if data["entry_date"] != day:
            # Answers belong to the day they were given for: another day is
            # filled in from its own blank page (My diary), never by moving
            # this page's answers there.
            form.add_error("entry_date", _other_day_message(day))
        elif _saved_elsewhere(request, entry):
            form.add_error("entry_date", _duplicate_message(day))
            loaded = entry  # so that saving again knowingly replaces it
        else:
            try:
                recorded = record_entry(
                    patient=patient, data=data, by=request.user, entry=entry
                )
            except DuplicateEntry:
                form.add_error("entry_date", _duplicate_message(day))
                loaded = (
                    DailyEntry.objects.for_patient(patient)
                    .filter(entry_date=day)
                    .first()
                )
            else:
                # Straight to the guidance, past the menu: with large text on
                # a phone the menu alone fills the first screen.
                saved = reverse(
                    "entry_saved", kwargs={"day": recorded.entry.entry_date}
                )
                return redirect(f"{saved}#guidance")
    return render(
        request,
        "diary/entry_form.html",
        {
            "form": form,
            "entry": entry,
            "loaded_version": entry_version(loaded),
            "day": day,
            "is_today": day == timezone.localdate(),
            "guidance": guidance,
        },
        status=400 if form.errors else 200,
    )


def _act_on_urgent_answers(
    request: HttpRequest,
    patient: PatientProfile,
    form: EntryForm,
    entry: DailyEntry | None,
    day: dt.date,
) -> tuple[DailyEntry | None, dict]:
    """A form with errors may still report a warning sign: a missing score
    must never hold back "contact A&E now" (diary-fields.md, HAZ-13). If the
    valid answers are red or amber, save them (the rest as not answered), which
    alerts the team, and return the guidance to show above the errors.

    Nothing is saved over another date or over an entry saved since the page
    was loaded; the guidance is shown all the same.
    """
    data = form.answers_given(day)
    triage = triage_answers(patient=patient, data=data, entry=entry)
    if not triage.is_urgent:
        return entry, {}
    if not form.posted_other_day(day) and not _saved_elsewhere(request, entry):
        try:
            recorded = record_entry(
                patient=patient, data=data, by=request.user, entry=entry
            )
        except DuplicateEntry:
            pass
        else:
            return recorded.entry, {
                **guidance_context(patient, recorded.entry),
                "saved": True,
            }
    unsaved = DailyEntry(
        patient=patient, entry_date=day, level=triage.level, escalated=triage.escalated
    )
    return entry, guidance_context(patient, unsaved, unsaved_flags(triage))


def entry_version(entry: DailyEntry | None) -> str:
    """Which state of the day's entry a form was filled in over ("" for none)."""
    return entry.updated_at.isoformat() if entry else ""


def _saved_elsewhere(request: HttpRequest, current: DailyEntry | None) -> bool:
    """True when the day's entry was saved after this form was loaded (another
    tab, or a nurse on the patient's behalf): overwriting it silently could
    lose a warning sign answered "yes" there. A post without the hidden
    version (no form page loaded) updates, as before."""
    posted = request.POST.get("loaded_version")
    return (
        current is not None and posted is not None and posted != entry_version(current)
    )


def _other_day_message(day: dt.date) -> str:
    return (
        f"This page is for {day:%A %-d %B}, so nothing was saved. To fill in "
        "another day, open that day from 'My diary': it starts empty, and "
        "your answers here are still below."
    )


def _duplicate_message(day: dt.date) -> str:
    return (
        f"There is already a diary entry for {day:%A %-d %B}, saved from another "
        "window or by your team after you opened this page. Your answers are "
        "still below: save again to replace that entry with them, or open that "
        "day from 'My diary' to see it first."
    )


@patient_required
def diary_list(request: HttpRequest) -> HttpResponse:
    entries = DailyEntry.objects.for_patient(request.user.patient_profile).order_by(
        "-entry_date"
    )
    page = Paginator(entries.with_team_seen(), DIARY_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    today = timezone.localdate()
    logged_today = entries.filter(entry_date=today).exists()
    return render(
        request,
        "diary/diary_list.html",
        {
            "page": page,
            "logged_today": logged_today,
            "missed_days": missed_days(
                [entry.entry_date for entry in page.object_list],
                timezone.localdate(request.user.date_joined),
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


@patient_required
def entry_detail(request: HttpRequest, day: dt.date) -> HttpResponse:
    entry = get_entry_for_patient(request.user.patient_profile, day)
    return render(
        request,
        "diary/entry_detail.html",
        {"entry": entry, "team_seen_at": team_seen_at(entry)},
    )


@patient_required
def trends(request: HttpRequest) -> HttpResponse:
    patient = request.user.patient_profile
    end = timezone.localdate()
    start = end - dt.timedelta(days=TREND_DAYS - 1)
    context = trend_context(
        DailyEntry.objects.for_patient(patient).between(start, end), start, end
    )
    return render(request, "diary/trends.html", {**context, "days": TREND_DAYS})
