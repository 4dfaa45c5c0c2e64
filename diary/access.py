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

from accounts import mfa
from accounts.models import PatientProfile, User
from diary.models import DailyEntry, Flag

View = Callable[..., HttpResponseBase]


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
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        if not request.user.is_authenticated or not request.user.is_patient:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


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
