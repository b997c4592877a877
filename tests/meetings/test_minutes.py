"""Official minutes (รายงานการประชุม): print view, .docx and PDF, in the form of the Regulation on
Correspondence B.E. 2526, with Thai text and Buddhist-era dates."""

import io
import re

import pytest
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from meetings.models import Attendance, AttendanceStatus, MeetingRole, MeetingStatus
from meetings.services import minutes as minutes_service
from meetings.services import summaries as services
from tests.factories import AttendanceFactory
from tests.meetings.summary_helpers import discussion_agenda, meeting_in, save_text

pytestmark = pytest.mark.django_db

HEADINGS = [
    "รายงานการประชุม",
    "ครั้งที่ 3/2550",
    "เมื่อวันที่ 31 สิงหาคม 2550",
    "ณ ห้องประชุมศาลากลางจังหวัดกำแพงเพชร",
    "ผู้มาประชุม",
    "ผู้ไม่มาประชุม",
    "ผู้เข้าร่วมประชุม",
    "เริ่มประชุมเวลา 13.30 น.",
    "ระเบียบวาระที่ 1",
    "มติ",
    "ระเบียบวาระที่ 4",
    "เลิกประชุมเวลา 16.30 น.",
    "ผู้จดรายงานการประชุม",
    "ผู้ตรวจรายงานการประชุม",
]


@pytest.fixture
def approved_meeting(facilitator, note_taker, agency_a, agency_b):
    meeting = meeting_in(
        MeetingStatus.NOTES_CLOSED, facilitator=facilitator, note_taker=note_taker, agencies=[agency_a], number=3
    )
    chief = AttendanceFactory(
        meeting=meeting,
        name="นายใหญ่ ประจำการ",
        position="เกษตรจังหวัด",
        attendance=AttendanceStatus.ABSENT,
        absence_reason="ติดราชการ",
        agency=agency_b,
    )
    AttendanceFactory(
        meeting=meeting,
        name="นางสาวแทน ตัวจริง",
        position="นักวิชาการเกษตร",
        agency=agency_b,
        attendance=AttendanceStatus.SUBSTITUTE,
        substitute_for=chief,
    )
    AttendanceFactory(
        meeting=meeting,
        name="นายวิชัย ที่ปรึกษา",
        position="ที่ปรึกษาสำนักงาน ก.พ.ร.",
        attendance=AttendanceStatus.GUEST,
        role=MeetingRole.ADVISOR,
    )
    Attendance.objects.filter(meeting=meeting, user=note_taker).update(position="นักวิเคราะห์นโยบายและแผน")
    agenda_item = discussion_agenda(meeting)
    save_text(
        meeting,
        facilitator,
        text="## ประเด็นคำถามนำที่ 1\n\n- แบ่งกลุ่มตามประเภทเกษตรกร (กษจ.กพ., ปศจ.กพ.)\n- **ใช้ทะเบียนเกษตรกร**",
        conclusions="1. เกษตรกร ได้แก่ ด้านพืช ด้านปศุสัตว์ ด้านประมง\n2. วิสาหกิจชุมชน ได้แก่ ด้านการผลิต ด้านการบริการ",
    )
    summary = services.summary_get_or_create(meeting=meeting)
    assert summary.discussion_agenda_item == agenda_item
    services.summary_send_for_review(summary=summary, revision_number=1, by=facilitator)
    services.summary_approve(summary=summary, revision_number=1, by=facilitator)
    meeting.refresh_from_db()
    return meeting


