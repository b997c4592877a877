"""The list of groups with filters, pagination and a pinned number of queries."""

from django.urls import reverse

from pmqa_portal.models import AgencyKind, CriteriaItem, Province
from stakeholders.models import StakeholderGroup
from tests.factories import AgencyFactory, StakeholderGroupFactory, stakeholder_subgroup


def listed(client, **params):
    response = client.get(reverse("stakeholders:group_list"), params)
    assert response.status_code == 200
    return [group.name for group in response.context["page"]]


def test_filters_by_text_kind_year_and_criteria_item(client_for, facilitator, farmers, crop_farmers, enterprises):
    enterprises.kind = "stakeholder"
    enterprises.description = "กลุ่มแปรรูปข้าว"
    enterprises.save()
    crop_farmers.criteria_items.set([CriteriaItem.objects.get(code="CS1")])
    StakeholderGroupFactory(agency=farmers.agency, fiscal_year=2551, name="เกษตรกรรุ่นใหม่")
    client = client_for(facilitator)
    assert listed(client, q="แปรรูป") == ["วิสาหกิจชุมชน"]
    assert listed(client, kind="stakeholder") == ["วิสาหกิจชุมชน"]
    assert listed(client, fiscal_year=2551) == ["เกษตรกรรุ่นใหม่"]
    assert listed(client, criteria_item=CriteriaItem.objects.get(code="CS1").pk) == ["ด้านพืช"]


def test_filters_by_agency_province_and_ministry(client_for, facilitator, farmers, group_b, db):
    ministry = AgencyFactory(kind=AgencyKind.MINISTRY, province=None, name_th="กระทรวงทดสอบ")
    department = AgencyFactory(parent=ministry, province=None, name_th="กรมทดสอบ")
    office = AgencyFactory(parent=department, province=Province.objects.exclude(code="TH-62").first())
    StakeholderGroupFactory(agency=office, name="กลุ่มของกระทรวง")
    client = client_for(facilitator)
    assert listed(client, agency=group_b.agency_id) == ["ผู้เลี้ยงสัตว์"]
    assert listed(client, province=office.province_id) == ["กลุ่มของกระทรวง"]
    assert listed(client, ministry=ministry.pk) == ["กลุ่มของกระทรวง"]


def test_the_list_shows_groups_in_tree_order_with_their_parents(client_for, officer_a, farmers, crop_farmers,
                                                               rice_farmers):  # fmt: skip
    response = client_for(officer_a).get(reverse("stakeholders:group_list"), {"agency": farmers.agency_id})
    assert [group.name for group in response.context["page"]] == ["เกษตรกร", "ด้านพืช", "ชาวนา"]
    assert "เกษตรกร &gt; ด้านพืช" in response.content.decode()


def test_inactive_groups_are_hidden_unless_asked(client_for, officer_a, farmers, crop_farmers):
    crop_farmers.is_active = False
    crop_farmers.save()
    client = client_for(officer_a)
    assert listed(client) == ["เกษตรกร"]
    assert listed(client, include_inactive="on") == ["เกษตรกร", "ด้านพืช"]


def test_htmx_gets_only_the_results(client_for, officer_a, farmers):
    response = client_for(officer_a).get(reverse("stakeholders:group_list"), HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert "<html" not in content and "เกษตรกร" in content


def test_the_list_is_paginated(client_for, officer_a, agency_a):
    StakeholderGroup.objects.bulk_create(
        StakeholderGroup(agency=agency_a, fiscal_year=2550, name=f"กลุ่ม {index:03d}") for index in range(60)
    )
    client = client_for(officer_a)
    assert len(listed(client)) == 25
    assert len(listed(client, page=3)) == 10


def test_a_long_list_runs_a_fixed_number_of_queries(client_for, facilitator, agency_a, django_assert_max_num_queries):
    root = StakeholderGroupFactory(agency=agency_a, name="ราก")
    item = CriteriaItem.objects.get(code="CS1")
    for index in range(40):
        stakeholder_subgroup(root, name=f"กลุ่มย่อย {index}").criteria_items.add(item)
    client = client_for(facilitator)
    with django_assert_max_num_queries(12):
        names = listed(client)
    assert len(names) == 25


def test_a_very_long_list_says_more_than_a_thousand_and_still_pages(client_for, facilitator, agency_a, settings):
    settings.LANGUAGE_CODE = "en"
    StakeholderGroup.objects.bulk_create(
        StakeholderGroup(agency=agency_a, fiscal_year=2550, name=f"กลุ่ม {index:04d}") for index in range(1030)
    )
    client = client_for(facilitator)
    response = client.get(reverse("stakeholders:group_list"), {"page": 42})
    page = response.context["page"]
    assert not page.count_is_exact and page.count == 1000
    assert len(page) == 5 and not page.has_next and page.has_previous
    assert "More than 1000 groups" in response.content.decode()
