"""Table versions on Redis, as in production: tokens written with one MSET are read back by django-redis."""

import pytest
from django.core.cache import caches
from django.test import override_settings

from pmqa_portal import versions
from pmqa_portal.models import Agency
from tests.factories import AgencyFactory


@pytest.fixture
def redis_cache(redis_test_caches):
    """Redis on this test process's own database, emptied (its keys only) before and after each test."""
    with override_settings(CACHES=redis_test_caches):
        caches["default"].delete_pattern("*")
        yield caches["default"]
        caches["default"].delete_pattern("*")


@pytest.mark.django_db
def test_a_write_renews_the_token_with_no_expiry(redis_cache):
    AgencyFactory()
    _value, before = versions.lookup("pmqa:test:entry", (Agency,))
    Agency.objects.update(short_name="สกจ.")
    _value, after = versions.lookup("pmqa:test:entry", (Agency,))
    assert after != before
    raw = redis_cache.client.get_client()
    token_key = redis_cache.make_key(versions.KEY_PREFIX + Agency._meta.db_table)
    assert raw.ttl(token_key) == -1  # kept until evicted; one per table
    assert redis_cache.get(versions.KEY_PREFIX + Agency._meta.db_table) == int(after.split(".")[0])


@pytest.mark.django_db
def test_an_entry_is_served_until_its_table_is_written(redis_cache):
    agency = AgencyFactory()
    made = []

    def entry():
        return versions.Entry("pmqa:test:names", (Agency,), lambda: made.append(1) or agency.name_th, 60)

    assert versions.fetch(entry()) == versions.fetch(entry()) == [agency.name_th]
    assert len(made) == 1
    Agency.objects.filter(pk=agency.pk).update(name_th="สำนักงานเกษตรจังหวัดกำแพงเพชร")
    versions.fetch(entry())
    assert len(made) == 2
