"""Authorisation over the whole URL conf.

Every URL pattern of the project (admin, static files, the language switch and
django.contrib.auth's views aside: they are checked at the end of this file) must
have an entry in `tests/authz/registry.py`. Each is requested, GET (plain and as
htmx) and POST, by a visitor, an observer, an officer of another agency and the
right user. Only the right user may change anything: the others are refused and
the database fingerprint stays the same.
"""

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client, override_settings
from django.urls import reverse

from tests.authz.fingerprint import changed_tables, database_fingerprint
from tests.authz.registry import POST_ONLY, ROUTES
from tests.authz.urlconf import project_patterns
from tests.authz.world import build_world
from tests.factories import TEST_PASSWORD

CHALLENGERS = ("visitor", "observer", "officer_b")
SUCCESS = {200, 201, 204, 302, 303}


def cases():
    for name, route in ROUTES.items():
        for persona in dict.fromkeys((*CHALLENGERS, route.owner)):
            yield pytest.param(name, persona, id=f"{name}-{persona}")


def login_url() -> str:
    return resolve_url(settings.LOGIN_URL)


def sends_to_login(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(login_url())


def client_as(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_every_url_pattern_has_a_registry_entry():
    patterns = project_patterns()
    unnamed = [pattern.route for pattern in patterns if pattern.name is None]
    assert not unnamed, f"URL patterns without a name cannot be registered: {unnamed}"
    missing = sorted(pattern.name for pattern in patterns if pattern.name not in ROUTES)
    assert not missing, f"Add these URL names to tests/authz/registry.py: {missing}"


def test_registry_has_no_stale_entries():
    names = {pattern.name for pattern in project_patterns()}
    stale = sorted(set(ROUTES) - names)
    assert not stale, f"Registry entries for URL names that no longer exist: {stale}"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the module inside a transaction rolled back at its end; each test runs
    in a savepoint inside it (as Django's setUpTestData does), so no test sees another's writes."""
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"))
    with media, django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "persona"), list(cases()))
def test_only_the_right_user_changes_anything(world, name, persona):
    route = ROUTES[name]
    url = reverse(route.name, kwargs=route.kwargs(world))
    client = client_as(getattr(world, persona))

    initial = database_fingerprint()
    for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
        response = client.get(url + route.query, **headers)
        if route.may_read(persona):
            assert response.status_code in route.ok, f"{persona} should read {url}, got {response.status_code}"
        elif route.read == POST_ONLY:
            assert response.status_code == 405 or sends_to_login(response), (url, response.status_code)
        elif persona == "visitor":
            assert sends_to_login(response), f"a visitor should be sent to log in from {url}"
        else:
            assert response.status_code in route.refusal, f"{persona} should be refused {url}"
    before = database_fingerprint()
    assert not changed_tables(initial, before), f"GET {url} changed the database"

    payload = route.write(world) if route.write else {}
    response = client.post(url, payload)
    changed = changed_tables(before, database_fingerprint())
    if route.write and persona == route.owner:
        assert response.status_code in SUCCESS, f"the owner's POST to {url} failed: {response.status_code}"
        assert changed, f"the owner's POST to {url} changed nothing: is the registry's payload valid?"
        return
    assert not changed, f"{persona}'s POST to {url} changed {changed}"
    if route.write is None:
        return
    if persona == "visitor":
        assert sends_to_login(response) or response.status_code in {403, 405}, (url, response.status_code)
    else:
        assert response.status_code in route.refusal, f"{persona}'s POST to {url}: {response.status_code}"


WRITE_ROUTES = [pytest.param(name, id=name) for name, route in ROUTES.items() if route.write]


@pytest.mark.django_db
@pytest.mark.parametrize("name", WRITE_ROUTES)
def test_writes_need_the_csrf_token(world, name):
    route = ROUTES[name]
    client = Client(enforce_csrf_checks=True)
    client.force_login(getattr(world, route.owner))
    payload = route.write(world)
    before = database_fingerprint()
    response = client.post(reverse(route.name, kwargs=route.kwargs(world)), payload)
    assert response.status_code == 403
    assert not changed_tables(before, database_fingerprint())


# --- django.contrib.auth's views, the language switch and the admin ---


@pytest.mark.django_db
def test_login_and_password_reset_are_open_to_visitors():
    client = Client()
    for name in ("login", "password_reset", "password_reset_done", "password_reset_complete"):
        assert client.get(reverse(name)).status_code == 200, name


@pytest.mark.django_db
def test_password_change_needs_a_signed_in_user():
    for name in ("password_change", "password_change_done"):
        assert sends_to_login(Client().get(reverse(name))), name


@pytest.mark.django_db
def test_password_change_needs_the_old_password(world):
    client = client_as(world.officer_a)
    old_hash = world.officer_a.password
    response = client.post(
        reverse("password_change"),
        {"old_password": "not-my-password", "new_password1": "ใหม่-Pass-2568!", "new_password2": "ใหม่-Pass-2568!"},
    )
    assert response.status_code == 200
    world.officer_a.refresh_from_db()
    assert world.officer_a.password == old_hash


@pytest.mark.django_db
def test_logout_is_post_only(world):
    client = client_as(world.officer_a)
    assert client.get(reverse("logout")).status_code == 405
    assert SESSION_KEY in client.session
    client.post(reverse("logout"))
    assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_a_forged_reset_link_is_refused(world):
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    uid = urlsafe_base64_encode(force_bytes(world.officer_a.pk))
    response = Client().get(reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": "set-password"}))
    assert response.status_code == 200
    assert response.context["validlink"] is False


@pytest.mark.django_db
def test_wrong_password_does_not_sign_in(world):
    client = Client()
    client.post(reverse("login"), {"username": "officer_a", "password": TEST_PASSWORD + "x"})
    assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_language_switch_does_not_redirect_off_site():
    response = Client().post(reverse("set_language"), {"language": "en", "next": "https://evil.example/"})
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["observer", "officer_a", "officer_b", "facilitator", "note_taker", "outsider"])
def test_only_staff_reach_the_admin(world, persona):
    response = client_as(getattr(world, persona)).get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.django_db
def test_administrator_reaches_the_admin(world):
    assert client_as(world.administrator).get(reverse("admin:index")).status_code == 200
