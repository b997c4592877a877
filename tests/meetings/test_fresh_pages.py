"""The meeting list, meeting page and capture page show every change at once, and only what the reader may see."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from meetings.models import Meeting, MeetingStatus
from meetings.services import points as point_services
from tests.factories import DiscussionPointFactory, LeadQuestionFactory, MeetingFactory, start_meeting


def _queries(client, url, **headers) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_list_shows_a_renamed_meeting(client_for, facilitator, meeting):
    client = client_for(facilitator)
    url = reverse("meetings:meeting_list")
    assert meeting.title in _queries(client, url)[1]
    Meeting.objects.filter(pk=meeting.pk).update(title="การประชุมที่เปลี่ยนชื่อแล้ว")  # no model signal
    assert "การประชุมที่เปลี่ยนชื่อแล้ว" in _queries(client, url)[1]
    assert "การประชุมที่เปลี่ยนชื่อแล้ว" in _queries(client, url, HX_Request="true")[1]


def test_a_reader_never_sees_the_list_cached_for_another(client_for, observer, officer_b, meeting):
    url = reverse("meetings:meeting_list")
    assert meeting.title in client_for(observer).get(url).content.decode()
    # officer_b's agency takes no part in the meeting: the observer's cached list is not theirs.
    assert meeting.title not in client_for(officer_b).get(url).content.decode()
    assert meeting.title not in client_for(officer_b).get(url, headers={"HX-Request": "true"}).content.decode()


def test_the_list_follows_the_language(client, facilitator, meeting):
    client.force_login(facilitator)
    url = reverse("meetings:meeting_list")
    assert "การประชุม" in client.get(url).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": url})
    assert "Meetings" in client.get(url).content.decode()


def test_the_meeting_page_shows_a_new_point_and_status_at_once(client_for, facilitator, meeting, agency_a):
    question = LeadQuestionFactory(meeting=meeting)
    client = client_for(facilitator)
    url = meeting.get_absolute_url()
    before = client.get(url).content.decode()
    start_meeting(meeting)
    point_services.point_capture(meeting=meeting, agency=agency_a, lead_question=question, text="ใหม่", by=facilitator)
    after = client.get(url).content.decode()
    with translation.override("th"):
        in_session = str(MeetingStatus.IN_SESSION.label)
    assert in_session not in before
    assert in_session in after
    assert after.count("coverage-filled") == before.count("coverage-filled") + 1  # the matrix counts the point


def test_cached_forms_carry_the_readers_own_csrf_token(client_for, facilitator, note_taker, meeting):
    start_meeting(meeting)
    url = reverse("meetings:capture", args=[meeting.pk])
    first = client_for(facilitator).get(url)
    assert "pmqa-csrf-placeholder" not in first.content.decode()
    token = first.cookies["csrftoken"].value
    assert token
    second = client_for(note_taker).get(url).content.decode()
    assert "pmqa-csrf-placeholder" not in second


def test_the_capture_page_shows_points_captured_by_others(client_for, note_taker, facilitator, meeting, agency_a):
    start_meeting(meeting)
    url = reverse("meetings:capture", args=[meeting.pk])
    client_for(note_taker).get(url)
    DiscussionPointFactory(meeting=meeting, agency=agency_a, text="ประเด็นจากคุณอำนวย")
    assert "ประเด็นจากคุณอำนวย" in client_for(note_taker).get(url).content.decode()


def test_another_meeting_is_never_served_from_the_cache(client_for, facilitator, meeting, group):
    other = MeetingFactory(working_group=group, title="การประชุมอีกครั้ง")
    client = client_for(facilitator)
    assert meeting.title in client.get(meeting.get_absolute_url()).content.decode()
    assert "การประชุมอีกครั้ง" in client.get(other.get_absolute_url()).content.decode()
