"""The agenda editor and the attendance list of a meeting."""

from django.urls import reverse

from meetings.models import AgendaTemplate, Attendance, AttendanceStatus, MeetingRole
from tests.factories import AgendaItemFactory, AttendanceFactory


def test_agenda_from_the_default_template(client_for, facilitator, meeting):
    template = AgendaTemplate.objects.get(is_default=True)
    client_for(facilitator).post(
        reverse("meetings:agenda_apply_template", args=[meeting.pk]), {"template": template.pk}
    )
    assert list(meeting.agenda.values_list("number", "planned_minutes")) == [
        ("1", 10), ("2", 10), ("3", 20), ("4", 120), ("5", 20),
    ]  # fmt: skip


def test_add_move_and_delete_agenda_items(client_for, facilitator, meeting):
    client = client_for(facilitator)
    client.post(reverse("meetings:agenda", args=[meeting.pk]), {"title": "เรื่องแจ้ง", "planned_minutes": 10})
    client.post(reverse("meetings:agenda", args=[meeting.pk]), {"title": "เรื่องพิจารณา", "planned_minutes": 90})
    second = meeting.agenda.get(title="เรื่องพิจารณา")
    assert second.number == "2"
    client.post(reverse("meetings:agenda_item_move", args=[second.pk]), {"direction": "up"})
    assert list(meeting.agenda.values_list("title", flat=True)) == ["เรื่องพิจารณา", "เรื่องแจ้ง"]
    client.post(reverse("meetings:agenda_item_delete", args=[second.pk]))
    assert list(meeting.agenda.values_list("title", flat=True)) == ["เรื่องแจ้ง"]


def test_a_negative_planned_time_is_refused(client_for, facilitator, meeting):
    response = client_for(facilitator).post(
        reverse("meetings:agenda", args=[meeting.pk]), {"title": "เรื่อง", "planned_minutes": -5}
    )
    assert "planned_minutes" in response.context["form"].errors


def test_note_taker_cannot_edit_the_agenda(client_for, note_taker, meeting):
    item = AgendaItemFactory(meeting=meeting)
    assert client_for(note_taker).post(reverse("meetings:agenda_item_delete", args=[item.pk])).status_code == 403


def test_add_a_substitute_for_an_absent_member(client_for, facilitator, meeting, agency_a):
    director = AttendanceFactory(meeting=meeting, name="ผู้อำนวยการ", attendance=AttendanceStatus.ABSENT)
    response = client_for(facilitator).post(
        reverse("meetings:attendance", args=[meeting.pk]),
        {
            "name": "รองผู้อำนวยการ",
            "agency": agency_a.pk,
            "role": MeetingRole.MEMBER,
            "attendance": AttendanceStatus.SUBSTITUTE,
            "substitute_for": director.pk,
        },  # fmt: skip
    )
    assert response.status_code == 302
    substitute = Attendance.objects.get(name="รองผู้อำนวยการ")
    assert substitute.substitute_for == director
    page = client_for(facilitator).get(meeting.get_absolute_url()).content.decode()
    assert "แทน ผู้อำนวยการ" in page


def test_a_substitute_without_whom_is_refused_in_thai(client_for, facilitator, meeting):
    response = client_for(facilitator).post(
        reverse("meetings:attendance", args=[meeting.pk]),
        {"name": "ผู้แทน", "role": MeetingRole.MEMBER, "attendance": AttendanceStatus.SUBSTITUTE},
    )
    assert response.status_code == 200
    assert "กรุณาระบุว่ามาแทนผู้ใด" in response.content.decode()


def test_the_same_user_cannot_be_listed_twice(client_for, facilitator, meeting, note_taker):
    response = client_for(facilitator).post(
        reverse("meetings:attendance", args=[meeting.pk]),
        {"user": note_taker.pk, "role": MeetingRole.MEMBER, "attendance": AttendanceStatus.PRESENT},
    )
    assert "user" in response.context["form"].errors


def test_absence_reason_is_kept_only_for_the_absent(client_for, facilitator, meeting):
    person = AttendanceFactory(meeting=meeting, name="ผู้แทนเกษตร")
    client_for(facilitator).post(
        reverse("meetings:attendance_update", args=[person.pk]),
        {
            "name": person.name,
            "role": MeetingRole.MEMBER,
            "attendance": AttendanceStatus.ABSENT,
            "absence_reason": "ติดราชการ",
        },  # fmt: skip
    )
    person.refresh_from_db()
    assert (person.attendance, person.absence_reason) == (AttendanceStatus.ABSENT, "ติดราชการ")


def test_an_observer_cannot_change_the_attendance(client_for, observer, meeting):
    person = meeting.attendances.first()
    assert client_for(observer).post(reverse("meetings:attendance_remove", args=[person.pk])).status_code == 403
    assert Attendance.objects.filter(pk=person.pk).exists()
