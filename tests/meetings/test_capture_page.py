"""The live capture page: who may open it, capturing with and without JavaScript, bad input, query counts."""

import json

import pytest
from django.urls import reverse

from meetings.models import DiscussionPoint, MeetingStatus, PointKind
from meetings.services.points import CAPTURE_CLOSED
from tests.factories import (
    AgencyFactory,
    DiscussionPointFactory,
    LeadQuestionFactory,
    busy_meeting,
    start_meeting,
)

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def live_meeting(meeting):
    return start_meeting(meeting)


@pytest.fixture
def question(live_meeting):
    return LeadQuestionFactory(meeting=live_meeting, text="หน่วยงานกำหนดกลุ่มผู้รับบริการอย่างไร")


def capture_url(meeting):
    return reverse("meetings:capture", args=[meeting.pk])


def point_data(agency, question, text="แบ่งกลุ่มเกษตรกรตามชนิดพืช", kind=PointKind.CURRENT_PRACTICE):
    return {"agency": agency.pk if agency else "", "lead_question": question.pk if question else "", "kind": kind,
            "text": text}  # fmt: skip


# --- who may open it ---


@pytest.mark.parametrize("persona", ["note_taker", "facilitator", "administrator"])
def test_capturers_open_the_page(request, client_for, live_meeting, question, persona):
    response = client_for(request.getfixturevalue(persona)).get(capture_url(live_meeting))
    assert response.status_code == 200
    assert question.text in response.content.decode()


@pytest.mark.parametrize("persona", ["observer", "officer_a", "officer_b", "outsider"])
def test_others_are_refused_the_page(request, client_for, live_meeting, persona):
    assert client_for(request.getfixturevalue(persona)).get(capture_url(live_meeting)).status_code == 403


def test_a_visitor_is_sent_to_log_in(client, live_meeting):
    response = client.get(capture_url(live_meeting))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_a_missing_meeting_is_a_404(client_for, note_taker):
    assert client_for(note_taker).get(reverse("meetings:capture", args=[999999])).status_code == 404


def test_officers_cannot_capture(client_for, officer_a, live_meeting, agency_a, question):
    response = client_for(officer_a).post(capture_url(live_meeting), point_data(agency_a, question))
    assert response.status_code == 403
    assert not DiscussionPoint.objects.exists()


# --- the page ---


def test_page_lists_points_by_question_and_offers_the_agencies_taking_part(
    client_for, note_taker, live_meeting, agency_a, agency_b, question
):
    DiscussionPointFactory(meeting=live_meeting, lead_question=question, agency=agency_a, text="ทะเบียนเกษตรกร")
    DiscussionPointFactory(meeting=live_meeting, lead_question=None, agency=agency_a, text="เรื่องทั่วไป")
    content = client_for(note_taker).get(capture_url(live_meeting)).content.decode()
    assert f'id="points-{question.pk}"' in content
    assert 'id="points-general"' in content
    assert "ทะเบียนเกษตรกร" in content and "เรื่องทั่วไป" in content
    assert f'<option value="{agency_a.pk}"' in content
    assert f'<option value="{agency_b.pk}"' not in content  # agency B takes no part in this meeting


def test_a_point_of_an_agency_that_no_longer_takes_part_is_still_shown(client_for, note_taker, live_meeting, question):
    former = AgencyFactory(name_th="สำนักงานที่ถอนตัวแล้ว")
    DiscussionPointFactory(meeting=live_meeting, lead_question=question, agency=former, text="ก่อนถอนตัว")
    response = client_for(note_taker).get(capture_url(live_meeting))
    content = response.content.decode()
    assert "ก่อนถอนตัว" in content and "สำนักงานที่ถอนตัวแล้ว" in content
    assert former.pk in [row.agency.pk for row in response.context["coverage"].rows]
    assert f'<option value="{former.pk}"' not in content  # not offered for new points


def test_page_documents_the_keyboard_shortcuts(client_for, note_taker, live_meeting):
    content = client_for(note_taker).get(capture_url(live_meeting)).content.decode()
    assert "<kbd>Alt</kbd>+<kbd>1</kbd>" in content
    assert 'data-kind-shortcut="5"' in content
    assert "data-enter-submits" in content


def test_query_string_preselects_agency_question_and_kind(client_for, note_taker, live_meeting, agency_a, question):
    url = f"{capture_url(live_meeting)}?agency={agency_a.pk}&question={question.pk}&kind=problem"
    form = client_for(note_taker).get(url).context["form"]
    assert form.initial == {"agency": str(agency_a.pk), "lead_question": str(question.pk), "kind": "problem"}


def test_page_warns_when_the_meeting_is_not_in_session(client_for, note_taker, meeting):
    content = client_for(note_taker).get(capture_url(meeting)).content.decode()
    assert "alert-warning" in content


# --- capturing with htmx ---


def test_htmx_capture_answers_the_new_row_and_leaves_the_form_as_it_is(
    client_for, note_taker, live_meeting, agency_a, question
):
    response = client_for(note_taker).post(
        capture_url(live_meeting), point_data(agency_a, question, kind=PointKind.PROBLEM), **HTMX
    )
    point = DiscussionPoint.objects.get()
    content = response.content.decode()
    assert response.status_code == 200
    assert (point.agency, point.lead_question, point.kind, point.created_by) == (
        agency_a, question, PointKind.PROBLEM, note_taker
    )  # fmt: skip
    # The form is not replaced: it keeps agency, question and kind; meetings.js clears the text.
    assert response["HX-Reswap"] == "none"
    assert json.loads(response["HX-Trigger"]) == {"points-changed": None, "point-captured": None}
    assert 'id="capture-form"' not in content
    assert '<div id="points-inbox" hx-swap-oob="innerHTML">' in content
    assert f'data-point="{point.pk}" data-question="{question.pk}"' in content


