"""End-to-end tests in Debian's Chromium, driven by Playwright against the live server.

Every test in this folder is marked `browser`, gets a transactional database (the
live server runs in another thread) with the migrations' rows restored afterwards,
and is skipped, saying why, when /usr/bin/chromium is absent. Never run
`playwright install`: the tests use the system Chromium.
"""

import io
import os
from pathlib import Path

import pytest

from tests.browser import support

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from
# the test body are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1")

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    skip_reason = support.unavailable_reason()
    for item in items:
        if HERE not in Path(str(item.fspath)).resolve().parents:
            continue
        item.add_marker(pytest.mark.browser)
        item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))
        if skip_reason:
            item.add_marker(pytest.mark.skip(reason=skip_reason))


@pytest.fixture(scope="module")
def chromium(django_db_setup):
    """Chromium for one test module (one sync Playwright may run at a time in a thread, and
    other modules may start their own), started after the test database exists.

    Starting Playwright's sync API gives this thread fresh context-local storage, so Django
    hands out new connection objects, without the serialized contents that
    `serialized_rollback` restores the migrations' rows from: they are carried over.
    """
    from django.db import connections
    from playwright.sync_api import sync_playwright

    serialized = {alias: getattr(connections[alias], "_test_serialized_contents", None) for alias in connections}
    with sync_playwright() as playwright:
        for alias, contents in serialized.items():
            if contents is not None:
                connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(executable_path=support.CHROMIUM, args=support.CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_summary():
    """axe-core's result per page, written to test-artifacts/axe-summary.txt at the end of the run
    (each test process writes its part; tests/conftest.py puts them together)."""
    results: dict[str, str] = {}
    yield results
    if results:
        support.write_axe_summary_part(results)


@pytest.fixture
def browser(chromium, live_server):
    """Opens browser contexts (separate cookie jars, like separate devices) on the live server."""
    opened = []

    def open_context(user=None, *, viewport=support.DESKTOP, language="th"):
        context = support.BrowserContext(chromium, live_server.url, viewport=viewport, language=language)
        if user is not None:
            context.sign_in(user)
        opened.append(context)
        return context

    yield open_context
    for context in opened:
        context.close()


@pytest.fixture(scope="session")
def _demo_database_copy():
    """The SQLite test database just after `load_demo`, kept in memory by this test process."""
    copy = {}
    yield copy
    if "sqlite" in copy:
        copy["sqlite"].close()


@pytest.fixture
def demo(db, settings, _demo_database_copy):
    """The demo data `make run` loads: agencies, one user per role, meetings, stakeholder groups.

    On SQLite the first test of a process loads it and keeps a copy of the whole database; later
    tests get that copy back (SQLite's backup API, milliseconds) instead of loading it again.
    """
    import sqlite3

    from django.core.management import call_command
    from django.db import connection

    from pmqa_portal.models import User

    if connection.vendor == "sqlite" and "sqlite" in _demo_database_copy:
        connection.ensure_connection()
        _demo_database_copy["sqlite"].backup(connection.connection)
    else:
        call_command("load_demo", verbosity=0, stdout=io.StringIO())
        if connection.vendor == "sqlite":
            _demo_database_copy["sqlite"] = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(_demo_database_copy["sqlite"])
    return {user.username: user for user in User.objects.select_related("agency")}
