"""One patient's record as the nurse sees it, and the nurse's changes to it.

Every page that shows the record writes an audit event; every change goes
through a service that writes its own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Min, Prefetch, QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts import carers, invites
from accounts.http import AuthenticatedRequest
from accounts.models import PatientProfile, User
from diary import audit
from diary.access import get_patient_for_nurse, nurse_required
from diary.completion import last_days
from diary.data_rights.closure import request_closure
from diary.models import AccountClosure, Acknowledgement, DailyEntry, Flag
from diary.nurse import timeline
from diary.nurse.forms import (
    ClinicalNoteForm,
    ClinicalProfileForm,
    NurseEntryForm,
    blank_note_form,
    posted,
)
from diary.nurse.previews import first_and_count
from diary.nurse.services import (
    add_clinical_note,
    record_entry_for_patient,
    revoke_carer,
    save_clinical_profile,
)
from diary.presenters import completion_strip_context, entry_points, record_charts
from diary.services import (
    CallActions,
    DuplicateEntry,
    RecordedEntry,
    profile_for_rules,
)

TIMELINE_PAGE_SIZE = 10
CHART_DAYS = (30, 90)
COMPLETION_DAYS = 90
ACK_HISTORY_SIZE = 20


def _entries_with_flags(patient: PatientProfile) -> QuerySet[DailyEntry]:
    flags = Flag.objects.select_related("acknowledgement__nurse").order_by(
        "created_at", "pk"
    )
    return (
        DailyEntry.objects.for_patient(patient)
        .select_related("entered_by")
        .prefetch_related(Prefetch("flags", queryset=flags))
        .order_by("-entry_date")
    )


@nurse_required
def patient_record(request: AuthenticatedRequest, patient_id: int) -> HttpResponse:
    patient = _record_patient(request.user, patient_id)
    audit.viewed(request.user, patient, "record")
    today = timezone.localdate()
    days = 90 if request.GET.get("days") == "90" else CHART_DAYS[0]
    entries = DailyEntry.objects.for_patient(patient)
    # Her entries counted for the timeline's pages and her first day found
    # (the strip's), in one query.
    diary = entries.aggregate(count=Count("pk"), began=Min("entry_date"))
    paginator = Paginator(timeline.entries(patient), TIMELINE_PAGE_SIZE)
    paginator.count = diary["count"]  # shadows its cached_property: not recounted
    page = paginator.get_page(request.GET.get("page"))
    acks, ack_count = first_and_count(
        Acknowledgement.objects.filter(flag__entry__patient=patient)
        .select_related("nurse", "flag__entry")
        .prefetch_related("referrals"),
        ACK_HISTORY_SIZE,
    )
    # One read of the strip's days serves the charts' too (CHART_DAYS are
    # within COMPLETION_DAYS).
    points = entry_points(entries.between(*last_days(today, COMPLETION_DAYS)))
    return render(
        request,
        "nurse/patient_record.html",
        {
            "patient": patient,
            "open_flags": Flag.objects.open()
            .filter(entry__patient=patient)
            .select_related("entry")
            .triage_order(),
            "page": page,
            "timeline_html": timeline.entries_html(
                page.object_list, patient, request.path
            ),
            "days": days,
            "chart_days": CHART_DAYS,
            "timeline_query": f"days={days}",
            **record_charts(points, today, days),
            **completion_strip_context(
                {point.day for point in points},
                diary["began"],
                today,
                COMPLETION_DAYS,
            ),
            "completion_days": COMPLETION_DAYS,
            "acknowledgements": acks,
            "ack_count": ack_count,
            "notes": patient.clinical_notes.select_related("author"),
            "note_form": blank_note_form(),
            "invitation": _pending_invitation(patient),
            "carers": carers.carers_of(patient),
        },
    )


def _record_patient(user: User, patient_id: int) -> PatientProfile:
    """The nurse's patient with what the record shows of her: her closure
    joined, her named nurse and the nurse who reviewed her profile in one
    more query unless both are `user` (joined as well, PostgreSQL took
    1.8 ms to plan the query)."""
    patient = get_patient_for_nurse(
        user, patient_id, joined=("user", "team", "closure")
    )
    nurses: dict[int | None, User] = {user.pk: user}  # often her named nurse
    missing = {patient.named_nurse_id, patient.profile_reviewed_by_id} - {None, user.pk}
    if missing:
        nurses.update(User.objects.in_bulk(missing))
    patient.named_nurse = nurses.get(patient.named_nurse_id)
    patient.profile_reviewed_by = nurses.get(patient.profile_reviewed_by_id)
    return patient


def _pending_invitation(patient: PatientProfile) -> dict[str, Any] | None:
    if not invites.awaiting_signup(patient):
        return None
    latest = patient.invitations.first()
    return {
        "sent": latest,
        "expires": invites.expires_at(latest) if latest else None,
        "expired": latest is not None and invites.expires_at(latest) < timezone.now(),
    }


@nurse_required
def entry_detail(
    request: AuthenticatedRequest, patient_id: int, day: dt.date
) -> HttpResponse:
    patient = get_patient_for_nurse(request.user, patient_id)
    entry = get_object_or_404(_entries_with_flags(patient), entry_date=day)
    audit.viewed(request.user, patient, f"entry {day.isoformat()}")
    return render(
        request, "nurse/entry_detail.html", {"patient": patient, "entry": entry}
    )


@nurse_required
def profile_edit(request: AuthenticatedRequest, patient_id: int) -> HttpResponse:
    patient = get_patient_for_nurse(request.user, patient_id)
    if request.method == "GET":
        # The form shows the clinical profile; a change is audited on its own.
        audit.viewed(request.user, patient, "clinical profile")
    form = ClinicalProfileForm(posted(request), instance=patient)
    was_reviewed = patient.profile_reviewed
    if request.method == "POST" and form.is_valid():
        changed = save_clinical_profile(
            patient=patient,
            nurse=request.user,
            values={name: form.cleaned_data[name] for name in form.changed_data},
        )
        if not was_reviewed:
            text = "Profile reviewed and saved. New entries are checked with it."
        elif changed:
            text = "Profile saved. New entries are checked with it."
        else:
            text = "Nothing was changed."
        messages.success(request, text)
        return redirect("nurse:patient", patient_id=patient.pk)
    return render(
        request,
        "nurse/profile_form.html",
        {"patient": patient, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
@nurse_required
def carer_revoke(
    request: AuthenticatedRequest, patient_id: int, link_id: int
) -> HttpResponse:
    """The carer can no longer see or enter this patient's diary."""
    patient = get_patient_for_nurse(request.user, patient_id)
    link = get_object_or_404(patient.carer_links.select_related("carer"), pk=link_id)
    if revoke_carer(link=link, nurse=request.user):
        messages.success(request, f"{link.carer or link.email} no longer has access.")
    return redirect(reverse("nurse:patient", args=[patient.pk]) + "#carers")


