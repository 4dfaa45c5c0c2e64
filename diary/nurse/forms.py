"""Forms of the nurse's pages. Errors are worded for the person at the desk."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Fieldset, Layout, Submit
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form
from django import forms
from django.http import HttpRequest, QueryDict
from django.utils.html import format_html
from django.utils.safestring import SafeString

from accounts.models import PatientProfile, Team, User
from accounts.validators import normalise_nhs_number, validate_nhs_number
from clinical import fields as dd
from diary.forms import EntryForm
from diary.models import Acknowledgement, ClinicalNote, Referral
from diary.nurse.services import CLINICAL_PROFILE_FIELDS
from diary.reports.months import MAX_MONTHS, Month, months_between
from diary.services import CallActions


def posted(request: HttpRequest) -> QueryDict | None:
    """The data of a POST, even an empty one (which must fail validation rather
    than show a blank form, as `request.POST or None` would), None for a GET."""
    return request.POST if request.method == "POST" else None


TOO_LONG = "Please keep this to 2,000 characters or fewer (it has %(show_value)d)."


def actions_field(**kwargs: Any) -> forms.MultipleChoiceField:
    """Tick every action taken; one is needed, and they are kept in list order."""
    return forms.MultipleChoiceField(
        label="What did you do? (tick all that apply)",
        choices=Acknowledgement.Action.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Tick at least one thing you did about this flag.",
            "invalid_choice": "Choose one of the actions listed.",
        },
        **kwargs,
    )


def in_list_order(actions: list[str]) -> list[str]:
    return [value for value in Acknowledgement.Action.values if value in actions]


def acknowledgement_note_field(**kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label="Note",
        help_text="What you found and what happens next, for the record.",
        max_length=dd.FREE_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": dd.FREE_TEXT_MAX}),
        error_messages={
            "required": "Write a note about what you did.",
            "max_length": TOO_LONG,
        },
        **kwargs,
    )


class AcknowledgeForm(forms.Form):
    # The checkboxes share the name "action", one value per box.
    action = actions_field()
    note = acknowledgement_note_field()
    referrals = forms.MultipleChoiceField(
        label="Referrals made (tick any)",
        choices=Referral.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Counted in the team's service report.",
        error_messages={"invalid_choice": "Choose one of the referrals listed."},
    )
    outcome = forms.ChoiceField(
        label="Outcome (optional)",
        choices=[("", "Not recorded"), *Acknowledgement.Outcome.choices],
        required=False,
        help_text="The service's own list, for its figures.",
        error_messages={"invalid_choice": "Choose one of the outcomes listed."},
    )

    def clean_action(self) -> list[str]:
        return in_list_order(self.cleaned_data["action"])

    def clean_referrals(self) -> list[str]:
        chosen = self.cleaned_data["referrals"]
        return [kind for kind in Referral.Kind.values if kind in chosen]


class ClinicalNoteForm(forms.ModelForm):
    class Meta:
        model = ClinicalNote
        fields = ["text"]
        labels = {"text": "New clinical note"}
        help_texts = {
            "text": "Only nurses see clinical notes. A saved note cannot be changed."
        }
        widgets = {
            "text": forms.Textarea(attrs={"rows": 4, "maxlength": dd.FREE_TEXT_MAX})
        }
        error_messages = {
            "text": {
                "required": "Write the note before saving it.",
                "max_length": TOO_LONG,
            }
        }


@functools.cache
def blank_note_form() -> SafeString:
    """The empty note form of every record page, rendered by crispy once per
    process: with no values and no errors its HTML never changes, and
    rendering it was about 1 ms of the page. A posted note with errors is
    shown by the note page's own bound form."""
    return as_crispy_form(ClinicalNoteForm())


class ClinicalProfileForm(forms.ModelForm):
    """The profile fields the red-flag rules and the patient's phone numbers read."""

    class Meta:
        model = PatientProfile
        fields = list(CLINICAL_PROFILE_FIELDS)
        labels = {
            "specialist_team_phone": "Specialist team number for this patient",
            "acute_oncology_phone": "24-hour acute oncology number for this patient",
        }
        widgets = {"bone_therapy": forms.RadioSelect}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        team = self.instance.team
        # crispy prints help texts unescaped, so the team's numbers are escaped.
        for name in ("specialist_team_phone", "acute_oncology_phone"):
            self.fields[name].help_text = format_html(
                "Leave blank to use the team's number ({}).", getattr(team, name)
            )


