"""The log-in throttle: counted before the password is checked, per account
(look-alike spellings of an address share it) and per client IP; a reset lifts
the lock and the password-change form shares it. test_login.py has the basic
ten-wrong-passwords lock."""

from __future__ import annotations

import datetime as dt
import re
import threading
from unittest import mock

import pytest
import time_machine
from django.contrib.auth import get_user
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts import throttle
from accounts.models import LoginThrottle, User
from tests.factories import PASSWORD

LOGIN = reverse("login")
EMAIL = "patient@example.org"
# The dotless ı logs in to EMAIL on PostgreSQL (UPPER('ı') is 'I'); the
# full-width letters are what a phone keyboard in another script may type.
LOOK_ALIKES = [
    "patıent@example.org",
    "ｐａｔｉｅｎｔ@example.org",
    "PATIENT@example.org",
]
LOCKED = "Too many wrong passwords for this account"
FROM_NETWORK = "Too many wrong passwords have been tried from this network"


@pytest.fixture
def account(db):
    return User.objects.create_user(EMAIL, PASSWORD, full_name="Pat Patient")


def log_in(client, email: str, password: str = PASSWORD):
    return client.post(LOGIN, {"username": email, "password": password})


def counting_password_checks():
    """A patch that counts User.check_password calls (the real check still runs)."""
    return mock.patch.object(
        User, "check_password", autospec=True, side_effect=User.check_password
    )


def test_look_alike_spellings_of_an_address_share_its_lock(client, account):
    for n in range(throttle.MAX_FAILURES):
        log_in(client, LOOK_ALIKES[n % len(LOOK_ALIKES)], f"wrong-{n}")
    for spelling in [EMAIL, *LOOK_ALIKES]:
        assert LOCKED in log_in(client, spelling).content.decode(), spelling
    assert not get_user(client).is_authenticated


def test_an_unknown_address_and_its_look_alikes_share_one_count(client, db):
    for n in range(throttle.MAX_FAILURES):
        log_in(client, ["nobody@example.org", "ｎｏｂｏｄｙ@example.org"][n % 2], "x")
    assert LOCKED in log_in(client, "NOBODY@example.org").content.decode()


def test_the_lock_is_refused_without_checking_the_password(client, account):
    for n in range(throttle.MAX_FAILURES):
        log_in(client, EMAIL, f"wrong-{n}")
    with counting_password_checks() as check:
        log_in(client, EMAIL)
    assert check.call_count == 0


def test_a_locked_user_sees_when_they_can_try_again(client, account):
    # 10:00 UTC in June is 11:00 in London; the lock ends 15 minutes after
    # the first wrong password.
    with time_machine.travel(dt.datetime(2026, 6, 1, 10, 0, tzinfo=dt.UTC)):
        log_in(client, EMAIL, "wrong-first")
    with time_machine.travel(dt.datetime(2026, 6, 1, 10, 5, tzinfo=dt.UTC)):
        for n in range(throttle.MAX_FAILURES - 1):
            log_in(client, EMAIL, f"wrong-{n}")
        body = log_in(client, EMAIL).content.decode()
    assert "You can try again at 11:15" in body


def test_the_window_is_fixed_from_the_first_wrong_password(client, account):
    start = dt.datetime(2026, 6, 1, 10, 0, tzinfo=dt.UTC)
    with time_machine.travel(start):
        log_in(client, EMAIL, "wrong-first")
    # Later failures do not move the window's end: it ends 15 minutes after
    # the first, and the count starts afresh.
    with time_machine.travel(start + dt.timedelta(minutes=14)):
        for n in range(throttle.MAX_FAILURES - 1):
            log_in(client, EMAIL, f"wrong-{n}")
        assert LOCKED in log_in(client, EMAIL).content.decode()
    with time_machine.travel(start + dt.timedelta(minutes=15, seconds=1)):
        assert log_in(client, EMAIL).status_code == 302


def test_a_password_reset_lifts_the_lock(client, account):
    for n in range(throttle.MAX_FAILURES):
        log_in(client, EMAIL, f"wrong-{n}")
    client.post(reverse("password_reset"), {"email": EMAIL})
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+)", mail.outbox[0].body)
    form_url = client.get(link.group(1)).url
    new = "a-fresh-password-after-reset-9"
    client.post(form_url, {"new_password1": new, "new_password2": new})
    assert log_in(client, EMAIL, new).status_code == 302


def test_reset_links_use_site_url_not_the_requests_host(client, account, settings):
    settings.SITE_URL = "https://diary.example.nhs.uk"
    settings.ALLOWED_HOSTS = ["testserver", "evil.example"]
    client.post(reverse("password_reset"), {"email": EMAIL}, HTTP_HOST="evil.example")
    assert "https://diary.example.nhs.uk/accounts/reset/" in mail.outbox[0].body
    assert "evil.example" not in mail.outbox[0].body


