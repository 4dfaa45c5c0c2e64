import pytest
from django.core.management import CommandError, call_command

from diary.models import DailyEntry


def test_it_loads_patients_with_a_diary_each(db, settings):
    settings.DEBUG = True
    call_command("seed_bench", patients=5, days=30)
    assert DailyEntry.objects.count() == 150
    entry = DailyEntry.objects.filter(pain_score__gt=3).first()
    assert entry.pain_sites == ["pelvis_hip", "ribs_chest"]
    assert entry.difficulty_walking is None  # not answered, as in real diaries


def test_it_refuses_to_run_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_bench", patients=1, days=1)


def test_it_keeps_text_and_lists_as_the_app_writes_them(db, settings):
    # On PostgreSQL the rows go in by COPY: blanks must stay blank, not NULL.
    settings.DEBUG = True
    call_command("seed_bench", patients=3, days=40)
    painful = DailyEntry.objects.filter(pain_score__gt=6).first()
    assert painful.notes == "Slept badly; walked to the shop with a stick."
    assert painful.questions_for_team == ""
    assert painful.numbness == []
    assert DailyEntry.objects.filter(pain_score__lte=3).first().pain_sites is None
