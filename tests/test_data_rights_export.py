"""'Download all my data': a ZIP of data.json, entries.csv and README.txt
with everything of the patient's, and nothing of anyone else's."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.urls import reverse
from django.utils.dateparse import parse_datetime

from accounts.models import PatientProfile, User
from diary import audit
from diary.data_rights import export
from diary.models import Acknowledgement, AuditEvent, DailyEntry, Flag
from diary.services import acknowledge_flag
from tests.factories import days_ago, make_entry, make_nurse
from tests.nurse.helpers import red_entry

# What "belongs to the patient": her account, her profile, and through them
# her entries and their flags.
# Her rows, and the rows hanging from them (a referral hangs from an
# acknowledgement of one of her flags).
THE_PATIENTS = (User, PatientProfile, DailyEntry, Flag, Acknowledgement)


def models_keyed_to_the_patient() -> dict[type[models.Model], list[str]]:
    found: dict[type[models.Model], list[str]] = {}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if (
                field.concrete
                and (field.many_to_one or field.one_to_one)
                and field.related_model in THE_PATIENTS
            ):
                found.setdefault(model, []).append(field.name)
    return found


def test_every_model_keyed_to_the_patient_is_exported_or_left_out_with_a_reason():
    exported = {section.model for section in export.EXPORTED}
    left_out = set(export.NOT_EXPORTED) | {
        m
        for m in apps.get_models()
        if m._meta.label_lower in export.NOT_EXPORTED_BY_LABEL
    }
    missing = {
        model._meta.label: keys
        for model, keys in models_keyed_to_the_patient().items()
        if model not in exported | left_out
    }
    assert not missing, (
        f"{missing} point at the patient but are not in her data download. "
        "Add one Section(...) line per model to EXPORTED in "
        "diary/data_rights/export.py (and check diary/data_rights/closure.py "
        "erase_patient erases it), or, if it is not the patient's data, add "
        "it to NOT_EXPORTED there with a comment saying why."
    )
    assert all(reason.strip() for reason in export.NOT_EXPORTED.values())


def unzip(content: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name).decode() for name in archive.namelist()}


def from_json(field: models.Field, value: object) -> object:
    """The JSON value read back as the database's Python value."""
    if value is None:
        return None
    if isinstance(field, models.DateTimeField):
        return parse_datetime(str(value))
    if isinstance(field, models.DateField):
        return dt.date.fromisoformat(str(value))
    if isinstance(field, models.DecimalField):
        return Decimal(str(value))
    return value


def in_milliseconds(value: object) -> object:
    # JSON keeps times to the millisecond.
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=value.microsecond // 1000 * 1000)
    return value


@pytest.fixture
def demo_patient(db, settings) -> PatientProfile:
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    return PatientProfile.objects.get(user__email="patient@example.org")


def test_the_demo_patients_zip_has_every_entry_with_the_same_values(demo_patient):
    files = unzip(export.build_zip(demo_patient))
    assert set(files) == {"data.json", "entries.csv", "README.txt"}
    data = json.loads(files["data.json"])
    entries = DailyEntry.objects.filter(patient=demo_patient)
    assert entries.count() == 60
    exported = {row["id"]: row for row in data["entries"]}
    assert set(exported) == set(entries.values_list("pk", flat=True))
    for entry in entries:
        row = exported[entry.pk]
        for field in DailyEntry._meta.concrete_fields:
            value = in_milliseconds(field.value_from_object(entry))
            assert from_json(field, row[field.attname]) == value, (
                entry.entry_date,
                field.name,
            )
    rows = list(csv.DictReader(io.StringIO(files["entries.csv"])))
    assert len(rows) == entries.count()
    assert [r["entry_date"] for r in rows] == [
        e.entry_date.isoformat() for e in entries.order_by("entry_date")
    ]
    assert set(rows[0]) == set(export.ENTRY_COLUMNS)


