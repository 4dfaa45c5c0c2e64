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
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect

from accounts import mfa
from accounts.models import PatientProfile, Team, User
from diary.models import DailyEntry, Flag

View = Callable[..., HttpResponse]


class RefusedAccess(Http404):
    """A patient, flag or day that is not the user's: the same 404 as a page
    that does not exist (its existence is nobody else's business), with what
    was asked for (an id or a date, never anything of the row) for the audit."""

    def __init__(self, **asked: int | str) -> None:
        super().__init__("No such page.")
        self.asked = asked


def patient_required(view: View) -> View:
    """Pages of a patient's own diary. Anyone else gets a 404, not a 403:
    the page's existence is nobody else's business."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated or not request.user.is_patient:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def nurse_required(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
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


def get_entry_for_patient(patient: PatientProfile, day: dt.date) -> DailyEntry:
    try:
        return DailyEntry.objects.for_patient(patient).get(entry_date=day)
    except DailyEntry.DoesNotExist:
        raise RefusedAccess(day=day.isoformat()) from None


def patients_for_nurse(user: User) -> QuerySet[PatientProfile]:
    return PatientProfile.objects.filter(team__in=user.teams.all())


def get_patient_for_nurse(user: User, patient_id: int) -> PatientProfile:
    patients = patients_for_nurse(user).select_related(
        "user", "team", "profile_reviewed_by"
    )
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
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
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
