"""Demo data: the Kamphaeng Phet working group and its Category 3 meeting of 31 August 2550.

Idempotent: every row is found by its natural key and brought up to date.
The summary, minutes and action items of the seed meeting come from `meetings.demo_summary`.
"""

import datetime

from meetings.demo_agreements import demo_load_agreements  # meeting → stakeholder groups
from meetings.demo_summary import demo_load_summary
from meetings.models import (
    AgendaItem,
    AgendaTemplate,
    Attendance,
    AttendanceStatus,
    DiscussionPoint,
    LeadQuestion,
    Meeting,
    MeetingRole,
    MeetingStatus,
    MemberRole,
    PointKind,
    WorkingGroup,
    WorkingGroupMember,
)
from pmqa_portal.demo import KAMPHAENG_PHET, demo_agencies
from pmqa_portal.models import CriteriaItem, Province, User

GROUP_NAME = "คณะทำงานพัฒนาคุณภาพการบริหารจัดการภาครัฐ (PMQA) จังหวัดกำแพงเพชร"
VENUE = "ห้องประชุมศาลากลางจังหวัดกำแพงเพชร"
SEED_TITLE = "การประชุมคณะทำงาน PMQA จังหวัดกำแพงเพชร หมวด 3 การให้ความสำคัญกับผู้รับบริการและผู้มีส่วนได้ส่วนเสีย"
SEED_DATE = datetime.date(2007, 8, 31)
NEXT_DATE = datetime.date(2007, 9, 28)

PROVINCIAL_KEYS = [
    "kpp-agri", "kpp-livestock", "kpp-fisheries", "kpp-coop", "kpp-cdd", "kpp-health", "kpp-social", "kpp-labour",
]  # fmt: skip

# (username or None, name for people without an account, agency key, position, role)
PEOPLE = [
    ("facilitator", "", "kpp-office", "", MemberRole.FACILITATOR),
    ("observer", "", "opdc", "", MemberRole.ADVISOR),
    ("notetaker", "", "kpp-office", "", MemberRole.NOTE_TAKER),
    ("officer", "", "kpp-agri", "", MemberRole.MEMBER),
    ("officer2", "", "kpp-livestock", "", MemberRole.MEMBER),
    (None, "นายสมปอง ปลาดี", "kpp-fisheries", "นักวิชาการประมง ชำนาญการ", MemberRole.MEMBER),
    (None, "นางสาวกาญจนา สหกรณ์ดี", "kpp-coop", "นักวิชาการสหกรณ์ ชำนาญการ", MemberRole.MEMBER),
    (None, "นางมาลี พัฒนาชุมชน", "kpp-cdd", "นักวิชาการพัฒนาชุมชน ชำนาญการ", MemberRole.MEMBER),
    (None, "นายแพทย์สุรชัย รักษาดี", "kpp-health", "นายแพทย์ ชำนาญการพิเศษ", MemberRole.MEMBER),
    (None, "นางสุดา เอื้ออาทร", "kpp-social", "นักพัฒนาสังคม ชำนาญการ", MemberRole.MEMBER),
    (None, "นายวีระ แรงงานดี", "kpp-labour", "นักวิชาการแรงงาน ชำนาญการ", MemberRole.MEMBER),
]  # fmt: skip

SEED_QUESTION = (
    "หน่วยงานของท่านกำหนดกลุ่มผู้รับบริการและผู้มีส่วนได้ส่วนเสียอย่างไร ตามพันธกิจของหน่วยงาน "
    "และแบ่งกลุ่มอย่างไรเพื่อให้ตอบสนองความต้องการได้ครบทุกกลุ่ม"
)
NEXT_QUESTION = "หน่วยงานของท่านรับฟังและเรียนรู้ความต้องการของผู้รับบริการแต่ละกลุ่มด้วยวิธีใด"

AGREED_GROUPS = [
    "กลุ่มผู้รับบริการที่ตกลงร่วมกัน (1) เกษตรกร: ด้านพืช ด้านปศุสัตว์ ด้านประมง",
    "กลุ่มผู้รับบริการที่ตกลงร่วมกัน (2) วิสาหกิจชุมชน: ด้านการผลิต ด้านการบริการ",
]

