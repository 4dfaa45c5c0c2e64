"""Every nurse-side URL x every kind of visitor.

The URL names come from diary.nurse.urls itself, so adding a URL without a
row here fails test_every_nurse_url_has_a_row_in_the_matrix.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse

from accounts.models import CarerLink, Invitation
from diary.models import (
    AccountClosure,
    Acknowledgement,
    AuditEvent,
    ClinicalNote,
    DailyEntry,
)
from diary.nurse import urls as nurse_urls
from tests.factories import days_ago, log_in, make_carer, make_nurse, make_patient
from tests.nurse.helpers import red_entry

ANON, PATIENT, NURSE, OTHER_NURSE, STAFF, CARER, OTHER_CARER, LEAD = (
    "anonymous",
    "patient",
    "nurse of the team",
    "nurse of another team",
    "staff without the nurse role",
    "carer of the patient",
    "carer of another patient",
    "lead nurse of the team",
)
VISITORS = (ANON, PATIENT, NURSE, OTHER_NURSE, STAFF, CARER, OTHER_CARER, LEAD)

# name: (method, kwargs from the objects, status for the team's nurse,
#        status for a nurse of another team). Anonymous visitors always go to
# the log-in page; patients, carers and staff always get a 404.
PAGE = 200
OWN_LIST = 200  # lists and forms show the other team's nurse their own (empty) data
HIDDEN = 404
MATRIX: dict[str, tuple[str, Callable[[dict], dict], int, int]] = {
    "queue": ("get", lambda o: {}, PAGE, OWN_LIST),
    "review": ("get", lambda o: {}, PAGE, OWN_LIST),
    "caseload": ("get", lambda o: {}, PAGE, OWN_LIST),
    "invite": ("get", lambda o: {}, PAGE, OWN_LIST),
    "acknowledge": ("get", lambda o: {"flag_id": o["flag"].pk}, PAGE, HIDDEN),
    "patient": ("get", lambda o: {"patient_id": o["patient"].pk}, PAGE, HIDDEN),
    "invite_resend": ("post", lambda o: {"patient_id": o["patient"].pk}, 302, HIDDEN),
    "profile": ("get", lambda o: {"patient_id": o["patient"].pk}, PAGE, HIDDEN),
    "add_note": ("get", lambda o: {"patient_id": o["patient"].pk}, PAGE, HIDDEN),
    "carer_revoke": (
        "post",
        lambda o: {"patient_id": o["patient"].pk, "link_id": o["link"].pk},
        302,
        HIDDEN,
    ),
    "close_account": ("get", lambda o: {"patient_id": o["patient"].pk}, PAGE, HIDDEN),
    "entry_new": ("get", lambda o: {"patient_id": o["patient"].pk}, PAGE, HIDDEN),
    "entry": (
        "get",
        lambda o: {"patient_id": o["patient"].pk, "day": o["entry"].entry_date},
        PAGE,
        HIDDEN,
    ),
    "alert_card": ("get", lambda o: {"patient_id": o["patient"].pk}, PAGE, HIDDEN),
    "alert_card_pdf": ("get", lambda o: {"patient_id": o["patient"].pk}, PAGE, HIDDEN),
    "export_diary": ("get", lambda o: {"patient_id": o["patient"].pk}, PAGE, HIDDEN),
    "reports": ("get", lambda o: {}, OWN_LIST, OWN_LIST),
    "service_report": ("get", lambda o: {"team_id": o["team"].pk}, HIDDEN, HIDDEN),
    "service_report_csv": (
        "get",
        lambda o: {"team_id": o["team"].pk},
        HIDDEN,
        HIDDEN,
    ),
}
# A team's service report is for its lead nurses and for staff (every team's);
# the team's other nurses and other teams' leads get a 404. The lead nurse is
# also a nurse of the team, so every other page answers her as it does them.
REPORT = {LEAD: PAGE, STAFF: PAGE}
BY_VISITOR: dict[str, dict[str, int]] = {
    "reports": REPORT,
    "service_report": REPORT,
    "service_report_csv": REPORT,
}


def expected_status(name: str, visitor: str) -> int:
    _, _, own, other = MATRIX[name]
    if visitor in BY_VISITOR.get(name, {}):
        return BY_VISITOR[name][visitor]
    return {NURSE: own, LEAD: own, OTHER_NURSE: other}.get(visitor, HIDDEN)


def test_every_nurse_url_has_a_row_in_the_matrix():
    names = {p.name for p in nurse_urls.urlpatterns}
    assert names == set(MATRIX), f"add a row for {names - set(MATRIX)}"


@pytest.fixture
def objects(team, patient):
    entry = red_entry(patient, days_ago(1))
    carer = make_carer(patient)
    return {
        "patient": patient,
        "entry": entry,
        "flag": entry.flags.get(),
        "link": CarerLink.objects.get(carer=carer),
        "team": team,
    }


@pytest.fixture
def lead_nurse(team):
    lead = make_nurse(team, email="lead@example.org")
    team.lead_nurses.add(lead)
    return lead


@pytest.fixture
def login_as(
    client, patient, other_patient, nurse, other_team_nurse, staff_user, lead_nurse
):
    # The other team's nurse leads her own team: a lead of team B still gets
    # a 404 for team A's report.
    other_team_nurse.teams.get().lead_nurses.add(other_team_nurse)
    users = {
        CARER: CarerLink.objects.get(patient=patient).carer,
        OTHER_CARER: make_carer(other_patient, name="Casey Carer"),
        PATIENT: patient.user,
        NURSE: nurse,
        OTHER_NURSE: other_team_nurse,
        STAFF: staff_user,
        LEAD: lead_nurse,
    }

    def login(visitor: str):
        if visitor != ANON:
            log_in(client, users[visitor])
        return client

    return login


@pytest.mark.parametrize("visitor", VISITORS)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_nurse_url_answers_each_visitor_as_the_matrix_says(
    name, visitor, objects, login_as
):
    method, kwargs, _, _ = MATRIX[name]
    url = reverse(f"nurse:{name}", kwargs=kwargs(objects))
    response = getattr(login_as(visitor), method)(url)
    if visitor == ANON:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == expected_status(name, visitor)


# The state-changing URLs, posted with valid data by everyone who must not
# change this patient's record: nothing may be written.
WRITES = {
    "acknowledge": {
        "action": ["phoned_patient", "advised_ae"],
        "note": "Spoke to her.",
    },
    "invite_resend": {},
    "profile": {"spine_metastases": "on", "bone_therapy": "none"},
    "add_note": {"text": "A note."},
    "carer_revoke": {},
    # A red entry acknowledged as it is saved: an acknowledgement as well.
    "entry_new": {
        "entry_date": days_ago(0).isoformat(),
        "pain_score": 1,
        "fatigue_score": 1,
        "difficulty_walking": "yes",
        "dealt_with": "on",
        "call_action": ["phoned_patient"],
        "call_note": "Rang her.",
    },
    "close_account": {},
}


# Pages that only read (a POST changes nothing) or only touch the nurse's own
# team ("invite" adds a new patient to one of the poster's teams).
READ_ONLY = {
    "reports",
    "service_report",
    "service_report_csv",
    "queue",
    "review",
    "caseload",
    "invite",
    "patient",
    "entry",
    "alert_card",
    "alert_card_pdf",
    "export_diary",
}


def test_every_nurse_url_is_either_a_write_or_read_only():
    assert set(WRITES) | READ_ONLY == set(MATRIX)
    assert not set(WRITES) & READ_ONLY


def awaiting_signup(objects: dict) -> None:
    """invite_resend only writes for a patient who has not set a password."""
    user = objects["patient"].user
    user.set_unusable_password()
    user.save()


def record_counts() -> tuple[int, ...]:
    # A refusal is audited (tests/test_access_audit.py): a row about the
    # asking, not a change to the record.
    audit = AuditEvent.objects.exclude(action=AuditEvent.Action.REFUSED_ACCESS)
    return (
        audit.count(),
        CarerLink.objects.active().count(),
        *(
            model.objects.count()
            for model in (
                AccountClosure,
                Acknowledgement,
                ClinicalNote,
                DailyEntry,
                Invitation,
            )
        ),
    )


@pytest.mark.parametrize("visitor", [ANON, PATIENT, OTHER_NURSE, STAFF, CARER])
@pytest.mark.parametrize("name", sorted(WRITES))
def test_nobody_outside_the_team_can_change_the_record(
    name, visitor, objects, login_as
):
    _, kwargs, _, _ = MATRIX[name]
    url = reverse(f"nurse:{name}", kwargs=kwargs(objects))
    awaiting_signup(objects)
    before = record_counts()
    response = login_as(visitor).post(url, WRITES[name])
    assert response.status_code == (302 if visitor == ANON else 404)
    assert record_counts() == before
    objects["flag"].refresh_from_db()
    assert objects["flag"].status == "open"


@pytest.mark.parametrize("name", sorted(WRITES))
def test_the_same_posts_by_the_teams_nurse_do_change_the_record(
    name, objects, login_as
):
    """So the test above refuses real changes, not invalid forms."""
    _, kwargs, _, _ = MATRIX[name]
    url = reverse(f"nurse:{name}", kwargs=kwargs(objects))
    awaiting_signup(objects)
    before = record_counts()
    response = login_as(NURSE).post(url, WRITES[name])
    assert response.status_code == 302
    assert record_counts() != before


def test_another_teams_patient_is_a_404_even_for_a_nurse_with_patients(
    nurse_client, team
):
    stranger = make_patient(name="Stella Stranger")
    flag = red_entry(stranger, days_ago(1)).flags.get()
    assert (
        nurse_client.get(reverse("nurse:patient", args=[stranger.pk])).status_code
        == 404
    )
    assert (
        nurse_client.get(reverse("nurse:acknowledge", args=[flag.pk])).status_code
        == 404
    )
    assert (
        nurse_client.post(
            reverse("nurse:acknowledge", args=[flag.pk]), {"action": "phoned_patient"}
        ).status_code
        == 404
    )
    flag.refresh_from_db()
    assert flag.status == "open"


def test_another_teams_flags_and_patients_are_not_listed(
    nurse_client, team, other_patient
):
    red_entry(other_patient, days_ago(1))
    queue = nurse_client.get(reverse("nurse:queue")).content.decode()
    caseload = nurse_client.get(reverse("nurse:caseload")).content.decode()
    assert other_patient.user.full_name not in queue
    assert other_patient.user.full_name not in caseload


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_no_nurse_page_is_kept_by_the_browser(name, objects, login_as):
    """Clinic PCs are shared: the back button or a cache must not show the
    last nurse's patients (and a 404 is not cached either)."""
    method, kwargs, _, _ = MATRIX[name]
    url = reverse(f"nurse:{name}", kwargs=kwargs(objects))
    for visitor in (NURSE, OTHER_NURSE):
        response = getattr(login_as(visitor), method)(url)
        assert "no-store" in response["Cache-Control"], (url, visitor)
        assert "private" in response["Cache-Control"], (url, visitor)
