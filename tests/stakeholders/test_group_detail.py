"""One group's page: its details, needs and listening channels, and the edit form."""

from django.urls import reverse

from pmqa_portal.models import CriteriaItem
from stakeholders.models import GroupChange
from tests.factories import ListeningChannelFactory, NeedFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_the_page_shows_details_needs_channels_and_subgroups(client_for, facilitator, farmers, crop_farmers):
    NeedFactory(group=farmers, description="ราคาปุ๋ยที่เป็นธรรม")
    ListeningChannelFactory(group=farmers, kind="hotline", description="สายด่วน 1170")
    content = client_for(facilitator).get(farmers.get_absolute_url()).content.decode()
    for text in ("เกษตรกร", "ราคาปุ๋ยที่เป็นธรรม", "สายด่วน 1170", "ด้านพืช"):
        assert text in content


def test_editing_details_keeps_what_was_typed_when_a_field_is_wrong(client_for, officer_a, farmers):
    url = reverse("stakeholders:group_edit", args=[farmers.pk])
    data = {"name": "เกษตรกร", "kind": "service_recipient", "description": "ผู้ทำการเกษตร", "estimated_size": "มาก",
            "influence": 3, "interest": 3}  # fmt: skip
    response = client_for(officer_a).post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["estimated_size"]
    assert "ผู้ทำการเกษตร" in response.content.decode()
    farmers.refresh_from_db()
    assert farmers.description == ""


def test_editing_details_saves_and_logs_them(client_for, officer_a, farmers):
    item = CriteriaItem.objects.get(code="CS1")
    data = {"name": "เกษตรกร", "kind": "service_recipient", "description": "ผู้ทำการเกษตร", "estimated_size": "52000",
            "services": "ถ่ายทอดเทคโนโลยี", "influence": 3, "interest": 4, "criteria_items": [item.pk]}  # fmt: skip
    response = client_for(officer_a).post(reverse("stakeholders:group_edit", args=[farmers.pk]), data)
    assert response.status_code == 302
    farmers.refresh_from_db()
    assert (farmers.estimated_size, farmers.interest) == (52000, 4)
    assert list(farmers.criteria_items.all()) == [item]
    change = GroupChange.objects.get()
    assert change.changes["criteria_items"] == [[], ["CS1"]]
    assert change.changes["estimated_size"] == [None, 52000]


def test_renaming_to_a_siblings_name_in_the_edit_form_says_why(client_for, officer_a, farmers, enterprises):
    data = {"name": "วิสาหกิจชุมชน", "kind": "service_recipient", "influence": 2, "interest": 2}
    response = client_for(officer_a).post(reverse("stakeholders:group_edit", args=[farmers.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    farmers.refresh_from_db()
    assert farmers.name == "เกษตรกร"


def test_needs_and_channels_are_added_and_removed_in_place(client_for, officer_a, farmers):
    client = client_for(officer_a)
    response = client.post(
        reverse("stakeholders:need_add", args=[farmers.pk]),
        {"description": "ข้อมูลราคาผลผลิต", "kind": "need", "priority": 1},
        **HTMX,
    )
    assert 'id="needs-and-channels"' in response.content.decode() and "ข้อมูลราคาผลผลิต" in response.content.decode()
    client.post(
        reverse("stakeholders:channel_add", args=[farmers.pk]), {"kind": "survey", "frequency": "yearly"}, **HTMX
    )
    need, channel = farmers.needs.get(), farmers.channels.get()
    assert (need.priority, channel.kind) == (1, "survey")
    client.post(reverse("stakeholders:need_delete", args=[need.pk]), **HTMX)
    client.post(reverse("stakeholders:channel_delete", args=[channel.pk]))
    assert not farmers.needs.exists() and not farmers.channels.exists()


def test_an_empty_need_is_refused(client_for, officer_a, farmers):
    client_for(officer_a).post(reverse("stakeholders:need_add", args=[farmers.pk]), {"description": " "}, **HTMX)
    assert not farmers.needs.exists()


def test_officer_cannot_remove_another_agencys_need(client_for, officer_a, group_b):
    need = NeedFactory(group=group_b)
    response = client_for(officer_a).post(reverse("stakeholders:need_delete", args=[need.pk]))
    assert response.status_code == 403
    assert group_b.needs.exists()
