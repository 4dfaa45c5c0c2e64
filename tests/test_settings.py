import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "k3!x9-production-like-secret-key-with-plenty-of-entropy-0123456789",
    "ALLOWED_HOSTS": "diary.example.nhs.uk",
    "SITE_URL": "https://diary.example.nhs.uk",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "DJANGO_SETTINGS_MODULE": "config.settings",
}


SETTINGS_READ_FROM_ENV = (
    "SECRET_KEY", "DEBUG", "DATABASE_URL", "ALLOWED_HOSTS", "TIME_ZONE",
    "EMAIL_BACKEND", "SECURE_SSL_REDIRECT", "BEHIND_PROXY", "SITE_URL",
)  # fmt: skip


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in SETTINGS_READ_FROM_ENV}
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


def settings_with(env: dict[str, str]) -> dict:
    """The settings module's values when started with `env` (and nothing else)."""
    script = (
        "import json; from django.conf import settings as s; print(json.dumps({"
        "'db': s.DATABASES['default'], 'debug': s.DEBUG, 'hosts': s.ALLOWED_HOSTS,"
        "'tz': s.TIME_ZONE, 'email': s.EMAIL_BACKEND, 'key': s.SECRET_KEY,"
        "'proxy': getattr(s, 'SECURE_PROXY_SSL_HEADER', None),"
        "'ssl_redirect': s.SECURE_SSL_REDIRECT}, default=str))"
    )
    env = {"DJANGO_SETTINGS_MODULE": "config.settings", **env}
    result = run(["-c", f"import django; django.setup(); {script}"], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_without_database_url_it_uses_sqlite_in_the_project():
    db = settings_with({"DEBUG": "true"})["db"]
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == str(ROOT / "db.sqlite3")


def test_a_postgres_database_url_means_postgresql():
    url = "postgres://diary:pw@db.internal:5433/diary_prod"
    db = settings_with({"DEBUG": "true", "DATABASE_URL": url})["db"]
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["HOST"], db["PORT"], db["NAME"], db["USER"]) == (
        "db.internal",
        5433,
        "diary_prod",
        "diary",
    )


def test_defaults_are_london_time_and_console_email():
    values = settings_with({"DEBUG": "true"})
    assert values["tz"] == "Europe/London"
    assert values["email"] == "django.core.mail.backends.console.EmailBackend"


def test_debug_is_off_unless_switched_on():
    assert settings_with(PRODUCTION_ENV)["debug"] is False
    assert settings_with({"DEBUG": "true"})["debug"] is True


def test_hosts_time_zone_email_and_key_come_from_the_environment():
    values = settings_with(
        {
            **PRODUCTION_ENV,
            "ALLOWED_HOSTS": "diary.example.nhs.uk, www.diary.example.nhs.uk",
            "TIME_ZONE": "Europe/Dublin",
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        }
    )
    assert values["hosts"] == ["diary.example.nhs.uk", "www.diary.example.nhs.uk"]
    assert values["tz"] == "Europe/Dublin"
    assert values["email"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["key"] == PRODUCTION_ENV["SECRET_KEY"]


def test_behind_a_proxy_https_is_read_from_the_forwarded_header():
    values = settings_with(
        {**PRODUCTION_ENV, "BEHIND_PROXY": "true", "SECURE_SSL_REDIRECT": "false"}
    )
    assert values["proxy"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["ssl_redirect"] is False
    assert settings_with(PRODUCTION_ENV)["ssl_redirect"] is True


def test_sqlite_commits_through_a_write_ahead_log(tmp_path):
    """Development's SQLite in WAL mode with synchronous=NORMAL: a commit
    (every page view writes its audit row) is not a sync to disk, and
    readers do not wait for a writer (docs/decisions/0011)."""
    script = (
        "import django; django.setup(); from django.db import connection;"
        "c = connection.cursor();"
        "print(c.execute('PRAGMA journal_mode').fetchone()[0],"
        " c.execute('PRAGMA synchronous').fetchone()[0])"
    )
    result = run(
        ["-c", script],
        {
            "DEBUG": "true",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'dev.sqlite3'}",
        },
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wal", "1"]  # 1 is NORMAL (2 is FULL)
