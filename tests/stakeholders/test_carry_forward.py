"""Starting a fiscal year from last year's tree, another agency's tree or a shared template."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from pmqa_portal.models import CriteriaItem
from stakeholders import services
from stakeholders.models import ChangeAction, GroupChange, StakeholderGroup, StakeholderTemplate
from tests.factories import ListeningChannelFactory, NeedFactory, StakeholderGroupFactory

MOAC = "moac-kamphaeng-phet-2550"


def tree(agency, year):
    return [
        (group.depth, group.name)
        for group in StakeholderGroup.objects.filter(agency=agency, fiscal_year=year).in_tree_order()
    ]


def test_the_moac_template_is_seeded_with_two_groups_and_five_subgroups(db):
    template = StakeholderTemplate.objects.get(code=MOAC)
    roots = {group.name: sorted(group.children.values_list("name", flat=True)) for group in template.groups.filter(
        parent=None)}  # fmt: skip
    assert roots == {
        "เกษตรกร": sorted(["ด้านพืช", "ด้านปศุสัตว์", "ด้านประมง"]),
        "วิสาหกิจชุมชน": sorted(["ด้านการผลิต", "ด้านการบริการ"]),
    }


def test_applying_the_template_builds_the_tree_in_order(officer_a, agency_a):
    created = services.groups_apply_template(
        template=StakeholderTemplate.objects.get(code=MOAC), agency=agency_a, fiscal_year=2551, by=officer_a
    )
    assert created == 7
    assert tree(agency_a, 2551) == [
        (0, "เกษตรกร"), (1, "ด้านพืช"), (1, "ด้านปศุสัตว์"), (1, "ด้านประมง"),
        (0, "วิสาหกิจชุมชน"), (1, "ด้านการผลิต"), (1, "ด้านการบริการ"),
    ]  # fmt: skip
    assert GroupChange.objects.filter(action=ChangeAction.COPIED).count() == 7


def test_applying_the_template_twice_adds_nothing_the_second_time(officer_a, agency_a):
    template = StakeholderTemplate.objects.get(code=MOAC)
    services.groups_apply_template(template=template, agency=agency_a, fiscal_year=2551, by=officer_a)
    assert services.groups_apply_template(template=template, agency=agency_a, fiscal_year=2551, by=officer_a) == 0
    assert StakeholderGroup.objects.filter(agency=agency_a, fiscal_year=2551).count() == 7


def test_carrying_forward_copies_details_needs_and_channels(officer_a, farmers, crop_farmers, rice_farmers):
    farmers.description = "ผู้ประกอบอาชีพเกษตรกรรม"
    farmers.influence = 4
    farmers.save()
    farmers.criteria_items.set([CriteriaItem.objects.get(code="CS1")])
    NeedFactory(group=farmers, description="ราคาปุ๋ยที่เป็นธรรม", priority=1)
    ListeningChannelFactory(group=farmers, kind="hotline", description="สายด่วน")
    created = services.groups_carry_forward(
        source_agency=farmers.agency, source_year=2550, agency=farmers.agency, fiscal_year=2551, by=officer_a
    )
    assert created == 3
    assert tree(farmers.agency, 2551) == [(0, "เกษตรกร"), (1, "ด้านพืช"), (2, "ชาวนา")]
    copy = StakeholderGroup.objects.get(agency=farmers.agency, fiscal_year=2551, name="เกษตรกร")
    assert copy.pk != farmers.pk
    assert (copy.description, copy.influence) == ("ผู้ประกอบอาชีพเกษตรกรรม", 4)
    assert list(copy.criteria_items.values_list("code", flat=True)) == ["CS1"]
    assert list(copy.needs.values_list("description", "priority")) == [("ราคาปุ๋ยที่เป็นธรรม", 1)]
    assert list(copy.channels.values_list("kind", flat=True)) == ["hotline"]


def test_copies_are_independent_of_the_original(officer_a, farmers, crop_farmers):
    NeedFactory(group=farmers, description="ความรู้")
    services.groups_carry_forward(
        source_agency=farmers.agency, source_year=2550, agency=farmers.agency, fiscal_year=2551, by=officer_a
    )
    copy = StakeholderGroup.objects.get(agency=farmers.agency, fiscal_year=2551, name="เกษตรกร")
    services.group_rename(group=copy, name="เกษตรกรทั่วไป", by=officer_a)
    services.group_update(group=copy, description="ใหม่", by=officer_a)
    copy.needs.all().delete()
    services.group_deactivate(group=StakeholderGroup.objects.get(fiscal_year=2551, name="ด้านพืช"), by=officer_a)
    services.group_rename(group=crop_farmers, name="ด้านพืชสวน", by=officer_a)

    farmers.refresh_from_db()
    crop_farmers.refresh_from_db()
    assert (farmers.name, farmers.description, farmers.needs.count()) == ("เกษตรกร", "", 1)
    assert crop_farmers.is_active
    assert StakeholderGroup.objects.get(fiscal_year=2551, parent__isnull=False).name == "ด้านพืช"


def test_inactive_groups_are_not_carried_forward(officer_a, farmers, crop_farmers, enterprises):
    services.group_deactivate(group=crop_farmers, by=officer_a)
    services.groups_carry_forward(
        source_agency=farmers.agency, source_year=2550, agency=farmers.agency, fiscal_year=2551, by=officer_a
    )
    assert tree(farmers.agency, 2551) == [(0, "เกษตรกร"), (0, "วิสาหกิจชุมชน")]


def test_copying_from_another_agency(officer_b, farmers, crop_farmers, agency_b):
    services.groups_carry_forward(
        source_agency=farmers.agency, source_year=2550, agency=agency_b, fiscal_year=2550, by=officer_b
    )
    assert tree(agency_b, 2550) == [(0, "เกษตรกร"), (1, "ด้านพืช")]
    assert tree(farmers.agency, 2550) == [(0, "เกษตรกร"), (1, "ด้านพืช")]


def test_copying_a_tree_onto_itself_is_refused(officer_a, farmers):
    with pytest.raises(ValidationError):
        services.groups_carry_forward(
            source_agency=farmers.agency, source_year=2550, agency=farmers.agency, fiscal_year=2550, by=officer_a
        )


def test_copying_from_an_empty_year_is_refused(officer_a, agency_a):
    with pytest.raises(ValidationError):
        services.groups_carry_forward(
            source_agency=agency_a, source_year=2549, agency=agency_a, fiscal_year=2550, by=officer_a
        )


# --- the page ---


def carry_url(agency, year):
    return reverse("stakeholders:carry_forward", args=[agency.pk, year])


def test_the_page_carries_last_years_groups_forward(client_for, officer_a, farmers, crop_farmers):
    response = client_for(officer_a).post(carry_url(farmers.agency, 2551), {"source": "previous_year"})
    assert response.status_code == 302
    assert tree(farmers.agency, 2551) == [(0, "เกษตรกร"), (1, "ด้านพืช")]


def test_the_page_applies_a_template(client_for, officer_a, agency_a):
    template = StakeholderTemplate.objects.get(code=MOAC)
    response = client_for(officer_a).post(carry_url(agency_a, 2550), {"source": "template", "template": template.pk})
    assert response.status_code == 302
    assert StakeholderGroup.objects.filter(agency=agency_a, fiscal_year=2550).count() == 7


def test_the_page_copies_from_another_agency_of_the_province(client_for, officer_b, farmers, agency_b):
    response = client_for(officer_b).post(
        carry_url(agency_b, 2551), {"source": "agency", "source_agency": farmers.agency_id, "source_year": 2550}
    )
    assert response.status_code == 302
    assert tree(agency_b, 2551) == [(0, "เกษตรกร")]


def test_the_page_explains_an_empty_previous_year(client_for, officer_a, agency_a):
    response = client_for(officer_a).post(carry_url(agency_a, 2551), {"source": "previous_year"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not StakeholderGroup.objects.exists()


def test_officer_cannot_carry_forward_into_another_agency(client_for, officer_a, agency_b, farmers):
    response = client_for(officer_a).post(
        carry_url(agency_b, 2551), {"source": "agency", "source_agency": farmers.agency_id, "source_year": 2550}
    )
    assert response.status_code == 403
    assert not StakeholderGroup.objects.filter(agency=agency_b).exists()


def test_officer_cannot_copy_from_an_agency_they_cannot_read(client_for, officer_a, agency_a, db):
    from pmqa_portal.models import Province
    from tests.factories import AgencyFactory

    elsewhere = AgencyFactory(province=Province.objects.exclude(code="TH-62").first())
    StakeholderGroupFactory(agency=elsewhere, name="ลับ")
    response = client_for(officer_a).post(
        carry_url(agency_a, 2550), {"source": "agency", "source_agency": elsewhere.pk, "source_year": 2550}
    )
    assert response.status_code == 200
    assert "source_agency" in response.context["form"].errors
    assert not StakeholderGroup.objects.filter(agency=agency_a).exists()
