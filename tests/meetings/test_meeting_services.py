"""Creating, numbering, editing, moving and duplicating meetings (meetings/services/meetings.py)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from meetings.models import AttendanceStatus, Meeting, MeetingRole, MeetingStatus, MemberRole
from meetings.services import meetings as services
from tests.factories import (
    AttendanceFactory,
    DiscussionPointFactory,
    LeadQuestionFactory,
    MeetingFactory,
    WorkingGroupMemberFactory,
)

AUG_31_2550 = datetime.date(2007, 8, 31)


def create(group, by, **overrides):
    fields = {
        "working_group": group,
        "title": "ประชุมคณะทำงาน",
        "date": AUG_31_2550,
        "start_time": datetime.time(13, 30),
        "end_time": datetime.time(16, 30),
        **overrides,
    }
    return services.meeting_create(by=by, **fields)


def test_meetings_are_numbered_within_their_buddhist_era_year(group, facilitator):
    first = create(group, facilitator)
    second = create(group, facilitator, date=datetime.date(2007, 9, 28))
    next_year = create(group, facilitator, date=datetime.date(2008, 1, 15))
    assert (first.number_label, second.number_label, next_year.number_label) == ("1/2550", "2/2550", "1/2551")


def test_a_typed_number_is_kept(group, facilitator):
    assert create(group, facilitator, number=3).number_label == "3/2550"


def test_a_number_already_used_is_refused(group, facilitator):
    create(group, facilitator, number=3)
    with pytest.raises(ValidationError):
        create(group, facilitator, number=3)


def test_a_new_meeting_gets_the_default_agenda_and_the_groups_members(group, facilitator, agency_a):
    WorkingGroupMemberFactory(working_group=group, user=None, name="นางสาวตัวอย่าง", agency=agency_a)
    meeting = create(group, facilitator)
    assert [item.number for item in meeting.agenda.all()] == ["1", "2", "3", "4", "5"]
    assert meeting.agenda.first().title == "เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ"
    roles = dict(meeting.attendances.values_list("name", "role"))
    assert roles[facilitator.get_full_name()] == MeetingRole.FACILITATOR
    assert roles["นางสาวตัวอย่าง"] == MeetingRole.MEMBER


def test_the_database_refuses_an_end_before_the_start(group):
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingFactory(working_group=group, start_time=datetime.time(16, 30), end_time=datetime.time(13, 30))


def test_end_before_start_is_a_validation_error(group, facilitator):
    with pytest.raises(ValidationError) as error:
        create(group, facilitator, end_time=datetime.time(9, 0))
    assert "meeting_ends_after_start" not in str(error.value)


def test_edit_with_the_current_version_saves_and_raises_the_version(meeting):
    updated = services.meeting_update(meeting=meeting, version=meeting.version, title="หัวข้อใหม่")
    assert updated.title == "หัวข้อใหม่"
    assert updated.version == 2


def test_edit_with_a_stale_version_is_refused_and_changes_nothing(meeting):
    services.meeting_update(meeting=meeting, version=1, title="ครั้งแรก")
    stale = Meeting.objects.get(pk=meeting.pk)
    with pytest.raises(services.StaleEdit):
        services.meeting_update(meeting=stale, version=1, title="ทับของคนอื่น")
    assert Meeting.objects.get(pk=meeting.pk).title == "ครั้งแรก"


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (MeetingStatus.PLANNED, MeetingStatus.IN_SESSION),
        (MeetingStatus.IN_SESSION, MeetingStatus.NOTES_CLOSED),
        (MeetingStatus.NOTES_CLOSED, MeetingStatus.IN_SESSION),
    ],
)
def test_status_moves_along_the_flow(meeting, start, target):
    Meeting.objects.filter(pk=meeting.pk).update(status=start)
    meeting.refresh_from_db()
    assert services.meeting_set_status(meeting=meeting, status=target).status == target


def test_a_planned_meeting_cannot_jump_to_notes_closed(meeting):
    with pytest.raises(ValidationError):
        services.meeting_set_status(meeting=meeting, status=MeetingStatus.NOTES_CLOSED)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED


def test_duplicate_copies_agenda_questions_and_attendees_but_not_points(meeting, facilitator):
    question = LeadQuestionFactory(meeting=meeting)
    DiscussionPointFactory(meeting=meeting, lead_question=question)
    AttendanceFactory(meeting=meeting, name="ผู้ไม่มา", attendance=AttendanceStatus.ABSENT, absence_reason="ติดราชการ")
    services.agenda_item_add(meeting=meeting, title="เรื่องเพื่อพิจารณา")
    copy = services.meeting_duplicate(
        meeting=meeting,
        by=facilitator,
        date=datetime.date(2007, 9, 28),
        start_time=datetime.time(9, 0),
        end_time=datetime.time(12, 0),
        venue="ห้องประชุม 2",
    )
    assert copy.number != meeting.number and copy.status == MeetingStatus.PLANNED
    assert list(copy.lead_questions.values_list("text", flat=True)) == [question.text]
    assert copy.lead_questions.get().copied_from == question
    assert copy.attendances.count() == meeting.attendances.count()
    assert not copy.attendances.filter(attendance=AttendanceStatus.ABSENT).exists()
    assert [item.title for item in copy.agenda.all()] == [item.title for item in meeting.agenda.all()]
    assert not copy.points.exists()


def test_a_meeting_with_points_cannot_be_deleted(meeting):
    DiscussionPointFactory(meeting=meeting)
    with pytest.raises(ValidationError):
        services.meeting_delete(meeting=meeting)
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_fill_from_group_adds_only_those_not_listed(meeting, group):
    WorkingGroupMemberFactory(working_group=group, role=MemberRole.ADVISOR)
    assert services.attendance_fill_from_group(meeting=meeting) == 1
    assert services.attendance_fill_from_group(meeting=meeting) == 0


def test_a_substitute_must_say_for_whom(meeting):
    with pytest.raises(ValidationError) as error:
        services.attendance_add(meeting=meeting, name="ผู้แทน", attendance=AttendanceStatus.SUBSTITUTE)
    assert "substitute_for" in error.value.error_dict


def test_a_substitute_for_a_listed_member(meeting):
    member = AttendanceFactory(meeting=meeting, name="ผู้อำนวยการ", attendance=AttendanceStatus.ABSENT)
    substitute = services.attendance_add(
        meeting=meeting, name="รองผู้อำนวยการ", attendance=AttendanceStatus.SUBSTITUTE, substitute_for=member
    )
    assert substitute.substitute_label == "ผู้อำนวยการ"


def test_attendance_of_a_user_takes_their_name_agency_and_position(meeting, officer_b):
    person = services.attendance_add(meeting=meeting, user=officer_b, name="")
    assert (person.name, person.agency, person.position) == (
        officer_b.get_full_name(),
        officer_b.agency,
        officer_b.position_title,
    )
