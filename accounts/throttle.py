"""Password throttling, so that nobody can guess a password by trying.

Every attempt is counted *before* the password is checked, by one atomic
statement per key, so concurrent guesses cannot slip past the limit: of any
number of simultaneous attempts at one account, at most MAX_FAILURES have
their password checked in a window. Two keys count each attempt:

- the account the address resolves to (or, when none does, the address
  itself, normalised so that look-alike spellings share one count); after
  MAX_FAILURES attempts in WINDOW_SECONDS it is refused, even with the right
  password, until the window ends. The right password starts afresh, and so
  does a password reset by email;
- the client's IP address, so one machine cannot try a common password on
  many accounts (password spraying); only wrong passwords count there.

The window is fixed: it starts at the first attempt and later attempts do
not extend it. docs/decisions/0001-login-throttle-table.md says why this is a
table of our own rather than django-axes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import time
import unicodedata

from django.conf import settings
from django.db import connection
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from accounts.models import LoginThrottle, User

MAX_FAILURES = 10
WINDOW_SECONDS = 15 * 60
WARN_FROM = 5  # wrong passwords before the sign-in page counts down the tries
IP_MAX_FAILURES = 50

ACCOUNT_PREFIX = "account:"
IP_PREFIX = "ip:"


@dataclasses.dataclass(frozen=True)
class Verdict:
    """One attempt's place in its window, after it was counted."""

    attempts: int
    limit: int
    window_start: int
    from_ip: bool = False

    @property
    def refused(self) -> bool:
        return self.attempts > self.limit

    @property
    def tries_left(self) -> int:
        return max(self.limit - self.attempts, 0)

    @property
    def until(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.window_start + WINDOW_SECONDS, tz=dt.UTC)


def normalise_address(address: str) -> str:
    """One spelling for addresses that look alike: NFKC folds full-width and
    other compatibility letters; upper then casefold also folds letters whose
    capital is an ASCII one (the dotless ı, the long ſ), as PostgreSQL's
    UPPER() does when the User look-up compares addresses."""
    folded = unicodedata.normalize("NFKC", address.strip()).upper().casefold()
    return unicodedata.normalize("NFKC", folded)


def account_pk(address: str) -> int | None:
    """The account an address (or its normalised spelling) resolves to."""
    for spelling in (address.strip(), normalise_address(address)):
        pk = (
            User.objects.filter(email__iexact=spelling)
            .order_by("pk")
            .values_list("pk", flat=True)
            .first()
        )
        if pk is not None:
            return pk
    return None


def account_key(address: str) -> str:
    """The key for an address: its account's, if it (or its normalised
    spelling) resolves to one, else the hashed normalised address, so an
    unknown address is throttled the same and reveals nothing."""
    pk = account_pk(address)
    if pk is not None:
        return user_key(pk)
    normalised = normalise_address(address)
    return ACCOUNT_PREFIX + hashlib.sha256(normalised.encode()).hexdigest()[:64]


def user_key(pk: int) -> str:
    return f"{ACCOUNT_PREFIX}{pk}"


def client_ip(request: HttpRequest | None) -> str:
    """The client's address: REMOTE_ADDR, or behind our own proxy (BEHIND_PROXY)
    the last X-Forwarded-For entry, the one that proxy added. Earlier entries
    are whatever the client sent, so they are never trusted."""
    if request is None:
        return ""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR", "")


def ip_key(ip: str) -> str:
    return IP_PREFIX + hashlib.sha256(ip.encode()).hexdigest()[:64]


_TABLE = LoginThrottle._meta.db_table

# Insert the first attempt, or add one to the row: a window that has ended
# starts again at 1. SET reads the row's old values on both PostgreSQL and
# SQLite, so both CASEs see the same window_start.
_COUNT_SQL = f"""
INSERT INTO {_TABLE} (key, attempts, window_start) VALUES (%s, 1, %s)
ON CONFLICT (key) DO UPDATE SET
  attempts = CASE WHEN {_TABLE}.window_start <= %s THEN 1
                  ELSE {_TABLE}.attempts + 1 END,
  window_start = CASE WHEN {_TABLE}.window_start <= %s THEN excluded.window_start
                      ELSE {_TABLE}.window_start END
RETURNING attempts, window_start
"""  # noqa: S608  (the table name is ours; values are parameters)


def _count(key: str, limit: int, from_ip: bool = False) -> Verdict:
    now = int(time.time())
    ended = now - WINDOW_SECONDS
    with connection.cursor() as cursor:
        cursor.execute(_COUNT_SQL, [key, now, ended, ended])
        attempts, window_start = cursor.fetchone()
    return Verdict(attempts, limit, window_start, from_ip)


def count_attempt(key: str, ip: str = "") -> Verdict:
    """Count one attempt at `key` (and from `ip`, if given) before its password
    is checked. The verdict refuses it if either limit is passed; the account's
    is returned unless only the IP's limit refuses."""
    verdict = _count(key, MAX_FAILURES)
    if ip:
        from_ip = _count(ip_key(ip), IP_MAX_FAILURES, from_ip=True)
        if from_ip.refused and not verdict.refused:
            return from_ip
    return verdict


def password_was_right(key: str, ip: str = "") -> None:
    """The account starts afresh; the IP takes back this attempt, so that only
    wrong passwords count against a shared (e.g. hospital) address."""
    forget(key)
    if ip:
        LoginThrottle.objects.filter(key=ip_key(ip), attempts__gt=0).update(
            attempts=F("attempts") - 1
        )


def forget(key: str) -> None:
    LoginThrottle.objects.filter(key=key).delete()


def local_time(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%H:%M")
