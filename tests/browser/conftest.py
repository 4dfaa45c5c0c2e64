"""Browser journeys: Playwright (sync API) drives Debian's Chromium against
pytest-django's live_server. One browser for the session, a fresh context
(cookies, storage) per test, each test at a phone and a desktop viewport."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from tests.browser.support import DESKTOP, PHONE, Viewport
from tests.factories import log_in as log_in_client

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
# Short enough that a missing element fails the test in seconds, not 30 s.
TIMEOUT_MS = 5_000
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"

LogIn = Callable[[User], None]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the browser tests last: the fast tests fail first, and no other test
    runs while Playwright's event loop (and the variable below) is alive."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        message = f"No Chromium at {CHROMIUM}: run `apt-get install -y chromium`"
        if os.environ.get("CI"):
            # CI must never pass by skipping the browser tests.
            pytest.fail(f"{message} (the browser tests must run in CI)")
        pytest.skip(message)
    # Playwright's sync API keeps an asyncio loop running in the main thread,
    # and Django refuses ORM calls from such a thread. The loop only talks to
    # the browser, so the tests' own ORM calls are safe. Set here, not at
    # import, so that other tests (and the processes they start) never see it.
    before = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
    finally:
        if before is None:
            del os.environ[ASYNC_UNSAFE]
        else:
            os.environ[ASYNC_UNSAFE] = before


@pytest.fixture(params=[PHONE, DESKTOP], ids=lambda v: v.name)
def viewport(request: pytest.FixtureRequest) -> Viewport:
    return request.param


@pytest.fixture
def context(
    browser: Browser, live_server: LiveServer, viewport: Viewport
) -> Iterator[BrowserContext]:
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": viewport.width, "height": viewport.height},
        is_mobile=viewport.mobile,
        has_touch=viewport.mobile,
        locale="en-GB",
        timezone_id=settings.TIME_ZONE,
        # Bootstrap scrolls smoothly otherwise: positions would depend on timing.
        reduced_motion="reduce",
    )
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.fixture
def log_in(context: BrowserContext, live_server: LiveServer) -> LogIn:
    """Log a user in without the form: a session signed in as both steps would
    leave it (tests.factories.log_in), handed to the browser as its cookie.
    Journeys that test logging in use the form."""

    def log_in(user: User) -> None:
        client = Client()
        log_in_client(client, user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": cookie.value,
                    "url": live_server.url,
                }
            ]
        )

    return log_in
