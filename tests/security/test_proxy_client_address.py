"""Behind the TLS proxy every request comes from the proxy's address: the client's is the one the
trusted proxy wrote into X-Forwarded-For. Login lockouts and the password-reset limit key on it."""

import re
from unittest import mock

import pytest
from django.conf import settings
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse

from pmqa_portal.login_throttling import PASSWORD_RESETS_PER_ADDRESS, PASSWORD_RESETS_PER_EMAIL, client_address
from tests.factories import TEST_PASSWORD, UserFactory

PROXY = "10.0.0.2"
OFFICE_A = "203.0.113.7"
OFFICE_B = "198.51.100.20"
CSRF_TOKEN = re.compile(r'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+')


@pytest.fixture
def behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


def post_login(client, username, password, forwarded_for):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def request_with(remote_addr=PROXY, forwarded_for=None):
    headers = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().get("/", **headers)


# --- which address is the client's ---


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request_with(OFFICE_A, forwarded_for=OFFICE_B)) == OFFICE_A


def test_behind_one_proxy_the_rightmost_entry_is_the_client(behind_one_proxy):
    assert client_address(request_with(forwarded_for=f"192.0.2.99, {OFFICE_A}")) == OFFICE_A


def test_behind_two_proxies_the_second_entry_from_the_right_is_the_client(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request_with(forwarded_for=f"192.0.2.99, {OFFICE_A}, 10.0.0.9")) == OFFICE_A


@pytest.mark.parametrize("forwarded_for", [None, "", "not-an-address", f"{OFFICE_A}, ' OR 1=1"])
def test_a_missing_or_garbled_entry_falls_back_to_the_connecting_address(behind_one_proxy, forwarded_for):
    assert client_address(request_with(forwarded_for=forwarded_for)) == PROXY


def test_a_header_shorter_than_the_proxy_chain_falls_back_to_the_connecting_address(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request_with(forwarded_for=OFFICE_A)) == PROXY


# --- login lockouts ---


def test_a_lockout_behind_the_proxy_does_not_lock_out_other_offices(client, behind_one_proxy, administrator):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, "administrator", "wrong", forwarded_for=OFFICE_A)
    assert post_login(client, "administrator", "wrong", forwarded_for=OFFICE_A).status_code == 429
    # The real administrator, in another office behind the same proxy, still signs in.
    response = post_login(client, "administrator", TEST_PASSWORD, forwarded_for=OFFICE_B)
    assert response.status_code == 302
    assert client.get(reverse("home")).context["user"].username == "administrator"


def test_a_forged_leftmost_entry_does_not_dodge_the_lockout(client, behind_one_proxy, officer_a):
    # The attacker sends a new X-Forwarded-For each time; the proxy appends the address it saw.
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, "officer_a", "wrong", forwarded_for=f"192.0.2.{attempt}, {OFFICE_A}")
    response = post_login(client, "officer_a", TEST_PASSWORD, forwarded_for=f"192.0.2.200, {OFFICE_A}")
    assert response.status_code == 429


def test_a_garbled_header_is_a_failed_login_not_a_server_error(client, behind_one_proxy, officer_a):
    from axes.models import AccessAttempt

    response = post_login(client, "officer_a", "wrong", forwarded_for="ไม่ใช่ที่อยู่, <script>")
    assert response.status_code == 200
    assert AccessAttempt.objects.get().ip_address == PROXY


# --- password reset ---


def post_reset(client, email, forwarded_for=OFFICE_A):
    return client.post(
        reverse("password_reset"), {"email": email}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for
    )


def test_password_reset_mails_one_address_only_a_few_times(client, behind_one_proxy, officer_a):
    for _ in range(PASSWORD_RESETS_PER_EMAIL):
        assert post_reset(client, officer_a.email).status_code == 302
    refused = post_reset(client, officer_a.email.upper(), forwarded_for=OFFICE_B)
    assert refused.status_code == 429
    assert len(mail.outbox) == PASSWORD_RESETS_PER_EMAIL
    content = refused.content.decode()
    assert "ขอตั้งรหัสผ่านใหม่บ่อยเกินไป" in content
    # What the person typed is still in the form.
    assert f'value="{officer_a.email.upper()}"' in content


def test_password_reset_limits_one_client_address(client, behind_one_proxy, db):
    for number in range(PASSWORD_RESETS_PER_ADDRESS):
        assert post_reset(client, f"person{number}@example.go.th").status_code == 302
    assert post_reset(client, "one-more@example.go.th").status_code == 429
    # Another office behind the same proxy is not held back.
    assert post_reset(client, "one-more@example.go.th", forwarded_for=OFFICE_B).status_code == 302


def test_the_reset_limit_answers_alike_whether_the_account_exists_or_not(client, behind_one_proxy, officer_a):
    answers = {}
    for email in (officer_a.email, "nobody@example.go.th"):
        for _ in range(PASSWORD_RESETS_PER_EMAIL):
            post_reset(client, email)
        refused = post_reset(client, email)
        page = CSRF_TOKEN.sub(r"\1TOKEN", refused.content.decode().replace(email, "EMAIL"))
        answers[email] = (refused.status_code, page)
    assert answers[officer_a.email] == answers["nobody@example.go.th"]


def test_the_reset_limit_message_in_english(client, behind_one_proxy, officer_a):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for _ in range(PASSWORD_RESETS_PER_EMAIL):
        post_reset(client, officer_a.email)
    assert "Too many password-reset requests" in post_reset(client, officer_a.email).content.decode()


def test_password_reset_still_works_when_the_cache_is_unreachable(client, officer_a):
    unreachable = ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
    with mock.patch("pmqa_portal.login_throttling.cache") as cache:
        cache.add.side_effect = unreachable
        cache.incr.side_effect = unreachable
        response = post_reset(client, officer_a.email)
    assert response.status_code == 302
    assert len(mail.outbox) == 1


def test_the_mailed_reset_link_opens_the_new_password_form(client, officer_a):
    post_reset(client, officer_a.email)
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/reset/" in line).strip()
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert form_page.context["validlink"] is True


def test_a_second_office_user_is_unaffected_by_anothers_reset_limit(client, behind_one_proxy, officer_a):
    colleague = UserFactory(username="colleague")
    for _ in range(PASSWORD_RESETS_PER_EMAIL + 1):
        post_reset(client, officer_a.email)
    assert post_reset(client, colleague.email).status_code == 302
