import pytest

from tests.factories import make_nurse, make_patient, make_team


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
    client.force_login(patient.user)
    return client


@pytest.fixture
def nurse_client(client, nurse):
    client.force_login(nurse)
    return client
