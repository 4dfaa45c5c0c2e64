"""Authorization in one place: role decorators and object helpers that 404."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404

from accounts import mfa
from accounts.models import PatientProfile
from diary.models import DailyEntry

View = Callable[..., HttpResponse]


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
    return get_object_or_404(DailyEntry.objects.for_patient(patient), entry_date=day)


def patients_for_nurse(user) -> PatientProfile.objects:
    return PatientProfile.objects.filter(team__in=user.teams.all())


def get_patient_for_nurse(user, patient_id: int) -> PatientProfile:
    return get_object_or_404(
        patients_for_nurse(user).select_related("user", "team", "profile_reviewed_by"),
        pk=patient_id,
    )
