"""Review: attending agencies' officers comment and propose additions; the facilitator accepts or declines."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from meetings.models import CommentStatus, MeetingStatus, ReviewComment, RevisionOrigin, SummaryRevision
from meetings.services import summaries as services
from pmqa_portal.roles import Role
from tests.factories import AgencyFactory, UserFactory
from tests.meetings.summary_helpers import meeting_in, save_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(facilitator, agency_a):
    meeting = meeting_in(MeetingStatus.NOTES_CLOSED, facilitator=facilitator, agencies=[agency_a])
    save_text(meeting, facilitator, text="## สรุป\n\n- กลุ่มเกษตรกร")
    summary = services.summary_get_or_create(meeting=meeting)
    services.summary_send_for_review(summary=summary, revision_number=1, by=facilitator)
    meeting.refresh_from_db()
    return meeting


def _comment_url(meeting):
    return reverse("meetings:review_comment_add", args=[meeting.pk])


def test_officer_of_an_attending_agency_proposes_an_addition(meeting, officer_a, client_for):
    response = client_for(officer_a).post(_comment_url(meeting), {"kind": "proposal", "text": "เพิ่มกลุ่มวิสาหกิจชุมชน"})

    assert response.status_code == 302
    comment = ReviewComment.objects.get()
    assert (comment.author, comment.agency, comment.status) == (officer_a, officer_a.agency, CommentStatus.PENDING)
    assert comment.revision.number == 1


def test_comment_by_htmx_returns_the_comments_partial(meeting, officer_a, client_for):
    response = client_for(officer_a).post(
        _comment_url(meeting), {"kind": "comment", "text": "เห็นด้วย"}, HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="comments"' in page and "เห็นด้วย" in page and "<html" not in page


def test_officer_of_an_agency_not_attending_cannot_comment(meeting, officer_b, client_for):
    assert client_for(officer_b).post(_comment_url(meeting), {"kind": "comment", "text": "x"}).status_code == 403


def test_observer_cannot_comment(meeting, observer, client_for):
    assert client_for(observer).post(_comment_url(meeting), {"kind": "comment", "text": "x"}).status_code == 403


def test_comment_on_a_meeting_not_in_review_is_refused_with_a_message_and_keeps_the_text(
    facilitator, officer_a, agency_a, client_for
):
    meeting = meeting_in(MeetingStatus.NOTES_CLOSED, facilitator=facilitator, agencies=[agency_a])
    save_text(meeting, facilitator)

    response = client_for(officer_a).post(_comment_url(meeting), {"kind": "comment", "text": "ความเห็นที่พิมพ์ไว้"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "ความเห็นที่พิมพ์ไว้" in page
    assert "Comments are taken only while the summary is in review" in page or "ระหว่างการทบทวน" in page
    assert not ReviewComment.objects.exists()


def test_accepting_a_proposal_appends_it_as_a_new_revision(meeting, facilitator, officer_a, client_for):
    summary = services.summary_get_or_create(meeting=meeting)
    proposal = services.review_comment_add(summary=summary, by=officer_a, kind="proposal", text="เพิ่มกลุ่มผู้ประกอบการ")

    client_for(facilitator).post(
        reverse("meetings:review_comment_decide", args=[proposal.pk]), {"decision": "accept", "note": "เห็นด้วย"}
    )

    proposal.refresh_from_db()
    latest = SummaryRevision.objects.get(number=2)
    assert proposal.status == CommentStatus.ACCEPTED and proposal.resulting_revision == latest
    assert latest.origin == RevisionOrigin.PROPOSAL
    assert latest.text.startswith("## สรุป\n\n- กลุ่มเกษตรกร")
    assert f"เพิ่มกลุ่มผู้ประกอบการ ({officer_a.agency.short_name})" in latest.text


def test_declined_comments_stay_visible(meeting, facilitator, officer_a, observer, client_for):
    summary = services.summary_get_or_create(meeting=meeting)
    comment = services.review_comment_add(summary=summary, by=officer_a, kind="proposal", text="ข้อเสนอที่ไม่รับ")
    services.review_comment_decide(comment=comment, accept=False, by=facilitator, note="นอกขอบเขต")

    page = client_for(observer).get(reverse("meetings:summary_detail", args=[meeting.pk])).content.decode()

    assert "ข้อเสนอที่ไม่รับ" in page and "นอกขอบเขต" in page
    assert SummaryRevision.objects.count() == 1


def test_a_decided_comment_cannot_be_decided_again(meeting, facilitator, officer_a):
    summary = services.summary_get_or_create(meeting=meeting)
    comment = services.review_comment_add(summary=summary, by=officer_a, kind="proposal", text="ข้อเสนอ")
    services.review_comment_decide(comment=comment, accept=True, by=facilitator)

    with pytest.raises(ValidationError):
        services.review_comment_decide(comment=comment, accept=True, by=facilitator)
    assert SummaryRevision.objects.count() == 2


def test_officer_cannot_decide_on_comments(meeting, officer_a, client_for):
    summary = services.summary_get_or_create(meeting=meeting)
    comment = services.review_comment_add(summary=summary, by=officer_a, kind="proposal", text="ข้อเสนอ")

    response = client_for(officer_a).post(
        reverse("meetings:review_comment_decide", args=[comment.pk]), {"decision": "accept"}
    )

    assert response.status_code == 403


def test_officer_whose_agency_sent_a_substitute_still_comments(meeting, client_for):
    agency = AgencyFactory()
    officer = UserFactory(agency=agency, role=Role.AGENCY_OFFICER)
    from tests.factories import AttendanceFactory

    AttendanceFactory(meeting=meeting, agency=agency, attendance="substitute", substitute_for_name="ผู้อำนวยการ")

    response = client_for(officer).post(_comment_url(meeting), {"kind": "comment", "text": "ขอบคุณ"})

    assert response.status_code == 302