# (agency key, kind, text); the agreed groups are added for each of the three MOAC offices.
POINTS = [
    ("kpp-agri", PointKind.CURRENT_PRACTICE,
     "ให้บริการเกษตรกรผู้ปลูกพืชผ่านศูนย์บริการและถ่ายทอดเทคโนโลยีการเกษตรประจำตำบล แบ่งกลุ่มตามชนิดพืชหลัก "
     "(ข้าว อ้อย มันสำปะหลัง)"),
    ("kpp-agri", PointKind.PROBLEM,
     "ยังไม่ได้แยกผู้รับบริการกับผู้มีส่วนได้ส่วนเสียอย่างเป็นระบบ และข้อมูลเกษตรกรกระจายอยู่หลายทะเบียน"),
    ("kpp-livestock", PointKind.CURRENT_PRACTICE,
     "ผู้รับบริการหลักคือเกษตรกรผู้เลี้ยงสัตว์ แบ่งตามชนิดสัตว์ ได้แก่ โค กระบือ สุกร และสัตว์ปีก"),
    ("kpp-livestock", PointKind.PROBLEM,
     "ผู้เลี้ยงสัตว์รายย่อยจำนวนมากยังไม่ได้ขึ้นทะเบียน จึงสำรวจความต้องการได้ไม่ครบทุกกลุ่ม"),
    ("kpp-fisheries", PointKind.CURRENT_PRACTICE,
     "ให้บริการเกษตรกรผู้เพาะเลี้ยงสัตว์น้ำและชาวประมงน้ำจืดในลุ่มน้ำปิง"),
    ("kpp-fisheries", PointKind.SUGGESTION,
     "สามหน่วยงานของกระทรวงเกษตรและสหกรณ์ควรใช้การแบ่งกลุ่มผู้รับบริการแบบเดียวกัน "
     "เพื่อสำรวจความต้องการร่วมกันได้"),
]  # fmt: skip
MOAC_OFFICES = ["kpp-agri", "kpp-livestock", "kpp-fisheries"]
OBSERVATION = "ข้อสังเกต: ทำอย่างไรให้ผู้บริหารด้านการจัดการความรู้ (CKO) ของแต่ละหน่วยงาน ให้ความสำคัญกับการตอบคำถามตามเกณฑ์ PMQA มากขึ้น"


def seed_meeting() -> Meeting:
    """The 31 August 2550 meeting (ครั้งที่ 1/2550); `demo_load()` must have run."""
    return Meeting.objects.get(working_group__name=GROUP_NAME, be_year=2550, number=1)


def _group(agencies, users) -> WorkingGroup:
    group, _ = WorkingGroup.objects.update_or_create(
        province=Province.objects.get(code=KAMPHAENG_PHET),
        name=GROUP_NAME,
        defaults={"description": "คณะทำงานขับเคลื่อนการพัฒนาคุณภาพการบริหารจัดการภาครัฐของส่วนราชการระดับจังหวัด"},
    )
    group.member_agencies.set([agencies["kpp-office"], *(agencies[key] for key in PROVINCIAL_KEYS)])
    for order, (username, name, agency_key, position, role) in enumerate(PEOPLE, start=1):
        user = users.get(username)
        key = {"user": user} if user else {"user": None, "name": name}
        WorkingGroupMember.objects.update_or_create(
            working_group=group,
            **key,
            defaults={
                "agency": agencies[agency_key],
                "position": position or (user.position_title if user else ""),
                "role": role,
                "order": order,
            },
        )
    return group


