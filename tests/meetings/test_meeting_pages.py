"""The meeting list and meeting page: content, filters, status changes, query counts."""

import datetime

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import DiscussionPoint, Meeting, MeetingStatus, PointKind
from tests.factories import (
    AgencyFactory,
    AttendanceFactory,
    CategoryFactory,
    LeadQuestionFactory,
    MeetingFactory,
    WorkingGroupFactory,
)


def test_meeting_page_shows_header_agenda_questions_attendance(client_for, observer, meeting):
    LeadQuestionFactory(meeting=meeting, text="กำหนดกลุ่มผู้รับบริการอย่างไร")
    content = client_for(observer).get(meeting.get_absolute_url()).content.decode()
    assert meeting.title in content
    assert "31 สิงหาคม 2550" in content and "13.30 น." in content and "16.30 น." in content
    assert "กำหนดกลุ่มผู้รับบริการอย่างไร" in content
    assert meeting.attendances.first().name in content


def test_facilitator_starts_and_closes_the_meeting(client_for, facilitator, meeting):
    client = client_for(facilitator)
    url = reverse("meetings:meeting_status", args=[meeting.pk])
    client.post(url, {"status": MeetingStatus.IN_SESSION})
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.IN_SESSION
    client.post(url, {"status": MeetingStatus.NOTES_CLOSED})
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.NOTES_CLOSED


def test_a_jump_in_status_is_refused_with_a_message(client_for, facilitator, meeting):
    response = client_for(facilitator).post(
        reverse("meetings:meeting_status", args=[meeting.pk]), {"status": MeetingStatus.NOTES_CLOSED}, follow=True
    )
    assert "เปลี่ยนเป็น" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED


def test_status_change_is_post_only(client_for, facilitator, meeting):
    response = client_for(facilitator).get(reverse("meetings:meeting_status", args=[meeting.pk]))
    assert response.status_code == 405


def test_the_note_taker_cannot_change_the_status(client_for, note_taker, meeting):
    response = client_for(note_taker).post(
        reverse("meetings:meeting_status", args=[meeting.pk]), {"status": MeetingStatus.IN_SESSION}
    )
    assert response.status_code == 403


def test_an_officer_of_another_agency_gets_403(client_for, officer_b, meeting):
    assert client_for(officer_b).get(meeting.get_absolute_url()).status_code == 403


def test_an_unknown_meeting_is_a_404(client_for, facilitator):
    assert client_for(facilitator).get(reverse("meetings:meeting_detail", args=[987654])).status_code == 404


def test_duplicate_from_the_page(client_for, facilitator, meeting):
    LeadQuestionFactory(meeting=meeting, text="คำถามเดิม")
    response = client_for(facilitator).post(
        reverse("meetings:meeting_duplicate", args=[meeting.pk]),
        {"title": meeting.title, "date": "28/09/2550", "start_time": "09.00", "end_time": "12.00", "venue": "ห้อง 2"},
    )
    copy = Meeting.objects.exclude(pk=meeting.pk).get()
    assert response["Location"] == copy.get_absolute_url()
    assert copy.date == datetime.date(2007, 9, 28)
    assert list(copy.lead_questions.values_list("text", flat=True)) == ["คำถามเดิม"]


