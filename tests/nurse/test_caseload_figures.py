"""The caseload's stored figures (diary.figures) always equal their definition:
after every kind of write, and when only the date has moved."""

from __future__ import annotations

import datetime as dt
import io
import random

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from accounts.models import PatientProfile
from diary import figures
from diary.models import CaseloadFigures, Flag
from diary.services import CallActions, acknowledge_flag, record_entry
from tests.factories import entry_data, log_in, make_entry, make_nurse, make_patient
from tests.nurse.helpers import red_entry
from tests.nurse.test_caseload import caseload, rows

NOON = dt.datetime(2026, 12, 3, 12, 0, tzinfo=dt.UTC)
# Nothing, possible spinal cord compression (red), bleeding (amber).
WARNINGS = [{}, {}, {"difficulty_walking": True}, {"bleeding_bruising": True}]


def stored(patient: PatientProfile) -> dict:
    return CaseloadFigures.objects.values(*figures.FIELDS).get(patient=patient)


def defined(patient: PatientProfile, today: dt.date | None = None) -> dict:
    rows = PatientProfile.objects.filter(pk=patient.pk)
    day = today or timezone.localdate()
    return figures.computed(rows, day).values(*figures.FIELDS).get()


def test_a_new_patient_has_figures_to_compute(team):
    patient = make_patient(team)
    row = CaseloadFigures.objects.get(patient=patient)
    assert row.as_of < timezone.localdate()  # not computed yet


def test_saving_an_entry_stores_its_figures_at_once(team, patient):
    red_entry(patient)
    assert stored(patient) == defined(patient)
    assert stored(patient)["today_level"] == "red"
    assert stored(patient)["open_flags"] == 1


def test_an_edit_that_withdraws_a_flag_lowers_the_stored_level(team, patient):
    entry = red_entry(patient)
    record_entry(
        patient=patient,
        data=entry_data(entry.entry_date),
        by=patient.user,
        entry=entry,
    )
    assert stored(patient) == defined(patient)
    assert stored(patient)["open_flags"] == 0
    assert stored(patient)["today_level"] == "none"


def test_acknowledging_a_flag_updates_the_open_flags(team, patient):
    nurse = make_nurse(team)
    entry = red_entry(patient)
    acknowledge_flag(
        flag=entry.flags.get(), nurse=nurse, actions=["phoned_patient"], note=""
    )
    assert stored(patient) == defined(patient)
    assert stored(patient)["open_flags"] == 0


def test_a_backfilled_day_that_raises_a_later_entry_is_stored(team, patient):
    make_entry(patient, pain_score=3)
    # Three days of pain not helped by pain relief are amber for the last.
    for ago in (2, 1):
        make_entry(
            patient,
            timezone.localdate() - dt.timedelta(days=ago),
            pain_score=7,
            pain_relief_helping="no",
        )
    assert stored(patient) == defined(patient)


def test_a_nurse_entry_dealt_with_on_the_phone_is_stored(team, patient):
    nurse = make_nurse(team)
    record_entry(
        patient=patient,
        data=entry_data(difficulty_walking=True),
        by=nurse,
        dealt_with=CallActions(actions=("phoned_patient",), note=""),
    )
    assert stored(patient) == defined(patient)
    assert stored(patient)["open_flags"] == 0


def test_the_next_day_the_caseload_recomputes_what_the_date_moved(
    client, nurse, patient
):
    with time_machine.travel(NOON, tick=False):
        red_entry(patient)
        log_in(client, nurse)
        assert "level-red" in rows(caseload(client, sort="level"))[0]
    # Eight days on: no entry today, and the red flag is older than the
    # seven days that still set the level; days filled in moved too.
    with time_machine.travel(NOON + dt.timedelta(days=8), tick=False):
        log_in(client, nurse)  # her session of 8 days ago has ended
        (row,) = rows(caseload(client, sort="level"))
        assert "level-red" not in row and "Not logged" in row
        assert stored(patient) == defined(patient)
        assert stored(patient)["filled_14"] == 1


