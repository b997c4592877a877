"""Demo data after the meeting: the 31 August 2550 meeting's approved summary, its minutes' details, an AAR and two
action items.

Called at the end of `meetings.demo.demo_load()` with the seed meeting. Idempotent: the summary is drafted,
reviewed and approved once; on later runs the approved revision is kept and only the meeting's status (which
the meeting's own demo resets to "notes closed") is moved back to "approved".
"""

import datetime

from django.db.models import F
from django.utils import timezone, translation

from meetings.models import (
    ActionItem,
    ActionStatus,
    AfterActionReview,
    AgendaItemMinute,
    Meeting,
    MeetingStatus,
)
from meetings.services import summaries as services

SUMMARY_INTRO = (
    "ที่ประชุมแลกเปลี่ยนเรียนรู้ (ลปรร.) การกำหนดกลุ่มผู้รับบริการและผู้มีส่วนได้ส่วนเสียตามพันธกิจของแต่ละหน่วยงาน "
    "โดยสำนักงานเกษตรจังหวัด สำนักงานปศุสัตว์จังหวัด และสำนักงานประมงจังหวัดกำแพงเพชร "
    "นำเสนอวิธีการที่ใช้อยู่ ปัญหาที่พบ และข้อเสนอแนะ ดังนี้"
)
CONCLUSIONS = (
    "ที่ประชุมเห็นชอบกลุ่มผู้รับบริการร่วมกันของสำนักงานเกษตรจังหวัด สำนักงานปศุสัตว์จังหวัด "
    "และสำนักงานประมงจังหวัดกำแพงเพชร 2 กลุ่ม ดังนี้\n\n"
    "1. เกษตรกร ได้แก่ ด้านพืช ด้านปศุสัตว์ และด้านประมง (กษจ.กพ., ปศจ.กพ., ประมงจ.กพ.)\n"
    "2. วิสาหกิจชุมชน ได้แก่ ด้านการผลิต และด้านการบริการ (กษจ.กพ., ปศจ.กพ., ประมงจ.กพ.)"
)
AGENDA_MINUTES = {
    "1": ("ประธานแจ้งวัตถุประสงค์ของการประชุม คือ แลกเปลี่ยนเรียนรู้การกำหนดกลุ่มผู้รับบริการและผู้มีส่วนได้ส่วนเสีย "
          "ตามเกณฑ์คุณภาพการบริหารจัดการภาครัฐ หมวด 3", "ที่ประชุมรับทราบ"),
    "2": ("เป็นการประชุมครั้งแรกของปี พ.ศ. 2550 จึงไม่มีรายงานการประชุมที่ต้องรับรอง", "ที่ประชุมรับทราบ"),
    "3": ("ไม่มี", "-"),
    "5": ("ที่ปรึกษาสำนักงาน ก.พ.ร. ตั้งข้อสังเกตว่า ควรหาวิธีให้ผู้บริหารด้านการจัดการความรู้ (CKO) "
          "ของแต่ละหน่วยงานให้ความสำคัญกับการตอบคำถามตามเกณฑ์ PMQA มากขึ้น",
          "มอบหมายคุณอำนวยประสานผู้บริหารของแต่ละหน่วยงานก่อนการประชุมครั้งถัดไป"),
}  # fmt: skip
AAR = {
    "expected": "ทุกหน่วยงานกำหนดกลุ่มผู้รับบริการและผู้มีส่วนได้ส่วนเสียของตนได้ และสามหน่วยงานของกระทรวงเกษตรฯ ได้กลุ่มผู้รับบริการร่วมกัน",
    "happened": "สามหน่วยงานของกระทรวงเกษตรฯ ตกลงกลุ่มผู้รับบริการร่วมกันได้ 2 กลุ่ม "
    "ส่วนหน่วยงานอื่นยังแยกผู้รับบริการกับผู้มีส่วนได้ส่วนเสียไม่ชัดเจน",
    "difference": "หลายหน่วยงานยังไม่มีข้อมูลผู้รับบริการที่เป็นปัจจุบัน และผู้แทนบางหน่วยงานไม่ได้เตรียมข้อมูลมาล่วงหน้า",
    "keep": "ใช้ประเด็นคำถามนำและบันทึกประเด็นให้ที่ประชุมเห็นพร้อมกัน ทำให้สรุปร่วมกันได้ในที่ประชุม",
    "change": "ส่งประเด็นคำถามนำให้หน่วยงานตอบล่วงหน้าผ่านพอร์ทัล และเชิญผู้บริหาร (CKO) ร่วมเปิดการประชุม",
}
# (title, agency key, user key for the responsible person, due date, status)
ACTIONS = [
    ("จัดทำทะเบียนกลุ่มผู้รับบริการร่วมของสามหน่วยงานตามกลุ่มที่ตกลง (เกษตรกร และวิสาหกิจชุมชน)",
     "kpp-agri", "officer", datetime.date(2007, 9, 21), ActionStatus.IN_PROGRESS),
    ("สำรวจและขึ้นทะเบียนผู้เลี้ยงสัตว์รายย่อย เพื่อให้สำรวจความต้องการได้ครบทุกกลุ่ม",
     "kpp-livestock", "officer2", datetime.date(2007, 9, 28), ActionStatus.OPEN),
]  # fmt: skip


def _approved_summary(meeting: Meeting, facilitator) -> None:
    summary = services.summary_get_or_create(meeting=meeting)
    if summary.approved_revision_id:
        if meeting.status != MeetingStatus.APPROVED:
            Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.APPROVED, version=F("version") + 1)
            meeting.status = MeetingStatus.APPROVED
        return
    if meeting.status != MeetingStatus.NOTES_CLOSED:
        Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.NOTES_CLOSED)
        meeting.status = MeetingStatus.NOTES_CLOSED
    with translation.override("th"):
        drafted, _conclusions = services.summary_draft_markdown(meeting=meeting)
    revision = services.summary_save(
        summary=summary,
        text=f"{SUMMARY_INTRO}\n\n{drafted}",
        conclusions=CONCLUSIONS,
        base_number=summary.current_number,
        by=facilitator,
    )
    services.summary_send_for_review(summary=summary, revision_number=revision.number, by=facilitator)
    services.summary_approve(summary=summary, revision_number=revision.number, by=facilitator)


def demo_load_summary(meeting: Meeting, users: dict, agencies: dict) -> None:
    facilitator = users["facilitator"]
    _approved_summary(meeting, facilitator)
    for agenda_item in meeting.agenda.all():
        if agenda_item.number in AGENDA_MINUTES:
            discussion, resolution = AGENDA_MINUTES[agenda_item.number]
            AgendaItemMinute.objects.update_or_create(
                agenda_item=agenda_item,
                defaults={"discussion": discussion, "resolution": resolution, "updated_by": facilitator},
            )
    AfterActionReview.objects.update_or_create(
        meeting=meeting, defaults={**AAR, "updated_by": facilitator, "updated_at": timezone.now()}
    )
    if not AfterActionReview.objects.filter(meeting=meeting, version__gt=0).exists():
        AfterActionReview.objects.filter(meeting=meeting).update(version=1)
    for title, agency_key, user_key, due_date, status in ACTIONS:
        user = users.get(user_key)
        ActionItem.objects.update_or_create(
            meeting=meeting,
            title=title,
            defaults={
                "agency": agencies[agency_key],
                "responsible_person": user.get_full_name() if user else "",
                "due_date": due_date,
                "status": status,
                "created_by": facilitator,
            },
        )
