from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from diary.models import DailyEntry, Flag
from diary.services import diary_around, record_entry
from tests.factories import (
    always_open,
    days_ago,
    entry_data,
    form_post,
    log_in,
    make_entry,
    make_nurse,
    make_patient,
)

TODAY = reverse("today")
RED_WORDS = (
    "Contact your local A&amp;E department or your specialist team straight away"
)


def saved_page(client, **fields):
    response = client.post(TODAY, form_post(**fields), follow=True)
    assert response.redirect_chain[-1][0].endswith("/saved/#guidance")
    return response.content.decode()


def test_a_red_entry_shows_the_red_guidance_with_the_patients_numbers(
    patient_client, patient
):
    patient.acute_oncology_phone = "0800 999 1111"
    patient.save()
    body = saved_page(
        patient_client, pain_score="8", pain_sites=["back"], difficulty_walking="yes"
    )
    assert RED_WORDS in body
    assert 'href="tel:08009991111"' in body
    assert f'href="tel:{patient.specialist_phone.replace(" ", "")}"' in body
    assert (
        "I have secondary breast cancer in the bone and symptoms of possible "
        "spinal cord compression" in body
    )
    assert reverse("alert_card") in body
    assert (
        "New difficulty walking, or new weakness or heaviness in your legs or arms: Yes"
        in body
    )


def test_the_alert_card_words_lead_straight_into_its_list_of_symptoms(
    patient_client,
):
    body = saved_page(patient_client, difficulty_walking="yes")
    lead_in = "straight away if you have any of these symptoms:</p>"
    after = body.split(lead_in, 1)[1]
    assert after.split("<li>", 1)[0].count("<p>") == 0
    assert "severe or unexplained back pain" in after.split("</ul>", 1)[0]


def test_an_amber_entry_says_contact_your_team_today(patient_client):
    body = saved_page(patient_client, bleeding_bruising="yes")
    assert "Contact your specialist team today" in body
    assert "tel:" in body
    assert RED_WORDS not in body


def test_two_ambers_make_the_guidance_red(patient_client, patient):
    body = saved_page(patient_client, bleeding_bruising="yes", leg_swelling="yes")
    assert RED_WORDS in body
    assert DailyEntry.objects.get(patient=patient).escalated


def test_a_green_entry_gives_working_hours_advice_and_self_care(
    patient_client, patient
):
    for n in (2, 1):
        make_entry(patient, days_ago(n), fatigue_score=9)
    body = saved_page(patient_client, fatigue_score="9")
    assert "in working hours" in body
    assert "Things that may help" in body


def test_an_entry_with_no_flags_just_says_thank_you(patient_client):
    body = saved_page(patient_client)
    assert "your diary is saved" in body
    assert "tel:" not in body.split("<main")[1].split("</main>")[0]


def test_a_back_filled_entry_says_if_you_still_have_these_symptoms(patient_client):
    url = reverse("entry_edit", kwargs={"day": days_ago(2)})
    response = patient_client.post(
        url, form_post(days_ago(2), difficulty_walking="yes"), follow=True
    )
    assert (
        "If you still have these symptoms, contact your local A&amp;E"
        in response.content.decode()
    )


def test_the_banner_shows_on_every_page_while_todays_red_flag_is_open(
    patient_client, patient
):
    make_entry(patient, difficulty_walking=True)
    for name in ("diary_list", "trends", "today"):
        body = patient_client.get(reverse(name)).content.decode()
        assert 'class="flag-banner level-red"' in body
        assert "Red:" in body


def test_the_banner_goes_once_the_flag_is_acknowledged(patient_client, patient):
    entry = make_entry(patient, difficulty_walking=True)
    entry.flags.update(status=Flag.Status.ACKNOWLEDGED)
    assert (
        "flag-banner" not in patient_client.get(reverse("diary_list")).content.decode()
    )


def test_editing_an_entry_withdraws_flags_that_no_longer_apply(patient_client, patient):
    patient_client.post(
        TODAY, form_post(difficulty_walking="yes", bleeding_bruising="yes")
    )
    patient_client.post(
        TODAY, form_post(difficulty_walking="no", bleeding_bruising="yes")
    )
    flags = {f.condition: f.status for f in Flag.objects.all()}
    assert flags == {"mscc": "withdrawn", "bleeding": "open"}
    assert DailyEntry.objects.get(patient=patient).level == "amber"


def test_an_unchanged_flag_is_kept_as_it_is_on_edit(patient, nurse):
    entry = make_entry(patient, bleeding_bruising=True)
    flag = entry.flags.get()
    flag.status = Flag.Status.ACKNOWLEDGED
    flag.save()
    record_entry(
        patient=patient,
        data=entry_data(bleeding_bruising=True, notes="more"),
        by=patient.user,
        entry=entry,
    )
    assert list(entry.flags.values_list("pk", "status")) == [(flag.pk, "acknowledged")]


