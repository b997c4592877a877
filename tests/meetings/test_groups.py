"""Working groups: list, detail, create and edit with members and member agencies."""

from django.urls import reverse

from meetings.models import MemberRole, WorkingGroup
from tests.factories import AgencyFactory, WorkingGroupFactory, kamphaeng_phet


def test_facilitator_creates_a_group_and_becomes_its_facilitator(client_for, facilitator, agency_a):
    response = client_for(facilitator).post(
        reverse("meetings:group_create"),
        {
            "province": kamphaeng_phet().pk,
            "name": "คณะทำงาน PMQA ทดสอบ",
            "member_agencies": [agency_a.pk],
            "is_active": "on",
        },  # fmt: skip
    )
    group = WorkingGroup.objects.get(name="คณะทำงาน PMQA ทดสอบ")
    assert response["Location"] == group.get_absolute_url()
    assert set(group.member_agencies.all()) == {agency_a, facilitator.agency}
    assert group.members.get().role == MemberRole.FACILITATOR


def test_an_officer_cannot_create_a_group(client_for, officer_a):
    response = client_for(officer_a).post(
        reverse("meetings:group_create"), {"province": kamphaeng_phet().pk, "name": "x"}
    )
    assert response.status_code == 403
    assert not WorkingGroup.objects.exists()


def test_a_duplicate_name_in_the_province_is_refused(client_for, facilitator, group):
    response = client_for(facilitator).post(
        reverse("meetings:group_create"), {"province": group.province_id, "name": group.name}
    )
    assert response.status_code == 200
    assert WorkingGroup.objects.filter(name=group.name).count() == 1


def test_add_a_member_without_an_account_adds_their_agency(client_for, facilitator, group):
    agency = AgencyFactory()
    client_for(facilitator).post(
        reverse("meetings:member_add", args=[group.pk]),
        {"name": "นายสมปอง ปลาดี", "agency": agency.pk, "position": "นักวิชาการประมง", "role": MemberRole.MEMBER},
    )
    member = group.members.get(name="นายสมปอง ปลาดี")
    assert member.agency == agency
    assert group.member_agencies.filter(pk=agency.pk).exists()


def test_a_member_needs_a_user_or_a_name(client_for, facilitator, group):
    response = client_for(facilitator).post(reverse("meetings:member_add", args=[group.pk]), {"role": "member"})
    assert "name" in response.context["form"].errors


def test_remove_a_member(client_for, facilitator, group):
    client = client_for(facilitator)
    client.post(reverse("meetings:member_add", args=[group.pk]), {"name": "ผู้ชั่วคราว", "role": "member"})
    member = group.members.get(name="ผู้ชั่วคราว")
    client.post(reverse("meetings:member_remove", args=[member.pk]))
    assert not group.members.filter(name="ผู้ชั่วคราว").exists()


def test_an_observer_reads_but_cannot_edit(client_for, observer, group):
    client = client_for(observer)
    assert client.get(group.get_absolute_url()).status_code == 200
    assert client.get(reverse("meetings:group_update", args=[group.pk])).status_code == 403


def test_an_officer_sees_only_groups_of_their_agency(client_for, officer_a, group):
    WorkingGroupFactory(name="กลุ่มอื่น")
    content = client_for(officer_a).get(reverse("meetings:group_list")).content.decode()
    assert group.name in content and "กลุ่มอื่น" not in content


def test_edit_the_group(client_for, facilitator, group, agency_a, agency_b):
    client_for(facilitator).post(
        reverse("meetings:group_update", args=[group.pk]),
        {"province": group.province_id, "name": "ชื่อใหม่", "member_agencies": [agency_a.pk, agency_b.pk]},
    )
    group.refresh_from_db()
    assert group.name == "ชื่อใหม่"
    assert set(group.member_agencies.all()) == {agency_a, agency_b}
    assert not group.is_active
