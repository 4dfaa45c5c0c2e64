"""Wrong-password throttling, so that nobody can guess a password by trying.

After MAX_FAILURES wrong passwords for one email address within
WINDOW_SECONDS, that address cannot log in (even with the right password)
until the window has passed; resetting the password by email still works.
The count lives in Django's cache, which config.settings keeps in the
database so that every app server shares it.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.dispatch import receiver

MAX_FAILURES = 10
WINDOW_SECONDS = 15 * 60
LOCKED = (
    "Too many wrong passwords for this account. Wait 15 minutes and try "
    "again, or use 'Forgotten your password?' to choose a new one."
)


def _key(email: str) -> str:
    # Hashed: the cache needs no email addresses, and any text is a valid key.
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    return f"login-failures:{digest}"


def is_locked(email: str) -> bool:
    return cache.get(_key(email), 0) >= MAX_FAILURES


@receiver(user_login_failed)
def _count_failure(sender: Any, credentials: dict[str, Any], **kwargs: Any) -> None:
    email = credentials.get("username") or credentials.get("email")
    if not email:
        return
    key = _key(str(email))
    # The window starts at the first failure; later ones do not extend it.
    if not cache.add(key, 1, WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, WINDOW_SECONDS)


@receiver(user_logged_in)
def _forget_failures(sender: Any, user: Any, **kwargs: Any) -> None:
    cache.delete(_key(user.email))
