"""The world every route is requested in: two agencies of one province, one person per
role, and the records of agency A in every state a route needs (a planned meeting, one
in session, one whose notes are closed, one in review, one approved, a stakeholder tree).

The registry names personas by these attribute names; `officer_a` is the officer whose
agency owns the records, `officer_b` an officer of another agency of the same province.
"""

import datetime
from types import SimpleNamespace

from django.core.files.uploadedfile import SimpleUploadedFile

from pmqa_portal.models import Category, Province
from pmqa_portal.roles import Role
from tests.factories import AgencyFactory, UserFactory

PERSONAS = ("visitor", "observer", "officer_b", "officer_a", "facilitator", "note_taker", "administrator", "outsider")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_upload(name: str = "สไลด์หมวด3.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def build_world() -> SimpleNamespace:
    world = SimpleNamespace()
    world.agency_a = AgencyFactory(name_th="สำนักงานเกษตรจังหวัดทดสอบ", name_en="Test Agriculture Office")
    world.agency_b = AgencyFactory(name_th="สำนักงานปศุสัตว์จังหวัดทดสอบ", name_en="Test Livestock Office")
    world.province = Province.objects.get(code="TH-62")
    world.visitor = None
    world.officer_a = UserFactory(username="officer_a", agency=world.agency_a, role=Role.AGENCY_OFFICER)
    world.officer_b = UserFactory(username="officer_b", agency=world.agency_b, role=Role.AGENCY_OFFICER)
    world.observer = UserFactory(username="observer", role=Role.OBSERVER)
    world.facilitator = UserFactory(username="facilitator", role=Role.FACILITATOR)
    world.note_taker = UserFactory(username="notetaker", role=Role.NOTE_TAKER)
    world.administrator = UserFactory(username="administrator", role=Role.ADMINISTRATOR, is_staff=True,
                                      is_superuser=True)  # fmt: skip
    world.outsider = UserFactory(username="outsider", agency=None)
    world.category_3 = Category.objects.select_related("edition").get(edition__code="pmqa-4-0", code="3")
    build_meetings(world)
    build_stakeholders(world)
    return world


# --- meetings ---


def build_meetings(world) -> None:
    from meetings.models import AgendaTemplate, Attendance, MeetingStatus, MemberRole, PointKind, PointSource
    from meetings.services import actions, attachments, points, summaries
    from tests.factories import (
        AgendaItemFactory,
        DiscussionPointFactory,
        LeadQuestionFactory,
        WorkingGroupFactory,
        WorkingGroupMemberFactory,
        meeting_with_people,
    )

    group = world.working_group = WorkingGroupFactory(province=world.province, name="คณะทำงาน PMQA จังหวัดทดสอบ")
    group.member_agencies.add(world.agency_a)
    WorkingGroupMemberFactory(working_group=group, user=world.facilitator, role=MemberRole.FACILITATOR)
    world.group_member = WorkingGroupMemberFactory(working_group=group, user=world.officer_a, role=MemberRole.MEMBER)
    world.agenda_template = AgendaTemplate.objects.order_by("-is_default", "pk").first()

    def meeting(status, **fields):
        held = meeting_with_people(working_group=group, facilitator=world.facilitator, note_taker=world.note_taker,
                                   agencies=[world.agency_a], **fields)  # fmt: skip
        if status != MeetingStatus.PLANNED:
            type(held).objects.filter(pk=held.pk).update(status=status)
            held.refresh_from_db()
        return held

    # Planned: agenda, attendance, questions, attachments, pre-meeting input.
    planned = world.planned = meeting(MeetingStatus.PLANNED, date=datetime.date(2007, 9, 14))
    world.agenda_item = AgendaItemFactory(meeting=planned, order=1)
    AgendaItemFactory(meeting=planned, order=2)
    world.question = LeadQuestionFactory(meeting=planned, order=1, criteria_item=world.category_3.items.first())
    world.spare_question = LeadQuestionFactory(meeting=planned, order=2)
    world.attendance = Attendance.objects.get(meeting=planned, agency=world.agency_a)
    world.attachment = attachments.attachment_upload(meeting=planned, by=world.facilitator, file=pdf_upload())
    points.premeeting_submit(meeting=planned, agency=world.agency_a, answers={world.question: "คำตอบล่วงหน้า"},
                             by=world.officer_a)  # fmt: skip
    world.spare = meeting(MeetingStatus.PLANNED, date=datetime.date(2007, 10, 5))  # nothing in it: may be deleted

    # In session: live capture.
    live = world.live = meeting(MeetingStatus.IN_SESSION)
    world.live_question = LeadQuestionFactory(meeting=live, order=1)
    world.point = DiscussionPointFactory(meeting=live, lead_question=world.live_question, agency=world.agency_a,
                                         order=1, source=PointSource.LIVE)  # fmt: skip
    DiscussionPointFactory(meeting=live, lead_question=world.live_question, agency=world.agency_a, order=2)
    world.deleted_point = DiscussionPointFactory(meeting=live, lead_question=world.live_question,
                                                 agency=world.agency_a, order=3)  # fmt: skip
    points.point_delete(point=world.deleted_point)

    # Notes closed: the summary is drafted, edited, sent for review; action items; AAR; minutes.
    closed = world.closed = meeting(MeetingStatus.NOTES_CLOSED, date=datetime.date(2007, 8, 1))
    closed_question = LeadQuestionFactory(meeting=closed, order=1)
    for order, kind in enumerate((PointKind.CURRENT_PRACTICE, PointKind.ACTION_ITEM), start=1):
        DiscussionPointFactory(meeting=closed, lead_question=closed_question, agency=world.agency_a, kind=kind,
                               order=order)  # fmt: skip
    AgendaItemFactory(meeting=closed, order=1)
    world.closed_revision = _save_summary(summaries, closed, world.facilitator)
    world.action_item = actions.action_item_create(meeting=closed, by=world.facilitator, title="ทบทวนทะเบียนเกษตรกร",
                                                   agency=world.agency_a)  # fmt: skip

    # In review: officers comment, the facilitator decides and approves.
    review = world.in_review = meeting(MeetingStatus.NOTES_CLOSED, date=datetime.date(2007, 7, 1))
    DiscussionPointFactory(meeting=review, lead_question=None, agency=world.agency_a)
    revision = _save_summary(summaries, review, world.facilitator)
    summaries.summary_send_for_review(summary=revision.summary, revision_number=revision.number, by=world.facilitator)
    world.review_revision = revision
    world.comment = summaries.review_comment_add(summary=revision.summary, by=world.officer_a, kind="comment",
                                                 text="ขอเพิ่มช่องทางรับฟังทางไลน์")  # fmt: skip

    # Approved: a new revision may be started.
    approved = world.approved = meeting(MeetingStatus.NOTES_CLOSED, date=datetime.date(2007, 6, 1))
    revision = _save_summary(summaries, approved, world.facilitator)
    summaries.summary_send_for_review(summary=revision.summary, revision_number=revision.number, by=world.facilitator)
    summaries.summary_approve(summary=revision.summary, revision_number=revision.number, by=world.facilitator)


def _save_summary(summaries, meeting, by):
    summary = summaries.summary_get_or_create(meeting=meeting)
    return summaries.summary_save(summary=summary, text="## สรุป\n\n- เกษตรกร", conclusions="- กลุ่มผู้รับบริการ 2 กลุ่ม",
                                  base_number=summary.current_number, by=by)  # fmt: skip


# --- stakeholders ---


def build_stakeholders(world) -> None:
    from stakeholders import services
    from tests.factories import ListeningChannelFactory, NeedFactory, StakeholderGroupFactory, stakeholder_subgroup

    world.fiscal_year = 2550
    group = world.stakeholder_group = StakeholderGroupFactory(agency=world.agency_a, name="เกษตรกร", order=1)
    world.sibling_group = StakeholderGroupFactory(agency=world.agency_a, name="วิสาหกิจชุมชน", order=2)
    world.subgroup = stakeholder_subgroup(group, name="ด้านพืช")
    world.inactive_group = StakeholderGroupFactory(agency=world.agency_a, name="กลุ่มที่เลิกแล้ว", order=3)
    services.group_deactivate(group=world.inactive_group, by=world.officer_a)
    world.need = NeedFactory(group=group)
    world.channel = ListeningChannelFactory(group=group)
