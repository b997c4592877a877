"""Factories for the tests: agencies, users with a role, and the PMQA framework."""

import factory
from django.contrib.auth.models import Group

from pmqa_portal.models import Agency, AgencyKind, Category, CriteriaItem, Edition, Province, User
from pmqa_portal.roles import Role

TEST_PASSWORD = "test-pass-123!"


def kamphaeng_phet() -> Province:
    return Province.objects.get(code="TH-62")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name_th = factory.Sequence(lambda n: f"สำนักงานทดสอบ {n} จังหวัดกำแพงเพชร")
    name_en = factory.Sequence(lambda n: f"Test office {n}")
    short_name = factory.Sequence(lambda n: f"ทส.{n}")
    kind = AgencyKind.PROVINCIAL_OFFICE
    province = factory.LazyFunction(kamphaeng_phet)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name_th = factory.Sequence(lambda n: f"นายทดสอบ ผู้ใช้{n}")
    position_title = "นักวิเคราะห์นโยบายและแผน"
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.go.th")
    agency = factory.SubFactory(AgencyFactory)
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if extracted:
            self.groups.add(Group.objects.get(name=extracted))
        if create:
            self.save()


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition

    code = factory.Sequence(lambda n: f"edition-{n}")
    name_th = factory.Sequence(lambda n: f"เกณฑ์ทดสอบ {n}")
    name_en = factory.Sequence(lambda n: f"Test edition {n}")


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    edition = factory.SubFactory(EditionFactory)
    code = "3"
    name_th = "การให้ความสำคัญกับผู้รับบริการและผู้มีส่วนได้ส่วนเสีย"
    name_en = "Customer and Stakeholder Focus"


class CriteriaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CriteriaItem

    category = factory.SubFactory(CategoryFactory)
    code = factory.Sequence(lambda n: f"T{n}")
    title_th = "หัวข้อทดสอบ"
    text_th = "ข้อความเกณฑ์ทดสอบ"


__all__ = ["Role"]


# --- meetings ---
import datetime  # noqa: E402

from meetings.models import (  # noqa: E402
    AgendaItem,
    Attendance,
    DiscussionPoint,
    LeadQuestion,
    Meeting,
    MeetingRole,
    MemberRole,
    WorkingGroup,
    WorkingGroupMember,
)


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroup

    province = factory.LazyFunction(kamphaeng_phet)
    name = factory.Sequence(lambda n: f"คณะทำงาน PMQA ทดสอบ {n}")


class WorkingGroupMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroupMember

    working_group = factory.SubFactory(WorkingGroupFactory)
    user = factory.SubFactory(UserFactory)
    agency = factory.LazyAttribute(lambda member: member.user.agency if member.user else None)
    role = MemberRole.MEMBER


class MeetingFactory(factory.django.DjangoModelFactory):
    """A planned meeting on 31/08/2550, 13.30–16.30, numbered 1, 2, 3 … within 2550."""

    class Meta:
        model = Meeting

    working_group = factory.SubFactory(WorkingGroupFactory)
    title = factory.Sequence(lambda n: f"ประชุมคณะทำงาน ครั้งทดสอบ {n}")
    number = factory.Sequence(lambda n: n + 1)
    be_year = 2550
    date = datetime.date(2007, 8, 31)
    start_time = datetime.time(13, 30)
    end_time = datetime.time(16, 30)
    venue = "ห้องประชุมศาลากลางจังหวัดกำแพงเพชร"


class AttendanceFactory(factory.django.DjangoModelFactory):
    """An attendance; pass `user=` for someone with an account (name and agency follow it)."""

    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    user = None
    name = factory.LazyAttributeSequence(lambda a, n: a.user.get_full_name() if a.user else f"ผู้เข้าประชุม {n}")
    agency = factory.LazyAttribute(lambda a: a.user.agency if a.user else AgencyFactory())
    role = MeetingRole.MEMBER


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    order = factory.Sequence(lambda n: n + 1)
    number = factory.LazyAttribute(lambda item: str(item.order))
    title = factory.Sequence(lambda n: f"ระเบียบวาระทดสอบ {n}")


class LeadQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LeadQuestion

    meeting = factory.SubFactory(MeetingFactory)
    order = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"หน่วยงานกำหนดกลุ่มผู้รับบริการอย่างไร ({n})")


class DiscussionPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DiscussionPoint

    meeting = factory.SubFactory(MeetingFactory)
    lead_question = factory.SubFactory(LeadQuestionFactory, meeting=factory.SelfAttribute("..meeting"))
    agency = factory.SubFactory(AgencyFactory)
    text = factory.Sequence(lambda n: f"ประเด็นที่หน่วยงานเล่า {n}")
    order = factory.Sequence(lambda n: n)


def meeting_with_people(*, facilitator=None, note_taker=None, agencies=(), **meeting_fields) -> Meeting:
    """A meeting whose facilitator and note-taker attend in those roles and whose agencies attend as members."""
    meeting = MeetingFactory(**meeting_fields)
    if facilitator is not None:
        AttendanceFactory(meeting=meeting, user=facilitator, role=MeetingRole.FACILITATOR)
    if note_taker is not None:
        AttendanceFactory(meeting=meeting, user=note_taker, role=MeetingRole.NOTE_TAKER)
    for agency in agencies:
        AttendanceFactory(meeting=meeting, agency=agency, role=MeetingRole.MEMBER)
    return meeting


# --- stakeholders ---
from stakeholders.models import GroupKind, ListeningChannel, Need, StakeholderGroup  # noqa: E402


class StakeholderGroupFactory(factory.django.DjangoModelFactory):
    """A top-level group of fiscal year 2550; pass parent=... for a subgroup (same agency and year)."""

    class Meta:
        model = StakeholderGroup

    agency = factory.SubFactory(AgencyFactory)
    fiscal_year = 2550
    kind = GroupKind.SERVICE_RECIPIENT
    name = factory.Sequence(lambda n: f"กลุ่มทดสอบ {n}")
    order = factory.Sequence(lambda n: n)


def stakeholder_subgroup(parent: StakeholderGroup, **fields) -> StakeholderGroup:
    return StakeholderGroupFactory(agency=parent.agency, fiscal_year=parent.fiscal_year, parent=parent, **fields)


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need

    group = factory.SubFactory(StakeholderGroupFactory)
    description = factory.Sequence(lambda n: f"ความต้องการ {n}")


class ListeningChannelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ListeningChannel

    group = factory.SubFactory(StakeholderGroupFactory)
    kind = "meeting"
    description = factory.Sequence(lambda n: f"ช่องทาง {n}")


# --- meetings: live capture (M2) ---
from meetings.models import MeetingStatus, PointSource  # noqa: E402


def busy_meeting(meeting: Meeting, *, points: int = 500, attendees: int = 40, questions: int = 5) -> Meeting:
    """Fill a meeting like a long session: attendees from as many agencies, lead questions and points
    spread over them (pre-meeting input among them), created in bulk so that tests stay fast."""
    agencies = AgencyFactory.create_batch(attendees)
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, name=f"ผู้เข้าประชุม {n}", agency=agency, role=MeetingRole.MEMBER, order=n)
        for n, agency in enumerate(agencies)
    )
    lead_questions = LeadQuestionFactory.create_batch(questions, meeting=meeting)
    DiscussionPoint.objects.bulk_create(
        DiscussionPoint(
            meeting=meeting,
            lead_question=lead_questions[n % questions] if n % 10 else None,
            agency=agencies[n % attendees],
            text=f"ประเด็นที่ {n}",
            order=n,
            source=PointSource.PRE_MEETING if n % 7 == 0 else PointSource.LIVE,
        )
        for n in range(points)
    )
    return meeting


def start_meeting(meeting: Meeting) -> Meeting:
    meeting.status = MeetingStatus.IN_SESSION
    meeting.save(update_fields=["status"])
    return meeting