def test_a_recompute_leaves_figures_already_of_today_alone(team, patient):
    red_entry(patient)
    today = timezone.localdate()
    # A save that committed while the day's recompute ran has stored today's
    # figures; the recompute must not put older ones over them.
    CaseloadFigures.objects.filter(patient=patient).update(open_flags=99)
    assert figures.refresh_stale(PatientProfile.objects.all(), today) == 0
    assert stored(patient)["open_flags"] == 99


def test_a_recompute_does_only_the_stale_rows(team):
    fresh, stale = make_patient(team), make_patient(team)
    make_entry(fresh)
    refreshed = figures.refresh_stale(
        PatientProfile.objects.all(), timezone.localdate()
    )
    assert refreshed == 1
    assert stored(stale) == defined(stale)


@pytest.mark.parametrize("seed", range(2))
def test_figures_match_the_definition_over_random_diaries(team, seed):
    """Random days saved, edited, back-filled and acknowledged over weeks:
    the rows written each day match the definition before any recompute,
    and every row does after the day's recompute."""
    rng = random.Random(seed)
    nurse = make_nurse(team)
    patients = [make_patient(team) for _ in range(4)]
    start = dt.datetime(2026, 11, 1, 12, 0, tzinfo=dt.UTC)
    for day in range(24):
        with time_machine.travel(start + dt.timedelta(days=day), tick=False):
            today = timezone.localdate()
            for patient in patients:
                _random_writes(rng, patient, nurse, today)
            written = CaseloadFigures.objects.filter(as_of=today)
            for row in written.select_related("patient"):
                assert stored(row.patient) == defined(row.patient), (day, row)
            figures.refresh_stale(PatientProfile.objects.all(), today)
            for patient in patients:
                assert stored(patient) == defined(patient), (day, patient)


def _random_writes(rng: random.Random, patient, nurse, today: dt.date) -> None:
    if rng.random() < 0.6:
        day = today - dt.timedelta(days=rng.choice([0, 0, 0, 1, 3]))
        record_entry(
            patient=patient,
            data=entry_data(day, pain_score=rng.randint(0, 10), **rng.choice(WARNINGS)),
            by=patient.user,
            entry=patient.entries.filter(entry_date=day).first(),
        )
    flag = Flag.objects.open().filter(entry__patient=patient).first()
    if flag is not None and rng.random() < 0.3:
        acknowledge_flag(flag=flag, nurse=nurse, actions=["phoned_patient"], note="")


def test_the_nightly_command_recomputes_every_stale_row(team, patient):
    with time_machine.travel(NOON, tick=False):
        red_entry(patient)
    with time_machine.travel(NOON + dt.timedelta(days=1), tick=False):
        out = io.StringIO()
        call_command("refresh_caseload_figures", stdout=out)
        assert "Recomputed the figures of 1 patient(s)" in out.getvalue()
        assert stored(patient) == defined(patient)
        assert stored(patient)["today_level"] is None


def test_a_patient_without_a_figures_row_is_listed_after_the_days_recompute(
    client, nurse, team
):
    """The caseload lists patients through their figures rows; a profile
    written around its post_save (a bulk load) gets its row with the day's
    recompute, so she is never left out for longer than the day."""
    with time_machine.travel(NOON, tick=False):
        make_entry(make_patient(team))  # her team's other rows are of today
        rowless = make_patient(team, name="Rowless Patient")
        CaseloadFigures.objects.filter(patient=rowless).delete()
    with time_machine.travel(NOON + dt.timedelta(days=1), tick=False):
        log_in(client, nurse)
        body = caseload(client, sort="level")
        assert "Rowless Patient" in body
        assert stored(rowless) == defined(rowless)


def test_her_sort_name_follows_a_change_of_her_name_at_once(team, patient):
    make_entry(patient)
    patient.user.full_name = "Corrected Surname"
    patient.user.save()
    assert stored(patient)["sort_name"] == "Corrected Surname"
    assert stored(patient) == defined(patient)


def test_signing_in_does_not_rewrite_her_figures(team, patient):
    make_entry(patient)
    CaseloadFigures.objects.filter(patient=patient).update(sort_name="Marker")
    patient.user.save(update_fields=["last_login"])
    assert stored(patient)["sort_name"] == "Marker"
