"""Deployment guards (accounts/checks.py): with DEBUG off, settings that would
send alerts nowhere, email http:// links or make links forgeable stop
`check --deploy`, the commands that start the app, and the WSGI app itself."""

from __future__ import annotations

import pytest

from tests.test_settings import PRODUCTION_ENV, run

DEPLOY_CHECK = ["manage.py", "check", "--deploy"]
GUARDS = [
    (
        "EMAIL_BACKEND",
        "django.core.mail.backends.console.EmailBackend",
        "accounts.E001",
        "which sends no email: red-flag alerts would be marked sent",
    ),
    (
        "EMAIL_BACKEND",
        "django.core.mail.backends.locmem.EmailBackend",
        "accounts.E001",
        "which sends no email",
    ),
    (
        "EMAIL_BACKEND",
        "django.core.mail.backends.dummy.EmailBackend",
        "accounts.E001",
        "which sends no email",
    ),
    ("SITE_URL", "http://127.0.0.1:8000", "accounts.E002", "not an https:// address"),
    ("SECRET_KEY", "x", "accounts.E003", "SECRET_KEY is shorter than 50 characters"),
]


@pytest.mark.parametrize(("setting", "value", "check_id", "message"), GUARDS)
def test_each_guard_fails_check_deploy_with_its_own_message(
    setting, value, check_id, message
):
    result = run(DEPLOY_CHECK, {**PRODUCTION_ENV, setting: value})
    assert result.returncode != 0
    assert check_id in result.stderr and message in result.stderr
    others = {g[2] for g in GUARDS} - {check_id}
    assert not any(other in result.stderr for other in others)


def test_an_email_backend_left_unset_fails_the_check():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "EMAIL_BACKEND"}
    result = run(DEPLOY_CHECK, env)
    assert result.returncode != 0
    assert "accounts.E001" in result.stderr


def test_the_guards_stop_migrate_and_the_plain_check_too():
    env = {**PRODUCTION_ENV, "SITE_URL": "http://diary.example.nhs.uk"}
    assert "accounts.E002" in run(["manage.py", "check"], env).stderr
    result = run(["manage.py", "migrate", "--plan"], env)
    assert result.returncode != 0 and "accounts.E002" in result.stderr


def test_the_wsgi_app_refuses_to_start_with_a_guard_failing():
    env = {**PRODUCTION_ENV, "SECRET_KEY": "short-secret"}
    result = run(["-c", "import config.wsgi"], env)
    assert result.returncode != 0
    assert "accounts.E003" in result.stderr
    assert run(["-c", "import config.wsgi"], PRODUCTION_ENV).returncode == 0


def test_with_debug_on_make_run_still_starts():
    env = {"DEBUG": "true", "DJANGO_SETTINGS_MODULE": "config.settings"}
    result = run(["manage.py", "check"], env)
    assert result.returncode == 0, result.stderr
