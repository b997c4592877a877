"""The projector view: the current question and its points by agency, large, read-only, refreshing itself."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import DiscussionPoint
from meetings.selectors.points import ChangeToken
from tests.factories import AgencyFactory, DiscussionPointFactory, LeadQuestionFactory, busy_meeting, start_meeting

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def live_meeting(meeting):
    return start_meeting(meeting)


@pytest.fixture
def questions(live_meeting):
    return [
        LeadQuestionFactory(meeting=live_meeting, order=1, text="กลุ่มผู้รับบริการคือใคร"),
        LeadQuestionFactory(meeting=live_meeting, order=2, text="รับฟังความต้องการอย่างไร"),
    ]


def projector_url(meeting, query=""):
    return reverse("meetings:projector", args=[meeting.pk]) + query


def test_shows_the_question_of_the_latest_point_grouped_by_agency(client_for, observer, live_meeting, questions,
                                                                  agency_a):  # fmt: skip
    other = AgencyFactory(name_th="สำนักงานประมงจังหวัดทดสอบ")
    DiscussionPointFactory(meeting=live_meeting, lead_question=questions[0], agency=agency_a, text="ข้อแรก")
    DiscussionPointFactory(meeting=live_meeting, lead_question=questions[1], agency=agency_a, text="เกษตรกร")
    DiscussionPointFactory(meeting=live_meeting, lead_question=questions[1], agency=other, text="ชาวประมง")
    response = client_for(observer).get(projector_url(live_meeting))
    content = response.content.decode()
    assert response.status_code == 200
    assert response.context["following"] and response.context["current"] == questions[1]
    assert "รับฟังความต้องการอย่างไร" in content and "ข้อแรก" not in content
    assert [group.agency.pk for group in response.context["agency_points"]] == [agency_a.pk, other.pk]
    assert 'hx-trigger="every 3s"' in content
    assert "hx-post" not in content and "<textarea" not in content  # read-only


def test_the_facilitator_can_pin_a_question(client_for, facilitator, live_meeting, questions, agency_a):
    DiscussionPointFactory(meeting=live_meeting, lead_question=questions[1], agency=agency_a)
    response = client_for(facilitator).get(projector_url(live_meeting, f"?question={questions[0].pk}"))
    assert response.context["current"] == questions[0] and not response.context["following"]
    assert f"question={questions[0].pk}" in response.context["poll_url"]


def test_general_points_can_be_shown(client_for, observer, live_meeting, questions, agency_a):
    DiscussionPointFactory(meeting=live_meeting, lead_question=None, agency=agency_a, text="เรื่องทั่วไป")
    content = client_for(observer).get(projector_url(live_meeting, "?question=general")).content.decode()
    assert "เรื่องทั่วไป" in content


def test_without_points_it_shows_the_first_question(client_for, observer, live_meeting, questions):
    response = client_for(observer).get(projector_url(live_meeting))
    assert response.context["current"] == questions[0]


def test_poll_is_204_until_a_point_changes(client_for, observer, live_meeting, questions, agency_a):
    client = client_for(observer)
    since = ChangeToken(latest=timezone.now())
    assert client.get(projector_url(live_meeting), {"since": str(since)}, **HTMX).status_code == 204
    point = DiscussionPointFactory(meeting=live_meeting, lead_question=questions[0], agency=agency_a, text="มาใหม่")
    response = client.get(projector_url(live_meeting), {"since": str(since)}, **HTMX)
    content = response.content.decode()
    assert response.status_code == 200
    assert content.lstrip().startswith('<div id="projector-body"') and "มาใหม่" in content
    DiscussionPoint.objects.filter(pk=point.pk).update(updated_at=timezone.now() - datetime.timedelta(minutes=1))
    later = ChangeToken(latest=timezone.now())
    assert client.get(projector_url(live_meeting), {"since": str(later)}, **HTMX).status_code == 204


def test_htmx_without_a_token_redraws(client_for, observer, live_meeting, questions):
    response = client_for(observer).get(projector_url(live_meeting), **HTMX)
    assert response.status_code == 200


def test_officers_of_agencies_taking_no_part_are_refused(client_for, officer_b, live_meeting):
    assert client_for(officer_b).get(projector_url(live_meeting)).status_code == 403


def test_query_count_does_not_grow(client_for, observer, live_meeting, django_assert_max_num_queries):
    busy_meeting(live_meeting, points=500, attendees=40)
    client = client_for(observer)
    # session, user, roles, meeting, questions, the followed question, its points
    with django_assert_max_num_queries(7):
        response = client.get(projector_url(live_meeting))
    assert response.context["point_count"] == 100  # the last point's question: every fifth point
