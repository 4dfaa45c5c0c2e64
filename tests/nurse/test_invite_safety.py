"""Invitations after an address is corrected, and what the invite form says
about addresses that already have an account outside the nurse's teams."""

from __future__ import annotations

import logging

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Invitation, PatientProfile, User
from diary.models import AuditEvent
from tests.factories import make_nurse, make_patient, make_team
from tests.nurse.test_invites import NEW_PASSWORD, accept, link_in, path_of

CANNOT_INVITE = "An invitation cannot be sent to this email address."


@pytest.fixture
def mistyped(nurse_client, team):
    """A patient invited at a mistyped address, and the link sent there."""
    response = nurse_client.post(
        reverse("nurse:invite"),
        {"full_name": "Iris Invited", "email": "iris@exmaple.org", "team": team.pk},
    )
    assert response.status_code == 302
    patient = PatientProfile.objects.get(user__email="iris@exmaple.org")
    return patient, link_in(mail.outbox[-1])


def test_a_link_to_an_address_since_corrected_is_refused(mistyped, client):
    patient, link = mistyped
    patient.user.email = "iris@example.org"
    patient.user.save()
    page = client.get(path_of(link))
    assert page.status_code == 410
    assert "This link was sent to an old address" in page.content.decode()
    assert accept(client, link).status_code == 410
    patient.user.refresh_from_db()
    assert not patient.user.has_usable_password() and not patient.user.is_active


def test_a_pending_link_whose_address_no_longer_matches_is_refused(mistyped, client):
    """Even if the address was changed without the invitations being replaced
    (a bulk update, a database fix), accepting checks the address."""
    patient, link = mistyped
    User.objects.filter(pk=patient.user.pk).update(email="iris@example.org")
    assert Invitation.objects.get().status == Invitation.Status.PENDING
    assert accept(client, link).status_code == 410
    patient.user.refresh_from_db()
    assert not patient.user.has_usable_password()


def test_changing_an_email_replaces_pending_invitations_and_a_new_one_works(
    mistyped, nurse_client, client
):
    patient, _ = mistyped
    patient.user.email = "iris@example.org"
    patient.user.save()
    assert Invitation.objects.get().status == Invitation.Status.REPLACED
    nurse_client.post(reverse("nurse:invite_resend", args=[patient.pk]))
    assert mail.outbox[-1].to == ["iris@example.org"]
    assert accept(client, link_in(mail.outbox[-1])).status_code == 302
    patient.user.refresh_from_db()
    assert patient.user.check_password(NEW_PASSWORD)


def test_saving_a_user_without_changing_the_email_keeps_the_invitation(mistyped):
    patient, _ = mistyped
    patient.user.full_name = "Iris Corrected"
    patient.user.save()
    assert Invitation.objects.get().status == Invitation.Status.PENDING


def invite(nurse_client, team, email: str):
    return nurse_client.post(
        reverse("nurse:invite"),
        {"full_name": "Someone Else", "email": email, "team": team.pk},
    )


def test_an_address_in_another_team_gets_a_neutral_message_and_is_audited(
    nurse_client, nurse, team
):
    elsewhere = make_patient(make_team("Another Hospital"), name="Eve Elsewhere")
    response = invite(nurse_client, team, elsewhere.user.email.upper())
    body = response.content.decode()
    assert response.status_code == 400
    assert CANNOT_INVITE in body
    assert "already an account" not in body
    assert 'value="Someone Else"' in body
    event = AuditEvent.objects.get(action=AuditEvent.Action.TRIED_TO_INVITE_EXISTING)
    assert (event.actor, event.patient) == (nurse, elsewhere)
    assert not mail.outbox and PatientProfile.objects.count() == 1


def test_a_nurses_or_staff_address_gets_the_same_message_and_is_logged(
    nurse_client, team, caplog
):
    colleague = make_nurse(make_team("Another Hospital"))
    with caplog.at_level(logging.WARNING, logger="accounts.invites"):
        response = invite(nurse_client, team, colleague.email)
    assert response.status_code == 400
    assert CANNOT_INVITE in response.content.decode()
    assert f"account {colleague.pk}" in caplog.text
    assert not PatientProfile.objects.exists()


def test_a_patient_already_in_the_nurses_team_is_still_named_as_taken(
    nurse_client, team, patient
):
    body = invite(nurse_client, team, patient.user.email).content.decode()
    assert "There is already an account with this email address." in body
    assert not AuditEvent.objects.filter(
        action=AuditEvent.Action.TRIED_TO_INVITE_EXISTING
    ).exists()
