"""PDF downloads: the diary for an appointment, and the alert card."""

from __future__ import annotations

from django.http import HttpResponse

from accounts.http import AuthenticatedRequest
from accounts.models import PatientProfile
from diary import documents
from diary.access import diary_required


@diary_required
def export_diary(
    request: AuthenticatedRequest, patient: PatientProfile
) -> HttpResponse:
    return documents.diary_download(request, patient, for_nurse=False)


@diary_required
def alert_card_pdf(
    request: AuthenticatedRequest, patient: PatientProfile
) -> HttpResponse:
    return documents.alert_card_download(patient)
