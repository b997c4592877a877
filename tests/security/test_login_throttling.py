"""django-axes: repeated wrong passwords lock that username out from that address."""

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest
from django.urls import reverse

from tests.factories import TEST_PASSWORD


def post_login(client, username, password, address="203.0.113.7"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def test_axes_is_on_and_checks_before_the_password():
    assert settings.AXES_ENABLED is True
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"


def test_wrong_passwords_lock_out_with_a_thai_page(client, officer_a):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert post_login(client, "officer_a", "wrong").status_code == 200
    locked = post_login(client, "officer_a", "wrong")
    assert locked.status_code == 429
    assert "axes/lockout.html" in [template.name for template in locked.templates]
    assert 'lang="th"' in locked.content.decode()


def test_a_locked_out_user_cannot_log_in_even_with_the_right_password(client, officer_a):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, "officer_a", "wrong")
    response = post_login(client, "officer_a", TEST_PASSWORD)
    assert response.status_code == 429
    assert SESSION_KEY not in client.session


def test_the_lockout_is_per_username_and_address(client, officer_a, officer_b):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, "officer_a", "wrong")
    # A colleague behind the same office address still gets in ...
    assert post_login(client, "officer_b", TEST_PASSWORD).status_code == 302
    client.logout()
    # ... and so does the same officer from another address.
    assert post_login(client, "officer_a", TEST_PASSWORD, address="198.51.100.20").status_code == 302


def test_a_good_login_resets_the_count(client, officer_a):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        post_login(client, "officer_a", "wrong")
    assert post_login(client, "officer_a", TEST_PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert post_login(client, "officer_a", "wrong").status_code == 200


def test_an_administrator_can_unlock(client, officer_a):
    from axes.utils import reset

    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, "officer_a", "wrong")
    reset(username="officer_a")
    assert post_login(client, "officer_a", TEST_PASSWORD).status_code == 302


def test_lockout_page_text_in_english(client, officer_a):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = post_login(client, "officer_a", "wrong")
    content = response.content.decode()
    assert "Log-in temporarily locked" in content
    assert f"{settings.AXES_FAILURE_LIMIT} times in a row" in content
    assert "try again in 15 minutes" in content


@pytest.mark.django_db
def test_client_login_works_when_given_a_request(client, officer_a):
    """Tests normally use force_login; client.login needs a request for axes."""
    assert client.login(request=HttpRequest(), username="officer_a", password=TEST_PASSWORD)


def test_an_overlong_username_is_a_failed_login_not_a_server_error(client, db):
    from axes.models import AccessAttempt

    response = post_login(client, "ก" * 5000, "wrong")
    assert response.status_code == 200
    assert AccessAttempt.objects.get().username == "ก" * 255