class InviteForm(forms.Form):
    EMAIL_TAKEN = (
        "There is already an account with this email address. If it is "
        "this patient's, ask an administrator to add them to your team."
    )
    # For an account outside the nurse's teams: it says nothing about whether
    # one exists, or whose it is (invites.record_refused_invite audits it).
    CANNOT_INVITE = (
        "An invitation cannot be sent to this email address. Check the address "
        "with the patient; if it is right, ask an administrator for help."
    )

    full_name = forms.CharField(
        label="Full name",
        max_length=200,
        error_messages={"required": "Enter the patient's full name."},
    )
    email = forms.EmailField(
        label="Email address",
        help_text="The invitation link goes here.",
        error_messages={
            "required": "Enter the patient's email address.",
            "invalid": "Enter an email address like name@example.org.",
        },
    )
    nhs_number = forms.CharField(
        label="NHS number (optional)",
        required=False,
        max_length=14,
        validators=[validate_nhs_number],
    )
    mobile_phone = PatientProfile._meta.get_field("mobile_phone").formfield(
        label="Patient's mobile phone (optional)"
    )
    other_phone = PatientProfile._meta.get_field("other_phone").formfield(
        label="Patient's other phone, home or work (optional)"
    )
    team = forms.ModelChoiceField(
        label="Team",
        queryset=Team.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": "Choose one of your teams."},
    )

    def __init__(self, *args: Any, nurse: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.nurse = nurse
        teams = nurse.teams.all()
        team_field = self.fields["team"]
        assert isinstance(team_field, forms.ModelChoiceField)
        team_field.queryset = teams
        if len(teams) == 1:
            # Nothing to choose: the field stays (so validation is the same)
            # but is not shown.
            self.fields["team"].initial = teams[0]
            self.fields["team"].widget = forms.HiddenInput()

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise self.taken_error(email)
        return email

    def taken_error(self, email: str) -> forms.ValidationError:
        """EMAIL_TAKEN for a patient in one of the nurse's teams (whom the
        nurse can see anyway), CANNOT_INVITE for any other account."""
        in_my_teams = User.objects.filter(
            email__iexact=email, patient_profile__team__in=self.nurse.team_ids()
        ).exists()
        if in_my_teams:
            return forms.ValidationError(self.EMAIL_TAKEN, code="taken")
        return forms.ValidationError(self.CANNOT_INVITE, code="taken_elsewhere")

    def clean_nhs_number(self) -> str:
        return normalise_nhs_number(self.cleaned_data["nhs_number"])


LEVEL_FILTERS = [
    ("", "Any"),
    ("red", "Red (today or open from the last 7 days)"),
    ("amber", "Amber (today or open from the last 7 days)"),
    ("green", "Green (today or open from the last 7 days)"),
    ("none", "Logged today, no flags and none open"),
    ("not_today", "Not logged today"),
]
SORTS = [
    ("name", "Name (A to Z)"),
    ("level", "Level, last 7 days (most urgent first)"),
    ("open_flags", "Open flags (most first)"),
    ("quiet", "Days since last entry (longest first)"),
    ("completion_14", "Days filled in, last 14 (fewest first)"),
    ("completion_28", "Days filled in, last 28 (fewest first)"),
]
FILLED_DAYS = [(14, "the last 14 days"), (28, "the last 28 days")]


def _days_field(
    label: str, most: int, *, example: int, help_text: str = ""
) -> forms.IntegerField:
    """An optional number of days from 1 to `most`, typed on a phone's keypad."""
    out_of_range = f"Enter a number of days from 1 to {most}."
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=1,
        max_value=most,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "min_value": out_of_range,
            "max_value": out_of_range,
            "invalid": f"Enter a whole number of days, for example {example}.",
        },
    )


class CaseloadFilterForm(forms.Form):
    """GET parameters of the caseload; an invalid one shows its error and is ignored."""

    q = forms.CharField(label="Name or NHS number", required=False, max_length=100)
    level = forms.ChoiceField(label="Level", choices=LEVEL_FILTERS, required=False)
    not_logged = _days_field("Not logged for (days or more)", 365, example=3)
    filled_fewer = _days_field(
        "Fewer than (days)",
        28,
        example=7,
        help_text="A diary begun within the period is held to the same share "
        "of its own days (fewer than 7 of 14: under half).",
    )
    filled_days = forms.TypedChoiceField(
        label="Out of",
        choices=FILLED_DAYS,
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": "Choose the last 14 or the last 28 days."},
    )
    sort = forms.ChoiceField(label="Sort by", choices=SORTS, required=False)

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        fewer, days = cleaned.get("filled_fewer"), cleaned.get("filled_days") or 14
        if "filled_days" in self.errors:
            # A count of days means nothing without its period: not applied.
            cleaned.pop("filled_fewer", None)
        elif fewer and fewer > days:
            self.add_error(
                "filled_fewer",
                f"For the last {days} days, enter a number of days from 1 to {days}.",
            )
        return cleaned

    def filters(self) -> dict[str, Any]:
        """The valid values, with defaults for blank or invalid ones."""
        values: dict[str, Any] = {
            "q": "",
            "level": "",
            "not_logged": None,
            "filled_fewer": None,
            "filled_days": 14,
            "sort": "name",
        }
        if self.is_bound:
            self.is_valid()
            values.update(
                {k: v for k, v in self.cleaned_data.items() if v not in ("", None)}
            )
        return values


