"""What both sides hand out about one patient: the diary PDF for an
appointment (the page asking for its dates until they are valid), and the
alert card as a page and as a PDF.

The views calling these (the patient's in patient/exports.py and
patient/guidance.py, the nurse's in nurse/exports.py) have already checked
who may see `patient`.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify

from accounts.http import AuthenticatedRequest
from accounts.models import PatientProfile
from clinical.rules import guidance as texts
from diary import audit
from diary.export import alert_card_data, diary_report
from diary.forms import ExportForm, preset_ranges
from diary.pdf.card import build_alert_card_pdf
from diary.pdf.diary import build_diary_pdf


def diary_download(
    request: AuthenticatedRequest, patient: PatientProfile, *, for_nurse: bool
) -> HttpResponse:
    form = ExportForm(request.GET or None)
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        pdf = build_diary_pdf(diary_report(patient, start, end, for_nurse=for_nurse))
        if for_nurse or request.user.is_carer:
            # Cleaned dates, not the typed ones: the log reads the same whatever
            # format the nurse typed them in.
            audit.viewed(request.user, patient, f"diary PDF {start} to {end}")
        return _pdf_response(pdf, f"diary_{_file_slug(patient)}_{start}_{end}.pdf")
    if for_nurse:
        # The form to choose the dates names the patient: a view of her record.
        audit.viewed(request.user, patient, "export form")
    context = {
        "form": form,
        "patient": patient,
        "presets": preset_ranges(timezone.localdate()),
    }
    return render(
        request, "diary/export.html", context, status=400 if form.errors else 200
    )


def alert_card_page(
    request: AuthenticatedRequest, patient: PatientProfile
) -> HttpResponse:
    context = {
        "patient": patient,
        "patient_intro": texts.ALERT_CARD_PATIENT[:2],
        "patient_symptoms": texts.ALERT_CARD_SYMPTOMS,
        "professional_side": texts.ALERT_CARD_PROFESSIONAL,
    }
    return render(request, "diary/alert_card.html", context)


def alert_card_download(patient: PatientProfile) -> HttpResponse:
    pdf = build_alert_card_pdf(alert_card_data(patient))
    return _pdf_response(pdf, f"alert-card_{_file_slug(patient)}.pdf")


def _file_slug(patient: PatientProfile) -> str:
    # ASCII only, so the header needs no encoding; a name with no Latin
    # letters (Arabic, Chinese) still gets a file name that says whose it is.
    return slugify(patient.user.full_name) or f"patient-{patient.pk}"


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store, private"
    return response
