"""The carer's own page: whom they are entering for. Everything else a carer
does is the patient room's pages, served for the patient chosen here
(diary.access.diary_required; docs/decisions/0006-carers.md)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedRequest
from diary.access import (
    HELPING_SESSION_KEY,
    carer_required,
    get_patient_for_carer,
    patients_for_carer,
)


@carer_required
def choose(request: AuthenticatedRequest) -> HttpResponse:
    helped = patients_for_carer(request.user).select_related("user")
    return render(
        request,
        "carer/choose.html",
        {"helped": helped, "current": request.session.get(HELPING_SESSION_KEY)},
    )


@require_POST
@carer_required
def help_patient(request: AuthenticatedRequest, patient_id: int) -> HttpResponse:
    """Enter for this patient from now on in this session."""
    patient = get_patient_for_carer(request.user, patient_id)
    request.session[HELPING_SESSION_KEY] = patient.pk
    return redirect("today")
