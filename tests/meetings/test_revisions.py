"""Revisions: every save is kept, stale saves are conflicts, approved revisions are frozen, diffs read well."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from meetings.models import MeetingStatus, SummaryRevision
from meetings.selectors.summaries import revision_diff
from meetings.services import summaries as services
from tests.meetings.summary_helpers import meeting_in, save_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(facilitator, agency_a):
    return meeting_in(MeetingStatus.NOTES_CLOSED, facilitator=facilitator, agencies=[agency_a])


def test_every_save_is_a_new_numbered_revision_with_author(meeting, facilitator):
    first = save_text(meeting, facilitator, text="หนึ่ง")
    second = save_text(meeting, facilitator, text="สอง")

    assert (first.number, second.number) == (1, 2)
    assert list(SummaryRevision.objects.order_by("number").values_list("text", flat=True)) == ["หนึ่ง", "สอง"]
    assert second.author == facilitator and second.created_at is not None


def test_saving_the_same_text_again_adds_no_revision(meeting, facilitator):
    first = save_text(meeting, facilitator, text="เดิม", conclusions="")
    again = save_text(meeting, facilitator, text="เดิม", conclusions="")

    assert again.pk == first.pk
    assert SummaryRevision.objects.count() == 1


def test_a_stale_save_is_a_conflict_and_overwrites_nothing(meeting, facilitator):
    save_text(meeting, facilitator, text="ต้นฉบับ")
    summary = services.summary_get_or_create(meeting=meeting)
    services.summary_save(summary=summary, text="ของเขา", conclusions="", base_number=1, by=facilitator)

    with pytest.raises(services.SummaryConflict) as conflict:
        services.summary_save(summary=summary, text="ของฉัน", conclusions="", base_number=1, by=facilitator)

    assert conflict.value.current.text == "ของเขา"
    assert list(SummaryRevision.objects.order_by("number").values_list("text", flat=True)) == ["ต้นฉบับ", "ของเขา"]


def test_stale_edit_in_the_browser_shows_both_texts_and_keeps_mine(meeting, facilitator, client_for):
    save_text(meeting, facilitator, text="ต้นฉบับ")
    save_text(meeting, facilitator, text="ข้อความของเพื่อนร่วมงาน")  # saved while I was editing revision 1
    client = client_for(facilitator)

    response = client.post(
        reverse("meetings:summary_edit", args=[meeting.pk]),
        {"text": "ข้อความที่ฉันพิมพ์", "conclusions": "ข้อสรุปของฉัน", "base_number": "1"},
    )

    assert response.status_code == 409
    page = response.content.decode()
    assert "ข้อความของเพื่อนร่วมงาน" in page  # theirs
    assert "ข้อความที่ฉันพิมพ์" in page and "ข้อสรุปของฉัน" in page  # mine, still in the form
    assert 'name="base_number" value="2"' in page  # the merge is saved on top of theirs
    assert SummaryRevision.objects.count() == 2

    merged = client.post(
        reverse("meetings:summary_edit", args=[meeting.pk]),
        {"text": "ข้อความของเพื่อนร่วมงาน\nข้อความที่ฉันพิมพ์", "conclusions": "", "base_number": "2"},
    )
    assert merged.status_code == 302
    assert SummaryRevision.objects.get(number=3).text == "ข้อความของเพื่อนร่วมงาน\nข้อความที่ฉันพิมพ์"


def test_editing_an_approved_revision_is_refused_with_a_message_and_keeps_the_text(meeting, facilitator, client_for):
    revision = save_text(meeting, facilitator)
    summary = services.summary_get_or_create(meeting=meeting)
    services.summary_send_for_review(summary=summary, revision_number=revision.number, by=facilitator)
    services.summary_approve(summary=summary, revision_number=revision.number, by=facilitator)

    response = client_for(facilitator).post(
        reverse("meetings:summary_edit", args=[meeting.pk]),
        {"text": "แก้หลังอนุมัติ", "conclusions": "", "base_number": str(revision.number)},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "แก้หลังอนุมัติ" in page
    assert str(services.APPROVED_MESSAGE) in page
    revision.refresh_from_db()
    assert revision.text != "แก้หลังอนุมัติ" and SummaryRevision.objects.count() == 1


def test_a_later_change_to_an_approved_summary_starts_a_new_revision(meeting, facilitator):
    revision = save_text(meeting, facilitator, text="ฉบับอนุมัติ")
    summary = services.summary_get_or_create(meeting=meeting)
    services.summary_send_for_review(summary=summary, revision_number=1, by=facilitator)
    services.summary_approve(summary=summary, revision_number=1, by=facilitator)
    meeting.refresh_from_db()

    with pytest.raises(ValidationError):
        services.summary_save(summary=summary, text="แก้", conclusions="", base_number=1, by=facilitator)
    services.summary_start_new_revision(summary=summary, by=facilitator)
    newer = services.summary_save(summary=summary, text="ฉบับแก้ไข", conclusions="", base_number=1, by=facilitator)

    revision.refresh_from_db()
    summary.refresh_from_db()
    assert newer.number == 2 and not newer.is_approved
    assert revision.text == "ฉบับอนุมัติ" and revision.is_approved
    assert summary.approved_revision == revision  # the minutes still come from the approved text


def test_diff_marks_changed_words_and_keeps_thai_syllables_whole():
    rows = revision_diff("กลุ่มเกษตรกร\nบรรทัดเดิม", "กลุ่มเกษตรกรรายย่อย\nบรรทัดเดิม\nบรรทัดใหม่")

    assert [row.kind for row in rows] == ["changed", "equal", "added"]
    assert rows[0].new == "กลุ่มเกษตรกร<ins>รายย่อย</ins>"
    assert "<ins>บรรทัดใหม่</ins>" in rows[2].new


def test_diff_escapes_html():
    rows = revision_diff("a", "<b>a</b>")
    assert "<b>" not in "".join(row.new for row in rows)


def test_any_two_revisions_can_be_compared_on_the_page(meeting, facilitator, observer, client_for):
    save_text(meeting, facilitator, text="ผู้รับบริการ: เกษตรกร")
    save_text(meeting, facilitator, text="ผู้รับบริการ: เกษตรกร และวิสาหกิจชุมชน")

    response = client_for(observer).get(reverse("meetings:summary_revisions", args=[meeting.pk]), {"old": 1, "new": 2})

    assert response.status_code == 200
    assert "<ins>" in response.content.decode()
