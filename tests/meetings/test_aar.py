"""After Action Review per meeting."""

import pytest
from django.urls import reverse

from meetings.models import AfterActionReview, MeetingStatus
from tests.meetings.summary_helpers import meeting_in

pytestmark = pytest.mark.django_db

FIELDS = {
    "expected": "ทุกหน่วยงานกำหนดกลุ่มผู้รับบริการได้",
    "happened": "สามหน่วยงานตกลงกลุ่มร่วมกัน",
    "difference": "บางหน่วยงานยังไม่มีข้อมูล",
    "keep": "ใช้คำถามนำ",
    "change": "ส่งคำถามล่วงหน้า",
}


@pytest.fixture
def meeting(facilitator, agency_a):
    return meeting_in(MeetingStatus.APPROVED, facilitator=facilitator, agencies=[agency_a])


def test_facilitator_records_the_aar(meeting, facilitator, client_for):
    response = client_for(facilitator).post(reverse("meetings:aar_edit", args=[meeting.pk]), {**FIELDS, "version": 0})

    assert response.status_code == 302
    review = AfterActionReview.objects.get(meeting=meeting)
    assert {name: getattr(review, name) for name in FIELDS} == FIELDS
    assert review.updated_by == facilitator and review.version == 1


def test_a_stale_aar_save_is_refused_and_keeps_the_text(meeting, facilitator, client_for):
    client = client_for(facilitator)
    client.post(reverse("meetings:aar_edit", args=[meeting.pk]), {**FIELDS, "version": 0})

    response = client.post(
        reverse("meetings:aar_edit", args=[meeting.pk]), {**FIELDS, "keep": "ข้อความใหม่", "version": 0}
    )

    assert response.status_code == 200
    assert "ข้อความใหม่" in response.content.decode()
    assert AfterActionReview.objects.get().keep == FIELDS["keep"]


def test_observer_reads_but_cannot_save_the_aar(meeting, facilitator, observer, client_for):
    client_for(facilitator).post(reverse("meetings:aar_edit", args=[meeting.pk]), {**FIELDS, "version": 0})
    client = client_for(observer)

    page = client.get(reverse("meetings:aar_edit", args=[meeting.pk])).content.decode()
    assert FIELDS["change"] in page and "<textarea" not in page
    assert client.post(reverse("meetings:aar_edit", args=[meeting.pk]), {**FIELDS, "version": 1}).status_code == 403
