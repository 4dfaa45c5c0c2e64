"""The patient's data rights, from her account page: download all her data,
and ask for her account to be closed (diary/data_rights/)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedRequest
from diary import audit
from diary.access import patient_required
from diary.data_rights import closure
from diary.data_rights.export import build_zip
from diary.models import AccountClosure, AuditEvent


@patient_required
@require_POST
def download_my_data(request: AuthenticatedRequest) -> HttpResponse:
    patient = request.user.patient_profile
    audit.record(
        actor=request.user, patient=patient, action=AuditEvent.Action.DOWNLOADED_DATA
    )
    response = HttpResponse(build_zip(patient), content_type="application/zip")
    name = f"my-diary-data-{timezone.localdate():%Y-%m-%d}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@patient_required
def close_account(request: AuthenticatedRequest) -> HttpResponse:
    """What closing means, then the request (staff confirm it)."""
    patient = request.user.patient_profile
    if request.method == "POST":
        closure.request_closure(patient, by=request.user)
        messages.info(
            request,
            "We have your request to close your account. A member of staff "
            "will confirm it; until then you can still use your diary.",
        )
        return redirect("account")
    asked = AccountClosure.objects.filter(patient=patient).first()
    return render(
        request,
        "diary/close_account.html",
        {"asked": asked, "years": settings.RETENTION_YEARS_AFTER_LAST_ENTRY},
    )
