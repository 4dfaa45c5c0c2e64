"""The clinical package must import and run without Django or its settings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.imports import files_importing

REPO = Path(__file__).resolve().parents[2]

SCRIPT = """
import sys, datetime
import clinical.rules, clinical.rules.guidance, clinical.rules.scenarios
from clinical.rules import EntryData, Profile, evaluate
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


EVERY_MODULE = """
import importlib, pkgutil, sys
import clinical
for module in pkgutil.walk_packages(clinical.__path__, "clinical."):
    importlib.import_module(module.name)
assert not [m for m in sys.modules if m == "django" or m.startswith("django.")]
"""


def test_every_clinical_module_imports_without_django():
    env = {"PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", EVERY_MODULE], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def test_no_clinical_module_imports_django_accounts_or_diary_even_inside_a_function():
    for package in ("django", "accounts", "diary"):
        assert files_importing("clinical", package) == [], package
