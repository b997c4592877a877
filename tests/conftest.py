"""Personas shared by every test: a facilitator, a note-taker, officers of two
agencies, an observer, an outsider (signed in, no role) and an administrator.

`make test` runs the suite in several processes (pytest-xdist). Each has its own test
database (pytest-django names them test_<name>_gw0, test_<name>_gw1, ...), its own
MEDIA_ROOT, its own Redis database and its own part of the axe-core summary, which the
controlling process puts together at the end.
"""

import os
from urllib.parse import urlsplit

import pytest

from pmqa_portal.roles import Role
from tests.browser import support
from tests.factories import AgencyFactory, UserFactory

# Redis has databases 0-15; tests use 9-15, one per process. Each process also has its own key
# prefix and empties only its own keys, so an eighth process may share a database with the first.
REDIS_TEST_DATABASES = range(9, 16)


def worker_id() -> str:
    """This test process's name under pytest-xdist ("gw0", "gw1", ...), "main" without it."""
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def _redis_caches_of_this_process(host: str) -> dict:
    index = int(worker_id().removeprefix("gw")) if worker_id().startswith("gw") else 0
    database = REDIS_TEST_DATABASES[index % len(REDIS_TEST_DATABASES)]
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"{host}/{database}",
            "KEY_PREFIX": f"pmqa-test-{worker_id()}",
        },
        "process": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "process"},
    }


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session):
    if not hasattr(session.config, "workerinput"):  # the controlling process, or a run without xdist
        support.remove_axe_summary_parts()


def pytest_sessionfinish(session):
    if not hasattr(session.config, "workerinput"):
        support.merge_axe_summary_parts()


def pytest_terminal_summary(terminalreporter):
    """How many of the passed tests ran in Chromium (CI compares the others with the PostgreSQL run),
    or, loudly, why the browser tests were skipped."""
    passed_in_browser = sum("browser" in report.keywords for report in terminalreporter.stats.get("passed", []))
    if passed_in_browser:
        terminalreporter.write_line(f"{passed_in_browser} of the passed tests ran in Chromium (marker browser)")
    reason = support.unavailable_reason()
    if reason and any("browser" in report.keywords for report in terminalreporter.stats.get("skipped", [])):
        terminalreporter.write_line(f"BROWSER TESTS SKIPPED: {reason}", yellow=True, bold=True)


@pytest.fixture(scope="session", autouse=True)
def _media_root_of_this_process(tmp_path_factory):
    """Uploads go to a folder of this test process (never the checkout's media/, never another worker's)."""
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(scope="session", autouse=True)
def _redis_cache_of_this_process():
    """With REDIS_URL set, the tests still use Redis, but this process's own database and prefix:
    every test empties the cache, which must touch neither the developer's data nor another worker's."""
    from django.conf import settings
    from django.test import override_settings

    default = settings.CACHES["default"]
    if "redis" not in default["BACKEND"].lower():
        yield
        return
    host = urlsplit(default["LOCATION"])._replace(path="", query="").geturl()
    with override_settings(CACHES={**_redis_caches_of_this_process(host), "process": settings.CACHES["process"]}):
        yield


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: a test's rolled-back rows must not live on in cached pages."""
    from django.core.cache import cache

    _clear(cache)
    yield
    _clear(cache)


def _clear(cache):
    if hasattr(cache, "delete_pattern"):  # django-redis: only this process's keys, not the whole database
        cache.delete_pattern("*")
    else:
        cache.clear()


@pytest.fixture(scope="session")
def redis_test_caches():
    """CACHES for a test that needs a real Redis (127.0.0.1:6379): this process's own database
    (9 for gw0 or a run without xdist, 10 for gw1, ...) and key prefix. Skips without Redis."""
    redis = pytest.importorskip("redis")
    caches = _redis_caches_of_this_process("redis://127.0.0.1:6379")
    try:
        redis.Redis.from_url(caches["default"]["LOCATION"], socket_connect_timeout=1).ping()
    except redis.ConnectionError:
        pytest.skip(f"no Redis at {caches['default']['LOCATION']}")
    return caches


@pytest.fixture(autouse=True)
def _thai_by_default(settings):
    settings.LANGUAGE_CODE = "th"


@pytest.fixture
def agency_a(db):
    return AgencyFactory(name_th="สำนักงานเกษตรจังหวัดทดสอบ", name_en="Test Agriculture Office")


@pytest.fixture
def agency_b(db):
    return AgencyFactory(name_th="สำนักงานปศุสัตว์จังหวัดทดสอบ", name_en="Test Livestock Office")


@pytest.fixture
def facilitator(db):
    return UserFactory(username="facilitator", role=Role.FACILITATOR)


@pytest.fixture
def note_taker(db):
    return UserFactory(username="notetaker", role=Role.NOTE_TAKER)


@pytest.fixture
def officer_a(agency_a):
    return UserFactory(username="officer_a", agency=agency_a, role=Role.AGENCY_OFFICER)


@pytest.fixture
def officer_b(agency_b):
    return UserFactory(username="officer_b", agency=agency_b, role=Role.AGENCY_OFFICER)


@pytest.fixture
def observer(db):
    return UserFactory(username="observer", role=Role.OBSERVER)


@pytest.fixture
def outsider(db):
    return UserFactory(username="outsider", agency=None)


@pytest.fixture
def administrator(db):
    return UserFactory(username="administrator", role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)


@pytest.fixture
def client_for(client):
    """A test client signed in as the given persona: `client_for(officer_a)`."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in
