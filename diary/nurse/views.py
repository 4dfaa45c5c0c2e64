"""The nurse's lists: triage queue, green review, acknowledgement, caseload, invite.

Thin views: authorize (nurse_required + team-scoped QuerySets that 404),
parse, call a service, render. Every list is a constant number of queries.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from accounts import invites
from accounts.http import AuthenticatedRequest
from accounts.models import Invitation, User
from clinical.levels import URGENT
from clinical.rules import CONDITIONS
from diary import audit, escalation
from diary.access import (
    get_flag_for_nurse,
    get_patient_for_nurse,
    nurse_required,
    patients_for_nurse,
)
from diary.models import Flag, FlagQuerySet
from diary.nurse import caseload as cl
from diary.nurse.cards import flag_cards
from diary.nurse.forms import AcknowledgeForm, CaseloadFilterForm, InviteForm, posted
from diary.nurse.links import Links
from diary.nurse.previews import counted_page, first_and_count
from diary.services import acknowledge_flag

QUEUE_PAGE_SIZE = 25
PREVIEW_SIZE = 10
CASELOAD_PAGE_SIZE = 25


def _open_flags(user: User) -> FlagQuerySet:
    # What the cards show (diary.nurse.cards) and the overdue marks read: an
    # entry has 44 columns and a user 11, and loading every one of them for
    # every card was a tenth of the page. Who entered the day comes from
    # _with_enterers, and the teams' calendars from escalation.overdue_ids,
    # not from joins here.
    return (
        Flag.objects.open()
        .for_nurse(user)
        .select_related("entry__patient__user")
        .only(*CARD_FIELDS)
    )


CARD_FIELDS = (
    "condition",
    "level",
    "reasons",
    "status",
    "created_at",
    "entry__entry_date",
    "entry__updated_at",
    "entry__escalated",
    "entry__entered_by",
    "entry__patient__nhs_number",
    "entry__patient__mobile_phone",
    "entry__patient__other_phone",
    "entry__patient__user__full_name",
    "entry__patient__team",
)


def _with_enterers(flags: list[Flag]) -> list[Flag]:
    """Who entered the day, where it was not the patient (the card names a
    carer, or says a nurse): one query for the page, none when every patient
    entered her own days. Joined instead, it made each card query an
    eight-table join that PostgreSQL took 2-2.5 ms to plan
    (docs/performance.md)."""
    by_others = [
        flag.entry
        for flag in flags
        if flag.entry.entered_by_id != flag.entry.patient.user_id
    ]
    prefetch_related_objects(
        by_others, Prefetch("entered_by", User.objects.only("full_name", "role"))
    )
    return flags


@nurse_required
def queue(request: AuthenticatedRequest) -> HttpResponse:
    today = timezone.localdate()
    flags = _open_flags(request.user)
    urgent = escalation.with_waiting_since(
        flags.filter(level__in=URGENT).triage_order()
    )
    greens = flags.filter(level="green").order_by("created_at", "pk")
    # Until a nurse confirms it, the rules read a new patient's profile the
    # safer way (HAZ-16); the task stays here until then.
    unreviewed = (
        patients_for_nurse(request.user)
        .filter(profile_reviewed_at__isnull=True)
        .select_related("user")
        .order_by("user__date_joined", "pk")
    )
    green_cards, green_count = first_and_count(greens, PREVIEW_SIZE)
    quiet, quiet_count = first_and_count(cl.quiet(request.user, today), PREVIEW_SIZE)
    # Read once, as a list: the overdue marks and the template go over it.
    page = counted_page(urgent, request.GET.get("page"), QUEUE_PAGE_SIZE)
    _with_enterers([*page.object_list, *green_cards])
    audit.listed(request.user, "queue", page_number=page.number)
    # Waited too long (diary/escalation.py): marked on the card.
    overdue = escalation.overdue_ids(page.object_list, timezone.now())
    return render(
        request,
        "nurse/queue.html",
        {
            "page": page,
            "cards": flag_cards(page.object_list, overdue),
            "green_cards": flag_cards(green_cards, set()),
            "green_count": green_count,
            "quiet": quiet,
            "quiet_count": quiet_count,
            "quiet_days": cl.QUIET_DAYS,
            # All of them: each is a task, and new patients are few.
            "unreviewed": list(unreviewed),
            "today": today,
        },
    )


@nurse_required
def review(request: AuthenticatedRequest) -> HttpResponse:
    greens = (
        _open_flags(request.user).filter(level="green").order_by("created_at", "pk")
    )
    page = Paginator(greens, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    audit.listed(request.user, "review", page_number=page.number)
    flags = _with_enterers(list(page.object_list))
    cards = flag_cards(flags, overdue_ids=set())  # greens are never overdue
    return render(request, "nurse/review.html", {"page": page, "cards": cards})


@nurse_required
def acknowledge(request: AuthenticatedRequest, flag_id: int) -> HttpResponse:
    flag = get_flag_for_nurse(request.user, flag_id)
    if request.method == "GET":
        # The page shows the patient's symptoms behind the flag.
        audit.viewed(request.user, flag.entry.patient, f"flag {flag.pk}")
    back = _safe_next(request) or reverse("nurse:queue")
    form = AcknowledgeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        outcome = acknowledge_flag(
            flag=flag,
            nurse=request.user,
            actions=form.cleaned_data["action"],
            note=form.cleaned_data["note"],
            referrals=form.cleaned_data["referrals"],
            outcome=form.cleaned_data["outcome"],
        )
        patient = flag.entry.patient.user.full_name
        if outcome.won:
            messages.success(
                request,
                f"Acknowledged: {CONDITIONS[flag.condition].lower()} for {patient}.",
            )
            return redirect(back)
        closed_by = (
            "Someone else closed this flag first"
            if outcome.acknowledgement
            else "The entry was changed and this flag no longer applies"
        )
        messages.warning(
            request,
            f"{closed_by} (see below). Your action and note were saved as a "
            "clinical note on the record.",
        )
        return redirect(request.get_full_path())
    return render(
        request,
        "nurse/acknowledge.html",
        {"flag": flag, "form": form, "back": back},
        status=400 if form.errors else 200,
    )


def _safe_next(request: AuthenticatedRequest) -> str:
    target = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


@nurse_required
def caseload(request: AuthenticatedRequest) -> HttpResponse:
    today = timezone.localdate()
    form = CaseloadFilterForm(request.GET or None)
    filters = form.filters()
    patients = cl.search(cl.annotated(request.user, today), today, **filters)
    page = Paginator(patients, CASELOAD_PAGE_SIZE).get_page(request.GET.get("page"))
    # Counted from the profiles alone (joined to their figures, the count took
    # 3 times as long at 10,000 patients); the rows from the sort's index.
    if page.paginator.count:
        page.object_list = cl.listed(patients)[
            page.start_index() - 1 : page.end_index()
        ]
    # The filters and sort, and whether a name or NHS number was searched
    # for: never the text itself (it is a patient's name or number).
    audit.listed(
        request.user,
        "caseload",
        searched=bool(filters["q"]),
        page_number=page.number,
        **{name: value for name, value in filters.items() if name != "q"},
    )
    rows = cl.rows(page.object_list, today, Links().patient)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "nurse/caseload.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query": query.urlencode(),
            "sparkline_days": cl.SPARKLINE_DAYS,
        },
    )


@nurse_required
def invite(request: AuthenticatedRequest) -> HttpResponse:
    form = InviteForm(posted(request), nurse=request.user)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        try:
            invitation = invites.invite_patient(nurse=request.user, **form.cleaned_data)
        except IntegrityError:
            # Someone created an account with this email since the form checked.
            form.add_error("email", form.taken_error(email))
        else:
            _tell_about_sending(request, invitation)
            return redirect("nurse:patient", patient_id=invitation.patient_id)
    if form.has_error("email", "taken_elsewhere"):
        invites.record_refused_invite(
            nurse=request.user, email=form.data["email"].strip().lower()
        )
    return render(
        request,
        "nurse/invite_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def _tell_about_sending(request: AuthenticatedRequest, invitation: Invitation) -> None:
    if invites.send_invitation(invitation):
        messages.success(
            request,
            f"Invitation sent to {invitation.email}. The link works once, "
            f"for {invites.INVITE_DAYS} days.",
        )
    else:
        messages.error(
            request,
            f"The invitation email to {invitation.email} could not be sent. "
            "Check the address, then use 'Send a new invitation' below.",
        )


@nurse_required
@require_POST
def invite_resend(request: AuthenticatedRequest, patient_id: int) -> HttpResponse:
    patient = get_patient_for_nurse(request.user, patient_id)
    if not invites.awaiting_signup(patient):
        messages.info(request, "This patient has already set a password.")
    else:
        _tell_about_sending(
            request, invites.reinvite(patient=patient, nurse=request.user)
        )
    return redirect("nurse:patient", patient_id=patient.pk)