def test_calendar_download_in_bangkok_time(client_for, officer_a, meeting):
    response = client_for(officer_a).get(reverse("meetings:meeting_ics", args=[meeting.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "BEGIN:VEVENT" in body
    assert "DTSTART;TZID=Asia/Bangkok:20070831T133000" in body
    assert "DTEND;TZID=Asia/Bangkok:20070831T163000" in body
    assert "BEGIN:VTIMEZONE" in body and "TZID:Asia/Bangkok" in body
    assert "ครั้งที่ 1/2550" in body or f"ครั้งที่ {meeting.number_label}" in body


def test_calendar_needs_the_meeting_permission(client_for, officer_b, meeting):
    assert client_for(officer_b).get(reverse("meetings:meeting_ics", args=[meeting.pk])).status_code == 403


def test_list_filters_by_status_era_dates_province_and_agency(client_for, observer, meeting, agency_a):
    other = MeetingFactory(date=datetime.date(2008, 3, 1), be_year=2551, status=MeetingStatus.IN_SESSION)
    client = client_for(observer)
    url = reverse("meetings:meeting_list")

    def titles(**params):
        return {m.title for m in client.get(url, params).context["page"]}

    assert titles() == {meeting.title, other.title}
    assert titles(status="in_session") == {other.title}
    assert titles(date_from="01/01/2551") == {other.title}
    assert titles(date_to="31/12/2550") == {meeting.title}
    assert titles(agency=agency_a.name_th[:12]) == {meeting.title}
    assert titles(province=meeting.working_group.province_id) == {meeting.title, other.title}


def test_list_rejects_a_christian_era_date_in_thai(client_for, observer, meeting):
    response = client_for(observer).get(reverse("meetings:meeting_list"), {"date_from": "01/01/2007"})
    assert "ปีคริสต์ศักราช" in response.content.decode()


def test_list_answers_htmx_with_the_results_only(client_for, observer, meeting):
    response = client_for(observer).get(reverse("meetings:meeting_list"), HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert meeting.title in content and "<html" not in content


def test_officer_lists_only_meetings_of_their_agency(client_for, officer_a, meeting):
    MeetingFactory(title="ไม่เกี่ยวข้อง")
    content = client_for(officer_a).get(reverse("meetings:meeting_list")).content.decode()
    assert meeting.title in content and "ไม่เกี่ยวข้อง" not in content


def test_home_card_shows_the_users_upcoming_meetings(client_for, officer_a, group):
    soon = MeetingFactory(working_group=group, date=datetime.date.today() + datetime.timedelta(days=3),
                          title="ประชุมสัปดาห์หน้า", be_year=2600)  # fmt: skip
    content = client_for(officer_a).get(reverse("home")).content.decode()
    assert soon.title in content


def fill(meeting, *, points: int, attendees: int):
    agencies = [AgencyFactory() for _ in range(attendees)]
    for agency in agencies:
        AttendanceFactory(meeting=meeting, agency=agency)
    questions = [LeadQuestionFactory(meeting=meeting) for _ in range(5)]
    DiscussionPoint.objects.bulk_create(
        DiscussionPoint(
            meeting=meeting,
            lead_question=questions[i % 5] if i % 7 else None,
            agency=agencies[i % attendees],
            kind=PointKind.CURRENT_PRACTICE,
            text=f"ประเด็น {i}",
            order=i,
        )
        for i in range(points)
    )


def count_queries(client, url, **params) -> int:
    cache.clear()  # a cold request each time: the session is read from the database
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


def test_meeting_page_query_count_is_the_same_for_5_and_500_points(client_for, facilitator, group):
    small, large = MeetingFactory(working_group=group), MeetingFactory(working_group=group)
    for meeting in (small, large):
        meeting.category = CategoryFactory()
        meeting.save()
        AttendanceFactory(meeting=meeting, user=facilitator, role="facilitator")
    fill(small, points=5, attendees=3)
    fill(large, points=500, attendees=40)
    client = client_for(facilitator)
    counts = [count_queries(client, meeting.get_absolute_url()) for meeting in (small, large)]
    assert counts[0] == counts[1] <= 16, counts


def test_meeting_list_query_count_is_the_same_for_3_and_60_meetings(client_for, observer):
    category = CategoryFactory()
    groups = [WorkingGroupFactory() for _ in range(3)]
    client = client_for(observer)
    url = reverse("meetings:meeting_list")
    counts = []
    for total in (3, 60):
        for i in range(total - Meeting.objects.count()):
            MeetingFactory(working_group=groups[i % 3], category=category)
        cache.clear()  # the drawn filter form is cached: count the uncached page both times
        counts.append(count_queries(client, url, status="planned", agency="ทดสอบ"))
    assert counts[0] == counts[1] <= 10, counts


def test_meeting_page_with_500_points_and_40_attendees_stays_under_the_pinned_count(
    client_for, facilitator, meeting, django_assert_max_num_queries
):
    fill(meeting, points=500, attendees=40)
    client = client_for(facilitator)
    with django_assert_max_num_queries(16):
        assert client.get(meeting.get_absolute_url()).status_code == 200
