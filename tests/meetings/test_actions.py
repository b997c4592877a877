"""Action items: from points or by hand, due dates, status, the cross-meeting list and its filters."""

import datetime

import pytest
from django.urls import reverse

from meetings.models import ActionItem, ActionStatus, MeetingStatus, PointKind
from meetings.services import actions as services
from tests.factories import DiscussionPointFactory, MeetingFactory
from tests.meetings.summary_helpers import DAY_AFTER, DAY_BEFORE, meeting_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(facilitator, note_taker, agency_a, agency_b):
    return meeting_in(
        MeetingStatus.NOTES_CLOSED, facilitator=facilitator, note_taker=note_taker, agencies=[agency_a, agency_b]
    )


def test_one_click_creates_an_item_per_action_point_and_twice_creates_none_more(
    meeting, facilitator, agency_a, client_for
):
    DiscussionPointFactory(meeting=meeting, agency=agency_a, kind=PointKind.ACTION_ITEM, text="ปรับปรุงทะเบียนเกษตรกร")
    DiscussionPointFactory(meeting=meeting, agency=agency_a, kind=PointKind.ACTION_ITEM, text="จัดทำแบบสอบถาม")
    DiscussionPointFactory(meeting=meeting, agency=agency_a, kind=PointKind.PROBLEM, text="ไม่ใช่งานที่ต้องทำ")
    client = client_for(facilitator)
    url = reverse("meetings:action_items_from_points", args=[meeting.pk])

    client.post(url)
    client.post(url)

    items = ActionItem.objects.order_by("pk")
    assert [item.title for item in items] == ["ปรับปรุงทะเบียนเกษตรกร", "จัดทำแบบสอบถาม"]
    assert all(item.agency == agency_a and item.status == ActionStatus.OPEN for item in items)


def test_note_taker_adds_an_item_by_hand_with_a_be_due_date(meeting, note_taker, agency_b, client_for):
    response = client_for(note_taker).post(
        reverse("meetings:meeting_actions", args=[meeting.pk]),
        {
            "title": "ส่งรายชื่อกลุ่มผู้รับบริการ",
            "agency": agency_b.pk,
            "responsible_person": "นางวันดี",
            "due_date": "30/09/2550",
            "status": "open",
            "note": "",
        },
    )

    assert response.status_code == 302
    item = ActionItem.objects.get()
    assert item.due_date == datetime.date(2007, 9, 30) and item.created_by == note_taker


