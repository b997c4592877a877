"""Personas shared by every test: a facilitator, a note-taker, officers of two
agencies, an observer, an outsider (signed in, no role) and an administrator."""

import pytest

from pmqa_portal.roles import Role
from tests.factories import AgencyFactory, UserFactory


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: a test's rolled-back rows must not live on in cached pages."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


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