def test_the_demo_patients_flags_and_what_the_team_did_are_in_it(demo_patient):
    data = json.loads(export.data_json(demo_patient))
    flags = Flag.objects.filter(entry__patient=demo_patient)
    assert {f["id"] for f in data["flags"]} == set(flags.values_list("pk", flat=True))
    acks = data["acknowledgements"]
    assert acks, "the demo patient has acknowledged flags"
    assert all(a["action_labels"] for a in acks)
    assert all("note" not in a and "nurse_id" not in a for a in acks)
    [user] = data["user"]
    assert user["email"] == "patient@example.org" and "password" not in user


@pytest.fixture
def acknowledged(patient):
    nurse = make_nurse(patient.team)
    flag = red_entry(patient, days_ago(2)).flags.get()
    acknowledge_flag(
        flag=flag, nurse=nurse, actions=["phoned_patient"], note="Private working note"
    )
    audit.viewed(nurse, patient, "record")
    return nurse


def test_it_says_who_viewed_her_record_but_not_the_nurses_note(patient, acknowledged):
    text = export.data_json(patient)
    assert "Private working note" not in text
    viewed = [
        row
        for row in json.loads(text)["audit"]
        if row["action"] == AuditEvent.Action.VIEWED_RECORD
    ]
    assert [(r["actor_name"], r["actor_role"]) for r in viewed] == [
        ("Nora Nurse", "Breast care nurse")
    ]


def test_her_audit_rows_are_in_the_order_they_happened(patient, acknowledged):
    """Read from the database unordered (see export._audit_rows), put in
    order of time: a row of her own (she is its actor) written last about an
    earlier moment comes first."""
    earlier = parse_datetime("2026-01-02T09:00:00+00:00")
    AuditEvent.objects.create(
        at=earlier, actor=patient.user, action=AuditEvent.Action.VIEWED_RECORD
    )
    rows = json.loads(export.data_json(patient))["audit"]
    times = [parse_datetime(row["at"]) for row in rows]
    assert len(rows) >= 3 and times == sorted(times)
    assert times[0] == earlier


def test_it_has_nothing_of_another_patient(patient, other_patient):
    make_entry(other_patient, days_ago(1), notes="Olive's own words")
    make_entry(patient, days_ago(1), notes="Pat's own words")
    files = unzip(export.build_zip(patient))
    everything = "".join(files.values())
    assert "Pat's own words" in everything
    assert "Olive" not in everything and other_patient.user.email not in everything


def test_a_note_that_looks_like_a_formula_is_not_one_in_the_csv(patient):
    make_entry(patient, days_ago(1), notes='=HYPERLINK("http://x")')
    [row] = csv.DictReader(io.StringIO(export.entries_csv(patient)))
    assert row["notes"] == '\'=HYPERLINK("http://x")'


def test_the_readme_describes_every_list_and_column():
    text = export.readme()
    for section in export.EXPORTED:
        assert f'"{section.name}"' in text
    for column in export.ENTRY_COLUMNS:
        assert f"  {column}: " in text


def test_she_downloads_it_from_her_account_page_and_it_is_audited(
    patient_client, patient
):
    page = patient_client.get(reverse("account")).content.decode()
    assert reverse("download_my_data") in page
    response = patient_client.post(reverse("download_my_data"))
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    assert "data.json" in unzip(response.content)
    [event] = AuditEvent.objects.filter(action=AuditEvent.Action.DOWNLOADED_DATA)
    assert (event.actor, event.patient) == (patient.user, patient)


def test_a_get_downloads_nothing(patient_client):
    response = patient_client.get(reverse("download_my_data"))
    assert response.status_code == 405
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.DOWNLOADED_DATA)


def test_a_download_another_site_started_is_refused_and_audited(
    patient_client, patient
):
    response = patient_client.post(
        reverse("download_my_data"), headers={"Sec-Fetch-Site": "cross-site"}
    )
    assert response.status_code == 403
    assert response.get("Content-Type", "").startswith("text/html")
    [event] = AuditEvent.objects.all()
    assert (event.actor, event.patient, event.action) == (
        patient.user,
        patient,
        AuditEvent.Action.REFUSED_CROSS_SITE,
    )
