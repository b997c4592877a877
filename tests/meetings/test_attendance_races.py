"""A person is listed once: the same form posted twice, and twins stored by another request meanwhile."""

from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext

from meetings.models import Attendance, MeetingRole, WorkingGroup, WorkingGroupMember
from meetings.services import groups as group_services
from meetings.services import meetings as services
from tests.factories import AttendanceFactory, WorkingGroupMemberFactory, kamphaeng_phet

ALREADY_LISTED = "This person is already listed for the meeting."
ALREADY_MEMBER = "This person is already a member of the group."


def attendee(agency, **fields):
    return {"name": "นายสมชาย ใจดี", "agency": agency.pk, "role": "member", "attendance": "present", **fields}


def test_adding_a_person_without_an_account_twice_lists_them_once(client_for, facilitator, meeting, agency_a):
    client = client_for(facilitator)
    client.post(reverse("meetings:attendance", args=[meeting.pk]), attendee(agency_a))

    response = client.post(reverse("meetings:attendance", args=[meeting.pk]), attendee(agency_a))

    assert response.status_code == 200
    assert gettext(ALREADY_LISTED) in response.content.decode()
    assert "นายสมชาย ใจดี" in response.content.decode()  # what was typed is kept in the form
    assert meeting.attendances.filter(name="นายสมชาย ใจดี").count() == 1


def test_the_same_name_in_another_agency_is_another_person(client_for, facilitator, meeting, agency_a, agency_b):
    client = client_for(facilitator)
    client.post(reverse("meetings:attendance", args=[meeting.pk]), attendee(agency_a))
    client.post(reverse("meetings:attendance", args=[meeting.pk]), attendee(agency_b))

    page = client.get(reverse("meetings:attendance", args=[meeting.pk]))

    assert page.status_code == 200
    assert meeting.attendances.filter(name="นายสมชาย ใจดี").count() == 2


def test_a_guest_without_an_agency_is_listed_once(facilitator, meeting):
    services.attendance_add(meeting=meeting, name="ผู้สังเกตการณ์", role=MeetingRole.GUEST)

    with pytest.raises(ValidationError) as refused:
        services.attendance_add(meeting=meeting, name="ผู้สังเกตการณ์", role=MeetingRole.GUEST)

    assert refused.value.messages == [gettext(ALREADY_LISTED)]
    assert meeting.attendances.filter(name="ผู้สังเกตการณ์").count() == 1


def test_renaming_someone_to_a_person_already_listed_is_refused_in_the_form(client_for, facilitator, meeting, agency_a):
    AttendanceFactory(meeting=meeting, name="นายสมชาย ใจดี", agency=agency_a)
    other = AttendanceFactory(meeting=meeting, name="นายสมศักดิ์ ใจดี", agency=agency_a)

    response = client_for(facilitator).post(
        reverse("meetings:attendance_update", args=[other.pk]), attendee(agency_a)
    )

    assert response.status_code == 200
    assert gettext(ALREADY_LISTED) in response.content.decode()
    other.refresh_from_db()
    assert other.name == "นายสมศักดิ์ ใจดี"


def test_a_user_listed_by_another_request_meanwhile_is_refused_with_the_forms_message(meeting, officer_a):
    AttendanceFactory(meeting=meeting, user=officer_a)

    # As when the other request saved after this one's check: only the database sees the twin.
    with mock.patch.object(Attendance, "full_clean"), pytest.raises(ValidationError) as refused:
        services.attendance_add(meeting=meeting, user=officer_a, role=MeetingRole.MEMBER)

    assert refused.value.messages == [gettext(ALREADY_LISTED)]
    assert meeting.attendances.filter(user=officer_a).count() == 1


def test_filling_from_the_group_twice_adds_a_member_without_an_account_once(client_for, facilitator, meeting, agency_a):
    WorkingGroupMemberFactory(working_group=meeting.working_group, user=None, name="นางสาวสมหญิง รักงาน",
                              agency=agency_a)  # fmt: skip
    client = client_for(facilitator)
    client.post(reverse("meetings:attendance_fill_from_group", args=[meeting.pk]))

    response = client.post(reverse("meetings:attendance_fill_from_group", args=[meeting.pk]), follow=True)

    assert meeting.attendances.filter(name="นางสาวสมหญิง รักงาน").count() == 1
    assert gettext("Every member of the working group is already listed.") in response.content.decode()


def test_a_member_without_an_agency_is_matched_by_name(meeting):
    WorkingGroupMemberFactory(working_group=meeting.working_group, user=None, name="ที่ปรึกษา", agency=None)

    assert services.attendance_fill_from_group(meeting=meeting) == 1
    assert services.attendance_fill_from_group(meeting=meeting) == 0


# --- working groups -------------------------------------------------------------------


def test_adding_a_member_without_an_account_twice_adds_them_once(client_for, facilitator, group, agency_a):
    client = client_for(facilitator)
    data = {"name": "นายสมปอง ปลาดี", "agency": agency_a.pk, "role": "member"}
    client.post(reverse("meetings:member_add", args=[group.pk]), data)

    response = client.post(reverse("meetings:member_add", args=[group.pk]), data)

    assert response.status_code == 200
    assert gettext(ALREADY_MEMBER) in response.content.decode()
    assert group.members.filter(name="นายสมปอง ปลาดี").count() == 1
    assert client.get(reverse("meetings:group_detail", args=[group.pk])).status_code == 200


def test_a_member_added_by_another_request_meanwhile_is_refused_with_the_forms_message(group, officer_a):
    WorkingGroupMemberFactory(working_group=group, user=officer_a)

    with mock.patch.object(WorkingGroupMember, "full_clean"), pytest.raises(ValidationError) as refused:
        group_services.member_add(group=group, user=officer_a)

    assert refused.value.messages == [gettext(ALREADY_MEMBER)]
    assert group.members.filter(user=officer_a).count() == 1


def test_creating_a_working_group_twice_says_the_name_is_taken(client_for, facilitator):
    client = client_for(facilitator)
    data = {"province": kamphaeng_phet().pk, "name": "คณะทำงาน PMQA จังหวัดกำแพงเพชร", "is_active": "on"}
    client.post(reverse("meetings:group_create"), data)

    response = client.post(reverse("meetings:group_create"), data)

    assert response.status_code == 200
    assert gettext("The province already has a working group of this name.") in response.content.decode()
    assert WorkingGroup.objects.filter(name=data["name"]).count() == 1


def test_a_working_group_created_by_another_request_meanwhile_is_refused_with_the_forms_message(facilitator, group):
    with mock.patch.object(WorkingGroup, "full_clean"), pytest.raises(ValidationError) as refused:
        group_services.working_group_create(by=facilitator, province=group.province, name=group.name)

    assert refused.value.messages == [gettext("The province already has a working group of this name.")]
    assert WorkingGroup.objects.filter(name=group.name).count() == 1
