import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from diary.models import DailyEntry, Flag


def test_it_refuses_to_run_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")


def test_it_is_idempotent(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = (User.objects.count(), DailyEntry.objects.count(), Flag.objects.count())
    call_command("seed_demo")
    assert (
        User.objects.count(),
        DailyEntry.objects.count(),
        Flag.objects.count(),
    ) == counts
    assert counts[0] == 5
    assert (
        DailyEntry.objects.filter(patient__user__email="patient@example.org").count()
        == 60
    )


def test_the_demo_patient_has_a_red_flag_yesterday(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    assert Flag.objects.filter(
        entry__patient__user__email="patient@example.org", level="red", condition="mscc"
    ).exists()
