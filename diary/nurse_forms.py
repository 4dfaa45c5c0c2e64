"""Forms of the nurse's pages. Errors are worded for the person at the desk."""

from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.http import HttpRequest, QueryDict
from django.utils.html import format_html

from accounts.models import PatientProfile, Team, User
from accounts.validators import normalise_nhs_number, validate_nhs_number
from diary import fields as dd
from diary.forms import EntryForm
from diary.models import Acknowledgement, ClinicalNote


def posted(request: HttpRequest) -> QueryDict | None:
    """The data of a POST, even an empty one (which must fail validation rather
    than show a blank form, as `request.POST or None` would), None for a GET."""
    return request.POST if request.method == "POST" else None


TOO_LONG = "Please keep this to 2,000 characters or fewer (it has %(show_value)d)."


class AcknowledgeForm(forms.Form):
    action = forms.ChoiceField(
        label="What did you do?",
        choices=Acknowledgement.Action.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what you did about this flag.",
            "invalid_choice": "Choose one of the actions listed.",
        },
    )
    note = forms.CharField(
        label="Note",
        help_text="What you found and what happens next, for the record.",
        max_length=dd.FREE_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": dd.FREE_TEXT_MAX}),
        error_messages={
            "required": "Write a note about what you did.",
            "max_length": TOO_LONG,
        },
    )


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


class ClinicalProfileForm(forms.ModelForm):
    """The profile fields the red-flag rules and the patient's phone numbers read."""

    class Meta:
        model = PatientProfile
        fields = [
            "spine_metastases",
            "bone_therapy",
            "on_chemotherapy",
            "specialist_team_phone",
            "acute_oncology_phone",
        ]
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
    team = forms.ModelChoiceField(
        label="Team",
        queryset=Team.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": "Choose one of your teams."},
    )

    def __init__(self, *args: Any, nurse: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        teams = nurse.teams.all()
        self.fields["team"].queryset = teams
        if len(teams) == 1:
            # Nothing to choose: the field stays (so validation is the same)
            # but is not shown.
            self.fields["team"].initial = teams[0]
            self.fields["team"].widget = forms.HiddenInput()

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(self.EMAIL_TAKEN)
        return email

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
]


class CaseloadFilterForm(forms.Form):
    """GET parameters of the caseload; an invalid one shows its error and is ignored."""

    q = forms.CharField(label="Name or NHS number", required=False, max_length=100)
    level = forms.ChoiceField(label="Level", choices=LEVEL_FILTERS, required=False)
    not_logged = forms.IntegerField(
        label="Not logged for (days or more)",
        required=False,
        min_value=1,
        max_value=365,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "min_value": "Enter a number of days from 1 to 365.",
            "max_value": "Enter a number of days from 1 to 365.",
            "invalid": "Enter a whole number of days, for example 3.",
        },
    )
    sort = forms.ChoiceField(label="Sort by", choices=SORTS, required=False)

    def filters(self) -> dict[str, Any]:
        """The valid values, with defaults for blank or invalid ones."""
        values: dict[str, Any] = {
            "q": "",
            "level": "",
            "not_logged": None,
            "sort": "name",
        }
        if self.is_bound:
            self.is_valid()
            values.update(
                {k: v for k, v in self.cleaned_data.items() if v not in ("", None)}
            )
        return values


class NurseEntryForm(EntryForm):
    """The patient's own form, with a button that says who is saving."""

    def _build_helper(self) -> FormHelper:
        helper = super()._build_helper()
        helper.layout.fields = [
            Submit("save", "Save this entry for the patient", css_class="btn-lg w-100")
            if isinstance(part, Submit)
            else part
            for part in helper.layout.fields
        ]
        return helper