def test_a_new_sign_added_after_acknowledgement_reopens_the_flag(patient):
    # Same condition, level and rule, but the nurse acknowledged walking
    # difficulty only: a bladder problem added later must reach the queue.
    entry = make_entry(patient, difficulty_walking=True)
    entry.flags.update(status=Flag.Status.ACKNOWLEDGED)
    record_entry(
        patient=patient,
        data=entry_data(difficulty_walking=True, bladder_bowel_problem=True),
        by=patient.user,
        entry=entry,
    )
    old, new = entry.flags.order_by("pk")
    assert (old.status, new.status) == ("withdrawn", "open")
    assert new.reasons["bladder_bowel_problem"] is True
    assert new.alert_emails.exists()


def test_the_guidance_page_of_another_patient_is_a_404(patient_client, other_patient):
    make_entry(other_patient, difficulty_walking=True)
    url = reverse("entry_saved", kwargs={"day": days_ago(0)})
    assert patient_client.get(url).status_code == 404


def test_the_alert_card_has_both_sides_and_the_patients_details(
    patient_client, patient
):
    patient.nhs_number = "9434765919"
    patient.save()
    body = patient_client.get(reverse("alert_card")).content.decode()
    assert "For patients" in body and "For healthcare professionals" in body
    assert "They may need an urgent MRI scan." in body
    assert "943 476 5919" in body
    assert patient.user.full_name in body
    assert patient.acute_phone in body


def test_a_nurse_of_the_patients_team_sees_the_patients_alert_card(
    client, patient, nurse
):
    log_in(client, nurse)
    url = reverse("nurse:alert_card", kwargs={"patient_id": patient.pk})
    body = client.get(url).content.decode()
    assert "For healthcare professionals" in body
    assert patient.user.full_name in body and patient.team.name in body


def test_a_nurse_of_another_team_gets_a_404_for_the_alert_card(client, patient):
    log_in(client, make_nurse(make_patient().team))
    url = reverse("nurse:alert_card", kwargs={"patient_id": patient.pk})
    assert client.get(url).status_code == 404


def test_a_patient_only_ever_sees_their_own_alert_card(
    patient_client, patient, other_patient
):
    body = patient_client.get(reverse("alert_card")).content.decode()
    assert patient.user.full_name in body
    assert other_patient.user.full_name not in body
    other = reverse("nurse:alert_card", kwargs={"patient_id": other_patient.pk})
    assert patient_client.get(other).status_code == 404


def test_a_nurse_has_no_patient_alert_card_of_their_own(nurse_client):
    assert nurse_client.get(reverse("alert_card")).status_code == 404


def test_the_days_before_and_after_an_entry_load_in_one_query_however_many(
    patient, django_assert_max_num_queries
):
    for n in range(1, 60):
        make_entry(patient, days_ago(n), pain_score=5)
    with django_assert_max_num_queries(3):
        around = diary_around(patient, days_ago(20))
    earlier = sorted(e.entry_date for e in around.earlier)
    later = sorted(e.entry_date for _, e in around.later)
    assert earlier == [days_ago(n) for n in range(34, 20, -1)]
    assert later == [days_ago(n) for n in range(19, 5, -1)]


def save_queries(patient) -> int:
    with CaptureQueriesContext(connection) as queries:
        record_entry(
            patient=patient,
            data=entry_data(pain_score=9, pain_sites=["back"], difficulty_walking=True),
            by=patient.user,
        )
    return len(queries)


def test_a_save_needs_no_more_queries_with_a_long_history(patient, other_patient):
    make_entry(other_patient, days_ago(1), pain_score=5, pain_sites=["back"])
    for n in range(1, 40):
        make_entry(patient, days_ago(n), pain_score=5, pain_sites=["back"])
    assert save_queries(patient) == save_queries(other_patient)


def test_saving_an_entry_uses_a_bounded_number_of_queries(
    patient, django_assert_max_num_queries
):
    for n in range(1, 40):
        make_entry(patient, days_ago(n), pain_score=5, pain_sites=["back"])
    # Read, save, flags and alert (8), then the caseload figures: lock, compute,
    # write (diary.figures).
    with django_assert_max_num_queries(11):
        record_entry(
            patient=patient,
            data=entry_data(pain_score=9, pain_sites=["back"], difficulty_walking=True),
            by=patient.user,
        )


def test_amber_guidance_offers_the_specialist_team_first_as_its_headline_says(
    patient_client, patient
):
    always_open(patient.team)  # in working hours (out of hours: 24-hour line first)
    body = saved_page(patient_client, bleeding_bruising="yes")
    specialist = body.index("Call your specialist team")
    assert specialist < body.index("Call the 24-hour acute oncology line")


def test_red_guidance_offers_the_24_hour_line_first(patient_client):
    body = saved_page(patient_client, difficulty_walking="yes")
    acute = body.index("Call the 24-hour acute oncology line")
    assert acute < body.index("Call your specialist team")