def _meeting(group, *, number, date, status, title, objectives, items, agencies, users) -> Meeting:
    meeting, _ = Meeting.objects.update_or_create(
        working_group=group,
        be_year=2550,
        number=number,
        defaults={
            "title": title,
            "date": date,
            "start_time": datetime.time(13, 30),
            "end_time": datetime.time(16, 30),
            "venue": VENUE,
            "category": items[0].category,
            "objectives": objectives,
            "status": status,
            "created_by": users["facilitator"],
        },
    )
    meeting.criteria_items.set(items)
    if not meeting.agenda.exists():
        template = AgendaTemplate.objects.filter(is_default=True).first()
        items_of_template = template.items.all() if template else []
        AgendaItem.objects.bulk_create(
            AgendaItem(
                meeting=meeting, order=i.order, number=i.number, title=i.title, planned_minutes=i.planned_minutes
            )
            for i in items_of_template
        )
    for order, (username, name, agency_key, position, role) in enumerate(PEOPLE, start=1):
        user = users.get(username)
        key = {"user": user} if user else {"user": None, "name": name}
        defaults = {
            "agency": agencies[agency_key],
            "position": position or (user.position_title if user else ""),
            "role": MeetingRole(role),
            "attendance": AttendanceStatus.PRESENT,
            "order": order,
        }
        if user:
            defaults["name"] = user.get_full_name()
        Attendance.objects.update_or_create(meeting=meeting, **key, defaults=defaults)
    return meeting


def _question(meeting, text, item, by) -> LeadQuestion:
    question, _ = LeadQuestion.objects.update_or_create(
        meeting=meeting, text=text, defaults={"order": 1, "criteria_item": item, "created_by": by}
    )
    return question


def _point(meeting, question, agency, kind, text, order, by) -> None:
    DiscussionPoint.objects.update_or_create(
        meeting=meeting,
        agency=agency,
        text=text,
        defaults={"lead_question": question, "kind": kind, "order": order, "created_by": by, "deleted_at": None},
    )


def demo_load(stdout=None) -> None:
    agencies = demo_agencies()
    users = {user.username: user for user in User.objects.filter(username__in=[p[0] for p in PEOPLE if p[0]])}
    cs1 = CriteriaItem.objects.get(category__edition__code="fundamental", category__code="3", code="CS1")
    cs2 = CriteriaItem.objects.get(category__edition__code="fundamental", category__code="3", code="CS2")
    group = _group(agencies, users)

    seed = _meeting(
        group,
        number=1,
        date=SEED_DATE,
        status=MeetingStatus.NOTES_CLOSED,
        title=SEED_TITLE,
        objectives="แลกเปลี่ยนเรียนรู้ (ลปรร.) การกำหนดกลุ่มผู้รับบริการและผู้มีส่วนได้ส่วนเสียตามพันธกิจของแต่ละหน่วยงาน "
        "และหาข้อสรุปร่วมกันของหน่วยงานในสังกัดกระทรวงเกษตรและสหกรณ์",
        items=[cs1],
        agencies=agencies,
        users=users,
    )
    question = _question(seed, SEED_QUESTION, cs1, users["facilitator"])
    note_taker = users["notetaker"]
    order = 0
    for agency_key, kind, text in POINTS:
        order += 1
        _point(seed, question, agencies[agency_key], kind, text, order, note_taker)
    for agency_key in MOAC_OFFICES:
        for text in AGREED_GROUPS:
            order += 1
            _point(seed, question, agencies[agency_key], PointKind.CONCLUSION, text, order, note_taker)
    _point(seed, None, agencies["opdc"], PointKind.SUGGESTION, OBSERVATION, order + 1, note_taker)

    following = _meeting(
        group,
        number=2,
        date=NEXT_DATE,
        status=MeetingStatus.PLANNED,
        title="การประชุมคณะทำงาน PMQA จังหวัดกำแพงเพชร หมวด 3 (ต่อ): ความต้องการและความพึงพอใจของผู้รับบริการ",
        objectives="ทบทวนกลุ่มผู้รับบริการที่ตกลงในครั้งที่ 1/2550 และแลกเปลี่ยนวิธีรับฟังความต้องการของแต่ละกลุ่ม",
        items=[cs1, cs2],
        agencies=agencies,
        users=users,
    )
    _question(following, NEXT_QUESTION, cs2, users["facilitator"])
    if stdout is not None:
        points = seed.points.live().count()
        stdout.write(f"meetings: 1 working group, 2 meetings, {points} discussion points in meeting 1/2550")
    demo_load_summary(seed, users, agencies)  # approved summary, minutes' details, AAR, action items
    demo_load_agreements(seed, users, agencies, stdout)  # meeting → stakeholder groups: the agreed groups linked
