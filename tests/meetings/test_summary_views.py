"""The summary page and its flow: draft → in review → approved; who may do what; fixed query counts."""

import pytest
from django.urls import reverse

from meetings.models import MeetingStatus, ReviewComment, SummaryRevision
from meetings.services import summaries as services
from tests.factories import DiscussionPointFactory, UserFactory
from tests.meetings.summary_helpers import meeting_in, save_text, seed_points

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(facilitator, agency_a, agency_b):
    return meeting_in(MeetingStatus.NOTES_CLOSED, facilitator=facilitator, agencies=[agency_a, agency_b])


def test_facilitator_drafts_edits_sends_and_approves(meeting, facilitator, agency_a, agency_b, client_for):
    seed_points(meeting, agency_a, agency_b)
    client = client_for(facilitator)

    assert client.post(reverse("meetings:summary_draft", args=[meeting.pk])).status_code == 302
    draft = SummaryRevision.objects.get()
    client.post(
        reverse("meetings:summary_edit", args=[meeting.pk]),
        {"text": draft.text + "\n\nเพิ่มเติม", "conclusions": "- ตกลงสองกลุ่ม", "base_number": "1"},
    )
    client.post(reverse("meetings:summary_send_for_review", args=[meeting.pk]), {"revision": "2"})
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SUMMARY_IN_REVIEW
    client.post(reverse("meetings:summary_approve", args=[meeting.pk]), {"revision": "2"})

    meeting.refresh_from_db()
    approved = SummaryRevision.objects.get(number=2)
    assert meeting.status == MeetingStatus.APPROVED
    assert approved.is_approved and approved.approved_by == facilitator
    page = client.get(reverse("meetings:summary_detail", args=[meeting.pk])).content.decode()
    assert "ตกลงสองกลุ่ม" in page


def test_approving_an_empty_summary_is_refused_with_a_message(meeting, facilitator, client_for):
    save_text(meeting, facilitator, text="ร่าง", conclusions="")
    summary = services.summary_get_or_create(meeting=meeting)
    services.summary_send_for_review(summary=summary, revision_number=1, by=facilitator)
    save_text(meeting, facilitator, text="   ", conclusions="")  # everything deleted during review

    response = client_for(facilitator).post(
        reverse("meetings:summary_approve", args=[meeting.pk]), {"revision": "2"}, follow=True
    )

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SUMMARY_IN_REVIEW
    assert "The summary is empty" in response.content.decode() or "สรุปผลการประชุมยังว่างอยู่" in response.content.decode()
    assert not SummaryRevision.objects.filter(approved_at__isnull=False).exists()


def test_approving_a_text_changed_since_it_was_read_is_refused(meeting, facilitator):
    save_text(meeting, facilitator, text="ฉบับที่อ่าน")
    summary = services.summary_get_or_create(meeting=meeting)
    services.summary_send_for_review(summary=summary, revision_number=1, by=facilitator)
    save_text(meeting, facilitator, text="ฉบับที่แก้ภายหลัง")

    with pytest.raises(services.SummaryConflict):
        services.summary_approve(summary=summary, revision_number=1, by=facilitator)


def test_approval_waits_for_every_proposal_to_be_decided(meeting, facilitator, officer_a):
    save_text(meeting, facilitator)
    summary = services.summary_get_or_create(meeting=meeting)
    services.summary_send_for_review(summary=summary, revision_number=1, by=facilitator)
    services.review_comment_add(summary=summary, by=officer_a, kind="proposal", text="เพิ่มกลุ่มผู้ประกอบการ")

    with pytest.raises(Exception) as refused:
        services.summary_approve(summary=summary, revision_number=1, by=facilitator)
    assert refused.value.code == "pending"


@pytest.mark.parametrize("persona", ["officer_a", "observer", "note_taker", "outsider"])
def test_only_facilitators_edit_the_summary(meeting, persona, request, client_for):
    user = request.getfixturevalue(persona)
    client = client_for(user)
    assert client.get(reverse("meetings:summary_edit", args=[meeting.pk])).status_code == 403
    assert client.post(reverse("meetings:summary_draft", args=[meeting.pk])).status_code == 403
    assert client.post(reverse("meetings:summary_approve", args=[meeting.pk]), {"revision": "1"}).status_code == 403


def test_observer_reads_the_summary(meeting, facilitator, observer, client_for):
    save_text(meeting, facilitator, text="## หัวข้อ\n\n- ประเด็นที่อ่านได้")

    response = client_for(observer).get(reverse("meetings:summary_detail", args=[meeting.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert "<h2>หัวข้อ</h2>" in page and "ประเด็นที่อ่านได้" in page
    assert reverse("meetings:summary_edit", args=[meeting.pk]) not in page


def test_summary_of_a_missing_meeting_is_404(facilitator, client_for):
    assert client_for(facilitator).get(reverse("meetings:summary_detail", args=[999999])).status_code == 404


def test_outsider_cannot_read_the_summary(meeting, outsider, client_for):
    assert client_for(outsider).get(reverse("meetings:summary_detail", args=[meeting.pk])).status_code == 403


def _busy_summary(meeting, facilitator, officer, comments: int, revisions: int):
    for number in range(revisions):
        save_text(meeting, facilitator, text=f"ฉบับที่ {number}")
    summary = services.summary_get_or_create(meeting=meeting)
    services.summary_send_for_review(summary=summary, revision_number=summary.current_number, by=facilitator)
    for number in range(comments):
        services.review_comment_add(summary=summary, by=officer, kind="comment", text=f"ความเห็น {number}")


@pytest.mark.parametrize("size", [2, 30])
def test_summary_page_query_count_does_not_grow(
    meeting, facilitator, officer_a, client_for, size, django_assert_max_num_queries
):
    _busy_summary(meeting, facilitator, officer_a, comments=size, revisions=size)
    for number in range(size):
        DiscussionPointFactory(meeting=meeting, agency=officer_a.agency, text=f"ประเด็น {number}")
    client = client_for(officer_a)

    with django_assert_max_num_queries(11):
        response = client.get(reverse("meetings:summary_detail", args=[meeting.pk]))
    assert response.status_code == 200
    assert ReviewComment.objects.count() == size


def test_revisions_page_query_count_does_not_grow(
    meeting, facilitator, officer_a, client_for, django_assert_max_num_queries
):
    _busy_summary(meeting, facilitator, officer_a, comments=5, revisions=40)
    other = UserFactory(role="facilitator")
    client = client_for(other)

    with django_assert_max_num_queries(10):
        response = client.get(reverse("meetings:summary_revisions", args=[meeting.pk]), {"old": 1, "new": 40})
    assert response.status_code == 200