def _docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_docx_has_every_section_in_thai_with_the_be_date(approved_meeting, observer, client_for):
    response = client_for(observer).get(reverse("meetings:minutes_docx", args=[approved_meeting.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == minutes_service.DOCX_CONTENT_TYPE
    text = _squash(_docx_text(response.content))
    positions = [text.index(heading) for heading in HEADINGS]
    assert positions == sorted(positions), "the sections follow the order of the regulation"
    assert "นางสาวแทน ตัวจริง" in text and "แทน นายใหญ่ ประจำการ" in text
    assert "นายใหญ่ ประจำการ เกษตรจังหวัด (ติดราชการ)" in text
    assert "วิสาหกิจชุมชน ได้แก่ ด้านการผลิต ด้านการบริการ" in text
    assert "ใช้ทะเบียนเกษตรกร" in text
    assert approved_meeting.working_group.name in text
    assert "ร่าง" not in text.split("รายงานการประชุม")[0]


def test_docx_sets_sarabun_for_latin_and_complex_script_and_thai_language(approved_meeting):
    content = minutes_service.minutes_docx(minutes_service.minutes_for_meeting(approved_meeting))
    document = Document(io.BytesIO(content))

    runs = [run for paragraph in document.paragraphs for run in paragraph.runs if run.text.strip()]
    assert runs
    for run in runs:
        fonts = run._element.rPr.find(qn("w:rFonts"))
        assert {fonts.get(qn(f"w:{script}")) for script in ("ascii", "hAnsi", "eastAsia", "cs")} == {"Sarabun"}
        lang = run._element.rPr.find(qn("w:lang"))
        assert (lang.get(qn("w:bidi")), lang.get(qn("w:eastAsia"))) == ("th-TH", "th-TH")
    normal = document.styles["Normal"].element.rPr
    assert normal.find(qn("w:rFonts")).get(qn("w:cs")) == "Sarabun"


def test_bold_runs_are_bold_in_complex_script_too(approved_meeting):
    content = minutes_service.minutes_docx(minutes_service.minutes_for_meeting(approved_meeting))
    document = Document(io.BytesIO(content))

    title = document.paragraphs[0].runs[0]
    assert title.bold and title._element.rPr.find(qn("w:bCs")) is not None


def test_pdf_has_every_section_in_thai_with_the_be_date(approved_meeting, observer, client_for):
    response = client_for(observer).get(reverse("meetings:minutes_pdf", args=[approved_meeting.pk]))

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = _extracted("\n".join(page.extract_text() for page in reader.pages))
    for heading in HEADINGS:
        assert _extracted(heading) in text, heading
    assert _extracted("วิสาหกิจชุมชน ได้แก่ ด้านการผลิต ด้านการบริการ") in text
    assert _extracted("นางสาวแทน ตัวจริง นักวิชาการเกษตร แทน นายใหญ่ ประจำการ") in text
    fonts = _font_names(reader)
    assert fonts and all("Sarabun" in name for name in fonts), fonts


def _extracted(text: str) -> str:
    """Text as pypdf gets it back from the PDF: it drops the spaces' exact places and reads sara am (ำ),
    which HarfBuzz draws as nikhahit + sara aa, as sara aa alone. The page itself shows ำ (checked by eye)."""
    return re.sub(r"\s+", "", text).replace("ำ", "า")


def _font_names(reader) -> set[str]:
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def test_print_view_shows_the_minutes_without_inline_script(approved_meeting, observer, client_for):
    response = client_for(observer).get(reverse("meetings:minutes_print", args=[approved_meeting.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    for heading in ["รายงานการประชุม", "ครั้งที่ 3/2550", "เมื่อวันที่ 31 สิงหาคม 2550", "ผู้จดรายงานการประชุม"]:
        assert heading in page
    assert "css/minutes.css" in page
    assert "<script>" not in page and " onclick=" not in page and "style=" not in page


def test_minutes_of_an_unapproved_summary_are_marked_as_a_draft(facilitator, agency_a):
    meeting = meeting_in(MeetingStatus.NOTES_CLOSED, facilitator=facilitator, agencies=[agency_a])
    discussion_agenda(meeting)
    save_text(meeting, facilitator, text="ร่างสรุป")

    minutes = minutes_service.minutes_for_meeting(meeting)
    text = _docx_text(minutes_service.minutes_docx(minutes))

    assert minutes.is_draft
    assert text.startswith("ร่าง")
    assert "ร่างสรุป" in text


def test_minutes_come_from_the_approved_revision_while_a_new_one_is_drafted(approved_meeting, facilitator):
    summary = services.summary_get_or_create(meeting=approved_meeting)
    services.summary_start_new_revision(summary=summary, by=facilitator)
    services.summary_save(summary=summary, text="ข้อความที่ยังไม่อนุมัติ", conclusions="", base_number=1, by=facilitator)

    text = _docx_text(minutes_service.minutes_docx(minutes_service.minutes_for_meeting(approved_meeting)))

    assert "ข้อความที่ยังไม่อนุมัติ" not in text and "ใช้ทะเบียนเกษตรกร" in text


def test_recorder_and_checker_default_to_note_taker_and_approver(approved_meeting, note_taker, facilitator):
    minutes = minutes_service.minutes_for_meeting(approved_meeting)

    assert minutes.recorder.name == note_taker.get_full_name()
    assert minutes.recorder.position == "นักวิเคราะห์นโยบายและแผน"
    assert minutes.checker.name == facilitator.get_full_name()


def test_facilitator_fills_in_the_agenda_items_and_who_checked(approved_meeting, facilitator, client_for):
    client = client_for(facilitator)
    first = approved_meeting.agenda.get(number="1")
    fourth = approved_meeting.agenda.get(number="4")

    response = client.post(
        reverse("meetings:minutes_edit", args=[approved_meeting.pk]),
        {
            "discussion_agenda_item": fourth.pk,
            "recorder_name": "",
            "recorder_position": "",
            "checker_name": "นายตรวจ รายงาน",
            "checker_position": "หัวหน้าสำนักงานจังหวัด",
            f"discussion_{first.pk}": "ประธานแจ้งวัตถุประสงค์",
            f"resolution_{first.pk}": "ที่ประชุมรับทราบ",
            f"discussion_{fourth.pk}": "",
            f"resolution_{fourth.pk}": "",
        },
    )

    assert response.status_code == 302
    text = _squash(_docx_text(minutes_service.minutes_docx(minutes_service.minutes_for_meeting(approved_meeting))))
    assert "ประธานแจ้งวัตถุประสงค์ มติ ที่ประชุมรับทราบ" in text
    assert "(นายตรวจ รายงาน) หัวหน้าสำนักงานจังหวัด" in text


@pytest.mark.parametrize("persona", ["officer_a", "observer"])
def test_only_facilitators_edit_the_minutes_details(approved_meeting, persona, request, client_for):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("meetings:minutes_edit", args=[approved_meeting.pk])).status_code == 403


def test_outsider_cannot_download_the_minutes(approved_meeting, outsider, client_for):
    client = client_for(outsider)
    assert client.get(reverse("meetings:minutes_docx", args=[approved_meeting.pk])).status_code == 403
    assert client.get(reverse("meetings:minutes_pdf", args=[approved_meeting.pk])).status_code == 403
