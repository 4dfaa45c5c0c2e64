"""The forms both sides use: the daily entry form, one page with the warning
signs first, then the sections of the data dictionary that describe how the
day went (the nurse's NurseEntryForm extends it; the live check reads it
half filled in), and the dates of a diary PDF."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Layout, Submit
from django import forms
from django.utils import timezone

from clinical import fields as dd
from diary.form_html import Box, CheckBox, ChoiceButtons, PlainFieldset
from diary.models import DailyEntry, is_within_edit_window

YES_NO = [("yes", "Yes"), ("no", "No")]
NO_NUMBNESS = "none"

# Issue 15 item 2: the questions that can mean "act now" come first, so that
# a "yes" is answered (and prompted for) before the longer pain details. The
# data dictionary's own order (diary-fields.md, the PDF, "What you told us")
# is unchanged; only this form's layout puts them first.
WARNING_SIGNS_HEADING = "Warning signs"
WARNING_SIGNS_INTRO = (
    "Answer these first. If none of a group applies today, tick 'None of these today'."
)
HOW_YOU_FEEL_HEADING = "Pain, tiredness and notes"


def _to_bool(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


def none_field_name(section: str) -> str:
    return f"none_{section}"


def _yes_no_field(field: dd.Field) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=field.label,
        choices=YES_NO,
        coerce=_to_bool,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect(attrs={"data-answer": "yes-no"}),
        error_messages={"invalid_choice": "Choose Yes or No."},
    )


# Widgets diary.form_html.field_html writes (DateInput is a TextInput).
BOXES = (forms.TextInput, forms.NumberInput, forms.Textarea)


def _is_choice_buttons(field: forms.Field) -> bool:
    return isinstance(field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)


def _score_field(code: str, name: str) -> forms.TypedChoiceField:
    """A required 0-10 score as a row of radio buttons."""
    message = f"Choose a {name} score from 0 to 10."
    return forms.TypedChoiceField(
        label=dd.FIELDS_BY_CODE[code].label,
        choices=[(str(n), str(n)) for n in range(dd.SCORE_MIN, dd.SCORE_MAX + 1)],
        coerce=int,
        widget=forms.RadioSelect(attrs={"data-answer": "score"}),
        error_messages={"required": message, "invalid_choice": message},
    )


# Readings between these are a temperature in °F, not a fever of 98.6 °C.
FAHRENHEIT_MIN, FAHRENHEIT_MAX = Decimal("90"), Decimal("112")


class TemperatureField(forms.DecimalField):
    """°C as people type it: "38,5" is 38.5; a °F reading or a second
    decimal gets a message that says what to change, before the range one."""

    # The stubs make DecimalField an IntegerField; Django's returns a Decimal.
    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str) and value.count(",") == 1 and "." not in value:
            value = value.replace(",", ".")
        return super().to_python(value)

    def validate(self, value: Decimal | None) -> None:
        super().validate(value)  # type: ignore[arg-type]  # None when left blank
        if value is None or not value.is_finite():
            return
        if FAHRENHEIT_MIN <= value <= FAHRENHEIT_MAX:
            raise forms.ValidationError(
                "That looks like °F; enter °C (e.g. 37.5).", code="fahrenheit"
            )
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and exponent < -1 and value != round(value, 1):
            raise forms.ValidationError(
                "Use one decimal place, for example 37.5.", code="decimal_places"
            )


class EntryForm(forms.ModelForm):
    """Field names are the codes of diary-fields.md.

    Yes/no questions are radio pairs so that "not answered" (neither chosen)
    stays distinct from "no". Each warning-sign section has a "None of these
    today" box that answers every yes/no question in it "no".
    """

    entry_date = forms.DateField(
        label="Date",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": "Enter the date of this entry, for example 21/11/2026.",
            "invalid": "Enter a date, for example 21/11/2026.",
        },
    )
    pain_score = _score_field("pain_score", "pain")
    fatigue_score = _score_field("fatigue_score", "tiredness")
    pain_sites = forms.MultipleChoiceField(
        label=dd.FIELDS_BY_CODE["pain_sites"].label,
        choices=dd.PAIN_SITES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose from the places listed."},
    )
    numbness = forms.MultipleChoiceField(
        label=dd.FIELDS_BY_CODE["numbness"].label,
        choices=[*dd.NUMBNESS_PLACES, (NO_NUMBNESS, "No numbness")],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose from the places listed."},
    )
    pain_relief_helping = forms.ChoiceField(
        label=dd.FIELDS_BY_CODE["pain_relief_helping"].label,
        choices=dd.PAIN_RELIEF_HELPING,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose one of the answers listed."},
    )
    breakthrough_doses = forms.IntegerField(
        label=dd.FIELDS_BY_CODE["breakthrough_doses"].label,
        required=False,
        min_value=0,
        max_value=dd.BREAKTHROUGH_MAX,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "min_value": "Enter a number of doses from 0 to 24.",
            "max_value": "Enter a number of doses from 0 to 24.",
            "invalid": "Enter a whole number of doses, for example 2.",
        },
    )
    temperature_c = TemperatureField(
        label=dd.FIELDS_BY_CODE["temperature_c"].label,
        required=False,
        min_value=dd.TEMPERATURE_MIN,
        max_value=dd.TEMPERATURE_MAX,
        max_digits=3,
        decimal_places=1,
        # A text box: Chromium's number box throws away "38,5" without a word.
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        error_messages={
            "min_value": "Enter a temperature between 34.0 and 43.0 °C.",
            "max_value": "Enter a temperature between 34.0 and 43.0 °C.",
            "invalid": "Enter a temperature in °C, for example 37.2.",
            "max_decimal_places": "Use one decimal place, for example 37.2.",
            "max_digits": "Enter a temperature between 34.0 and 43.0 °C.",
        },
    )

    class Meta:
        model = DailyEntry
        fields = ["entry_date", *dd.ENTRY_CODES]
        # Free text never changes the triage (hazard log HAZ-10), so say so.
        help_texts = {
            "notes": "Notes are not checked for warning signs and may not be read "
            "straight away. If you have any of the warning signs above, answer "
            "them in their section."
        }
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 3, "maxlength": dd.FREE_TEXT_MAX}),
            "questions_for_team": forms.Textarea(
                attrs={"rows": 3, "maxlength": dd.FREE_TEXT_MAX}
            ),
        }

    def __init__(
        self,
        *args: Any,
        on_bone_drug: bool,
        today: dt.date | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.sections = self._visible_sections(on_bone_drug)
        for field in dd.ENTRY_FIELDS:
            if field.kind == "bool":
                self.fields[field.code] = _yes_no_field(field)
            if field.bone_drug_only and not on_bone_drug:
                del self.fields[field.code]
        for section in dd.WARNING_SECTIONS:
            self.fields[none_field_name(section)] = forms.BooleanField(
                label="None of these today", required=False
            )
        for code in ("notes", "questions_for_team"):
            self.fields[code].error_messages["max_length"] = (
                "Please keep this to 2,000 characters or fewer (it has %(show_value)d)."
            )
        if self.instance.pk:
            self._show_stored_answers()
        # The list of problems after a failed save follows the page's order.
        self.order_fields(
            ["entry_date"]
            + [
                name
                for section, _, codes in self.sections
                for name in (
                    *(
                        [none_field_name(section)]
                        if section in dd.WARNING_SECTIONS
                        else []
                    ),
                    *codes,
                )
            ]
        )
        self.helper = self._build_helper()

    def _visible_sections(self, on_bone_drug: bool) -> list[tuple[str, str, list[str]]]:
        """In the form's order: the warning sections, then the others."""
        sections = []
        ordered = sorted(dd.SECTIONS, key=lambda s: s[0] not in dd.WARNING_SECTIONS)
        for code, title in ordered:
            codes = [
                f.code
                for f in dd.fields_in_section(code)
                if on_bone_drug or not f.bone_drug_only
            ]
            sections.append((code, title, codes))
        return sections

    def _show_stored_answers(self) -> None:
        """Radio widgets need "yes"/"no", the model holds True/False/None."""
        for field in dd.ENTRY_FIELDS:
            value = getattr(self.instance, field.code)
            if field.kind == "bool" and field.code in self.fields:
                self.initial[field.code] = {True: "yes", False: "no"}.get(value)
        if self.instance.numbness == []:
            self.initial["numbness"] = [NO_NUMBNESS]

    def _build_helper(self) -> FormHelper:
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        parts: list[Any] = [Box("entry_date")]
        headings = {
            self.sections[0][0]: (
                f'<h2 class="form-part-heading">{WARNING_SIGNS_HEADING}</h2>'
                f'<p class="form-part-intro">{WARNING_SIGNS_INTRO}</p>'
            ),
            next(c for c, _, _ in self.sections if c not in dd.WARNING_SECTIONS): (
                f'<h2 class="form-part-heading">{HOW_YOU_FEEL_HEADING}</h2>'
            ),
        }
        for code, title, codes in self.sections:
            if code in headings:
                parts.append(HTML(headings[code]))
            inner: list[Any] = []
            if code in dd.WARNING_SECTIONS:
                inner.append(CheckBox(none_field_name(code), css_class="none-today"))
            inner.extend(self._layout_field(c) for c in codes)
            parts.append(
                PlainFieldset(
                    title,
                    *inner,
                    css_class=f"diary-section section-{code}",
                    css_id=code,
                )
            )
        parts.append(HTML('<div class="save-bar">'))
        parts.append(Submit("save", "Save my diary", css_class="btn-lg w-100"))
        parts.append(HTML("</div>"))
        helper.layout = Layout(*parts)
        return helper

    def _layout_field(self, name: str) -> ChoiceButtons | Box | str:
        field = self.fields[name]
        if _is_choice_buttons(field):
            return ChoiceButtons(name)
        if isinstance(field.widget, BOXES):
            return Box(name)
        return name

    def clean_entry_date(self) -> dt.date:
        day: dt.date = self.cleaned_data["entry_date"]
        if day > self.today:
            raise forms.ValidationError(
                "You cannot fill in the diary for a future date."
            )
        if not is_within_edit_window(day, self.today):
            raise forms.ValidationError(
                "You can only fill in the last 7 days. "
                "For older days, tell your team at your next appointment."
            )
        return day

    def clean_pain_sites(self) -> list[str] | None:
        chosen = set(self.cleaned_data["pain_sites"])
        # In the dictionary's order, once each, however the browser posted them.
        return [code for code, _ in dd.PAIN_SITES if code in chosen] or None

    def clean_numbness(self) -> list[str] | None:
        places = set(self.cleaned_data["numbness"])
        if NO_NUMBNESS in places and len(places) > 1:
            raise forms.ValidationError(
                "You ticked 'No numbness' and a place: please untick one of them."
            )
        if places == {NO_NUMBNESS}:
            return []
        return [code for code, _ in dd.NUMBNESS_PLACES if code in places] or None

    def clean_pain_relief_helping(self) -> str | None:
        return self.cleaned_data["pain_relief_helping"] or None

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        for section, _, codes in self.sections:
            if cleaned.get(none_field_name(section)):
                self._answer_section_no(section, codes, cleaned)
        return cleaned

    def _answer_section_no(self, section: str, codes: list[str], cleaned: dict) -> None:
        yes = [
            c
            for c in codes
            if cleaned.get(c) is True or (c == "numbness" and cleaned.get(c))
        ]
        if yes:
            self.add_error(
                none_field_name(section),
                "You ticked 'None of these today' but also answered yes to "
                f"{len(yes)} question(s) in this section: please untick one of them.",
            )
            return
        for code in codes:
            if dd.FIELDS_BY_CODE[code].kind == "bool":
                cleaned[code] = False
            elif code == "numbness":
                cleaned[code] = []

    def answers_given(self, day: dt.date) -> dict[str, Any]:
        """On a form with errors, the answers that are valid, by field code, for
        `day`; an answer with an error (a score left out) is None, not
        answered. Call after is_valid()."""
        data = {code: self.cleaned_data.get(code) for code in dd.ENTRY_CODES}
        data["entry_date"] = day
        return data

    def posted_other_day(self, day: dt.date) -> bool:
        """True when the form names a valid date other than `day`."""
        posted = self.cleaned_data.get("entry_date")
        return posted is not None and posted != day

    def entry_data(self) -> dict[str, Any]:
        """Cleaned values by field code, with unanswered fields as None."""
        data = {code: self.cleaned_data.get(code) for code in dd.ENTRY_CODES}
        data["entry_date"] = self.cleaned_data["entry_date"]
        return data