def test_a_due_date_before_the_meeting_is_refused_beside_the_field_and_keeps_the_text(
    meeting, facilitator, agency_a, client_for
):
    response = client_for(facilitator).post(
        reverse("meetings:meeting_actions", args=[meeting.pk]),
        {"title": "งานที่พิมพ์ไว้", "agency": agency_a.pk, "due_date": "30/08/2550", "status": "open"},
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert "due_date" in form.errors
    assert "งานที่พิมพ์ไว้" in response.content.decode()
    assert not ActionItem.objects.exists()


def test_due_date_before_the_meeting_is_refused_by_the_service_too(meeting, facilitator):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        services.action_item_create(meeting=meeting, by=facilitator, title="x", due_date=DAY_BEFORE)
    assert "due_date" in refused.value.message_dict


def test_a_christian_era_due_date_is_refused(meeting, facilitator, client_for):
    response = client_for(facilitator).post(
        reverse("meetings:meeting_actions", args=[meeting.pk]),
        {"title": "งาน", "due_date": "30/09/2007", "status": "open"},
    )
    assert "due_date" in response.context["form"].errors


def test_officer_cannot_add_items_but_updates_the_status_of_their_agencys_item(
    meeting, facilitator, officer_a, officer_b, agency_a, client_for
):
    item = services.action_item_create(meeting=meeting, by=facilitator, title="งานของหน่วยงาน A", agency=agency_a)
    url = reverse("meetings:action_status", args=[item.pk])

    assert (
        client_for(officer_a)
        .post(reverse("meetings:meeting_actions", args=[meeting.pk]), {"title": "x", "status": "open"})
        .status_code
        == 403
    )
    assert client_for(officer_b).post(url, {"status": "done"}).status_code == 403
    response = client_for(officer_a).post(url, {"status": "in_progress"}, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    item.refresh_from_db()
    assert item.status == ActionStatus.IN_PROGRESS


def test_cross_meeting_list_shows_open_items_and_marks_overdue_ones_with_text(
    meeting, facilitator, observer, agency_a, agency_b, client_for
):
    services.action_item_create(
        meeting=meeting, by=facilitator, title="เลยกำหนดแล้ว", agency=agency_a, due_date=DAY_AFTER
    )
    services.action_item_create(
        meeting=meeting, by=facilitator, title="ยังไม่ถึงกำหนด", agency=agency_b, due_date=datetime.date(2099, 1, 1)
    )
    services.action_item_create(
        meeting=meeting,
        by=facilitator,
        title="งานที่ปิดไปแล้ว",
        agency=agency_a,
        due_date=DAY_AFTER,
        status=ActionStatus.DONE,
    )

    response = client_for(observer).get(reverse("meetings:action_list"))

    page = response.content.decode()
    assert "เลยกำหนดแล้ว" in page and "ยังไม่ถึงกำหนด" in page and "งานที่ปิดไปแล้ว" not in page
    overdue_row = page[page.index("เลยกำหนดแล้ว") : page.index("ยังไม่ถึงกำหนด")]
    assert "Overdue" in overdue_row or "เลยกำหนด" in overdue_row
    assert "action-overdue" in page


def test_list_filters_by_agency_due_date_and_status(meeting, facilitator, observer, agency_a, agency_b, client_for):
    services.action_item_create(
        meeting=meeting, by=facilitator, title="งาน A กันยา", agency=agency_a, due_date=datetime.date(2007, 9, 15)
    )
    services.action_item_create(
        meeting=meeting, by=facilitator, title="งาน B ตุลา", agency=agency_b, due_date=datetime.date(2007, 10, 15)
    )
    services.action_item_create(
        meeting=meeting,
        by=facilitator,
        title="งาน A เสร็จ",
        agency=agency_a,
        due_date=datetime.date(2007, 9, 20),
        status=ActionStatus.DONE,
    )
    client = client_for(observer)
    url = reverse("meetings:action_list")

    def titles(**params):
        return {item.title for item in client.get(url, params).context["page"].object_list}

    assert titles(agency=agency_a.pk) == {"งาน A กันยา"}
    assert titles(due_until="30/09/2550") == {"งาน A กันยา"}
    assert titles(due_from="01/10/2550") == {"งาน B ตุลา"}
    assert titles(status="done") == {"งาน A เสร็จ"}
    assert titles(status=["open", "done"]) == {"งาน A กันยา", "งาน B ตุลา", "งาน A เสร็จ"}
    assert titles(overdue="on") == {"งาน A กันยา", "งาน B ตุลา"}


def test_officer_sees_items_of_their_meetings_and_of_their_agency_only(
    facilitator, officer_b, agency_a, agency_b, client_for
):
    theirs = meeting_in(MeetingStatus.NOTES_CLOSED, facilitator=facilitator, agencies=[agency_b])
    other = meeting_in(MeetingStatus.NOTES_CLOSED, facilitator=facilitator, agencies=[agency_a])
    services.action_item_create(meeting=theirs, by=facilitator, title="ในการประชุมของเขา")
    services.action_item_create(meeting=other, by=facilitator, title="มอบหมายให้หน่วยงานเขา", agency=agency_b)
    services.action_item_create(meeting=other, by=facilitator, title="ไม่เกี่ยวกับเขา", agency=agency_a)

    page = client_for(officer_b).get(reverse("meetings:action_list")).content.decode()

    assert "ในการประชุมของเขา" in page and "มอบหมายให้หน่วยงานเขา" in page and "ไม่เกี่ยวกับเขา" not in page


@pytest.mark.parametrize("size", [3, 40])
def test_action_pages_keep_a_fixed_query_count(
    facilitator, observer, agency_a, client_for, size, django_assert_max_num_queries
):
    for number in range(size):
        meeting = MeetingFactory(status=MeetingStatus.NOTES_CLOSED)
        ActionItem.objects.create(meeting=meeting, title=f"งาน {number}", agency=agency_a, due_date=DAY_AFTER)
    crowded = meeting_in(MeetingStatus.NOTES_CLOSED, facilitator=facilitator, agencies=[agency_a])
    for number in range(size):
        ActionItem.objects.create(meeting=crowded, title=f"งานในที่ประชุม {number}", agency=agency_a)

    client = client_for(observer)
    with django_assert_max_num_queries(7):
        assert client.get(reverse("meetings:action_list")).status_code == 200
    client = client_for(facilitator)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("meetings:meeting_actions", args=[crowded.pk])).status_code == 200


def test_items_cannot_be_added_to_a_planned_meeting(facilitator, agency_a):
    from django.core.exceptions import ValidationError

    planned = meeting_in(MeetingStatus.PLANNED, facilitator=facilitator, agencies=[agency_a])
    with pytest.raises(ValidationError):
        services.action_item_create(meeting=planned, by=facilitator, title="ยังไม่ได้ประชุม")


def test_officer_gets_the_status_control_only_for_their_agencys_items_in_the_list(
    meeting, facilitator, officer_a, agency_a, agency_b, client_for
):
    own = services.action_item_create(meeting=meeting, by=facilitator, title="งานของ A", agency=agency_a)
    other = services.action_item_create(meeting=meeting, by=facilitator, title="งานของ B", agency=agency_b)

    page = client_for(officer_a).get(reverse("meetings:action_list")).content.decode()

    assert reverse("meetings:action_status", args=[own.pk]) in page
    assert reverse("meetings:action_status", args=[other.pk]) not in page
