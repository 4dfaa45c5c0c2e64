"""Filling the PDF builders' plain dataclasses from the database."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db.models import Min
from django.utils import timezone

from accounts.models import PatientProfile
from clinical import fields as dd
from clinical.levels import FLAG_LEVELS, URGENT
from clinical.rules import CONDITIONS
from clinical.rules import guidance as texts
from diary.models import DailyEntry, Flag
from diary.pdf.data import AlertCard, DayRow, DiaryReport, FlagEvent, ReportHeader


def diary_report(
    patient: PatientProfile,
    start: dt.date,
    end: dt.date,
    *,
    for_nurse: bool = False,
) -> DiaryReport:
    """The diary between two dates. Acknowledgement notes are nurse-only: the
    patient's own copy says who acknowledged a flag and what they did, not
    the team's internal note."""
    diary = DailyEntry.objects.for_patient(patient)
    entries = list(
        diary.between(start, end).select_related("entered_by").order_by("entry_date")
    )
    flags = list(
        Flag.objects.filter(entry__in=[e.pk for e in entries])
        .select_related("entry", "acknowledgement__nurse")
        .order_by("entry__entry_date", "created_at")
    )
    counts = Counter(f.level for f in flags if f.status != Flag.Status.WITHDRAWN)
    return DiaryReport(
        header=ReportHeader(
            patient_name=patient.user.full_name,
            date_of_birth=patient.date_of_birth,
            nhs_number=patient.nhs_number,
            team_name=patient.team.name,
            start=start,
            end=end,
            generated_at=timezone.localtime(),
        ),
        rows=tuple(_day_row(e, patient) for e in entries),
        events=tuple(_event(f, for_nurse) for f in flags if f.level in URGENT),
        flag_counts={level: counts[level] for level in FLAG_LEVELS},
        profile=_profile_rows(patient),
        diary_began=diary.aggregate(first=Min("entry_date"))["first"],
    )


def _profile_rows(patient: PatientProfile) -> tuple[tuple[str, str], ...]:
    """The answers the rules read. Not yet reviewed, the stored defaults are
    nobody's answer: the rows say what the rules took instead (HAZ-16)."""
    return tuple(
        (
            dd.CLINICAL_LABELS[code],
            dd.profile_value(
                code,
                getattr(patient, code) if patient.profile_reviewed else dd.NOT_REVIEWED,
            ),
        )
        for code in ("spine_metastases", "bone_therapy", "on_chemotherapy")
    )


def _recorded_by(entry: DailyEntry, patient: PatientProfile) -> str:
    """ "" for the patient's own entry, else who recorded it for them."""
    if entry.entered_by_id == patient.user_id:
        return ""
    who = entry.entered_by
    if who.is_carer:
        return f"carer {who.full_name} for {patient.user.full_name}"
    return f"nurse {who.full_name}" if who.is_nurse else who.full_name


def _day_row(entry: DailyEntry, patient: PatientProfile) -> DayRow:
    return DayRow(
        day=entry.entry_date,
        pain_score=entry.pain_score,
        pain_sites=tuple(entry.pain_sites or ()),
        fatigue_score=entry.fatigue_score,
        breakthrough_doses=entry.breakthrough_doses,
        warning_signs=tuple(entry.reported_signs()),
        temperature_c=entry.temperature_c,
        notes=entry.notes,
        questions_for_team=entry.questions_for_team,
        level=entry.level,
        recorded_by=_recorded_by(entry, patient),
    )


def _event(flag: Flag, for_nurse: bool) -> FlagEvent:
    ack = getattr(flag, "acknowledgement", None)
    return FlagEvent(
        day=flag.entry.entry_date,
        condition=CONDITIONS[flag.condition],
        level=flag.level,
        reasons=tuple(dd.clinical_reasons(flag.reasons)),
        status=flag.status,
        acknowledged_by=ack.nurse.full_name if ack else "",
        acknowledged_at=timezone.localtime(ack.created_at) if ack else None,
        action=ack.actions_display if ack else "",
        note=ack.note if ack and for_nurse else "",
    )


def alert_card_data(patient: PatientProfile) -> AlertCard:
    return AlertCard(
        patient_name=patient.user.full_name,
        nhs_number=patient.nhs_number,
        date_of_birth=patient.date_of_birth,
        team_name=patient.team.name,
        specialist_team_phone=patient.specialist_phone,
        acute_oncology_phone=patient.acute_phone,
        patient_side=(
            *texts.ALERT_CARD_PATIENT[:2],
            *(f"• {s}" for s in texts.ALERT_CARD_SYMPTOMS),
        ),
        professional_side=texts.ALERT_CARD_PROFESSIONAL,
    )
