"""With the shared cache (Redis) unreachable, the portal is slower, never broken: people sign in,
capture and edit points and read every page, and sessions are read from the database."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from meetings.models import DiscussionPoint
from tests.factories import start_meeting

# Nothing listens on port 1: every cache call fails at once, as with Redis stopped.
UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.25, "SOCKET_TIMEOUT": 0.5},
    }
}


@pytest.fixture
def redis_down(settings):
    settings.CACHES = UNREACHABLE_REDIS
    assert cache.get("anything") is None  # the backend answers, though it reaches nothing
    return settings


def test_a_person_signs_in_and_stays_signed_in(client, redis_down, note_taker):
    note_taker.set_password("ถูกต้อง-1234")
    note_taker.save()
    response = client.post(reverse("login"), {"username": note_taker.username, "password": "ถูกต้อง-1234"})
    assert response.status_code == 302
    assert client.get(reverse("home")).context["user"] == note_taker


def test_capture_edit_and_the_pages_that_show_them(client_for, redis_down, note_taker, meeting, agency_a):
    start_meeting(meeting)
    client = client_for(note_taker)
    capture = reverse("meetings:capture", args=[meeting.pk])
    response = client.post(capture, {"agency": agency_a.pk, "kind": "current_practice", "text": "ใช้แบบสอบถามออนไลน์"})
    assert response.status_code == 302
    point = DiscussionPoint.objects.get(meeting=meeting)

    edit = reverse("meetings:point_update", args=[point.pk])
    page = client.get(edit)
    assert page.status_code == 200
    data = {**page.context["form"].initial, "text": "ใช้แบบสอบถามออนไลน์และโทรศัพท์"}
    data = {name: value for name, value in data.items() if value is not None}
    assert client.post(edit, data).status_code == 302
    point.refresh_from_db()
    assert point.text == "ใช้แบบสอบถามออนไลน์และโทรศัพท์"

    for url in (capture, meeting.get_absolute_url(), reverse("meetings:meeting_list"), reverse("home")):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "ใช้แบบสอบถามออนไลน์และโทรศัพท์" in client.get(capture).content.decode()
    assert client.get(reverse("stakeholders:group_list")).status_code == 200
