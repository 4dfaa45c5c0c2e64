"""Every nurse page that lists or shows patients writes exactly one audit row
(who, which page, which patient or none for a list, when).

The URL names come from diary.nurse.urls itself: a new nurse page that writes
no row fails test_every_nurse_page_writes_exactly_one_audit_row, unless it is
in NOT_AUDITED with the reason it shows no patient's data.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import CarerLink
from diary.models import AuditEvent
from diary.nurse import urls as nurse_urls
from tests.factories import days_ago, make_carer
from tests.nurse.helpers import red_entry
from tests.nurse.test_authorization_matrix import MATRIX

Action = AuditEvent.Action

# Pages with no patient's data on them, each with its reason. Keep it short.
NOT_AUDITED = {
    "invite": "a blank form for a new patient's name and address: nobody's data",
    "reports": "the names of the teams whose report the user may read",
}
# A team's service report, read by its lead nurse: no patient, the team and months.
REPORTS = {
    "service_report": Action.VIEWED_REPORT,
    "service_report_csv": Action.DOWNLOADED_REPORT,
}
# POST only (require_POST): a GET is refused with 405 and shows nothing.
POST_ONLY = {
    "invite_resend": "sends the invitation again; audited as invited_patient",
    "carer_revoke": "ends a carer's access; audited as carer_revoked",
}
LISTS = {"queue", "review", "caseload"}


def names() -> list[str]:
    return sorted(p.name for p in nurse_urls.urlpatterns if p.name)


def last_pk() -> int:
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


@pytest.fixture
def objects(patient):
    entry = red_entry(patient, days_ago(1))
    make_carer(patient)
    link = CarerLink.objects.get(patient=patient)
    return {
        "patient": patient,
        "entry": entry,
        "flag": entry.flags.get(),
        "link": link,
        "team": patient.team,
    }


def test_every_nurse_url_is_audited_or_allowed_with_a_reason():
    assert set(names()) <= set(MATRIX), "add it to test_authorization_matrix first"
    assert set(NOT_AUDITED) | set(POST_ONLY) <= set(names())
    assert all(reason.strip() for reason in {**NOT_AUDITED, **POST_ONLY}.values())


@pytest.mark.parametrize("name", names())
def test_every_nurse_page_writes_exactly_one_audit_row(
    name, nurse_client, nurse, patient, objects
):
    _, kwargs, _, _ = MATRIX[name]
    url = reverse(f"nurse:{name}", kwargs=kwargs(objects))
    if name in REPORTS:
        patient.team.lead_nurses.add(nurse)
    before, since = last_pk(), timezone.now()
    response = nurse_client.get(url)
    new = list(AuditEvent.objects.filter(pk__gt=before))
    if name in POST_ONLY:
        assert response.status_code == 405 and new == []
        return
    assert response.status_code == 200
    if name in NOT_AUDITED:
        assert new == [], f"{name} is allowed unaudited but wrote {new}"
        return
    assert len(new) == 1, f"nurse:{name} wrote {len(new)} audit rows, not 1"
    [event] = new
    assert event.actor == nurse and event.at >= since
    if name in REPORTS:
        assert (event.action, event.patient) == (REPORTS[name], None)
        assert event.detail["team"] == patient.team.pk
    elif name in LISTS:
        assert (event.action, event.patient) == (Action.VIEWED_LIST, None)
        assert event.detail["page"] == name
    else:
        assert (event.action, event.patient) == (Action.VIEWED_RECORD, patient)


def test_the_caseload_records_its_filters_and_sort_but_never_the_search_text(
    nurse_client, nurse, patient
):
    nurse_client.get(
        reverse("nurse:caseload"),
        {"q": "Pat Patient", "level": "red", "not_logged": "3", "sort": "level"},
    )
    event = AuditEvent.objects.get(action=Action.VIEWED_LIST)
    assert event.detail["searched"] is True
    assert event.detail["level"] == "red" and event.detail["not_logged"] == 3
    assert event.detail["sort"] == "level" and event.detail["page_number"] == 1
    assert "Pat" not in str(event.detail) and "q" not in event.detail


def test_a_caseload_without_a_search_says_so(nurse_client):
    nurse_client.get(reverse("nurse:caseload"))
    event = AuditEvent.objects.get(action=Action.VIEWED_LIST)
    assert event.detail["searched"] is False and event.detail["sort"] == "name"


def test_an_nhs_number_searched_for_is_not_in_the_trail(nurse_client, patient):
    patient.nhs_number = "9434765919"
    patient.save()
    nurse_client.get(reverse("nurse:caseload"), {"q": "943 476 5919"})
    for event in AuditEvent.objects.all():
        assert "943" not in str(event.detail)


def test_each_queue_page_turned_is_its_own_row(nurse_client):
    nurse_client.get(reverse("nurse:queue"))
    nurse_client.get(reverse("nurse:queue"), {"page": "2"})
    rows = AuditEvent.objects.filter(action=Action.VIEWED_LIST).order_by("pk")
    assert [e.detail["page"] for e in rows] == ["queue", "queue"]
