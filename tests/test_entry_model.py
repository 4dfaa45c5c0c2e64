"""The DailyEntry table against the data dictionary, and its database rules."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import IntegrityError, transaction

from accounts.models import PatientProfile
from clinical import fields as dd
from diary.models import DailyEntry
from tests.factories import days_ago, make_entry
from tests.shared_docs import shared_text

# docs/diary-fields.md is a verbatim copy of shared/clinical/diary-fields.md.
DICTIONARY = (Path(__file__).parent.parent / "docs" / "diary-fields.md").read_text()
PROFILE_PART, ENTRY_PART = DICTIONARY.split("## Daily entry")
BOOKKEEPING = {
    "id", "patient", "entry_date", "level", "escalated", "entered_by",
    "created_at", "updated_at",
}  # fmt: skip


def codes_in(markdown: str) -> list[str]:
    return re.findall(r"^\| `([a-z0-9_]+)` \|", markdown, re.MULTILINE)


def labels_in(markdown: str) -> dict[str, str]:
    rows = re.findall(r"^\| `([a-z0-9_]+)` \| [^|]+ \| ([^|]+) \|", markdown, re.M)
    return {code: label.strip() for code, label in rows}


def concrete_fields(model) -> set[str]:
    return {f.name for f in model._meta.get_fields() if f.concrete}


def test_the_entry_has_exactly_the_dictionarys_entry_fields():
    assert concrete_fields(DailyEntry) - BOOKKEEPING == set(codes_in(ENTRY_PART))
    assert list(dd.ENTRY_CODES) == codes_in(ENTRY_PART)


def test_the_profile_has_every_profile_field_of_the_dictionary():
    assert set(codes_in(PROFILE_PART)) <= concrete_fields(PatientProfile)


def test_labels_are_the_dictionarys_plain_labels():
    entry_labels = {f.code: f.label for f in dd.ENTRY_FIELDS}
    assert entry_labels == labels_in(ENTRY_PART)
    assert labels_in(PROFILE_PART) == dd.PROFILE_FIELDS


def test_fields_are_in_the_dictionarys_sections():
    sections = re.split(r"^### ", ENTRY_PART, flags=re.MULTILINE)[1:]
    assert [codes_in(s) for s in sections] == [
        [f.code for f in dd.fields_in_section(code)] for code, _ in dd.SECTIONS
    ]


def test_unanswered_questions_are_stored_as_null(patient):
    entry = make_entry(patient, days_ago(1))
    row = DailyEntry.objects.filter(pk=entry.pk).values(*dd.ENTRY_CODES).get()
    optional = [f.code for f in dd.ENTRY_FIELDS if not f.required and f.kind != "text"]
    assert {code: row[code] for code in optional} == dict.fromkeys(optional)


def test_the_database_allows_one_entry_per_patient_per_day(patient):
    entry = make_entry(patient, days_ago(1))
    twin = DailyEntry(
        patient=patient, entry_date=entry.entry_date, pain_score=1, fatigue_score=1
    )
    twin.entered_by = patient.user
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()


@pytest.mark.parametrize(
    "values",
    [{"pain_score": 11}, {"fatigue_score": 11}, {"temperature_c": Decimal("43.1")}],
)
def test_the_database_refuses_out_of_range_values(patient, values):
    entry = DailyEntry(
        patient=patient,
        entry_date=days_ago(1),
        pain_score=1,
        fatigue_score=1,
        entered_by=patient.user,
    )
    for code, value in values.items():
        setattr(entry, code, value)
    with pytest.raises(IntegrityError), transaction.atomic():
        entry.save()


def test_it_records_who_entered_it_and_when(patient):
    entry = make_entry(patient, days_ago(1))
    assert entry.entered_by == patient.user
    assert entry.created_at is not None
    assert entry.updated_at >= entry.created_at


def test_the_dictionary_copy_matches_the_shared_one():
    assert shared_text("clinical/diary-fields.md") == DICTIONARY
