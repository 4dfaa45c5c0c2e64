"""PDF downloads: the diary for an appointment, and the alert card."""

from __future__ import annotations

from django.http import HttpResponse

from accounts.http import AuthenticatedRequest
from diary import documents
from diary.access import patient_required


@patient_required
def export_diary(request: AuthenticatedRequest) -> HttpResponse:
    return documents.diary_download(
        request, request.user.patient_profile, for_nurse=False
    )


@patient_required
def alert_card_pdf(request: AuthenticatedRequest) -> HttpResponse:
    return documents.alert_card_download(request.user.patient_profile)
