"""Deployment guards: settings that look fine but fail patients silently.

They run with every `manage.py` command that checks (runserver, migrate,
check, check --deploy) and when the WSGI app starts (config/wsgi.py), and
are errors only with DEBUG off, so `make run` (DEBUG=true) still works.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks

TAG = "deployment_guard"
MIN_SECRET_KEY_LENGTH = 50
# Backends that accept a message and send it nowhere: a red-flag alert would
# be marked sent (AlertEmail.sent_at) although no nurse ever received it.
NOWHERE_EMAIL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}


@checks.register(checks.Tags.security, TAG)
def deployment_guards(app_configs: Any = None, **kwargs: Any) -> list[checks.Error]:
    if settings.DEBUG:
        return []
    errors = []
    if settings.EMAIL_BACKEND in NOWHERE_EMAIL_BACKENDS:
        errors.append(
            checks.Error(
                f"EMAIL_BACKEND is {settings.EMAIL_BACKEND}, which sends no email: "
                "red-flag alerts would be marked sent although nobody got them, "
                "and reset and invitation links would go nowhere.",
                hint="Set EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend "
                "and the EMAIL_HOST settings.",
                id="accounts.E001",
            )
        )
    if not settings.SITE_URL.startswith("https://"):
        errors.append(
            checks.Error(
                f"SITE_URL is {settings.SITE_URL!r}, not an https:// address: "
                "emailed reset, invitation and alert links would be wrong or "
                "unencrypted.",
                hint="Set SITE_URL to the address patients and nurses use, "
                "e.g. https://diary.example.nhs.uk.",
                id="accounts.E002",
            )
        )
    if len(settings.SECRET_KEY) < MIN_SECRET_KEY_LENGTH:
        errors.append(
            checks.Error(
                f"SECRET_KEY is shorter than {MIN_SECRET_KEY_LENGTH} characters: "
                "sessions, reset and invitation links could be forged.",
                hint="Set SECRET_KEY to a long random string, e.g. from "
                "python -c 'import secrets; print(secrets.token_urlsafe(50))'.",
                id="accounts.E003",
            )
        )
    return errors
