"""Who may change a discussion point, and who still sees it once deleted.

The note-takers own the meeting's points. An officer only words their own agency's
answers sent before the meeting (text only), only while the meeting is planned, and
may withdraw and bring back those answers; a deleted point is seen only by those
who may bring it back.
"""

import pytest
from django.urls import reverse

from meetings.models import AttendanceStatus, DiscussionPoint, MeetingRole, PointKind, PointSource
from meetings.services import points as services
from meetings.services.points import PREMEETING_CLOSED
from tests.factories import AttendanceFactory, DiscussionPointFactory, LeadQuestionFactory, start_meeting

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def questions(meeting):
    return LeadQuestionFactory.create_batch(2, meeting=meeting)


@pytest.fixture
def answer(meeting, questions, agency_a):
    """Agency A's answer to the first question, sent before the meeting."""
    return DiscussionPointFactory(meeting=meeting, lead_question=questions[0], agency=agency_a, order=1,
                                  source=PointSource.PRE_MEETING, text="คำตอบเดิมของหน่วยงาน ก")  # fmt: skip


@pytest.fixture
def other_answer(meeting, questions, agency_b):
    """Agency B (also taking part) answered the same question; its answer comes after agency A's."""
    AttendanceFactory(meeting=meeting, agency=agency_b, role=MeetingRole.MEMBER, attendance=AttendanceStatus.PRESENT)
    return DiscussionPointFactory(meeting=meeting, lead_question=questions[0], agency=agency_b, order=2,
                                  source=PointSource.PRE_MEETING, text="คำตอบของหน่วยงาน ข")  # fmt: skip


def url(name, point):
    return reverse(f"meetings:{name}", args=[point.pk])


def forged_edit(other_answer, questions, **changes):
    """Everything the note-takers' form has, set to another agency, a conclusion and another question."""
    data = {"agency": other_answer.agency_id, "lead_question": questions[1].pk, "kind": PointKind.CONCLUSION,
            "text": "ถ้อยคำใหม่ของหน่วยงาน ก"}  # fmt: skip
    return {**data, **changes}


# --- an officer's edit of their own answer -------------------------------------------


def test_officer_cannot_change_agency_of_own_premeeting_answer(client_for, officer_a, answer, other_answer, questions):
    response = client_for(officer_a).post(url("point_update", answer), forged_edit(other_answer, questions))
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.text == "ถ้อยคำใหม่ของหน่วยงาน ก"
    assert (answer.agency_id, answer.kind, answer.lead_question_id) == (
        officer_a.agency_id, PointKind.CURRENT_PRACTICE, questions[0].pk
    )  # fmt: skip


def test_officer_cannot_make_own_answer_a_conclusion_with_htmx(client_for, officer_a, answer, other_answer, questions):
    response = client_for(officer_a).post(
        url("point_update", answer), forged_edit(other_answer, questions, kind=PointKind.ACTION_ITEM), **HTMX
    )
    content = response.content.decode()
    answer.refresh_from_db()
    assert (answer.kind, answer.agency_id) == (PointKind.CURRENT_PRACTICE, officer_a.agency_id)
    assert "ถ้อยคำใหม่ของหน่วยงาน ก" in content
    # The row an officer gets back offers no reordering or deleting of the meeting's points.
    assert "/move/" not in content


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "htmx"])
def test_officers_edit_form_has_only_the_text(client_for, officer_a, answer, headers):
    response = client_for(officer_a).get(url("point_update", answer), **headers)
    content = response.content.decode()
    assert response.status_code == 200
    assert 'name="text"' in content
    assert "คำตอบเดิมของหน่วยงาน ก" in content
    for field in ("agency", "lead_question", "kind"):
        assert f'name="{field}"' not in content
    # Cancel goes back to the officer's own page, not the note-takers' capture page.
    assert reverse("meetings:premeeting", args=[answer.meeting_id]) in content
    assert reverse("meetings:capture", args=[answer.meeting_id]) not in content


