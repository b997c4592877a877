"""Creating and editing a meeting through its form: auto-numbering and bad input."""

import datetime

import pytest
from django.urls import reverse

from meetings.models import Meeting
from tests.factories import MeetingFactory, WorkingGroupFactory


def form_data(group, **overrides):
    return {
        "working_group": group.pk,
        "title": "ประชุมคณะทำงาน PMQA หมวด 3",
        "number": "",
        "be_year": "",
        "date": "31/08/2550",
        "start_time": "13.30",
        "end_time": "16.30",
        "venue": "ห้องประชุมศาลากลางจังหวัดกำแพงเพชร",
        "objectives": "",
        **overrides,
    }


def test_facilitator_creates_a_meeting_numbered_automatically(client_for, facilitator, group):
    MeetingFactory(working_group=group, number=2, be_year=2550)
    response = client_for(facilitator).post(reverse("meetings:meeting_create"), form_data(group))
    meeting = Meeting.objects.get(title="ประชุมคณะทำงาน PMQA หมวด 3")
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    assert meeting.number_label == "3/2550"
    assert meeting.date == datetime.date(2007, 8, 31)
    assert (meeting.start_time, meeting.end_time) == (datetime.time(13, 30), datetime.time(16, 30))
    page = client_for(facilitator).get(meeting.get_absolute_url()).content.decode()
    assert "ครั้งที่ 3/2550" in page
    assert "31 สิงหาคม 2550" in page and "13.30 น." in page


def test_end_before_start_is_refused_beside_the_end_time(client_for, facilitator, group):
    response = client_for(facilitator).post(
        reverse("meetings:meeting_create"), form_data(group, start_time="16.30", end_time="13.30")
    )
    assert response.status_code == 200
    assert "end_time" in response.context["form"].errors
    content = response.content.decode()
    assert "เวลาเลิกประชุมต้องหลังเวลาเริ่มประชุม" in content
    assert 'value="ประชุมคณะทำงาน PMQA หมวด 3"' in content
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(("typed", "thai"), [("31/08/2007", "ปีคริสต์ศักราช"), ("31/08/3093", "บวก 543 ซ้ำ")])
def test_a_date_in_the_wrong_era_is_refused_and_kept(client_for, facilitator, group, typed, thai):
    response = client_for(facilitator).post(reverse("meetings:meeting_create"), form_data(group, date=typed))
    assert response.status_code == 200
    assert "date" in response.context["form"].errors
    content = response.content.decode()
    assert thai in content
    assert f'value="{typed}"' in content
    assert not Meeting.objects.exists()


def test_a_christian_era_year_number_is_refused(client_for, facilitator, group):
    response = client_for(facilitator).post(reverse("meetings:meeting_create"), form_data(group, be_year="2007"))
    assert "be_year" in response.context["form"].errors


def test_a_number_already_used_in_the_year_is_refused_beside_the_number(client_for, facilitator, group):
    MeetingFactory(working_group=group, number=1, be_year=2550)
    response = client_for(facilitator).post(reverse("meetings:meeting_create"), form_data(group, number="1"))
    assert "number" in response.context["form"].errors
    assert "คณะทำงานมีการประชุมครั้งที่ 1/2550 อยู่แล้ว" in response.content.decode()


def test_messages_are_in_english_for_an_english_page(client_for, facilitator, group):
    client = client_for(facilitator)
    client.post(reverse("set_language"), {"language": "en"})
    response = client.post(reverse("meetings:meeting_create"), form_data(group, start_time="16.30", end_time="13.30"))
    assert "The meeting must end after it starts" in response.content.decode()


def test_an_officer_cannot_create_a_meeting(client_for, officer_a, group):
    response = client_for(officer_a).post(reverse("meetings:meeting_create"), form_data(group))
    assert response.status_code == 403
    assert not Meeting.objects.exists()


def test_a_facilitator_cannot_create_in_a_group_they_do_not_run(client_for, facilitator):
    stranger_group = WorkingGroupFactory()
    response = client_for(facilitator).post(reverse("meetings:meeting_create"), form_data(stranger_group))
    assert response.status_code in (200, 403)
    assert not Meeting.objects.exists()


def test_edit_keeps_the_number_and_saves(client_for, facilitator, meeting):
    data = form_data(meeting.working_group, number=meeting.number, be_year=meeting.be_year, title="หัวข้อใหม่",
                     version=meeting.version)  # fmt: skip
    response = client_for(facilitator).post(reverse("meetings:meeting_update", args=[meeting.pk]), data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "หัวข้อใหม่" and meeting.version == 2


def test_a_stale_edit_is_refused_with_a_message(client_for, facilitator, meeting):
    Meeting.objects.filter(pk=meeting.pk).update(version=5, title="แก้โดยอีกคน")
    data = form_data(meeting.working_group, number=meeting.number, be_year=meeting.be_year, title="ของฉัน", version=1)
    response = client_for(facilitator).post(reverse("meetings:meeting_update", args=[meeting.pk]), data)
    assert response.status_code == 200
    assert "มีผู้อื่นบันทึกการประชุมนี้" in response.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).title == "แก้โดยอีกคน"


def test_the_note_taker_cannot_edit_the_meeting(client_for, note_taker, meeting):
    response = client_for(note_taker).get(reverse("meetings:meeting_update", args=[meeting.pk]))
    assert response.status_code == 403
