"""Form fields written in Python (diary.form_html.field_html) are the HTML
crispy-bootstrap5 writes for `{{ field|as_crispy_field }}`, byte for byte."""

from __future__ import annotations

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms
from django.http import QueryDict

from diary.form_html import field_html
from diary.nurse.forms import CaseloadFilterForm, ClinicalNoteForm


class EveryKindForm(forms.Form):
    """The branches the caseload's and the note's forms do not reach."""

    error_css_class = "has-error"
    required_css_class = "is-required"
    name = forms.CharField(label="Your <name>", help_text="As on your <b>letter</b>")
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    styled = forms.CharField(required=False, widget=forms.TextInput({"class": "big"}))
    drug = forms.ChoiceField(
        choices=[
            ("", "Choose"),
            ("Injections", [("zol", "Zoledronic acid"), ("den", "Denosumab")]),
            ("Tablets", [("ibn", "Ibandronic acid")]),
        ]
    )
    places = forms.MultipleChoiceField(
        required=False, choices=[("back", "Back"), ("ribs", "Ribs & chest")]
    )


def both(make_form, name: str) -> tuple[str, str]:
    """Each way on a form of its own: crispy changes the widget's attributes."""
    form = make_form()
    ours = field_html(form[name])
    theirs = as_crispy_field(make_form()[name])
    return ours, theirs


CASELOAD_QUERIES = {
    "blank": "",
    "valid": "q=O%27Brien+%3Cb%3E%26&level=red&not_logged=3&filled_fewer=7"
    "&filled_days=28&sort=level",
    "invalid": "q=" + "x" * 101 + "&level=purple&not_logged=x&filled_fewer=30"
    "&filled_days=99&sort=shoe",
    "too many days for the period": "filled_fewer=20&filled_days=14",
}


@pytest.mark.parametrize("query", CASELOAD_QUERIES.values(), ids=CASELOAD_QUERIES)
@pytest.mark.parametrize("name", list(CaseloadFilterForm.base_fields))
def test_the_caseload_filters_are_crispys_html(query, name):
    def make_form():
        form = CaseloadFilterForm(QueryDict(query))
        form.is_valid()
        return form

    ours, theirs = both(make_form, name)
    assert ours == theirs


NOTES = {"blank": None, "empty": {"text": ""}, "text": {"text": "<b>A&E</b>\n'x'"}}


@pytest.mark.parametrize("data", NOTES.values(), ids=NOTES)
def test_a_required_text_area_is_crispys_html(db, data):
    ours, theirs = both(lambda: ClinicalNoteForm(data), "text")
    assert ours == theirs


EVERY_KIND = {
    "blank": None,
    "all wrong": {"name": "", "day": "32/13/2026", "drug": "x", "places": ["y"]},
    "all right": {
        "name": 'Ann "A" <B>',
        "day": "2026-12-04",
        "styled": "s",
        "drug": "den",
        "places": ["back", "ribs"],
    },
}


@pytest.mark.parametrize("data", EVERY_KIND.values(), ids=EVERY_KIND)
@pytest.mark.parametrize("name", list(EveryKindForm.base_fields))
def test_every_kind_of_box_and_list_is_crispys_html(data, name):
    def make_form():
        form = EveryKindForm(data)
        form.is_bound and form.is_valid()
        return form

    ours, theirs = both(make_form, name)
    assert ours == theirs


def test_values_and_labels_are_escaped():
    form = EveryKindForm({"name": 'Ann "A" <B>'})
    assert 'value="Ann &quot;A&quot; &lt;B&gt;"' in field_html(form["name"])
    assert "Your &lt;name&gt;" in field_html(form["name"])
