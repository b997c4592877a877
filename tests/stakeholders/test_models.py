"""Rules the database and the model keep: names, fiscal years, the parent's agency and year."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from pmqa_portal.thai_dates import current_fiscal_year
from stakeholders.models import FISCAL_YEAR_MIN, StakeholderGroup, validate_fiscal_year
from tests.factories import StakeholderGroupFactory, stakeholder_subgroup


def test_two_subgroups_with_one_name_under_one_parent_are_refused_by_the_database(farmers, crop_farmers):
    with pytest.raises(IntegrityError), transaction.atomic():
        StakeholderGroup.objects.create(
            agency=farmers.agency, fiscal_year=farmers.fiscal_year, parent=farmers, name="ด้านพืช"
        )


def test_two_top_level_groups_with_one_name_in_one_year_are_refused_by_the_database(farmers):
    with pytest.raises(IntegrityError), transaction.atomic():
        StakeholderGroup.objects.create(agency=farmers.agency, fiscal_year=farmers.fiscal_year, name="เกษตรกร")


def test_the_same_name_is_fine_under_another_parent_another_year_or_another_agency(farmers, enterprises, agency_b):
    stakeholder_subgroup(farmers, name="ด้านการผลิต")
    stakeholder_subgroup(enterprises, name="ด้านการผลิต")
    StakeholderGroupFactory(agency=farmers.agency, fiscal_year=2551, name="เกษตรกร")
    StakeholderGroupFactory(agency=agency_b, name="เกษตรกร")
    assert StakeholderGroup.objects.filter(name__in=["ด้านการผลิต", "เกษตรกร"]).count() == 5


def test_full_clean_reports_a_duplicate_name_in_thai(farmers):
    duplicate = StakeholderGroup(agency=farmers.agency, fiscal_year=farmers.fiscal_year, name="  เกษตรกร ")
    with pytest.raises(ValidationError) as caught:
        duplicate.full_clean()
    assert "ชื่อนี้อยู่แล้ว" in " ".join(caught.value.messages)


@pytest.mark.parametrize("year", [2539, 2007, 1, current_fiscal_year() + 6, 3100])
def test_a_fiscal_year_outside_the_sensible_range_is_refused(year):
    with pytest.raises(ValidationError):
        validate_fiscal_year(year)


@pytest.mark.parametrize("year", [FISCAL_YEAR_MIN, 2550, current_fiscal_year(), current_fiscal_year() + 5])
def test_fiscal_years_inside_the_range_are_accepted(year):
    validate_fiscal_year(year)


def test_a_christian_era_year_gets_the_buddhist_era_hint():
    with pytest.raises(ValidationError) as caught:
        validate_fiscal_year(2007)
    assert "2550" in caught.value.messages[0]


def test_the_database_refuses_a_fiscal_year_before_2540(agency_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        StakeholderGroup.objects.create(agency=agency_a, fiscal_year=2007, name="เกษตรกร")


def test_the_database_refuses_an_influence_above_very_high(agency_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        StakeholderGroup.objects.create(agency=agency_a, fiscal_year=2550, name="เกษตรกร", influence=5)


def test_a_parent_of_another_agency_is_refused(farmers, agency_b):
    group = StakeholderGroup(agency=agency_b, fiscal_year=2550, parent=farmers, name="ด้านพืช")
    with pytest.raises(ValidationError) as caught:
        group.full_clean()
    assert "parent" in caught.value.message_dict


def test_a_parent_of_another_year_is_refused(farmers):
    group = StakeholderGroup(agency=farmers.agency, fiscal_year=2551, parent=farmers, name="ด้านพืช")
    with pytest.raises(ValidationError):
        group.full_clean()


def test_tree_position_lists_each_group_after_its_parent(farmers, crop_farmers, livestock_farmers, rice_farmers,
                                                          enterprises):  # fmt: skip
    rows = list(StakeholderGroup.objects.filter(agency=farmers.agency).in_tree_order())
    assert [row.name for row in rows] == ["เกษตรกร", "ด้านพืช", "ชาวนา", "ด้านปศุสัตว์", "วิสาหกิจชุมชน"]
    assert [row.depth for row in rows] == [0, 1, 2, 1, 0]
    assert rows[2].parent_path == "เกษตรกร > ด้านพืช"
    assert rows[0].parent_path == ""


@pytest.mark.parametrize(
    ("influence", "interest", "advice"),
    [(4, 4, "Manage closely"), (3, 1, "Keep satisfied"), (1, 3, "Keep informed"), (2, 2, "Monitor")],
)
def test_map_quadrant_follows_influence_and_interest(influence, interest, advice):
    group = StakeholderGroup(influence=influence, interest=interest)
    with translation.override("en"):
        assert group.map_quadrant == advice
