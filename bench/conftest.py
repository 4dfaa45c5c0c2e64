"""bench/entry_screens.py drives the browser as the browser tests do."""

from tests.browser.conftest import browser, context, log_in, page, viewport  # noqa: F401
from tests.conftest import patient, team  # noqa: F401