def test_wrong_old_passwords_on_the_change_form_share_the_accounts_limit(
    client, account
):
    client.force_login(account)
    url = reverse("password_change")
    new = "a-brand-new-password-77"
    for n in range(throttle.MAX_FAILURES):
        response = client.post(
            url,
            {"old_password": f"wrong-{n}", "new_password1": new, "new_password2": new},
        )
        assert response.status_code == 200
    with counting_password_checks() as check:
        response = client.post(
            url, {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
        )
    assert LOCKED in response.content.decode()
    assert check.call_count == 0
    account.refresh_from_db()
    assert account.check_password(PASSWORD)
    assert LOCKED in log_in(Client(), EMAIL).content.decode()


def test_one_client_ip_is_stopped_after_fifty_wrong_passwords_across_accounts(db):
    sprayer = Client(REMOTE_ADDR="203.0.113.7")
    for n in range(throttle.IP_MAX_FAILURES):
        log_in(sprayer, f"person{n}@example.org", "Password1")
    assert FROM_NETWORK in log_in(sprayer, "person-new@example.org").content.decode()
    assert FROM_NETWORK not in (
        log_in(Client(REMOTE_ADDR="198.51.100.2"), "y@example.org").content.decode()
    )


def test_right_passwords_do_not_count_against_the_client_ip(account):
    shared_ip = Client(REMOTE_ADDR="203.0.113.8")  # e.g. a hospital's one address
    for _ in range(throttle.IP_MAX_FAILURES + 5):
        assert log_in(shared_ip, EMAIL).status_code == 302
        shared_ip.logout()
    assert FROM_NETWORK not in log_in(shared_ip, EMAIL, "wrong").content.decode()


def spray_through_proxy(forwarded_for: str) -> str:
    """Fifty wrong passwords from one proxy address, each with a different
    X-Forwarded-For first entry, then one more: the last page's text."""
    for n in range(throttle.IP_MAX_FAILURES):
        client = Client(
            REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, {forwarded_for}"
        )
        log_in(client, f"person{n}@example.org", "Password1")
    client = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for)
    return log_in(client, "person-new@example.org", "Password1").content.decode()


def test_behind_a_proxy_the_address_the_proxy_saw_is_counted(db, settings):
    settings.BEHIND_PROXY = True
    # The client may send any first entries; the proxy appends the real one.
    assert FROM_NETWORK in spray_through_proxy("203.0.113.9")
    other = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.3")
    assert FROM_NETWORK not in log_in(other, "z@example.org", "x").content.decode()


def test_without_behind_proxy_x_forwarded_for_is_not_trusted(db, settings):
    settings.BEHIND_PROXY = False
    # Every attempt comes from the proxy's (REMOTE_ADDR) address, whatever the
    # header says, so a client cannot dodge the limit by inventing entries.
    for n in range(throttle.IP_MAX_FAILURES):
        client = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
        log_in(client, f"person{n}@example.org", "Password1")
    client = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.4")
    assert FROM_NETWORK in log_in(client, "new@example.org", "x").content.decode()


def test_wrong_passwords_are_counted_in_one_row_per_account(client, account):
    for n in range(3):
        log_in(client, LOOK_ALIKES[n], "wrong")
    row = LoginThrottle.objects.get(key=throttle.user_key(account.pk))
    assert row.attempts == 3


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite lets one writer in at a time, so threads "
    "cannot race the count (CI runs this file on PostgreSQL)",
)


def _at_once(addresses: list[str]) -> list[BaseException]:
    """One wrong password per address, all released together by a barrier,
    each thread on its own database connection."""
    start = threading.Barrier(len(addresses))
    errors: list[BaseException] = []

    def run(address: str) -> None:
        try:
            client = Client()
            start.wait()
            log_in(client, address, "a-wrong-guess")
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(a,)) for a in addresses]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_sixty_simultaneous_wrong_passwords_get_at_most_ten_checks_and_lock():
    User.objects.create_user(EMAIL, PASSWORD, full_name="Pat Patient")
    with counting_password_checks() as check:
        assert _at_once([EMAIL] * 60) == []
    assert 1 <= check.call_count <= throttle.MAX_FAILURES
    assert LOCKED in log_in(Client(), EMAIL).content.decode()


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_simultaneous_look_alike_spellings_share_the_lock():
    User.objects.create_user(EMAIL, PASSWORD, full_name="Pat Patient")
    addresses = [[EMAIL, *LOOK_ALIKES][n % 4] for n in range(60)]
    with counting_password_checks() as check:
        assert _at_once(addresses) == []
    assert check.call_count <= throttle.MAX_FAILURES
    for spelling in [EMAIL, *LOOK_ALIKES]:
        assert LOCKED in log_in(Client(), spelling).content.decode(), spelling
