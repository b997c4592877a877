"""The load balancer's probes (/healthz, /readyz) under production settings: they come over plain HTTP
and name the server by its IP address, and must still be answered, while every page keeps its
HTTPS redirect and host check."""

import json
from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

PROBE_HOST = "10.0.0.5"


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.ALLOWED_HOSTS = ["pmqa.example.go.th"]


@pytest.mark.django_db
@pytest.mark.parametrize("host", [PROBE_HOST, "pmqa.example.go.th"])
@pytest.mark.parametrize("name", ["healthz", "readyz"])
def test_a_probe_over_plain_http_is_answered_whatever_the_host(client, production, name, host):
    response = client.get(reverse(name), HTTP_HOST=host)
    assert response.status_code == 200


@pytest.mark.django_db
def test_healthz_says_ok(client, production):
    response = client.get(reverse("healthz"), HTTP_HOST=PROBE_HOST)
    assert response.content == b"ok"


@pytest.mark.django_db
def test_pages_still_redirect_to_https(client, production):
    response = client.get(reverse("home"), HTTP_HOST="pmqa.example.go.th")
    assert response.status_code == 301
    assert response["Location"] == "https://pmqa.example.go.th/"


@pytest.mark.django_db
def test_pages_still_refuse_an_unknown_host(client, production):
    assert client.get(reverse("home"), HTTP_HOST=PROBE_HOST, HTTP_X_FORWARDED_PROTO="https").status_code == 400
    assert client.get(reverse("login"), HTTP_HOST=PROBE_HOST).status_code == 400


@pytest.mark.django_db
def test_a_path_that_only_starts_like_a_probe_is_a_page(client, production):
    assert client.get("/healthz/extra", HTTP_HOST=PROBE_HOST).status_code == 400


@pytest.mark.django_db
def test_readiness_reports_the_database_and_the_cache(client, production):
    response = client.get(reverse("readyz"), HTTP_HOST=PROBE_HOST)
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"database": "ok", "cache": "ok"}


@pytest.mark.django_db
def test_readiness_stays_up_when_the_cache_is_down(client, production):
    with mock.patch("pmqa_portal.views.cache") as cache:
        cache.set.side_effect = ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
        response = client.get(reverse("readyz"), HTTP_HOST=PROBE_HOST)
    assert response.status_code == 200
    assert json.loads(response.content) == {"database": "ok", "cache": "error"}


@pytest.mark.django_db
def test_readiness_fails_when_the_database_is_down(client, production):
    with mock.patch("pmqa_portal.views.connection") as connection:
        connection.cursor.side_effect = OperationalError("connection to server at 127.0.0.1 failed")
        response = client.get(reverse("readyz"), HTTP_HOST=PROBE_HOST)
    assert response.status_code == 503
    assert json.loads(response.content) == {"database": "error", "cache": "ok"}
