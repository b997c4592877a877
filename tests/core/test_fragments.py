"""Table versions, cached fragments and the cached signed-in user: never stale, whatever writes the rows."""

import os

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from pmqa_portal import fragments, versions
from pmqa_portal.auth_backends import CachedModelBackend
from pmqa_portal.models import Agency, Province
from pmqa_portal.roles import Role
from tests.factories import AgencyFactory, UserFactory


@pytest.mark.parametrize(
    ("sql", "table"),
    [
        ('INSERT INTO "meetings_discussionpoint" ("meeting_id") VALUES (%s)', "meetings_discussionpoint"),
        ('UPDATE "pmqa_portal_agency" SET "is_active" = false', "pmqa_portal_agency"),
        ('DELETE FROM "stakeholders_stakeholdergroup" WHERE id = 1', "stakeholders_stakeholdergroup"),
        ('  insert into "auth_group" ("name") values (%s)', "auth_group"),
        ('INSERT OR IGNORE INTO "pmqa_portal_user_groups" ("user_id") VALUES (%s)', "pmqa_portal_user_groups"),
        ('SELECT * FROM "meetings_meeting"', None),
        ('UPDATE "django_session" SET "expire_date" = %s', None),
        ('INSERT INTO "axes_accessattempt" ("username") VALUES (%s)', None),
    ],
)
def test_the_written_table_is_read_from_the_statement(sql, table):
    assert versions.written_table(sql) == table


def _token(*tables) -> str:
    return versions.lookup("pmqa:test:nothing", tables)[1]


@pytest.mark.django_db
def test_every_kind_of_write_renews_the_table_token():
    agency = AgencyFactory()
    before = _token(Agency)
    assert _token(Agency) == before  # reading keeps it
    Agency.objects.filter(pk=agency.pk).update(short_name="สกจ.")  # no model signal is sent
    after_update = _token(Agency)
    assert after_update != before
    Agency.objects.bulk_create([Agency(name_th="สำนักงานใหม่", province=agency.province)])
    after_bulk = _token(Agency)
    assert after_bulk != after_update
    Agency.objects.filter(pk=agency.pk).delete()
    assert _token(Agency) != after_bulk


@pytest.mark.django_db
def test_a_many_to_many_change_renews_its_through_table():
    user = UserFactory()
    through = type(user).groups.through
    before = _token(through)
    user.groups.add(Group.objects.get(name=Role.OBSERVER))
    assert _token(through) != before


@pytest.mark.django_db
def test_a_write_to_one_table_leaves_the_others_and_renews_any_table():
    AgencyFactory()
    provinces, anything = _token(Province), _token(versions.ANY_TABLE)
    Agency.objects.update(short_name="x")
    assert _token(Province) == provinces
    assert _token(versions.ANY_TABLE) != anything


@pytest.mark.django_db
def test_the_token_is_renewed_again_when_the_transaction_commits(django_capture_on_commit_callbacks):
    agency = AgencyFactory()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        Agency.objects.filter(pk=agency.pk).update(short_name="ก")
        during = _token(Agency)  # renewed at once: the writer sees its own change
        # A reader that rendered the old rows now would store them under `during`...
    # ...so the commit renews the token once more and that entry is never served.
    assert callbacks
    assert _token(Agency) != during


@pytest.mark.django_db
def test_a_cached_fragment_is_drawn_again_after_its_tables_change():
    agency = AgencyFactory(short_name="เดิม")
    drawn = []

    def render():
        drawn.append(1)
        return Agency.objects.get(pk=agency.pk).short_name

    def fragment():
        return fragments.cached("test", tables=(Agency,), vary=(agency.pk,), render=render)

    assert fragment() == "เดิม"
    assert fragment() == "เดิม"
    assert len(drawn) == 1
    Agency.objects.filter(pk=agency.pk).update(short_name="ใหม่")
    assert fragment() == "ใหม่"
    assert len(drawn) == 2


