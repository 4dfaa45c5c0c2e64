"""The radio and check-box questions and the fieldsets are written in
Python (diary.form_html), not by crispy's generic templates, for speed; the
page must not change by a byte.

Each form is rendered twice: as built, and with every ChoiceButtons put back
as the plain field name and every PlainFieldset as crispy's Fieldset, which
crispy renders itself. No whitespace is normalised.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import pytest
from crispy_forms.layout import Div, Fieldset, LayoutObject
from django.template import Context, Template

from diary.form_html import Box, CheckBox, ChoiceButtons, PlainFieldset
from diary.forms import EntryForm
from diary.models import DailyEntry
from diary.nurse.forms import NurseEntryForm
from tests.factories import form_post, make_entry, make_patient

CRISPY = Template("{% load crispy_forms_tags %}{% crispy form %}")
DAY = dt.date(2026, 12, 3)


def _render(form: EntryForm) -> str:
    return CRISPY.render(Context({"form": form}))


def _as_crispy_alone(part: Any) -> Any:
    if isinstance(part, (ChoiceButtons, Box)):
        return part.name
    if isinstance(part, CheckBox):
        return Div(part.name, css_class=part.css_class)
    if isinstance(part, PlainFieldset):
        return Fieldset(
            part.legend,
            *(_as_crispy_alone(p) for p in part.fields),
            css_class=part.css_class,
            css_id=part.css_id,
        )
    if isinstance(part, LayoutObject):
        part.fields = [_as_crispy_alone(p) for p in part.fields]
    return part


def _both_ways(form: EntryForm) -> tuple[str, str]:
    fast = _render(form)
    form.helper.layout = _as_crispy_alone(form.helper.layout)
    return fast, _render(form)


def _choice_count(form: EntryForm) -> int:
    return sum(
        isinstance(part, ChoiceButtons)
        for fieldset in form.helper.layout.fields
        if isinstance(fieldset, LayoutObject)
        for part in fieldset.fields
    )


@pytest.mark.parametrize("on_bone_drug", [True, False])
def test_the_empty_form_is_crispys_html_byte_for_byte(on_bone_drug: bool) -> None:
    form = EntryForm(instance=DailyEntry(), on_bone_drug=on_bone_drug, today=DAY)
    assert _choice_count(form) >= 20
    fast, crispy = _both_ways(form)
    assert fast == crispy


# Measured on the crispy-only form before ChoiceButtons (2026-12-03), so a
# crispy upgrade that changes its HTML shows here and not only as a diff.
REFERENCE_SHA256 = {
    True: "0abd2322008c639289f16f2e08020f426fc29ec4dd10d0c80921ad0b39a2717e",
    False: "f70911f975505b44a32296de3db9b61034f4bfc442e4a18b9aa5ba407485956d",
}


@pytest.mark.parametrize("on_bone_drug", [True, False])
def test_the_empty_form_matches_the_reference_taken_before_the_change(
    on_bone_drug: bool,
) -> None:
    form = EntryForm(instance=DailyEntry(), on_bone_drug=on_bone_drug, today=DAY)
    html = _render(form).encode()
    assert hashlib.sha256(html).hexdigest() == REFERENCE_SHA256[on_bone_drug]


@pytest.mark.django_db
def test_the_edit_form_shows_stored_yes_no_and_unanswered_the_same_way() -> None:
    patient = make_patient()
    entry = make_entry(patient, DAY, difficulty_walking=True, nausea=False)
    form = EntryForm(instance=entry, on_bone_drug=True, today=DAY)
    fast, crispy = _both_ways(form)
    checked = 'data-answer="yes-no" id="id_difficulty_walking_0" checked'
    assert checked in fast
    assert fast == crispy


@pytest.mark.django_db
def test_a_form_with_errors_on_yes_no_questions_is_the_same() -> None:
    posted = form_post(
        DAY,
        pain_score=None,
        difficulty_walking="maybe",
        none_calcium="on",
        nausea="yes",
        vomiting="no",
    )
    posted.pop("pain_score")
    form = EntryForm(posted, instance=DailyEntry(), on_bone_drug=True, today=DAY)
    assert not form.is_valid()
    assert "difficulty_walking" in form.errors
    fast, crispy = _both_ways(form)
    assert 'id="id_difficulty_walking_error" class="invalid-feedback"' in fast
    assert fast == crispy


@pytest.mark.django_db
@pytest.mark.parametrize("posted", [False, True])
def test_the_nurses_entry_form_is_the_same(posted: bool) -> None:
    data = form_post(DAY, back_pain_band="maybe") if posted else None
    form = NurseEntryForm(data, instance=DailyEntry(), on_bone_drug=True, today=DAY)
    form.is_valid()
    assert _choice_count(form) >= 20
    fast, crispy = _both_ways(form)
    assert fast == crispy


@pytest.mark.django_db
def test_a_form_with_errors_in_its_boxes_is_the_same() -> None:
    posted = form_post(
        DAY + dt.timedelta(days=1),
        temperature_c="hot",
        breakthrough_doses="-1",
        notes="<b>" + "x" * 2000,
        questions_for_team="Can I drive & swim?",
    )
    form = EntryForm(posted, instance=DailyEntry(), on_bone_drug=True, today=DAY)
    assert not form.is_valid()
    assert {"entry_date", "temperature_c", "breakthrough_doses", "notes"} <= set(
        form.errors
    )
    fast, crispy = _both_ways(form)
    assert 'value="hot"' in fast and "Can I drive &amp; swim?</textarea>" in fast
    assert fast == crispy