class NurseEntryForm(EntryForm):
    """The patient's own form, with a button that says who is saving, and a
    part for what the nurse did during the call: ticked, the flags the entry
    raises are acknowledged by her as it is saved, with no alert email."""

    NEEDS_TICK = (
        "Tick 'I have dealt with this during the call' to record what you "
        "did, or clear the actions and the note."
    )

    dealt_with = forms.BooleanField(
        label="I have dealt with this during the call",
        required=False,
        help_text="Any flag this entry raises is then acknowledged by you, with "
        "the actions and note below, and no alert email goes to the team. "
        "Leave it unticked and flags go to the triage queue as usual.",
    )
    call_action = actions_field(required=False)
    call_note = acknowledgement_note_field(required=False)

    def _build_helper(self) -> FormHelper:
        helper = super()._build_helper()
        parts = list(helper.layout.fields)
        save = next(i for i, part in enumerate(parts) if isinstance(part, Submit))
        parts[save] = Submit(
            "save", "Save this entry for the patient", css_class="btn-lg w-100"
        )
        # Before the save bar, which opens with an HTML part.
        at = save - 1 if save and isinstance(parts[save - 1], HTML) else save
        parts.insert(
            at,
            Fieldset(
                "During the call",
                "dealt_with",
                "call_action",
                "call_note",
                css_class="diary-section section-call",
                css_id="call",
            ),
        )
        helper.layout = Layout(*parts)
        return helper

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        actions, note = cleaned.get("call_action"), cleaned.get("call_note")
        if not cleaned.get("dealt_with"):
            if actions or note:
                self.add_error("dealt_with", self.NEEDS_TICK)
        else:
            if not actions and "call_action" not in self.errors:
                self.add_error(
                    "call_action", "Tick at least one thing you did during the call."
                )
            if not note and "call_note" not in self.errors:
                self.add_error("call_note", "Write a note about what you did.")
        return cleaned

    def call_actions(self) -> CallActions | None:
        """What the nurse did during the call, None unless she ticked the box."""
        if not self.cleaned_data["dealt_with"]:
            return None
        return CallActions(
            actions=tuple(in_list_order(self.cleaned_data["call_action"])),
            note=self.cleaned_data["call_note"],
        )


class ServiceReportForm(forms.Form):
    """A range of calendar months, up to MAX_MONTHS, none of them to come."""

    first = forms.CharField(
        label="From (month)",
        widget=forms.DateInput(attrs={"type": "month", "placeholder": "2026-01"}),
        error_messages={"required": "Enter the first month, for example 2026-01."},
    )
    last = forms.CharField(
        label="To (month)",
        widget=forms.DateInput(attrs={"type": "month", "placeholder": "2026-06"}),
        error_messages={"required": "Enter the last month, for example 2026-06."},
    )

    def __init__(self, *args: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.this_month = Month.of(today)

    def _month(self, name: str) -> Month:
        try:
            month = Month.parse(self.cleaned_data[name])
        except ValueError:
            raise forms.ValidationError(
                "Enter a month as year and month, for example 2026-03."
            ) from None
        if month > self.this_month:
            raise forms.ValidationError("This month has not started yet.")
        return month

    def clean_first(self) -> Month:
        return self._month("first")

    def clean_last(self) -> Month:
        return self._month("last")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        first, last = data.get("first"), data.get("last")
        if first and last:
            if last < first:
                self.add_error("last", "The last month must not be before the first.")
            elif len(months_between(first, last)) > MAX_MONTHS:
                self.add_error("last", f"Choose {MAX_MONTHS} months or fewer.")
        return data

    def period(self) -> tuple[Month, Month] | None:
        """The months asked for; the last six when nothing was asked; None if
        the form is invalid (its errors are by the fields)."""
        if not self.is_bound:
            return self.this_month.plus(-5), self.this_month
        if not self.is_valid():
            return None
        return self.cleaned_data["first"], self.cleaned_data["last"]
