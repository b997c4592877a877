"""Drafting the consolidated summary from the points (service)."""

import pytest
from django.core.exceptions import ValidationError

from meetings.models import MeetingStatus, RevisionOrigin
from meetings.services import summaries as services
from tests.meetings.summary_helpers import meeting_in, seed_points

pytestmark = pytest.mark.django_db


def test_identical_statements_from_two_agencies_merge_into_one_with_both_agencies(facilitator, agency_a, agency_b):
    meeting = meeting_in(MeetingStatus.NOTES_CLOSED, facilitator=facilitator, agencies=[agency_a, agency_b])
    seed_points(meeting, agency_a, agency_b)

    text, conclusions = services.summary_draft_markdown(meeting=meeting)

    assert text.count("แบ่งกลุ่มตามประเภทเกษตรกร") == 1
    assert f"แบ่งกลุ่มตามประเภทเกษตรกร PMQA หมวด 3 ({agency_a.short_name}, {agency_b.short_name})" in text
    assert f"ข้อมูลทะเบียนไม่เป็นปัจจุบัน ({agency_b.short_name})" in text
    assert f"กลุ่มผู้รับบริการ 2 กลุ่ม: เกษตรกร และวิสาหกิจชุมชน ({agency_a.short_name})" in conclusions


def test_draft_is_grouped_by_lead_question_then_by_kind(facilitator, agency_a, agency_b):
    meeting = meeting_in(MeetingStatus.NOTES_CLOSED, facilitator=facilitator, agencies=[agency_a, agency_b])
    seed_points(meeting, agency_a, agency_b)

    text, _conclusions = services.summary_draft_markdown(meeting=meeting)

    first_question = text.index("หน่วยงานกำหนดกลุ่มผู้รับบริการอย่างไร")
    practice = text.index("แบ่งกลุ่มตามประเภทเกษตรกร")
    problem = text.index("ข้อมูลทะเบียนไม่เป็นปัจจุบัน")
    action = text.index("ทบทวนทะเบียนเกษตรกร")
    second_question = text.index("ช่องทางรับฟังเสียงผู้รับบริการมีอะไรบ้าง")
    suggestion = text.index("ใช้แบบสอบถามออนไลน์")
    assert first_question < practice < problem < action < second_question < suggestion
    assert text.count("\n## ") + text.startswith("## ") == 2


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("PMQA หมวด 3", "PMQAหมวด3"),
        ("ทำงาน ร่วมกัน.", "ทำงานร่วมกัน"),
        ("Customer   Focus!", "customer focus"),
        ("หมวด ๓", "หมวด 3"),
        ("ทํางาน", "ทำงาน"),  # nikhahit + sara aa, and sara am
    ],
)
def test_statements_normalise_alike(one, other):
    assert services.normalise_statement(one) == services.normalise_statement(other)


def test_different_statements_stay_apart():
    assert services.normalise_statement("เกษตรกร") != services.normalise_statement("เกษตรกรรม")


def test_deleted_points_are_left_out(facilitator, agency_a, agency_b):
    from django.utils import timezone

    meeting = meeting_in(MeetingStatus.NOTES_CLOSED, facilitator=facilitator, agencies=[agency_a])
    seed_points(meeting, agency_a, agency_b)
    meeting.points.filter(text="ใช้แบบสอบถามออนไลน์").update(deleted_at=timezone.now())

    text, _ = services.summary_draft_markdown(meeting=meeting)

    assert "ใช้แบบสอบถามออนไลน์" not in text
    assert "ช่องทางรับฟังเสียง" not in text  # a question left with no points gets no heading


def test_drafting_saves_a_revision_marked_drafted(facilitator, agency_a, agency_b):
    meeting = meeting_in(MeetingStatus.NOTES_CLOSED, facilitator=facilitator, agencies=[agency_a])
    seed_points(meeting, agency_a, agency_b)

    revision = services.summary_draft(meeting=meeting, by=facilitator)

    assert (revision.number, revision.origin, revision.author) == (1, RevisionOrigin.DRAFTED, facilitator)
    assert "แบ่งกลุ่มตามประเภทเกษตรกร" in revision.text


def test_drafting_before_the_notes_are_closed_is_refused(facilitator, agency_a, agency_b):
    meeting = meeting_in(MeetingStatus.IN_SESSION, facilitator=facilitator, agencies=[agency_a])
    seed_points(meeting, agency_a, agency_b)

    with pytest.raises(ValidationError) as refused:
        services.summary_draft(meeting=meeting, by=facilitator)
    assert refused.value.code == "not_yet"


def test_markdown_in_a_point_is_escaped_and_html_never_passes(facilitator, agency_a):
    from tests.factories import DiscussionPointFactory

    meeting = meeting_in(MeetingStatus.NOTES_CLOSED, facilitator=facilitator, agencies=[agency_a])
    DiscussionPointFactory(meeting=meeting, agency=agency_a, text="**ตัวหนา** <script>alert(1)</script> 1. ข้อ")

    text, _ = services.summary_draft_markdown(meeting=meeting)
    html = services.render_summary_text(text)

    assert "<script" not in html
    assert "<strong>" not in html
    assert "**ตัวหนา**" in html
