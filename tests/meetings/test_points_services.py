"""Services of discussion points: capture, edit, move, delete and undo, pre-meeting input."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from meetings.models import DiscussionPoint, MeetingStatus, PointKind, PointSource
from meetings.services import points as services
from tests.factories import DiscussionPointFactory, LeadQuestionFactory, MeetingFactory, start_meeting


@pytest.fixture
def live_meeting(meeting):
    return start_meeting(meeting)


@pytest.fixture
def question(live_meeting):
    return LeadQuestionFactory(meeting=live_meeting)


def capture(meeting, agency, question, text="ใช้ทะเบียนเกษตรกร", **fields):
    return services.point_capture(meeting=meeting, agency=agency, lead_question=question, text=text, by=None, **fields)


def test_capture_appends_points_in_order(live_meeting, agency_a, question, note_taker):
    first = capture(live_meeting, agency_a, question)
    second = services.point_capture(
        meeting=live_meeting, agency=agency_a, lead_question=question, kind=PointKind.PROBLEM,
        text="  ข้อมูลไม่ครบ  ", by=note_taker,
    )  # fmt: skip
    assert (first.order, second.order) == (1, 2)
    assert second.text == "ข้อมูลไม่ครบ"
    assert second.source == PointSource.LIVE
    assert second.created_by == note_taker


def test_orders_count_per_question(live_meeting, agency_a, question):
    other = LeadQuestionFactory(meeting=live_meeting)
    capture(live_meeting, agency_a, question)
    assert capture(live_meeting, agency_a, other).order == 1
    assert capture(live_meeting, agency_a, None).order == 1


def test_general_points_count_on_their_own_and_after_live_points_only(live_meeting, agency_a, question):
    # The order's SQL is compiled once per kind (with a question, general) and reused with each one's ids.
    assert [capture(live_meeting, agency_a, None).order for _ in range(2)] == [1, 2]
    assert capture(live_meeting, agency_a, question).order == 1
    last = capture(live_meeting, agency_a, question)
    services.point_delete(point=last)
    assert capture(live_meeting, agency_a, question).order == 2
    assert capture(live_meeting, agency_a, None).order == 3


@pytest.mark.parametrize("status", [MeetingStatus.PLANNED, MeetingStatus.NOTES_CLOSED])
def test_capture_into_a_meeting_not_in_session_is_refused_on_the_text(meeting, agency_a, status):
    meeting.status = status
    meeting.save()
    with pytest.raises(ValidationError) as refused:
        capture(meeting, agency_a, None)
    assert refused.value.message_dict == {"text": [str(services.CAPTURE_CLOSED)]}
    assert not DiscussionPoint.objects.exists()


def test_blank_text_is_refused(live_meeting, agency_a, question):
    with pytest.raises(ValidationError) as refused:
        capture(live_meeting, agency_a, question, text="   ")
    assert "text" in refused.value.message_dict


def test_a_question_of_another_meeting_is_refused(live_meeting, agency_a):
    elsewhere = LeadQuestionFactory(meeting=MeetingFactory())
    with pytest.raises(ValidationError) as refused:
        capture(live_meeting, agency_a, elsewhere)
    assert "lead_question" in refused.value.message_dict


def test_update_to_another_question_moves_the_point_to_its_end(live_meeting, agency_a, agency_b, question):
    other = LeadQuestionFactory(meeting=live_meeting)
    capture(live_meeting, agency_a, other)
    point = capture(live_meeting, agency_a, question)
    services.point_update(point=point, agency=agency_b, lead_question=other, kind=PointKind.SUGGESTION, text="ใหม่")
    point.refresh_from_db()
    assert (point.lead_question, point.agency, point.kind, point.text, point.order) == (
        other, agency_b, PointKind.SUGGESTION, "ใหม่", 2
    )  # fmt: skip


def test_update_refuses_to_overwrite_a_newer_edit(live_meeting, agency_a, question):
    point = capture(live_meeting, agency_a, question)
    seen = point.updated_at
    DiscussionPoint.objects.filter(pk=point.pk).update(
        text="แก้โดยอีกคน", updated_at=seen + datetime.timedelta(seconds=1)
    )
    with pytest.raises(ValidationError) as refused:
        services.point_update(point=point, agency=agency_a, lead_question=question, kind=point.kind, text="ของฉัน",
                              seen_updated_at=seen)  # fmt: skip
    assert refused.value.code == "changed_meanwhile"
    assert DiscussionPoint.objects.get(pk=point.pk).text == "แก้โดยอีกคน"


def test_move_swaps_with_the_neighbour_and_marks_both_changed(live_meeting, agency_a, question):
    first, second, third = (capture(live_meeting, agency_a, question, text=f"ข้อ {n}") for n in range(3))
    before = DiscussionPoint.objects.get(pk=first.pk).updated_at
    moved = services.point_move(point=third, up=True)
    order = list(DiscussionPoint.objects.filter(lead_question=question).order_by("order").values_list("pk", flat=True))
    assert order == [first.pk, third.pk, second.pk]
    assert {point.pk for point in moved} == {second.pk, third.pk}
    assert all(point.updated_at > before for point in moved)


def test_move_past_either_end_changes_nothing(live_meeting, agency_a, question):
    first = capture(live_meeting, agency_a, question)
    last = capture(live_meeting, agency_a, question)
    assert services.point_move(point=first, up=True) == []
    assert services.point_move(point=last, up=False) == []


def test_move_renumbers_points_that_share_an_order(live_meeting, agency_a, question):
    first = DiscussionPointFactory(meeting=live_meeting, lead_question=question, agency=agency_a, order=1)
    second = DiscussionPointFactory(meeting=live_meeting, lead_question=question, agency=agency_a, order=1)
    services.point_move(point=second, up=True)
    assert list(DiscussionPoint.objects.order_by("order").values_list("pk", "order")) == [(second.pk, 1), (first.pk, 2)]


def test_move_ignores_deleted_points(live_meeting, agency_a, question):
    first = capture(live_meeting, agency_a, question)
    gone = capture(live_meeting, agency_a, question)
    third = capture(live_meeting, agency_a, question)
    services.point_delete(point=gone)
    services.point_move(point=third, up=True)
    live = list(DiscussionPoint.objects.live().order_by("order", "pk").values_list("pk", flat=True))
    assert live == [third.pk, first.pk]


def test_delete_keeps_the_point_and_restore_brings_it_back(live_meeting, agency_a, question):
    point = capture(live_meeting, agency_a, question)
    services.point_delete(point=point)
    assert not DiscussionPoint.objects.live().exists()
    assert DiscussionPoint.objects.deleted().get() == point
    services.point_restore(point=point)
    assert DiscussionPoint.objects.live().get() == point


def test_points_cannot_be_deleted_after_the_notes_are_closed(live_meeting, agency_a, question):
    point = capture(live_meeting, agency_a, question)
    live_meeting.status = MeetingStatus.NOTES_CLOSED
    live_meeting.save()
    with pytest.raises(ValidationError):
        services.point_delete(point=point)
    assert DiscussionPoint.objects.live().exists()


# --- pre-meeting input ---


def test_premeeting_answers_become_points_marked_as_sent_before(meeting, agency_a, officer_a):
    questions = LeadQuestionFactory.create_batch(2, meeting=meeting)
    changed = services.premeeting_submit(
        meeting=meeting, agency=agency_a, answers={questions[0]: "แบ่งตามชนิดพืช", questions[1]: ""}, by=officer_a
    )
    point = DiscussionPoint.objects.get()
    assert changed == 1
    assert (point.lead_question, point.agency, point.source, point.created_by) == (
        questions[0], agency_a, PointSource.PRE_MEETING, officer_a
    )  # fmt: skip


def test_premeeting_resubmission_edits_and_withdraws(meeting, agency_a, officer_a):
    first, second = LeadQuestionFactory.create_batch(2, meeting=meeting)
    services.premeeting_submit(meeting=meeting, agency=agency_a, answers={first: "เดิม", second: "ถอน"}, by=officer_a)
    services.premeeting_submit(meeting=meeting, agency=agency_a, answers={first: "ใหม่", second: ""}, by=officer_a)
    assert list(DiscussionPoint.objects.live().values_list("lead_question", "text")) == [(first.pk, "ใหม่")]
    assert DiscussionPoint.objects.deleted().get().lead_question == second


def test_premeeting_input_is_closed_once_the_meeting_starts(meeting, agency_a, officer_a):
    question = LeadQuestionFactory(meeting=meeting)
    start_meeting(meeting)
    with pytest.raises(ValidationError) as refused:
        services.premeeting_submit(meeting=meeting, agency=agency_a, answers={question: "สาย"}, by=officer_a)
    assert refused.value.code == "premeeting_closed"
    assert not DiscussionPoint.objects.exists()
