"""The nurse's view of one patient: profile, timeline, charts, history, notes."""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import escape

from diary.charts import DayPoint, daily_series, series_summary
from diary.data_rights.closure import request_closure
from diary.services import acknowledge_flag, record_entry
from tests.factories import days_ago, entry_data, log_in, make_entry, make_nurse
from tests.nurse.helpers import red_entry


def record(client, patient, **params) -> str:
    response = client.get(reverse("nurse:patient", args=[patient.pk]), params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_record_shows_the_clinical_profile(nurse_client, patient):
    patient.spine_metastases = True
    patient.bone_therapy = "denosumab"
    patient.save()
    body = record(nurse_client, patient)
    assert "<h1>Pat Patient</h1>" in body
    assert "Denosumab injection" in body
    assert "Secondary cancer in the spine</dt><dd>Yes" in body


def test_the_timeline_shows_entries_with_their_flags(nurse_client, patient):
    make_entry(patient, days_ago(2), pain_score=4)
    red_entry(patient, days_ago(1))
    body = record(nurse_client, patient)
    timeline = body[body.index('id="timeline"') :]
    assert timeline.index(f"{days_ago(1):%A %-d %B %Y}") < timeline.index(
        f"{days_ago(2):%A %-d %B %Y}"
    )
    assert "Possible spinal cord compression" in timeline
    assert ">open</span>" in timeline


def test_a_withdrawn_flag_is_shown_as_withdrawn(nurse_client, patient):
    entry = red_entry(patient, days_ago(1))
    record_entry(
        patient=patient, data=entry_data(days_ago(1)), by=patient.user, entry=entry
    )
    timeline = record(nurse_client, patient).split('id="timeline"')[1]
    assert "withdrawn by edit" in timeline
    assert "flag-withdrawn" in timeline


def test_an_acknowledged_flag_shows_who_and_what(nurse_client, nurse, patient):
    flag = red_entry(patient, days_ago(1)).flags.get()
    acknowledge_flag(
        flag=flag, nurse=nurse, actions=["arranged_assessment"], note="MRI today."
    )
    body = record(nurse_client, patient)
    history = body.split('id="acknowledgements"')[1].split('id="notes"')[0]
    assert "Nora Nurse" in history and "Arranged an assessment" in history
    assert "MRI today." in history
    assert "acknowledged</span> by Nora Nurse" in body.split('id="timeline"')[1]


def test_charts_of_pain_fatigue_and_breakthrough_doses_over_30_or_90_days(
    nurse_client, patient
):
    make_entry(
        patient, days_ago(1), pain_score=6, fatigue_score=3, breakthrough_doses=3
    )
    thirty = record(nurse_client, patient)
    start_30 = days_ago(29)
    assert f"<title>Pain and tiredness, {start_30:%-d %b} to" in thirty
    assert "<title>Extra (breakthrough) pain relief doses" in thirty
    series = daily_series(start_30, days_ago(0), [DayPoint(days_ago(1), 6, 3, 3)])
    assert f"<figcaption>{escape(series_summary(series))}</figcaption>" in thirty
    ninety = record(nurse_client, patient, days=90)
    assert f"<title>Pain and tiredness, {days_ago(89):%-d %b} to" in ninety
    assert 'aria-current="true">Last 90 days' in ninety


def test_the_timeline_is_paginated(nurse_client, patient):
    for n in range(12):
        make_entry(patient, days_ago(n))
    first = record(nurse_client, patient)
    second = record(nurse_client, patient, page=2)
    oldest = f"{days_ago(11):%A %-d %B %Y}"
    assert oldest not in first.split('id="timeline"')[1]
    assert oldest in second.split('id="timeline"')[1]


def test_an_entry_page_shows_every_answer_and_its_flags(nurse_client, patient):
    red_entry(patient, days_ago(1))
    url = reverse("nurse:entry", args=[patient.pk, days_ago(1)])
    body = nurse_client.get(url).content.decode()
    assert "Possible spinal cord compression" in body
    assert "Not answered" in body  # every question, answered or not


def test_an_entry_on_a_day_without_one_is_a_404(nurse_client, patient):
    url = reverse("nurse:entry", args=[patient.pk, days_ago(1)])
    assert nurse_client.get(url).status_code == 404


def test_the_patient_never_sees_nurse_only_notes(client, nurse, patient):
    flag = red_entry(patient, days_ago(1)).flags.get()
    acknowledge_flag(
        flag=flag, nurse=nurse, actions=["phoned_patient"], note="Internal: sounds low."
    )
    clinical_note = "Clinical: query cord compression."
    log_in(client, nurse)
    client.post(reverse("nurse:add_note", args=[patient.pk]), {"text": clinical_note})
    log_in(client, patient.user)
    pages = [
        reverse("diary_list"),
        reverse("entry_detail", kwargs={"day": days_ago(1)}),
        reverse("entry_saved", kwargs={"day": days_ago(1)}),
    ]
    for url in pages:
        body = client.get(url).content.decode()
        assert "Internal: sounds low." not in body
        assert clinical_note not in body


def test_the_record_names_the_patients_named_nurse(nurse_client, nurse, patient):
    patient.named_nurse = nurse
    patient.save()
    assert f"Named nurse {nurse.full_name}" in record(nurse_client, patient)


def test_the_record_names_a_colleague_as_named_and_reviewing_nurse(
    nurse_client, team, patient
):
    colleague = make_nurse(team)
    colleague.full_name = "Cleo Colleague"
    colleague.save()
    patient.named_nurse = colleague
    patient.profile_reviewed_by = colleague
    patient.save()
    body = record(nurse_client, patient)
    assert "Named nurse Cleo Colleague" in body
    assert "Clinical profile reviewed by Cleo Colleague" in body


def test_the_record_says_when_the_account_closure_was_asked_for(
    nurse_client, nurse, patient
):
    assert "Account closure asked for" not in record(nurse_client, patient)
    request_closure(patient, by=nurse)
    body = record(nurse_client, patient)
    assert "Account closure asked for on" in body and "waiting for staff" in body


def _acknowledged_red_days(patient, nurse, days: int) -> None:
    for n in range(days):
        flag = red_entry(patient, days_ago(n)).flags.get()
        acknowledge_flag(flag=flag, nurse=nurse, actions=["phoned_patient"], note="")


def test_the_acknowledgement_history_counts_all_when_it_shows_all(
    nurse_client, nurse, patient
):
    _acknowledged_red_days(patient, nurse, 3)
    body = record(nurse_client, patient)
    assert "Acknowledgement history <span" in body and "(3)" in body
    assert "Every acknowledgement of this patient's flags" in body


def test_the_acknowledgement_history_shows_the_latest_20_of_more(
    nurse_client, nurse, patient
):
    _acknowledged_red_days(patient, nurse, 21)
    body = record(nurse_client, patient)
    history = body[body.index('id="acknowledgements"') : body.index('id="notes"')]
    assert '<span class="count">(21)</span>' in history
    assert "The latest 20 of 21" in history
    assert history.count('<th scope="row">') == 20
