"""The audit page's filters, read from the query string (GET)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import PatientProfile, User
from accounts.validators import normalise_nhs_number
from diary.models import AuditEvent

ACTIONS = [("", "Any action"), *AuditEvent.Action.choices]
# A date range longer than this is still allowed; dates this far off are typos.
EARLIEST = dt.date(2000, 1, 1)


class AuditFilterForm(forms.Form):
    """Patient by NHS number and user by email address, as a Caldicott
    guardian is asked about them; each becomes a row's id before the query,
    so the query and the audit of the page hold ids, never typed text."""

    patient = forms.CharField(
        label="Patient's NHS number", required=False, max_length=20
    )
    actor = forms.CharField(
        label="User's email address", required=False, max_length=254
    )
    action = forms.ChoiceField(label="Action", choices=ACTIONS, required=False)
    date_from = forms.DateField(
        label="From (day, e.g. 2026-01-31)",
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    date_to = forms.DateField(
        label="To (day, included)",
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )

    def clean_patient(self) -> PatientProfile | None:
        typed = self.cleaned_data["patient"].strip()
        if not typed:
            return None
        patient = PatientProfile.objects.filter(
            nhs_number=normalise_nhs_number(typed)
        ).first()
        if patient is None:
            raise ValidationError("No patient has this NHS number.")
        return patient

    def clean_actor(self) -> User | None:
        typed = self.cleaned_data["actor"].strip()
        if not typed:
            return None
        user = User.objects.filter(email__iexact=typed).first()
        if user is None:
            raise ValidationError("No account has this email address.")
        return user

    def _clean_day(self, name: str) -> dt.date | None:
        day = self.cleaned_data[name]
        if (
            day is not None
            and not EARLIEST <= day <= timezone.localdate() + dt.timedelta(days=1)
        ):
            raise ValidationError(f"Give a day between {EARLIEST:%d %B %Y} and today.")
        return day

    def clean_date_from(self) -> dt.date | None:
        return self._clean_day("date_from")

    def clean_date_to(self) -> dt.date | None:
        return self._clean_day("date_to")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error(
                "date_to", "The 'to' day must be on or after the 'from' day."
            )
        return cleaned
