"""A patient's diary PDF and alert card, as the nurse opens them from the
record. Each opening is audited. They are the documents the patient gets
(diary/documents.py), the diary PDF with the team's acknowledgement notes."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from diary import audit, documents
from diary.access import get_patient_for_nurse, nurse_required


@nurse_required
def export_diary(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = get_patient_for_nurse(request.user, patient_id)
    return documents.diary_download(request, patient, for_nurse=True)


@nurse_required
def alert_card(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = get_patient_for_nurse(request.user, patient_id)
    audit.viewed(request.user, patient, "alert card")
    return documents.alert_card_page(request, patient)


@nurse_required
def alert_card_pdf(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = get_patient_for_nurse(request.user, patient_id)
    audit.viewed(request.user, patient, "alert card PDF")
    return documents.alert_card_download(patient)
