"""The record's timeline written in Python (diary.nurse.timeline) is the HTML
the timeline template wrote, byte for byte, in every branch."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.template import engines
from django.test import RequestFactory
from django.utils import timezone

from diary.models import DailyEntry, Flag
from diary.nurse.timeline import entries, entries_html
from diary.services import acknowledge_flag, record_entry
from tests.factories import days_ago, entry_data, make_carer, make_entry
from tests.nurse.helpers import amber_entry, red_entry, two_amber_entry

# nurse/includes/timeline_entry.html before 2026-12-04, kept as the reference.
TEMPLATE = (Path(__file__).parent / "timeline_entry_before.html").read_text()
PATH = "/nurse/patients/7/ä b&c/"  # escaped and quoted in "Acknowledge" links


def template_html(entries, patient) -> str:
    request = RequestFactory().get(PATH)
    template = engines["django"].from_string(TEMPLATE)
    return "".join(
        template.render({"entry": entry, "patient": patient}, request)
        for entry in entries
    )


def timeline(patient) -> list[DailyEntry]:
    return list(entries(patient))


@pytest.fixture
def every_kind_of_entry(patient, nurse):
    """Entries and flags in every branch of the template."""
    make_entry(patient, days_ago(1), pain_score=None, fatigue_score=None)
    make_entry(
        patient,
        days_ago(2),
        pain_sites=["back", "pelvis_hip"],
        breakthrough_doses=0,
        questions_for_team="Can I <b>drive</b> & " + "more " * 60,
    )
    two_amber_entry(patient, days_ago(3))
    acknowledged = red_entry(patient, days_ago(4)).flags.get()
    acknowledge_flag(
        flag=acknowledged,
        nurse=nurse,
        actions=["phoned_patient", "advised_ae"],
        note="Told her to go to A&E <now>, " + "and more " * 30,
    )
    plain = amber_entry(patient, days_ago(5)).flags.get()
    acknowledge_flag(flag=plain, nurse=nurse, actions=["no_action_needed"], note="")
    withdrawn = red_entry(patient, days_ago(6))
    withdrawn.flags.update(status=Flag.Status.WITHDRAWN, withdrawn_at=timezone.now())
    red_entry(patient, days_ago(7)).flags.update(status=Flag.Status.WITHDRAWN)
    record_entry(patient=patient, data=entry_data(days_ago(8)), by=nurse)
    carer = make_carer(patient, name="Chris O'Carer")
    record_entry(patient=patient, data=entry_data(days_ago(9)), by=carer)


def test_every_kind_of_entry_is_the_html_the_template_wrote(
    patient, every_kind_of_entry
):
    entries = timeline(patient)
    assert len(entries) == 9
    assert entries_html(entries, patient, PATH) == template_html(entries, patient)


def test_each_entry_alone_is_the_html_the_template_wrote(patient, every_kind_of_entry):
    for entry in timeline(patient):
        assert entries_html([entry], patient, PATH) == template_html([entry], patient)


def test_free_text_and_names_are_escaped(patient, every_kind_of_entry):
    html = entries_html(timeline(patient), patient, PATH)
    assert "Can I &lt;b&gt;drive&lt;/b&gt; &amp;" in html
    assert "A&amp;E &lt;now&gt;" in html
    assert "carer Chris O&#x27;Carer for Pat Patient" in html
    assert "?next=/nurse/patients/7/%C3%A4%20b%26c/" in html
