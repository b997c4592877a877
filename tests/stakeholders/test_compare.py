"""Comparing the groups of the agencies of a province, or of a chosen set, for one fiscal year."""

from django.urls import reverse

from pmqa_portal.models import Agency, Province
from stakeholders.models import StakeholderGroup
from stakeholders.selectors import compare_agencies, comparison_key
from tests.factories import AgencyFactory, StakeholderGroupFactory, stakeholder_subgroup


def compare(client, **params):
    return client.get(reverse("stakeholders:compare"), params)


def test_names_are_compared_without_spacing_numbering_or_punctuation():
    assert comparison_key("1. เกษตรกร") == comparison_key("เกษตรกร ") == comparison_key("(๑) เกษตร กร")
    assert comparison_key("ด้านพืช") != comparison_key("ด้านพืช ไร่")
    assert comparison_key("กลุ่มเกษตรกร") != comparison_key("เกษตรกร")
    assert comparison_key("ด้านปศุสัตว์") != comparison_key("ดานปศสตว"), "Thai vowels and tone marks count"


def test_comparison_shows_shared_groups_and_agencies_without_groups(agency_a, agency_b, db):
    agency_c = AgencyFactory(name_th="สำนักงานประมงจังหวัดทดสอบ")
    for agency in (agency_a, agency_b):
        farmers = StakeholderGroupFactory(agency=agency, name="เกษตรกร")
        stakeholder_subgroup(farmers, name="ด้านพืช")
    StakeholderGroupFactory(agency=agency_b, name="1. ผู้ประกอบการ")
    StakeholderGroupFactory(agency=agency_c, fiscal_year=2551, name="เกษตรกร")

    comparison = compare_agencies(Agency.objects.filter(pk__in=[agency_a.pk, agency_b.pk, agency_c.pk]), 2550)
    assert [(shared.name, shared.count) for shared in comparison.shared] == [("ด้านพืช", 2), ("เกษตรกร", 2)]
    assert comparison.agencies_without_groups == [agency_c]
    assert [len(column.rows) for column in comparison.agencies_with_groups] == [3, 2]


def test_the_page_defaults_to_the_users_province(client_for, facilitator, agency_a, farmers, db):
    facilitator.agency = agency_a
    facilitator.save()
    response = compare(client_for(facilitator), fiscal_year=2550)
    comparison = response.context["comparison"]
    assert agency_a in [column.agency for column in comparison.columns]
    assert "เกษตรกร" in response.content.decode()


def test_the_page_compares_a_chosen_set_of_agencies(client_for, observer, farmers, group_b, agency_b):
    response = compare(client_for(observer), fiscal_year=2550, agencies=[agency_b.pk])
    assert [column.agency for column in response.context["comparison"].columns] == [agency_b]


def test_an_out_of_range_year_gets_a_message_beside_the_field(client_for, observer, farmers):
    response = compare(client_for(observer), fiscal_year=2007, province=farmers.agency.province_id)
    assert response.context["form"].errors["fiscal_year"]
    assert response.context["comparison"] is None


def test_officer_compares_only_agencies_they_may_read(client_for, officer_a, farmers, db):
    elsewhere = AgencyFactory(province=Province.objects.exclude(code="TH-62").first())
    StakeholderGroupFactory(agency=elsewhere, name="ลับ")
    response = compare(client_for(officer_a), fiscal_year=2550, agencies=[elsewhere.pk])
    assert response.context["comparison"] is None
    assert "ลับ" not in response.content.decode()


def test_thirty_agencies_compare_in_a_fixed_number_of_queries(client_for, observer, db, django_assert_max_num_queries):
    province = Province.objects.exclude(code="TH-62").first()  # a province with these 30 agencies only
    agencies = [AgencyFactory(province=province) for _ in range(30)]
    rows = []
    for index, agency in enumerate(agencies[:25]):
        rows += [StakeholderGroup(agency=agency, fiscal_year=2550, name=name) for name in ("เกษตรกร", "ผู้ประกอบการ")]
        rows.append(StakeholderGroup(agency=agency, fiscal_year=2550, name=f"กลุ่มเฉพาะ {index}"))
    StakeholderGroup.objects.bulk_create(rows)
    client = client_for(observer)
    with django_assert_max_num_queries(10):
        response = compare(client, fiscal_year=2550, province=province.pk)
    comparison = response.context["comparison"]
    assert len(comparison.columns) == 30
    assert len(comparison.agencies_without_groups) == 5
    assert {shared.name: shared.count for shared in comparison.shared} == {"เกษตรกร": 25, "ผู้ประกอบการ": 25}
