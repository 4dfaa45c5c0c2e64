"""Authorization in one place: role decorators and object helpers that 404.

The object helpers raise RefusedAccess, a plain 404 to the visitor, which
diary.middleware.RefusedAccessAuditMiddleware records (one row per refusal,
with what was asked for) before Django renders the usual 404 page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps

from django.db.models import QuerySet
from django.http import (
    Http404,
    HttpRequest,
    HttpResponseBase,
    HttpResponseRedirect,
)
from django.urls import reverse

from accounts import mfa
from accounts.models import CarerLink, PatientProfile, Team, User
from diary.models import DailyEntry, Flag

View = Callable[..., HttpResponseBase]


class RefusedAccess(Http404):
    """A patient, flag or day that is not the user's: the same 404 as a page
    that does not exist (its existence is nobody else's business), with what
    was asked for (an id or a date, never anything of the row) for the audit."""

    def __init__(self, **asked: int | str) -> None:
        super().__init__("No such page.")
        self.asked = asked


# The patient a carer is entering for, chosen on the "whom are you helping"
# page (diary/carer/views.py); checked against a live link on every request.
HELPING_SESSION_KEY = "carer_helping"


def diary_required(view: View) -> View:
    """The diary's pages, for the patient herself or for a carer she has let
    help: the view gets the diary's patient (the "subject") as its second
    argument. A carer's patient is re-checked on every request, so a revoked
    link is a 404 at once, even in a session that began before."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        user = request.user
        if user.is_authenticated and user.is_patient:
            return view(request, user.patient_profile, *args, **kwargs)
        if not user.is_authenticated or not user.is_carer:
            raise Http404
        patient = helped_patient(request, user)
        if patient is None:
            return HttpResponseRedirect(reverse("carer:choose"))
        return view(request, patient, *args, **kwargs)

    return wrapper


def patient_required(view: View) -> View:
    """Pages for the patient herself and never for a carer: her account's own
    choices and rights (reminders, her data, closing her account)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        if not request.user.is_authenticated or not request.user.is_patient:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def carer_required(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        if not request.user.is_authenticated or not request.user.is_carer:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def patients_for_carer(user: User) -> QuerySet[PatientProfile]:
    return PatientProfile.objects.filter(
        pk__in=CarerLink.objects.active().filter(carer=user).values("patient")
    )


def get_patient_for_carer(user: User, patient_id: int) -> PatientProfile:
    """A patient the carer helps now; another's, or after the link was
    revoked, a 404."""
    try:
        return (
            patients_for_carer(user).select_related("user", "team").get(pk=patient_id)
        )
    except PatientProfile.DoesNotExist:
        raise RefusedAccess(patient_id=patient_id) from None


def helped_patient(request: HttpRequest, user: User) -> PatientProfile | None:
    """The patient chosen in this session (a 404 if no longer helped); with
    none chosen, the only one the carer helps, else None (they choose)."""
    chosen = request.session.get(HELPING_SESSION_KEY)
    if chosen is not None:
        return get_patient_for_carer(user, chosen)
    helped = list(patients_for_carer(user).select_related("user", "team")[:2])
    if len(helped) != 1:
        return None
    request.session[HELPING_SESSION_KEY] = helped[0].pk
    return helped[0]


def shown_subject(request: HttpRequest) -> PatientProfile | None:
    """Whose diary the page is about, for what every page shows (the flag
    banner, "You are entering for"), never raising: the view itself refuses."""
    user = request.user
    if user.is_authenticated and user.is_patient:
        return user.patient_profile
    if not user.is_authenticated or not user.is_carer:
        return None
    chosen = request.session.get(HELPING_SESSION_KEY)
    if chosen is None:
        return None
    return patients_for_carer(user).select_related("user").filter(pk=chosen).first()


def nurse_required(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        if not request.user.is_authenticated or not request.user.is_nurse:
            raise Http404
        # SecondStepMiddleware already sends them there; this keeps patient
        # records behind the second step even if the middleware were removed.
        if not request.user.is_verified():
            return HttpResponseRedirect(
                mfa.second_step_url(request.user, request.get_full_path())
            )
        return view(request, *args, **kwargs)

    return wrapper


def staff_required(view: View) -> View:
    """Staff pages outside the admin (the audit page, diary/staff/): staff
    who passed the second step, as the admin asks (config/admin.py). Anyone
    else signed in gets a 404, as every role's pages here answer."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        if not request.user.is_authenticated or not request.user.is_staff:
            raise Http404
        if not request.user.is_verified():
            return HttpResponseRedirect(
                mfa.second_step_url(request.user, request.get_full_path())
            )
        return view(request, *args, **kwargs)

    return wrapper


def get_entry_for_patient(patient: PatientProfile, day: dt.date) -> DailyEntry:
    try:
        return DailyEntry.objects.for_patient(patient).get(entry_date=day)
    except DailyEntry.DoesNotExist:
        raise RefusedAccess(day=day.isoformat()) from None


def patients_for_nurse(user: User) -> QuerySet[PatientProfile]:
    return PatientProfile.objects.filter(team__in=user.team_ids())


def get_patient_for_nurse(
    user: User,
    patient_id: int,
    *,
    joined: tuple[str, ...] = ("user", "team", "profile_reviewed_by"),
) -> PatientProfile:
    """The nurse's patient, with the `joined` relations selected."""
    patients = patients_for_nurse(user).select_related(*joined)
    try:
        return patients.get(pk=patient_id)
    except PatientProfile.DoesNotExist:
        raise RefusedAccess(patient_id=patient_id) from None


def get_flag_for_nurse(user: User, flag_id: int) -> Flag:
    flags = Flag.objects.for_nurse(user).select_related(
        "entry__patient__user", "acknowledgement__nurse"
    )
    try:
        return flags.get(pk=flag_id)
    except Flag.DoesNotExist:
        raise RefusedAccess(flag_id=flag_id) from None


def report_reader_required(view: View) -> View:
    """Service reports: nurses (a lead sees her teams', get_team_for_report)
    and staff (every team's). Anyone else gets a 404."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        user = request.user
        if not user.is_authenticated or not (user.is_nurse or user.is_staff):
            raise Http404
        if not user.is_verified():
            return HttpResponseRedirect(
                mfa.second_step_url(user, request.get_full_path())
            )
        return view(request, *args, **kwargs)

    return wrapper


def report_teams(user: User) -> QuerySet[Team]:
    """The teams whose service report the user may read: staff all, a nurse
    the teams she leads, anyone else none."""
    if user.is_staff:
        return Team.objects.all()
    if user.is_nurse:
        return Team.objects.filter(lead_nurses=user)
    return Team.objects.none()


def get_team_for_report(user: User, team_id: int) -> Team:
    try:
        return report_teams(user).get(pk=team_id)
    except Team.DoesNotExist:
        raise RefusedAccess(team_id=team_id) from None
