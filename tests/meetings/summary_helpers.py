"""Helpers for the part-2 tests (summary, review, actions, minutes): plain functions, not fixtures."""

import datetime

from meetings.models import AgendaItem, Meeting, PointKind
from meetings.services import summaries as services
from tests.factories import DiscussionPointFactory, LeadQuestionFactory, meeting_with_people


def meeting_in(status: str, *, facilitator, note_taker=None, agencies=(), **fields) -> Meeting:
    """A meeting run by `facilitator` whose `agencies` attend, already moved to `status`."""
    meeting = meeting_with_people(facilitator=facilitator, note_taker=note_taker, agencies=agencies, **fields)
    Meeting.objects.filter(pk=meeting.pk).update(status=status)
    meeting.refresh_from_db()
    return meeting


def seed_points(meeting, agency_a, agency_b):
    """Two questions; the same statement from both agencies (spelt differently), a problem, a conclusion."""
    first = LeadQuestionFactory(meeting=meeting, order=1, text="หน่วยงานกำหนดกลุ่มผู้รับบริการอย่างไร")
    second = LeadQuestionFactory(meeting=meeting, order=2, text="ช่องทางรับฟังเสียงผู้รับบริการมีอะไรบ้าง")
    point = DiscussionPointFactory
    point(
        meeting=meeting,
        lead_question=first,
        agency=agency_a,
        kind=PointKind.CURRENT_PRACTICE,
        text="แบ่งกลุ่มตามประเภทเกษตรกร PMQA หมวด 3",
        order=1,
    )
    point(
        meeting=meeting,
        lead_question=first,
        agency=agency_b,
        kind=PointKind.CURRENT_PRACTICE,
        text="  แบ่งกลุ่ม ตามประเภทเกษตรกร  pmqa หมวด๓. ",
        order=2,
    )
    point(
        meeting=meeting,
        lead_question=first,
        agency=agency_b,
        kind=PointKind.PROBLEM,
        text="ข้อมูลทะเบียนไม่เป็นปัจจุบัน",
        order=3,
    )
    point(
        meeting=meeting,
        lead_question=second,
        agency=agency_a,
        kind=PointKind.SUGGESTION,
        text="ใช้แบบสอบถามออนไลน์",
        order=4,
    )
    point(
        meeting=meeting,
        lead_question=first,
        agency=agency_a,
        kind=PointKind.CONCLUSION,
        text="กลุ่มผู้รับบริการ 2 กลุ่ม: เกษตรกร และวิสาหกิจชุมชน",
        order=5,
    )
    point(
        meeting=meeting,
        lead_question=first,
        agency=agency_b,
        kind=PointKind.ACTION_ITEM,
        text="ทบทวนทะเบียนเกษตรกรให้เป็นปัจจุบัน",
        order=6,
    )
    return first, second


def save_text(meeting, by, text="## สรุป\n\n- ข้อความสรุป", conclusions="- ข้อสรุปร่วม"):
    summary = services.summary_get_or_create(meeting=meeting)
    return services.summary_save(
        summary=summary, text=text, conclusions=conclusions, base_number=summary.current_number, by=by
    )


def discussion_agenda(meeting):
    AgendaItem.objects.create(meeting=meeting, order=1, number="1", title="เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ")
    return AgendaItem.objects.create(meeting=meeting, order=4, number="4", title="เรื่องเพื่อพิจารณา")


DAY_AFTER = datetime.date(2007, 9, 1)
DAY_BEFORE = datetime.date(2007, 8, 30)