class EntryCheckForm(EntryForm):
    """The entry form as the live check reads it, half filled in.

    The day comes from the URL, not the form, and the two scores may still be
    unanswered: the check runs while the patient is on the warning signs,
    before she reaches them. Everything else is read exactly as a save reads
    it ("38,5", "None of these today", "No numbness").
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["entry_date"]
        for code in ("pain_score", "fatigue_score"):
            score = self.fields[code]
            assert isinstance(score, forms.TypedChoiceField)
            score.required = False
            score.empty_value = None

    def answers(self, day: dt.date) -> tuple[dict[str, Any], dict[str, str]]:
        """(values by field code, the answers left out because they cannot be
        read, with the message the save would give). Call after is_valid()."""
        problems = {name: str(errors[0]) for name, errors in self.errors.items()}
        return self.answers_given(day), problems


# A diary PDF covers at most a year; the export page offers these spans.
MAX_EXPORT_DAYS = 366
PRESETS = (7, 28, 90)


class ExportForm(forms.Form):
    """A date range submitted with GET, so an export is a link to bookmark or send."""

    start = forms.DateField(
        label="From",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": "Enter the first day.",
            "invalid": "Enter a date, for example 2026-10-01.",
        },
    )
    end = forms.DateField(
        label="To",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": "Enter the last day.",
            "invalid": "Enter a date, for example 2026-10-28.",
        },
    )

    def clean_end(self) -> dt.date:
        end: dt.date = self.cleaned_data["end"]
        if end > timezone.localdate():
            raise forms.ValidationError("The last day cannot be in the future.")
        return end

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if end < start:
                self.add_error("end", "The last day cannot be before the first day.")
            elif (days := (end - start).days + 1) > MAX_EXPORT_DAYS:
                self.add_error(
                    "start",
                    f"Choose at most {MAX_EXPORT_DAYS} days: these dates span "
                    f"{days:,} days.",
                )
        return cleaned


def preset_ranges(today: dt.date) -> list[tuple[str, dt.date, dt.date]]:
    return [
        (f"Last {n} days", today - dt.timedelta(days=n - 1), today) for n in PRESETS
    ]