def test_officers_edit_shows_on_the_pages_that_show_it(client_for, officer_a, note_taker, answer):
    client = client_for(officer_a)
    response = client.post(url("point_update", answer), {"text": "ถ้อยคำที่ปรับแล้ว"}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("meetings:premeeting", args=[answer.meeting_id])
    assert "ถ้อยคำที่ปรับแล้ว" in response.content.decode()
    detail = client.get(url("point_detail", answer))
    assert detail.status_code == 200 and "ถ้อยคำที่ปรับแล้ว" in detail.content.decode()
    assert client.get(reverse("meetings:meeting_detail", args=[answer.meeting_id])).status_code == 200
    capture = client_for(note_taker).get(reverse("meetings:capture", args=[answer.meeting_id]))
    assert capture.status_code == 200 and "ถ้อยคำที่ปรับแล้ว" in capture.content.decode()


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "htmx"])
def test_officer_cannot_edit_after_premeeting_closes(client_for, officer_a, meeting, answer, headers):
    start_meeting(meeting)
    response = client_for(officer_a).post(url("point_update", answer), {"text": "แก้ระหว่างประชุม"}, **headers)
    content = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].errors == {"text": [str(PREMEETING_CLOSED)]}
    assert "แก้ระหว่างประชุม" in content  # what the officer typed is kept
    answer.refresh_from_db()
    assert answer.text == "คำตอบเดิมของหน่วยงาน ก"


def test_officer_cannot_edit_another_agencys_answer(client_for, officer_a, other_answer):
    client = client_for(officer_a)
    assert client.get(url("point_update", other_answer)).status_code == 403
    assert client.post(url("point_update", other_answer), {"text": "ของคนอื่น"}).status_code == 403
    other_answer.refresh_from_db()
    assert other_answer.text == "คำตอบของหน่วยงาน ข"


def test_note_taker_still_edits_everything_of_an_answer(client_for, note_taker, answer, other_answer, questions):
    response = client_for(note_taker).post(url("point_update", answer), forged_edit(other_answer, questions))
    assert response.status_code == 302
    answer.refresh_from_db()
    assert (answer.agency_id, answer.kind, answer.lead_question_id) == (
        other_answer.agency_id, PointKind.CONCLUSION, questions[1].pk
    )  # fmt: skip


# --- reordering, withdrawing and bringing back ----------------------------------------


@pytest.mark.parametrize("direction", ["up", "down"])
def test_officer_cannot_move_points(client_for, officer_a, answer, other_answer, direction):
    response = client_for(officer_a).post(url("point_move", answer), {"direction": direction})
    assert response.status_code == 403
    orders = dict(DiscussionPoint.objects.values_list("pk", "order"))
    assert orders == {answer.pk: 1, other_answer.pk: 2}


def test_officer_withdraws_own_answer_before_the_meeting(client_for, officer_a, answer):
    response = client_for(officer_a).post(url("point_delete", answer), follow=True)
    assert response.redirect_chain[-1][0] == reverse("meetings:premeeting", args=[answer.meeting_id])
    assert "คำตอบเดิมของหน่วยงาน ก" not in response.content.decode()
    answer.refresh_from_db()
    assert answer.is_deleted


def test_officer_cannot_delete_another_agencys_answer(client_for, officer_a, other_answer):
    assert client_for(officer_a).post(url("point_delete", other_answer)).status_code == 403
    assert not DiscussionPoint.objects.deleted().exists()


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "htmx"])
def test_officer_cannot_delete_own_answer_after_premeeting_closes(client_for, officer_a, meeting, answer, headers):
    start_meeting(meeting)
    response = client_for(officer_a).post(url("point_delete", answer), follow=not headers, **headers)
    assert str(PREMEETING_CLOSED) in response.content.decode()
    assert not DiscussionPoint.objects.deleted().exists()


