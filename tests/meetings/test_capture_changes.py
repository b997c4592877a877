"""The poll that shows each note-taker the others' points: 204 while nothing changed, cheap either way."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import DiscussionPoint
from meetings.selectors.points import CHANGE_WINDOW, ChangeToken
from meetings.services import points as services
from tests.factories import DiscussionPointFactory, LeadQuestionFactory, busy_meeting, start_meeting

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def live_meeting(meeting):
    return start_meeting(meeting)


@pytest.fixture
def question(live_meeting):
    return LeadQuestionFactory(meeting=live_meeting)


def poll(client, meeting, since):
    return client.get(reverse("meetings:point_changes", args=[meeting.pk]), {"since": str(since)}, **HTMX)


def token_of(response) -> str:
    return response.context["since"]


def test_nothing_changed_is_a_204(client_for, note_taker, live_meeting, question, agency_a):
    DiscussionPointFactory(meeting=live_meeting, lead_question=question, agency=agency_a)
    client = client_for(note_taker)
    first = poll(client, live_meeting, "0-")
    assert first.status_code == 200
    second = poll(client, live_meeting, token_of(first))
    assert second.status_code == 204
    assert second.content == b""


def test_a_quiet_meeting_answers_204_to_a_fresh_page(client_for, note_taker, live_meeting):
    assert poll(client_for(note_taker), live_meeting, ChangeToken(latest=timezone.now())).status_code == 204


def test_another_note_takers_point_arrives(client_for, note_taker, facilitator, live_meeting, question, agency_a):
    client = client_for(note_taker)
    since = ChangeToken(latest=timezone.now())
    point = services.point_capture(meeting=live_meeting, agency=agency_a, lead_question=question, text="จากอีกเครื่อง",
                                   by=facilitator)  # fmt: skip
    response = poll(client, live_meeting, since)
    content = response.content.decode()
    assert response.status_code == 200
    assert response["HX-Trigger"] == "points-changed"
    assert f'data-point="{point.pk}"' in content and "จากอีกเครื่อง" in content
    assert f'data-question="{question.pk}"' in content
    assert 'id="points-since"' in content and 'hx-swap-oob="true"' in content
    assert poll(client, live_meeting, token_of(response)).status_code == 204


def test_an_edit_a_move_and_a_deletion_arrive_too(client_for, note_taker, live_meeting, question, agency_a):
    first = DiscussionPointFactory(meeting=live_meeting, lead_question=question, agency=agency_a, order=1)
    second = DiscussionPointFactory(meeting=live_meeting, lead_question=question, agency=agency_a, order=2)
    client = client_for(note_taker)
    since = token_of(poll(client, live_meeting, "0-"))
    services.point_move(point=second, up=True)
    services.point_delete(point=first)
    content = poll(client, live_meeting, since).content.decode()
    assert f'data-point="{second.pk}" data-question="{question.pk}" data-order="1">' in content
    assert f'data-point="{first.pk}" data-question="{question.pk}" data-order="2" data-deleted hidden>' in content


def test_a_point_committed_late_with_an_earlier_time_is_not_missed(
    client_for, note_taker, live_meeting, question, agency_a
):
    client = client_for(note_taker)
    DiscussionPointFactory(meeting=live_meeting, lead_question=question, agency=agency_a)
    since = token_of(poll(client, live_meeting, "0-"))
    # Saved a moment before the last poll's newest point, but committed after that poll.
    late = DiscussionPointFactory(meeting=live_meeting, lead_question=question, agency=agency_a, text="มาช้า")
    DiscussionPoint.objects.filter(pk=late.pk).update(updated_at=since.latest - datetime.timedelta(seconds=2))
    response = poll(client, live_meeting, since)
    assert response.status_code == 200
    assert "มาช้า" in response.content.decode()


def test_points_older_than_the_window_are_not_sent_again(client_for, note_taker, live_meeting, question, agency_a):
    old = DiscussionPointFactory(meeting=live_meeting, lead_question=question, agency=agency_a, text="เก่ามาก")
    DiscussionPoint.objects.filter(pk=old.pk).update(updated_at=timezone.now() - 3 * CHANGE_WINDOW)
    DiscussionPointFactory(meeting=live_meeting, lead_question=question, agency=agency_a, text="ใหม่")
    content = poll(client_for(note_taker), live_meeting, ChangeToken(latest=timezone.now())).content.decode()
    assert "ใหม่" in content and "เก่ามาก" not in content


@pytest.mark.parametrize("token", ["", "not-a-token"])
def test_a_missing_or_unreadable_token_gets_every_point(
    client_for, note_taker, live_meeting, question, agency_a, token
):
    old = DiscussionPointFactory(meeting=live_meeting, lead_question=question, agency=agency_a, text="เก่ามาก")
    DiscussionPoint.objects.filter(pk=old.pk).update(updated_at=timezone.now() - 3 * CHANGE_WINDOW)
    response = poll(client_for(note_taker), live_meeting, token)
    assert response.status_code == 200
    assert "เก่ามาก" in response.content.decode()


def test_an_empty_meeting_answers_204_to_a_page_that_has_seen_it_empty(client_for, note_taker, live_meeting):
    first = poll(client_for(note_taker), live_meeting, "")
    assert poll(client_for(note_taker), live_meeting, token_of(first)).status_code == 204


def test_token_round_trip():
    token = ChangeToken(latest=datetime.datetime(2007, 8, 31, 6, 30, 0, 123456, tzinfo=datetime.UTC), digest="ab12")
    assert ChangeToken.parse(str(token)) == token


@pytest.mark.parametrize("persona", ["observer", "officer_a", "facilitator"])
def test_readers_of_the_meeting_may_poll(request, client_for, live_meeting, persona):
    assert poll(client_for(request.getfixturevalue(persona)), live_meeting, "0-x").status_code == 200


def test_officers_of_agencies_taking_no_part_are_refused(client_for, officer_b, live_meeting):
    assert poll(client_for(officer_b), live_meeting, "0-x").status_code == 403


def test_a_missing_meeting_is_a_404(client_for, note_taker):
    response = client_for(note_taker).get(reverse("meetings:point_changes", args=[999999]), {"since": "0-"})
    assert response.status_code == 404


def test_post_is_not_allowed(client_for, note_taker, live_meeting):
    assert client_for(note_taker).post(reverse("meetings:point_changes", args=[live_meeting.pk])).status_code == 405


def test_the_poll_is_cheap(client_for, note_taker, live_meeting, agency_a, django_assert_max_num_queries):
    busy_meeting(live_meeting, points=500, attendees=40)
    client = client_for(note_taker)
    # session, user, the user's roles, and the meeting with its changed points in one query
    with django_assert_max_num_queries(4):
        everything = poll(client, live_meeting, "0-")
    assert everything.status_code == 200
    with django_assert_max_num_queries(4):
        assert poll(client, live_meeting, token_of(everything)).status_code == 204
