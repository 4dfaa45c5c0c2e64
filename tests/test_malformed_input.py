"""No user input makes a 500: odd ids, impossible dates, huge numbers, missing
or tampered fields and bytes that are not UTF-8 get a 404 or a page that says
what is wrong (400), never an error page. The test client re-raises any
exception a view lets out, so each request below would fail on a 500."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import days_ago, form_post, log_in, make_nurse
from tests.nurse.helpers import red_entry

HUGE = "9" * 30
ODD_IDS = ["0", HUGE, "-1", "abc", "1.5", "%00", "%ff", "%EF%BC%99"]  # last: "９"
ODD_DAYS = ["2026-02-30", "2026-13-01", "2026-00-10", "0000-01-01", "9999-12-31"]
NURSE_PATIENT_PAGES = [
    "",
    "profile/",
    "notes/",
    "entries/new/",
    "alert-card/",
    "alert-card/pdf/",
    "export/",
]


@pytest.fixture
def clients(patient, team):
    flag = red_entry(patient, days_ago(1)).flags.get()
    as_patient, as_nurse = Client(), Client()
    log_in(as_patient, patient.user)
    log_in(as_nurse, make_nurse(team))
    return {"patient": as_patient, "nurse": as_nurse, "flag": flag, "pk": patient.pk}


def test_odd_ids_and_impossible_days_in_urls_are_404s(clients):
    nurse, patient = clients["nurse"], clients["patient"]
    for odd in ODD_IDS:
        for page in NURSE_PATIENT_PAGES:
            assert nurse.get(f"/nurse/patients/{odd}/{page}").status_code == 404
        assert nurse.get(f"/nurse/flags/{odd}/acknowledge/").status_code == 404
    for day in ODD_DAYS:
        for page in ("", "edit/", "saved/"):
            assert patient.get(f"/diary/{day}/{page}").status_code == 404
            assert patient.post(f"/diary/{day}/{page}", form_post()).status_code in (
                404,
                405,
            )
        url = f"/nurse/patients/{clients['pk']}/entries/{day}/"
        assert nurse.get(url).status_code == 404


def test_odd_query_strings_are_ignored_or_explained(clients):
    nurse, patient, pk = clients["nurse"], clients["patient"], clients["pk"]
    for query in ("page=abc", "page=-1", f"page={HUGE}", "page=%ff", "days=%00"):
        assert patient.get(f"/diary/?{query}").status_code == 200
        for url in ("/nurse/", "/nurse/review/", "/nurse/patients/"):
            assert nurse.get(f"{url}?{query}").status_code == 200
        assert nurse.get(f"/nurse/patients/{pk}/?{query}").status_code == 200
    for query in (f"not_logged={HUGE}", "not_logged=1e400", "level=zzz", "q=%00"):
        assert nurse.get(f"/nurse/patients/?{query}").status_code == 200
    for query in (
        "start=2026-02-30&end=2026-03-01",
        "start=0001-01-01&end=9999-12-31",
        "start=2026-03-01&end=2026-01-01",
        "start=2026-01-01",
        "start=%ff&end=%00",
    ):
        assert patient.get(f"/export/?{query}").status_code == 400
        assert nurse.get(f"/nurse/patients/{pk}/export/?{query}").status_code == 400


TAMPERED_ENTRIES = [
    {},
    form_post(entry_date="2026-02-30"),
    form_post(entry_date="0001-01-01"),
    form_post(entry_date="9999-12-31"),
    form_post(pain_score="11"),
    form_post(pain_score=HUGE),
    form_post(breakthrough_doses=HUGE),
    form_post(breakthrough_doses="1e400"),
    form_post(temperature_c="NaN"),
    form_post(temperature_c="Infinity"),
    form_post(temperature_c="1e400"),
    form_post(pain_sites="not-a-site"),
    form_post(pain_relief_helping="not-an-answer"),
    form_post(difficulty_walking="maybe"),
    form_post(numbness=["fingers", "not-a-place"]),
    form_post(notes="\x00"),
]


@pytest.mark.parametrize("data", TAMPERED_ENTRIES)
def test_a_tampered_diary_form_is_a_400_with_nothing_saved(clients, data):
    before = clients["flag"].entry.patient.entries.count()
    for client, url in (
        (clients["patient"], "/today/"),
        (clients["patient"], f"/diary/{days_ago(2).isoformat()}/edit/"),
        (clients["nurse"], f"/nurse/patients/{clients['pk']}/entries/new/"),
    ):
        assert client.post(url, data).status_code == 400, url
    assert clients["flag"].entry.patient.entries.count() == before


def test_tampered_nurse_forms_are_400s(clients):
    nurse, pk, flag = clients["nurse"], clients["pk"], clients["flag"]
    ack = f"/nurse/flags/{flag.pk}/acknowledge/"
    for data in ({}, {"action": "zzz", "note": "x"}, {"action": "phoned_patient"}):
        assert nurse.post(ack, data).status_code == 400
        assert nurse.post(f"{ack}?next=%ff", data).status_code == 400
    for data in ({}, {"text": "\x00"}, {"text": "a" * 5000}):
        assert nurse.post(f"/nurse/patients/{pk}/notes/", data).status_code == 400
    for data in (
        {},
        {"bone_therapy": "zzz"},
        {"bone_therapy": "none", "acute_oncology_phone": "\x00"},
    ):
        assert nurse.post(f"/nurse/patients/{pk}/profile/", data).status_code == 400
    for data in (
        {},
        {"full_name": "A", "email": "a@example.org", "team": HUGE},
        {"full_name": "A", "email": "a@example.org", "team": "abc"},
        {"full_name": "\x00", "email": "a@example.org"},
        {"full_name": "A", "email": "a@example.org", "nhs_number": "\x00"},
    ):
        assert nurse.post("/nurse/patients/add/", data).status_code == 400
    flag.refresh_from_db()
    assert flag.status == "open"


def test_public_forms_take_odd_input(db):
    anonymous = Client()
    for token in ("x", "%ff", "a" * 5000, "eyJpIjoiMSJ9:1:abc"):
        assert anonymous.get(f"/accounts/invite/{token}/").status_code == 400
        assert anonymous.post(f"/accounts/invite/{token}/", {}).status_code == 400
    for data in ({}, {"username": "\x00", "password": "x"}, {"username": "a" * 10000}):
        assert anonymous.post("/accounts/login/", data).status_code == 200
    assert (
        anonymous.post("/accounts/password_reset/", {"email": "\x00"}).status_code
        == 200
    )
    assert anonymous.get("/accounts/reset/%ff/zzz/").status_code == 200


def test_a_body_that_is_not_utf8_is_not_an_error(clients):
    body = b"notes=%ff%fe&\xff\xfe=1&pain_score=\xff"
    for client, url in (
        (clients["patient"], "/today/"),
        (clients["nurse"], "/nurse/patients/add/"),
    ):
        response = client.generic(
            "POST", url, body, content_type="application/x-www-form-urlencoded"
        )
        assert response.status_code == 400, url


@pytest.mark.parametrize(
    "content_type",
    [
        "application/x-www-form-urlencoded; charset=latin-1",
        "application/x-www-form-urlencoded; charset=utf-16",
    ],
)
def test_a_form_sent_in_another_charset_is_a_400_even_with_csrf_checks(
    patient, content_type
):
    """Django's own 400 and 500 pages read the body again for the CSRF token,
    which raised again: the answer was a bare 500."""
    for signed_in in (False, True):
        client = Client(enforce_csrf_checks=True)
        if signed_in:
            client.force_login(patient.user)
        client.get("/accounts/login/")
        token = client.cookies["csrftoken"].value
        body = f"csrfmiddlewaretoken={token}&username=caf\xe9&notes=caf\xe9"
        for url in (
            ("/accounts/login/", "/today/") if signed_in else ("/accounts/login/",)
        ):
            response = client.generic(
                "POST", url, body.encode("latin-1"), content_type=content_type
            )
            assert response.status_code == 400, url
            assert "could not be read" in response.content.decode()