@pytest.mark.django_db
def test_fragments_are_kept_per_language_and_per_vary():
    def fragment(vary):
        return fragments.cached("test", tables=(Agency,), vary=(vary,), render=lambda: f"{translation.get_language()}")

    with translation.override("th"):
        assert fragment("a") == "th"
    with translation.override("en"):
        assert fragment("a") == "en"
    assert fragments.key("test", ("a",)) != fragments.key("test", ("b",))


def test_each_reader_gets_their_own_csrf_token_in_a_cached_form():
    def render():
        return f'<input name="csrfmiddlewaretoken" value="{fragments.CSRF_PLACEHOLDER}">'

    factory = RequestFactory()
    first, second = factory.get("/"), factory.get("/")
    html_first = fragments.cached("csrf", tables=("pmqa_portal_agency",), render=render, request=first)
    html_second = fragments.cached("csrf", tables=("pmqa_portal_agency",), render=render, request=second)
    assert fragments.CSRF_PLACEHOLDER not in html_first
    assert html_first != html_second  # each masked with its own request's secret
    assert first.META["CSRF_COOKIE"] and second.META["CSRF_COOKIE"]


@pytest.mark.django_db
def test_the_signed_in_user_comes_from_the_cache_until_their_rows_change():
    user = UserFactory(role=Role.OBSERVER)
    backend = CachedModelBackend()
    assert backend.get_user(user.pk)._pmqa_roles == {Role.OBSERVER}
    with CaptureQueriesContext(connection) as queries:
        cached = backend.get_user(user.pk)
    assert len(queries) == 0
    assert cached.username == user.username
    user.groups.add(Group.objects.get(name=Role.FACILITATOR))
    assert backend.get_user(user.pk)._pmqa_roles == {Role.OBSERVER, Role.FACILITATOR}
    user.set_password("a-new-password-2550")
    user.save()
    assert backend.get_user(user.pk).password == user.password  # old sessions fail their hash check


@pytest.mark.django_db
def test_a_deactivated_user_is_refused_at_once():
    user = UserFactory()
    backend = CachedModelBackend()
    assert backend.get_user(user.pk) is not None
    type(user).objects.filter(pk=user.pk).update(is_active=False)
    assert backend.get_user(user.pk) is None


@pytest.mark.django_db
def test_clear_cache_makes_every_fragment_draw_again():
    from django.core.management import call_command

    drawn = []
    fragments.cached("test", tables=(Agency,), render=lambda: drawn.append(1) or "x")
    call_command("clear_cache", stdout=open(os.devnull, "w"))  # noqa: SIM115
    fragments.cached("test", tables=(Agency,), render=lambda: drawn.append(1) or "x")
    assert len(drawn) == 2


@pytest.mark.django_db
def test_fetch_reads_several_entries_in_one_round_trip_and_makes_only_the_outdated(monkeypatch):
    made = []

    def entry(name, tables):
        return versions.Entry(f"pmqa:test:{name}", tables, lambda: made.append(name) or name.upper(), 60)

    assert versions.fetch(entry("agencies", (Agency,)), entry("provinces", (Province,))) == ["AGENCIES", "PROVINCES"]
    assert made == ["agencies", "provinces"]
    AgencyFactory()  # writes the agencies table, not the provinces one
    reads = []
    monkeypatch.setattr(
        versions.cache, "get_many", lambda keys, _get=versions.cache.get_many: reads.append(keys) or _get(keys)
    )
    assert versions.fetch(entry("agencies", (Agency,)), entry("provinces", (Province,))) == ["AGENCIES", "PROVINCES"]
    assert made == ["agencies", "provinces", "agencies"]
    assert len(reads) == 1


@pytest.mark.django_db
def test_fetch_makes_the_entries_in_order_so_a_refusal_stops_the_rest():
    def refuse():
        raise PermissionError

    later = versions.Entry("pmqa:test:later", (Agency,), lambda: pytest.fail("made after a refusal"), 60)
    with pytest.raises(PermissionError):
        versions.fetch(versions.Entry("pmqa:test:rights", (Agency,), refuse, 60), later)
