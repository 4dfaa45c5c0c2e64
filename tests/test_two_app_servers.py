"""Two app servers against one PostgreSQL serve the same signed-in users:
sessions live in the database (no SESSION_ENGINE is set), so scaling out is
adding servers with the same DATABASE_URL and SECRET_KEY behind a load
balancer (README, "Scaling out").

Two real gunicorn processes on two free ports serve the test database; the
test signs in on one and carries the same cookies to the other.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection

from tests.factories import PASSWORD, make_patient

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: two processes cannot share the in-memory test "
    "database SQLite gives (CI runs it)",
)

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = Path(sys.executable).parent / "gunicorn"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer to look at (signed out: to the sign-in page)."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


class Browser:
    """One browser's cookies, sent to whichever server it asks: cookies do
    not depend on the port, as they would not behind a load balancer."""

    def __init__(self) -> None:
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
            NoRedirects,
        )

    def get(self, url: str) -> tuple[int, str, str]:
        return self._open(urllib.request.Request(url))

    def post(self, url: str, data: dict[str, str]) -> tuple[int, str, str]:
        body = urllib.parse.urlencode(data).encode()
        return self._open(urllib.request.Request(url, body, method="POST"))

    def _open(self, request: urllib.request.Request) -> tuple[int, str, str]:
        """Status, body and Location of the answer."""
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode(), ""
        except urllib.error.HTTPError as answer:
            return answer.code, answer.read().decode(), answer.headers["Location"]


def csrf_token(page: str) -> str:
    match = CSRF.search(page)
    assert match, "the page has no form with a CSRF token"
    return match.group(1)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def database_url_of_the_tests() -> str:
    """pytest-django's test database (test_<name>), for the servers."""
    db = connection.settings_dict
    user = urllib.parse.quote(db["USER"] or "postgres")
    if db["PASSWORD"]:
        user += ":" + urllib.parse.quote(db["PASSWORD"], safe="")
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    return f"postgres://{user}@{host}:{port}/{db['NAME']}"


def wait_until_serving(url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, "gunicorn exited"
        try:
            urllib.request.urlopen(f"{url}/accounts/login/", None, 5)
            return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"gunicorn at {url} did not answer within 60 s")


@pytest.fixture
def two_servers(transactional_db: None) -> Iterator[tuple[str, str]]:
    """Server A and server B: the same code, database and SECRET_KEY."""
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "config.settings_test",
        # The production settings send cookies over HTTPS only; these
        # servers are plain HTTP on 127.0.0.1.
        "DEBUG": "true",
        "DATABASE_URL": database_url_of_the_tests(),
        "SECRET_KEY": "two-app-servers-share-this-key",
        # No connection kept open: the test database is dropped afterwards.
        "DB_CONN_MAX_AGE": "0",
    }
    urls, servers = [], []
    try:
        for _ in range(2):
            port = free_port()
            servers.append(
                subprocess.Popen(
                    [
                        str(GUNICORN),
                        "config.wsgi",
                        "--workers=1",
                        f"--bind=127.0.0.1:{port}",
                    ],
                    env=env,
                    cwd=ROOT,
                    start_new_session=True,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )  # fmt: skip
            )
            urls.append(f"http://127.0.0.1:{port}")
        for url, server in zip(urls, servers, strict=True):
            wait_until_serving(url, server)
        yield urls[0], urls[1]
    finally:
        for server in servers:
            os.killpg(server.pid, signal.SIGTERM)
        for server in servers:
            server.wait(timeout=30)


def sign_in(browser: Browser, server: str, email: str) -> None:
    _, page, _ = browser.get(f"{server}/accounts/login/")
    status, _, _ = browser.post(
        f"{server}/accounts/login/",
        {"csrfmiddlewaretoken": csrf_token(page), "username": email,
         "password": PASSWORD},
    )  # fmt: skip
    assert status == 302, "the sign-in was refused"


@postgresql_only
def test_a_patient_signed_in_on_one_server_is_served_and_signed_out_on_the_other(
    two_servers: tuple[str, str],
) -> None:
    server_a, server_b = two_servers
    patient = make_patient(name="Ada Across")
    browser = Browser()
    sign_in(browser, server_a, patient.user.email)

    status, today, _ = browser.get(f"{server_b}/today/")
    assert status == 200
    assert 'id="entry-form"' in today

    status, _, _ = browser.post(
        f"{server_b}/accounts/logout/", {"csrfmiddlewaretoken": csrf_token(today)}
    )
    assert status == 302

    status, _, location = browser.get(f"{server_a}/today/")
    assert status == 302
    assert location.startswith("/accounts/login/")
