"""diary.rules must import and run without Django or its settings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

SCRIPT = """
import sys, datetime
import diary.rules, diary.rules.guidance, diary.rules.scenarios
from diary.rules import EntryData, Profile, evaluate
entry = EntryData(datetime.date(2025, 1, 1), 2, 3, difficulty_walking=True)
assert evaluate(Profile(), entry, []).level == "red"
assert not [m for m in sys.modules if m == "django" or m.startswith("django.")]
"""


def test_the_rules_package_imports_and_runs_without_django():
    env = {"PYTHONPATH": str(REPO)}  # and no DJANGO_SETTINGS_MODULE
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
