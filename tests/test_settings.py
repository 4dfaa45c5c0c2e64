import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "k3!x9-production-like-secret-key-with-plenty-of-entropy-0123456789",
    "ALLOWED_HOSTS": "diary.example.nhs.uk",
    "DJANGO_SETTINGS_MODULE": "config.settings",
}


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
    )


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = run(
        ["manage.py", "check"],
        {"DEBUG": "false", "DJANGO_SETTINGS_MODULE": "config.settings"},
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_it_passes_the_deployment_checklist_with_production_settings():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], PRODUCTION_ENV
    )
    assert result.returncode == 0, result.stderr