def test_officer_brings_back_own_withdrawn_answer_before_the_meeting(client_for, officer_a, answer):
    services.point_delete(point=answer)
    response = client_for(officer_a).post(url("point_restore", answer), follow=True)
    assert "คำตอบเดิมของหน่วยงาน ก" in response.content.decode()
    answer.refresh_from_db()
    assert not answer.is_deleted


def test_officer_cannot_restore_own_answer_after_premeeting_closes(client_for, officer_a, meeting, answer):
    services.point_delete(point=answer)
    start_meeting(meeting)
    response = client_for(officer_a).post(url("point_restore", answer), follow=True)
    assert str(PREMEETING_CLOSED) in response.content.decode()
    answer.refresh_from_db()
    assert answer.is_deleted


def test_officer_cannot_restore_another_agencys_answer(client_for, officer_a, other_answer):
    services.point_delete(point=other_answer)
    assert client_for(officer_a).post(url("point_restore", other_answer)).status_code == 404
    other_answer.refresh_from_db()
    assert other_answer.is_deleted


def test_an_answer_the_agency_has_since_replaced_cannot_be_restored(client_for, officer_a, meeting, questions, answer):
    """The agency has one answer per question: bringing back the old one beside the new one would make two."""
    services.point_delete(point=answer)
    services.premeeting_submit(meeting=meeting, agency=officer_a.agency, answers={questions[0]: "คำตอบใหม่"},
                               by=officer_a)  # fmt: skip
    response = client_for(officer_a).post(url("point_restore", answer), follow=True)
    assert str(services.REPLACED_ANSWER) in response.content.decode()
    answer.refresh_from_db()
    assert answer.is_deleted
    assert response.context["form"].initial == {f"answer_{questions[0].pk}": "คำตอบใหม่"}


# --- a deleted point ------------------------------------------------------------------


@pytest.fixture
def deleted_point(meeting, questions, agency_a):
    start_meeting(meeting)
    point = DiscussionPointFactory(meeting=meeting, lead_question=questions[0], agency=agency_a, text="ลบไปแล้ว")
    return services.point_delete(point=point)


@pytest.mark.parametrize("persona", ["observer", "officer_a"])
@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "htmx"])
def test_deleted_point_hidden_from_readers(request, client_for, deleted_point, persona, headers):
    response = client_for(request.getfixturevalue(persona)).get(url("point_detail", deleted_point), **headers)
    assert response.status_code == 404
    assert "ลบไปแล้ว" not in response.content.decode()


def test_readers_cannot_restore_or_edit_a_deleted_point(client_for, observer, deleted_point):
    client = client_for(observer)
    assert client.post(url("point_restore", deleted_point)).status_code == 404
    assert client.get(url("point_update", deleted_point)).status_code == 404
    deleted_point.refresh_from_db()
    assert deleted_point.is_deleted


@pytest.mark.parametrize("persona", ["note_taker", "facilitator"])
def test_capturer_sees_deleted_point_to_restore(request, client_for, deleted_point, persona):
    response = client_for(request.getfixturevalue(persona)).get(url("point_detail", deleted_point))
    content = response.content.decode()
    assert response.status_code == 200
    assert "ลบไปแล้ว" in content
    assert "ประเด็นนี้ถูกลบแล้ว" in content
    assert f'action="{url("point_restore", deleted_point)}"' in content


def test_officer_sees_own_withdrawn_answer(client_for, officer_a, answer):
    services.point_delete(point=answer)
    response = client_for(officer_a).get(url("point_detail", answer))
    assert response.status_code == 200
    assert "คำตอบเดิมของหน่วยงาน ก" in response.content.decode()


def test_a_purged_point_is_gone_for_everyone(client_for, note_taker, deleted_point):
    DiscussionPoint.objects.filter(pk=deleted_point.pk).delete()
    assert client_for(note_taker).get(url("point_detail", deleted_point)).status_code == 404
