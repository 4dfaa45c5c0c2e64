"""Every patient-side and account URL x every kind of visitor.

The nurse's URLs have their own matrix (tests/nurse/test_authorization_matrix.py);
the admin's are Django's own. The names come from the URLconf, so a new URL
without a row here fails test_every_url_has_a_row_in_one_of_the_matrices.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import CarerLink, User
from tests.factories import (
    PASSWORD,
    days_ago,
    log_in,
    make_carer,
    make_entry,
    make_nurse,
)
from tests.test_security_headers import all_url_patterns

ANON, PATIENT, OTHER_PATIENT, NURSE, STAFF, CARER, OTHER_CARER = (
    "anonymous",
    "the patient",
    "another patient",
    "a nurse of the patient's team",
    "staff without the nurse role",
    "carer of the patient",
    "carer of another patient",
)
SIGNED_IN = (PATIENT, OTHER_PATIENT, NURSE, STAFF, CARER, OTHER_CARER)
DAY = {"day": days_ago(1)}
LOG_IN = "log in"  # a redirect to the log-in page, with ?next=

# name: (method, kwargs, {visitor: status}); a visitor left out gets the
# row's default. Patient pages are a 404 for everyone but patients and their
# carers (a carer is served the diary of the patient they help); the day's
# pages are a 404 for a patient with no entry that day, and for her carer.
PATIENT_PAGE = {
    ANON: LOG_IN,
    PATIENT: 200,
    OTHER_PATIENT: 200,
    NURSE: 404,
    STAFF: 404,
    CARER: 200,
    OTHER_CARER: 200,
}
# Her account's own choices and rights: the patient's alone, never a carer's.
OWN_PATIENT_PAGE = {**PATIENT_PAGE, CARER: 404, OTHER_CARER: 404}
DAY_PAGE = {**PATIENT_PAGE, OTHER_PATIENT: 404, OTHER_CARER: 404}
# The patient's own account: inviting her carers.
PATIENT_ONLY = {**PATIENT_PAGE, CARER: 404, OTHER_CARER: 404}
CARER_PAGE = {ANON: LOG_IN, CARER: 200, OTHER_CARER: 200}
ANY_SIGNED_IN = {ANON: LOG_IN, **dict.fromkeys(SIGNED_IN, 200)}
PUBLIC = {ANON: 200, **dict.fromkeys(SIGNED_IN, 200)}
MATRIX: dict[str, tuple[str, dict, dict[str, int | str]]] = {
    "home": ("get", {}, {ANON: LOG_IN, **dict.fromkeys(SIGNED_IN, 302)}),
    "today": ("get", {}, PATIENT_PAGE),
    "diary_list": ("get", {}, PATIENT_PAGE),
    "entry_detail": ("get", DAY, DAY_PAGE),
    # Editing a recent day that has no entry yet is the other patient's own
    # blank form for that day (checked below to show nothing of the patient's).
    "entry_edit": ("get", DAY, PATIENT_PAGE),
    "entry_saved": ("get", DAY, DAY_PAGE),
    # The live prompt's check: an empty post is a form with nothing answered
    # yet, checked against each patient's own diary (tests/test_live_check.py).
    "entry_check": ("post", DAY, PATIENT_PAGE),
    "trends": ("get", {}, PATIENT_PAGE),
    "alert_card": ("get", {}, PATIENT_PAGE),
    "alert_card_pdf": ("get", {}, PATIENT_PAGE),
    "export_diary": ("get", {}, PATIENT_PAGE),
    "reminder_settings": ("get", {}, OWN_PATIENT_PAGE),
    # Public (the email's link, no sign-in): a made-up token is refused
    # (tests/patient/test_reminders.py has the real ones).
    "reminder_unsubscribe": (
        "get",
        {"token": "made-up"},
        dict.fromkeys((ANON, *SIGNED_IN), 400),
    ),
    # All her data, as a ZIP (POST: the download is audited, a GET does nothing).
    "download_my_data": ("post", {}, OWN_PATIENT_PAGE),
    "close_account": ("get", {}, OWN_PATIENT_PAGE),
    "keep_alive": ("post", {}, {ANON: LOG_IN, **dict.fromkeys(SIGNED_IN, 204)}),
    "logout": ("post", {}, {ANON: LOG_IN, **dict.fromkeys(SIGNED_IN, 302)}),
    "password_change": ("get", {}, ANY_SIGNED_IN),
    "password_change_done": ("get", {}, ANY_SIGNED_IN),
    "login": ("get", {}, PUBLIC),
    "password_reset": ("get", {}, PUBLIC),
    "password_reset_done": ("get", {}, PUBLIC),
    # A made-up link: the page says the link does not work (tested in test_login).
    "password_reset_confirm": (
        "get",
        {"uidb64": "MQ", "token": "made-up-token"},
        PUBLIC,
    ),
    "password_reset_complete": ("get", {}, PUBLIC),
    # The second step of signing in. Here nurses and staff have passed it and
    # patients have not turned it on (tests/test_two_step_sign_in.py has the rest).
    "otp_verify": ("get", {}, {ANON: LOG_IN, **dict.fromkeys(SIGNED_IN, 302)}),
    "otp_enrol": ("get", {}, {**PATIENT_PAGE, NURSE: 302, STAFF: 302}),
    "otp_recovery_codes": ("get", {}, ANY_SIGNED_IN),
    "account": ("get", {}, ANY_SIGNED_IN),
    "otp_new_recovery_codes": ("post", {}, {ANON: LOG_IN, NURSE: 302, STAFF: 302}),
    "otp_turn_off": ("post", {}, {ANON: LOG_IN}),
    # Staff pages outside the admin: staff who passed the second step only;
    # every other role a 404, as for the other roles' pages.
    "staff:audit_log": ("get", {}, {ANON: LOG_IN, STAFF: 200}),
    "staff:audit_log_csv": ("get", {}, {ANON: LOG_IN, STAFF: 200}),
    "accept_invite": (
        "get",
        {"token": "made-up"},
        dict.fromkeys((ANON, *SIGNED_IN), 400),
    ),
    "accept_carer_invite": (
        "get",
        {"token": "made-up"},
        dict.fromkeys((ANON, *SIGNED_IN), 400),
    ),
    # An empty invitation is the account page again with the error: 400.
    "carer_invite": ("post", {}, {**PATIENT_ONLY, OTHER_PATIENT: 400, PATIENT: 400}),
    # The patient's own carer's link, revoked (tests/carer/ checks the rest).
    "carer_revoke": ("post", {"link_id": 1}, {ANON: LOG_IN, PATIENT: 302}),
    "carer:choose": ("get", {}, CARER_PAGE),
    # Choosing the patient: the carer's own is theirs to choose; another's is a 404.
    "carer:help": ("post", {"patient_id": 1}, {ANON: LOG_IN, CARER: 302}),
}
HOME_FOR = {
    PATIENT: "today",
    OTHER_PATIENT: "today",
    NURSE: "nurse:queue",
    STAFF: "admin:index",
    CARER: "today",
    OTHER_CARER: "today",
}


def test_every_url_has_a_row_in_one_of_the_matrices():
    from tests.nurse.test_authorization_matrix import MATRIX as NURSE_MATRIX

    names = {
        name
        for name, _ in all_url_patterns()
        if not name.startswith(("admin:", "nurse:"))
    }
    assert names == set(MATRIX), f"add a row for {names - set(MATRIX)}"
    nurse_names = {n for n, _ in all_url_patterns() if n.startswith("nurse:")}
    assert nurse_names == {f"nurse:{n}" for n in NURSE_MATRIX}


@pytest.fixture
def visitors(patient, other_patient, team) -> dict[str, User | None]:
    make_entry(patient, DAY["day"], notes="Pat's own words")
    staff = User.objects.create_user(
        "staff@example.org",
        PASSWORD,
        full_name="Sam Staff",
        role=User.Role.ADMIN,
        is_staff=True,
    )
    carer = make_carer(patient)
    return {
        ANON: None,
        PATIENT: patient.user,
        OTHER_PATIENT: other_patient.user,
        NURSE: make_nurse(team),
        STAFF: staff,
        CARER: carer,
        OTHER_CARER: make_carer(other_patient, name="Casey Carer"),
    }


def _url(name: str, kwargs: dict, visitors: dict[str, User | None]) -> str:
    """The rows naming a link or a patient use the patient's own carer's."""
    link = CarerLink.objects.get(carer=visitors[CARER])
    if "link_id" in kwargs:
        kwargs = {"link_id": link.pk}
    if "patient_id" in kwargs:
        kwargs = {"patient_id": link.patient_id}
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("visitor", (ANON, *SIGNED_IN))
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_url_answers_each_visitor_as_the_matrix_says(name, visitor, visitors):
    method, kwargs, expected = MATRIX[name]
    client = Client()
    if visitors[visitor] is not None:
        log_in(client, visitors[visitor])
    url = _url(name, kwargs, visitors)
    response = getattr(client, method)(url)
    status = expected.get(visitor, 404)
    if status == LOG_IN:
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('login')}?next={url}"
        return
    assert response.status_code == status
    if name == "home" and visitor in HOME_FOR:
        assert response["Location"] == reverse(HOME_FOR[visitor])
    # The patient's carer may read her diary; nobody else sees anything of it.
    if visitor not in (PATIENT, CARER) and response.get("Content-Type", "").startswith(
        "text/html"
    ):
        body = response.content.decode()
        assert "Pat's own words" not in body and "Pat Patient" not in body


def test_a_signed_in_user_with_no_role_page_gets_a_404_at_home(db):
    nobody = User.objects.create_user(
        "nobody@example.org", PASSWORD, full_name="No Role", role=User.Role.ADMIN
    )
    client = Client()
    log_in(client, nobody)
    assert client.get(reverse("home")).status_code == 404