def test_capture_of_a_general_point(client_for, note_taker, live_meeting, agency_a):
    client_for(note_taker).post(capture_url(live_meeting), point_data(agency_a, None), **HTMX)
    assert DiscussionPoint.objects.get().lead_question is None


# --- capturing without JavaScript ---


def test_plain_capture_redirects_back_with_the_choices_kept(client_for, note_taker, live_meeting, agency_a, question):
    response = client_for(note_taker).post(
        capture_url(live_meeting), point_data(agency_a, question, kind=PointKind.SUGGESTION)
    )
    point = DiscussionPoint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == (
        f"{capture_url(live_meeting)}?agency={agency_a.pk}&question={question.pk}&kind=suggestion#point-{point.pk}"
    )


# --- bad input: a message beside the field, what was typed kept (with and without JavaScript) ---


@pytest.mark.parametrize("headers", [HTMX, {}], ids=["htmx", "plain"])
def test_a_point_with_no_agency_is_refused_beside_the_agency(client_for, note_taker, live_meeting, question, headers):
    response = client_for(note_taker).post(capture_url(live_meeting), point_data(None, question, "สิ่งที่พิมพ์"),
                                           **headers)  # fmt: skip
    form = response.context["form"]
    assert response.status_code == 200
    assert list(form.errors) == ["agency"]
    assert str(form.fields["agency"].error_messages["required"]) in response.content.decode()
    assert "สิ่งที่พิมพ์" in response.content.decode()
    taking_part = live_meeting.attendances.exclude(agency=None).first().agency_id
    assert f'<option value="{taking_part}"' in response.content.decode()  # every choice offered again
    assert not DiscussionPoint.objects.exists()


@pytest.mark.parametrize("headers", [HTMX, {}], ids=["htmx", "plain"])
def test_empty_text_is_refused_beside_the_text(client_for, note_taker, live_meeting, agency_a, question, headers):
    response = client_for(note_taker).post(capture_url(live_meeting), point_data(agency_a, question, "  "), **headers)
    form = response.context["form"]
    assert list(form.errors) == ["text"]
    assert str(form.fields["text"].error_messages["required"]) in response.content.decode()
    assert f'<option value="{agency_a.pk}" selected' in response.content.decode()
    assert not DiscussionPoint.objects.exists()


@pytest.mark.parametrize("status", [MeetingStatus.PLANNED, MeetingStatus.NOTES_CLOSED])
@pytest.mark.parametrize("headers", [HTMX, {}], ids=["htmx", "plain"])
def test_capture_into_a_closed_meeting_keeps_the_text_and_says_why(
    client_for, note_taker, meeting, agency_a, status, headers
):
    meeting.status = status
    meeting.save()
    question = LeadQuestionFactory(meeting=meeting)
    response = client_for(note_taker).post(capture_url(meeting), point_data(agency_a, question, "ประเด็นที่พิมพ์ไว้"),
                                           **headers)  # fmt: skip
    content = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].errors == {"text": [str(CAPTURE_CLOSED)]}
    assert "ประเด็นที่พิมพ์ไว้" in content
    assert 'class="invalid-feedback' in content
    assert not DiscussionPoint.objects.exists()


def test_an_agency_not_taking_part_is_refused(client_for, note_taker, live_meeting, question):
    stranger = AgencyFactory()
    response = client_for(note_taker).post(capture_url(live_meeting), point_data(stranger, question), **HTMX)
    assert list(response.context["form"].errors) == ["agency"]
    assert not DiscussionPoint.objects.exists()


def test_the_messages_are_thai(client_for, note_taker, live_meeting, question):
    from django.utils import translation

    response = client_for(note_taker).post(capture_url(live_meeting), point_data(None, question), **HTMX)
    with translation.override("th"):
        expected = str(response.context["form"].fields["agency"].error_messages["required"])
    assert expected in response.content.decode()


# --- query counts ---


def test_page_query_count_does_not_grow_with_points_and_attendees(
    client_for, note_taker, live_meeting, django_assert_max_num_queries
):
    busy_meeting(live_meeting, points=500, attendees=40)
    client = client_for(note_taker)
    # session, user, groups, meeting, the user's two role lookups, questions, points, the agencies (two)
    with django_assert_max_num_queries(10):
        response = client.get(capture_url(live_meeting))
    assert response.content.decode().count('class="point list-group-item') == 500


def test_htmx_capture_query_count(client_for, note_taker, live_meeting, agency_a, django_assert_max_num_queries):
    busy_meeting(live_meeting, points=500, attendees=40)
    question = live_meeting.lead_questions.first()
    client = client_for(note_taker)
    # session, user, groups, meeting, two role lookups, questions, the posted agency, then the
    # savepoint, the next order, the insert and the release
    with django_assert_max_num_queries(12):
        client.post(capture_url(live_meeting), point_data(agency_a, question), **HTMX)
    assert DiscussionPoint.objects.filter(agency=agency_a).exists()
