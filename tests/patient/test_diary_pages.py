from django.urls import reverse

from tests.factories import days_ago, log_in, make_entry


def test_my_diary_lists_entries_newest_first(patient_client, patient):
    make_entry(patient, days_ago(2), pain_score=3)
    make_entry(patient, days_ago(1), pain_score=7, difficulty_walking=True)
    body = patient_client.get(reverse("diary_list")).content.decode()
    assert body.index(f"{days_ago(1):%-d %B %Y}") < body.index(
        f"{days_ago(2):%-d %B %Y}"
    )
    assert "New difficulty walking" in body
    assert "Red: act now" in body


def test_my_diary_is_paginated(patient_client, patient):
    for n in range(16):
        make_entry(patient, days_ago(n))
    first = patient_client.get(reverse("diary_list")).content.decode()
    second = patient_client.get(reverse("diary_list") + "?page=2").content.decode()
    assert "Page 1 of 2" in first
    oldest = f">{days_ago(15):%A %-d %B %Y}<"
    assert oldest in second
    assert oldest not in first


def test_my_diary_never_shows_another_patients_entries(patient_client, other_patient):
    make_entry(other_patient, days_ago(1), notes="someone else's secret")
    body = patient_client.get(reverse("diary_list")).content.decode()
    assert "someone else" not in body


def test_entry_detail_tells_not_answered_from_no(patient_client, patient):
    make_entry(patient, days_ago(1), difficulty_walking=False)
    body = patient_client.get(
        reverse("entry_detail", kwargs={"day": days_ago(1)})
    ).content.decode()
    assert "Not answered" in body
    assert "<dd>No</dd>" in body


def test_another_patients_entry_is_a_404(patient_client, other_patient):
    make_entry(other_patient, days_ago(1))
    url = reverse("entry_detail", kwargs={"day": days_ago(1)})
    assert patient_client.get(url).status_code == 404


def test_an_impossible_date_in_the_url_is_a_404(patient_client):
    assert patient_client.get("/diary/2026-02-30/").status_code == 404


def test_free_text_is_escaped(patient_client, patient):
    make_entry(patient, days_ago(1), notes="<script>alert(1)</script>")
    body = patient_client.get(
        reverse("entry_detail", kwargs={"day": days_ago(1)})
    ).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;" in body


def test_trends_show_a_chart_with_the_same_data_as_a_table(patient_client, patient):
    make_entry(patient, days_ago(3), pain_score=6, fatigue_score=4)
    body = patient_client.get(reverse("trends")).content.decode()
    assert "<svg" in body and 'role="img"' in body
    assert "<table" in body
    assert f"{days_ago(3):%a %-d %b}" in body


def test_nurses_and_anonymous_users_cannot_open_patient_pages(client, nurse, db):
    for name in ("diary_list", "trends", "alert_card"):
        url = reverse(name)
        assert client.get(url).status_code == 302  # anonymous: to log in
        log_in(client, nurse)
        assert client.get(url).status_code == 404
        client.logout()


def patient_pages(day) -> list[str]:
    """Every page of a patient's own diary, for a day that has an entry."""
    return [
        reverse("today"),
        reverse("diary_list"),
        reverse("entry_detail", kwargs={"day": day}),
        reverse("entry_edit", kwargs={"day": day}),
        reverse("entry_saved", kwargs={"day": day}),
        reverse("trends"),
    ]


def test_each_patient_page_for_anonymous_patient_other_patient_and_nurse(
    client, patient, other_patient, nurse
):
    day = days_ago(1)
    make_entry(patient, day, notes="my own words")
    for url in patient_pages(day):
        anonymous = client.get(url)
        assert anonymous.status_code == 302 and anonymous.url.startswith(
            reverse("login")
        ), url
        log_in(client, patient.user)
        assert client.get(url).status_code == 200, url
        log_in(client, nurse)
        assert client.get(url).status_code == 404, url
        log_in(client, other_patient.user)
        other = client.get(url)
        assert "my own words" not in other.content.decode(), url
        client.logout()
    # The other patient has no entry that day: its pages do not exist for them.
    log_in(client, other_patient.user)
    for name in ("entry_detail", "entry_saved"):
        assert client.get(reverse(name, kwargs={"day": day})).status_code == 404


def test_every_patient_page_tells_browsers_not_to_store_it(patient_client, patient):
    make_entry(patient, days_ago(1))
    for url in patient_pages(days_ago(1)):
        response = patient_client.get(url)
        assert "no-store" in response["Cache-Control"], url
        assert "private" in response["Cache-Control"], url


def test_my_diary_shows_each_days_pain_and_tiredness(patient_client, patient):
    make_entry(patient, days_ago(1), pain_score=7, fatigue_score=4)
    body = patient_client.get(reverse("diary_list")).content.decode()
    assert "Pain <strong>7</strong> out of 10" in body
    assert "Tiredness <strong>4</strong> out of 10" in body


def test_trends_cover_the_last_28_days_only(patient_client, patient):
    make_entry(patient, days_ago(27), pain_score=6)
    make_entry(patient, days_ago(28), pain_score=9)
    body = patient_client.get(reverse("trends")).content.decode()
    assert f"{days_ago(27):%a %-d %b}" in body
    assert f"{days_ago(28):%a %-d %b}" not in body


def test_my_diary_page_needs_few_queries_however_long_the_diary(
    patient_client, patient, django_assert_max_num_queries
):
    for n in range(20):
        make_entry(patient, days_ago(n), difficulty_walking=n % 2 == 0)
    with django_assert_max_num_queries(10):
        assert patient_client.get(reverse("diary_list")).status_code == 200


def test_my_diary_lists_back_pain_warning_signs_too(patient_client, patient):
    make_entry(patient, days_ago(1), pain_score=6, back_pain_band=True)
    body = patient_client.get(reverse("diary_list")).content.decode()
    assert "Back pain is also felt around the front of the chest or belly" in body
    assert "No warning signs reported" not in body


def test_my_diary_offers_to_change_todays_entry_once_it_is_saved(
    patient_client, patient
):
    url = reverse("diary_list")
    assert "Fill in today's diary" in patient_client.get(url).content.decode()
    make_entry(patient, days_ago(0))
    body = patient_client.get(url).content.decode()
    assert "Change today's diary" in body
    assert "Fill in today" not in body
