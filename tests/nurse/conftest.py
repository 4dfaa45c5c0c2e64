import pytest

from accounts.models import User
from tests.factories import PASSWORD, make_nurse, make_team


@pytest.fixture
def other_team_nurse(db):
    return make_nurse(make_team("Other Breast Care Team"))


@pytest.fixture
def staff_user(db):
    """Staff with admin access but no nurse role: sees no patient data here."""
    return User.objects.create_user(
        "staff@example.org",
        PASSWORD,
        full_name="Sam Staff",
        role=User.Role.ADMIN,
        is_staff=True,
    )
