"""Every part-1 model has a working admin changelist and change page, with its inlines."""

import pytest
from django.urls import reverse

from meetings.models import AgendaTemplate
from tests.factories import AttendanceFactory, DiscussionPointFactory, LeadQuestionFactory, WorkingGroupMemberFactory


@pytest.mark.parametrize(
    "model",
    ["workinggroup", "workinggroupmember", "meeting", "agendatemplate", "leadquestion", "attendance", "attachment",
     "discussionpoint"],
)  # fmt: skip
def test_changelist_opens(client_for, administrator, meeting, model):
    LeadQuestionFactory(meeting=meeting)
    DiscussionPointFactory(meeting=meeting)
    response = client_for(administrator).get(reverse(f"admin:meetings_{model}_changelist"))
    assert response.status_code == 200


def test_change_pages_show_their_inlines(client_for, administrator, meeting, group):
    client = client_for(administrator)
    WorkingGroupMemberFactory(working_group=group)
    AttendanceFactory(meeting=meeting, name="ผู้เข้าประชุมในแอดมิน")
    page = client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk])).content.decode()
    assert "ผู้เข้าประชุมในแอดมิน" in page
    assert client.get(reverse("admin:meetings_workinggroup_change", args=[group.pk])).status_code == 200
    template = AgendaTemplate.objects.get(is_default=True)
    page = client.get(reverse("admin:meetings_agendatemplate_change", args=[template.pk])).content.decode()
    assert "เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ" in page


def test_an_officer_has_no_admin(client_for, officer_a):
    response = client_for(officer_a).get(reverse("admin:meetings_meeting_changelist"))
    assert response.status_code == 302
