import pytest

from tests.factories import log_in, make_nurse, make_patient, make_team


@pytest.fixture
def team(db):
    return make_team("Demo Breast Care Team")


@pytest.fixture
def patient(team):
    return make_patient(team, name="Pat Patient")


@pytest.fixture
def other_patient(db):
    return make_patient(name="Olive Other")


@pytest.fixture
def nurse(team):
    return make_nurse(team)


@pytest.fixture
def patient_client(client, patient):
    log_in(client, patient.user)
    return client


@pytest.fixture
def nurse_client(client, nurse):
    log_in(client, nurse)
    return client
