"""Browser tests: Playwright for Python driving Debian's chromium against pytest-django's ``live_server``.

Every test in this folder is marked ``slow`` and ``django_db(transaction=True)`` here (a test's own
``django_db`` marker wins): the live server answers from another thread, which sees only committed rows.
The helpers are in ``tests/browser/pages.py``::

    from tests.browser.pages import login, look_at

    def test_the_home_page(page, live_server, alice):
        login(page, live_server, "alice")
        look_at(page, "home")  # screenshots at 1280 and 390, no sideways scrolling, axe-core clean

Fixtures: ``page`` (pytest-playwright's; locale zh-CN, 1280×900, 10 s per action), ``english_page`` (the same
in en-US, beside ``page`` in one test), ``base_url`` (the live server's, so ``page.goto("/accounts/login/")``
works), and ``@pytest.mark.browser_context_args(locale="en-US", ...)`` on a test for any other context option.
Screenshots go to ``$SCREENSHOT_DIR``, default ``var/screenshots`` in the checkout.

The browser is ``/usr/bin/chromium`` (or ``$CHROMIUM_PATH``), never one that ``playwright install`` downloads;
without it every test here fails with the command that installs it (``.ci/run`` runs that command). Run
headed with ``--headed`` and a display.

A real Celery worker beside the live server: ask for both, ``def test_x(page, live_server, celery_worker)``.
``celery_worker`` (tests/conftest.py) is a worker thread in this process on the same broker (memory:// without
REDIS_URL, Redis in CI) and the same test database, so a job that a page's request enqueues on commit (in the
live server's thread) is run by it; wait for its effect with ``tests.conftest.wait_until`` or with Playwright's
auto-waiting ``expect(...)`` after a reload. Both need committed data, which the transactional marker gives;
the worker depends on ``transactional_db``, so it is stopped before the database is flushed.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in the test's thread; Django refuses ORM calls (the personas, the
# builders) while one runs unless told this is fine, which it is: the loop never runs Django code. Set when this
# file is collected, so for the rest of that pytest run (no test of the suite relies on the refusal).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

HERE = Path(__file__).parent
ACTION_TIMEOUT_MS = 10_000
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root, where chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.hookimpl(tryfirst=True)  # before pytest-django orders the tests by their database marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE not in Path(item.path).parents:
            continue
        item.add_marker(pytest.mark.slow)
        if item.get_closest_marker("django_db") is None:
            item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    executable = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
    if not (Path(executable).is_file() and os.access(executable, os.X_OK)):
        pytest.fail(
            f"No chromium at {executable}. Install Debian's: apt-get install chromium fonts-noto-cjk "
            "(.ci/run does), or set CHROMIUM_PATH. Never `playwright install`.",
            pytrace=False,
        )
    return {
        "headless": True,
        **browser_type_launch_args,  # --headed on the command line still wins
        "executable_path": executable,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900}, "locale": "zh-CN"}


@pytest.fixture(scope="session")
def base_url(live_server) -> str:
    """``page.goto("/accounts/login/")`` goes to the live server.

    Defined here also because pytest-playwright 0.10's own ``base_url`` fixture is a method of a plugin object,
    which pytest 9 warns about in every run.
    """
    return live_server.url


@pytest.fixture
def page(page):
    # Playwright waits 30 s for an element by default; the live server answers in well under a second, so a
    # page that is broken (a 500 instead of the form) fails after 10 s instead of 30 s for every step.
    page.set_default_timeout(ACTION_TIMEOUT_MS)
    return page


@pytest.fixture
def english_page(browser, browser_context_args: dict[str, Any]):
    """A page in a browser whose language is English (Accept-Language en-US), beside the Chinese ``page``."""
    context = browser.new_context(**{**browser_context_args, "locale": "en-US"})
    english = context.new_page()
    english.set_default_timeout(ACTION_TIMEOUT_MS)
    yield english
    context.close()
