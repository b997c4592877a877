"""The summary's demo data: the 31 August 2550 meeting has an approved summary, an AAR, two action items and
minutes that download."""

import io
import os

from django.core.management import call_command
from docx import Document

from meetings.demo import seed_meeting
from meetings.models import ActionItem, AfterActionReview, MeetingStatus, SummaryRevision
from meetings.services import minutes as minutes_service


def _load_demo():
    with open(os.devnull, "w") as sink:
        call_command("load_demo", stdout=sink)


def test_seed_meeting_has_an_approved_summary_aar_and_two_action_items_after_two_loads(db):
    _load_demo()
    _load_demo()

    meeting = seed_meeting()
    assert meeting.status == MeetingStatus.APPROVED
    approved = meeting.summary.approved_revision
    assert approved.is_approved and approved.approved_by.username == "facilitator"
    assert SummaryRevision.objects.filter(summary=meeting.summary).count() == 1
    assert "เกษตรกร ได้แก่ ด้านพืช ด้านปศุสัตว์ และด้านประมง (กษจ.กพ., ปศจ.กพ., ประมงจ.กพ.)" in approved.conclusions
    assert "วิสาหกิจชุมชน ได้แก่ ด้านการผลิต และด้านการบริการ" in approved.conclusions
    assert AfterActionReview.objects.filter(meeting=meeting).count() == 1
    assert ActionItem.objects.filter(meeting=meeting).count() == 2


def test_seed_meetings_minutes_download_with_the_agreed_groups(db, client):
    _load_demo()
    meeting = seed_meeting()
    from pmqa_portal.models import User

    client.force_login(User.objects.get(username="observer"))

    response = client.get(f"/meetings/{meeting.pk}/minutes.docx")

    assert response.status_code == 200
    text = "\n".join(paragraph.text for paragraph in Document(io.BytesIO(response.content)).paragraphs)
    assert "เมื่อวันที่ 31 สิงหาคม 2550" in text
    assert "วิสาหกิจชุมชน ได้แก่ ด้านการผลิต และด้านการบริการ" in text
    assert "ระเบียบวาระที่ 4" in text and "ผู้ตรวจรายงานการประชุม" in text
    minutes = minutes_service.minutes_for_meeting(meeting)
    assert not minutes.is_draft