@nurse_required
def add_note(request: AuthenticatedRequest, patient_id: int) -> HttpResponse:
    patient = get_patient_for_nurse(request.user, patient_id)
    if request.method == "GET":
        # The form names the patient: a view of her record.
        audit.viewed(request.user, patient, "note form")
    form = ClinicalNoteForm(posted(request))
    if request.method == "POST" and form.is_valid():
        add_clinical_note(
            patient=patient, nurse=request.user, text=form.cleaned_data["text"]
        )
        messages.success(request, "Clinical note added.")
        return redirect(reverse("nurse:patient", args=[patient.pk]) + "#notes")
    return render(
        request,
        "nurse/note_form.html",
        {"patient": patient, "form": form},
        status=400 if form.errors else 200,
    )


@nurse_required
def close_account(request: AuthenticatedRequest, patient_id: int) -> HttpResponse:
    """Ask, on the patient's behalf, for her account to be closed (she asked
    her nurse, e.g. on the phone); staff confirm it in the admin."""
    patient = get_patient_for_nurse(request.user, patient_id)
    if request.method == "POST":
        request_closure(patient, by=request.user)
        messages.success(
            request, "Closure requested: staff will confirm it in the admin."
        )
        return redirect("nurse:patient", patient.pk)
    audit.viewed(request.user, patient, "close account form")
    asked = AccountClosure.objects.filter(patient=patient).first()
    return render(
        request, "nurse/close_account.html", {"patient": patient, "asked": asked}
    )


def _after_the_call(recorded: RecordedEntry, dealt_with: CallActions | None) -> str:
    if dealt_with is None:
        return ""
    if recorded.triage.flags:
        return " You acknowledged its flags; no alert email was sent."
    return " It raised no flag: what you did is saved as a clinical note."


@nurse_required
def entry_new(request: AuthenticatedRequest, patient_id: int) -> HttpResponse:
    patient = get_patient_for_nurse(request.user, patient_id)
    if request.method == "GET":
        # The form names the patient and asks her profile's questions.
        audit.viewed(request.user, patient, "new entry form")
    today = timezone.localdate()
    form = NurseEntryForm(
        posted(request),
        instance=DailyEntry(patient=patient, entry_date=today),
        initial={"entry_date": today},
        # The rules' profile: a bone drug not yet reviewed asks its questions.
        on_bone_drug=profile_for_rules(patient).on_bone_drug,
    )
    if request.method == "POST" and form.is_valid():
        try:
            dealt_with = form.call_actions()
            recorded = record_entry_for_patient(
                patient=patient,
                nurse=request.user,
                data=form.entry_data(),
                dealt_with=dealt_with,
            )
        except DuplicateEntry:
            form.add_error(
                "entry_date",
                "There is already an entry for this day. Open it from the "
                "timeline: the patient can change it, or add a clinical note.",
            )
        else:
            entry = recorded.entry
            level = "no flags" if entry.level == "none" else entry.get_level_display()
            messages.success(
                request,
                f"Entry for {entry.entry_date:%-d %B} saved and checked: {level}."
                + _after_the_call(recorded, dealt_with),
            )
            return redirect("nurse:entry", patient_id=patient.pk, day=entry.entry_date)
    return render(
        request,
        "nurse/entry_form.html",
        {"patient": patient, "form": form},
        status=400 if form.errors else 200,
    )
