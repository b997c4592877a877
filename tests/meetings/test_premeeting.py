"""Pre-meeting input: an officer sends their agency's answers to the lead questions before the meeting."""

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from meetings.models import DiscussionPoint, PointSource
from meetings.services.points import PREMEETING_CLOSED
from tests.factories import DiscussionPointFactory, LeadQuestionFactory, start_meeting


@pytest.fixture
def questions(meeting):
    return LeadQuestionFactory.create_batch(2, meeting=meeting)


def premeeting_url(meeting):
    return reverse("meetings:premeeting", args=[meeting.pk])


def answers(questions, *texts):
    return {f"answer_{question.pk}": text for question, text in zip(questions, texts, strict=True)}


def test_officer_sees_one_text_area_per_question(client_for, officer_a, meeting, questions):
    response = client_for(officer_a).get(premeeting_url(meeting))
    content = response.content.decode()
    assert response.status_code == 200
    assert content.count("<textarea") == 2
    assert questions[0].text in content


def test_answers_arrive_as_points_marked_sent_before_the_meeting(client_for, officer_a, meeting, questions, agency_a):
    response = client_for(officer_a).post(premeeting_url(meeting), answers(questions, "เกษตรกรผู้ปลูกพืช", ""))
    assert response.status_code == 302
    point = DiscussionPoint.objects.get()
    assert (point.agency, point.lead_question, point.source, point.text) == (
        agency_a, questions[0], PointSource.PRE_MEETING, "เกษตรกรผู้ปลูกพืช"
    )  # fmt: skip


def test_the_officer_can_change_the_answers_until_the_meeting_starts(client_for, officer_a, meeting, questions):
    client = client_for(officer_a)
    client.post(premeeting_url(meeting), answers(questions, "เดิม", "ข้อสอง"))
    page = client.get(premeeting_url(meeting)).content.decode()
    assert "เดิม" in page and "ข้อสอง" in page
    client.post(premeeting_url(meeting), answers(questions, "ใหม่", ""))
    assert list(DiscussionPoint.objects.live().values_list("text", flat=True)) == ["ใหม่"]


def test_after_the_meeting_starts_the_answers_are_read_only_and_a_post_is_refused_keeping_the_text(
    client_for, officer_a, meeting, questions
):
    DiscussionPointFactory(meeting=meeting, lead_question=questions[0], agency=officer_a.agency, text="ส่งแล้ว",
                           source=PointSource.PRE_MEETING)  # fmt: skip
    start_meeting(meeting)
    client = client_for(officer_a)
    page = client.get(premeeting_url(meeting)).content.decode()
    assert "disabled" in page and "ส่งแล้ว" in page
    response = client.post(premeeting_url(meeting), answers(questions, "แก้สาย", "เพิ่มสาย"))
    content = response.content.decode()
    assert response.status_code == 200
    assert str(PREMEETING_CLOSED) in content
    assert "แก้สาย" in content and "เพิ่มสาย" in content
    assert list(DiscussionPoint.objects.values_list("text", flat=True)) == ["ส่งแล้ว"]


def test_officers_of_other_agencies_are_refused(client_for, officer_b, meeting, questions):
    client = client_for(officer_b)
    assert client.get(premeeting_url(meeting)).status_code == 403
    assert client.post(premeeting_url(meeting), answers(questions, "แทรก", "")).status_code == 403
    assert not DiscussionPoint.objects.exists()


@pytest.mark.parametrize("persona", ["observer", "note_taker", "outsider"])
def test_only_agency_officers_send_premeeting_input(request, client_for, meeting, questions, persona):
    assert client_for(request.getfixturevalue(persona)).get(premeeting_url(meeting)).status_code == 403


def test_premeeting_points_are_marked_on_the_capture_page_and_projector(
    client_for, officer_a, note_taker, meeting, questions
):
    client_for(officer_a).post(premeeting_url(meeting), answers(questions, "ตอบก่อนประชุม", ""))
    start_meeting(meeting)
    client = client_for(note_taker)
    capture = client.get(reverse("meetings:capture", args=[meeting.pk])).content.decode()
    projector = client.get(reverse("meetings:projector", args=[meeting.pk]) + f"?question={questions[0].pk}")
    for content in (capture, projector.content.decode()):
        assert "ตอบก่อนประชุม" in content
        assert f'class="point-premeeting">{gettext("Submitted before the meeting")}<' in content


def test_meeting_page_links_officers_to_the_form(client_for, officer_a, meeting, questions):
    content = client_for(officer_a).get(reverse("meetings:meeting_detail", args=[meeting.pk])).content.decode()
    assert premeeting_url(meeting) in content
