"""Users, teams and the patient profile."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from accounts.models import User
from tests.factories import days_ago, make_nurse, make_patient, make_team


def test_email_is_the_login_and_a_new_user_is_a_patient(db):
    user = User.objects.create_user("Mixed.Case@Example.ORG", "a-long-password-1")
    assert User.USERNAME_FIELD == "email"
    assert user.email == "mixed.case@example.org"
    assert user.role == User.Role.PATIENT


def test_nurses_can_belong_to_several_teams(db):
    first, second = make_team(), make_team()
    nurse = make_nurse(first, second)
    assert set(nurse.teams.all()) == {first, second}
    assert nurse.is_nurse and not nurse.is_patient


def test_a_patients_phones_default_from_the_team(db):
    team = make_team()
    patient = make_patient(team)
    assert patient.specialist_phone == team.specialist_team_phone
    assert patient.acute_phone == team.acute_oncology_phone


def test_a_patients_own_phone_numbers_win(db):
    patient = make_patient(
        specialist_team_phone="0113 111 2222", acute_oncology_phone="0113 999 0000"
    )
    assert (patient.specialist_phone, patient.acute_phone) == (
        "0113 111 2222",
        "0113 999 0000",
    )


def test_a_wrong_nhs_number_is_refused_on_its_field_with_a_clear_message(db):
    patient = make_patient(nhs_number="943 476 5918")
    with pytest.raises(ValidationError) as caught:
        patient.full_clean()
    assert caught.value.message_dict["nhs_number"] == [
        "This is not a valid NHS number: please check each digit."
    ]


def test_the_nhs_number_is_optional(db):
    make_patient(nhs_number="").full_clean()


def test_a_date_of_birth_in_the_future_is_refused(db):
    patient = make_patient(date_of_birth=days_ago(-1))
    with pytest.raises(ValidationError, match="cannot be in the future"):
        patient.full_clean()
    patient.date_of_birth = dt.date(1960, 5, 1)
    patient.full_clean()


def test_a_bad_phone_number_is_refused(db):
    patient = make_patient(specialist_team_phone="call me")
    with pytest.raises(ValidationError) as caught:
        patient.full_clean()
    assert "specialist_team_phone" in caught.value.message_dict
