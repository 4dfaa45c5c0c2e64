"""PDF downloads: the diary for an appointment, and the alert card."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import PatientProfile
from diary import audit
from diary.access import get_patient_for_nurse, nurse_required, patient_required
from diary.export import alert_card, diary_report
from diary.forms import ExportForm, preset_ranges
from diary.pdf.card import build_alert_card_pdf
from diary.pdf.diary import build_diary_pdf


@patient_required
def export_diary(request: HttpRequest) -> HttpResponse:
    return _export(request, request.user.patient_profile, for_nurse=False)


@nurse_required
def nurse_export_diary(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = get_patient_for_nurse(request.user, patient_id)
    return _export(request, patient, for_nurse=True)


def _export(
    request: HttpRequest, patient: PatientProfile, *, for_nurse: bool
) -> HttpResponse:
    form = ExportForm(request.GET or None)
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        pdf = build_diary_pdf(diary_report(patient, start, end, for_nurse=for_nurse))
        if for_nurse:
            # Cleaned dates, not the typed ones: the log reads the same whatever
            # format the nurse typed them in.
            audit.viewed(request.user, patient, f"diary PDF {start} to {end}")
        return _pdf_response(pdf, f"diary_{_file_slug(patient)}_{start}_{end}.pdf")
    context = {
        "form": form,
        "patient": patient,
        "presets": preset_ranges(timezone.localdate()),
    }
    return render(
        request, "diary/export.html", context, status=400 if form.errors else 200
    )


@patient_required
def alert_card_pdf(request: HttpRequest) -> HttpResponse:
    return _card_response(request.user.patient_profile)


@nurse_required
def nurse_alert_card_pdf(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = get_patient_for_nurse(request.user, patient_id)
    audit.viewed(request.user, patient, "alert card PDF")
    return _card_response(patient)


def _card_response(patient: PatientProfile) -> HttpResponse:
    pdf = build_alert_card_pdf(alert_card(patient))
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
