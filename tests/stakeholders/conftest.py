"""A small tree for agency A: the groups agreed at the Kamphaeng Phet meeting."""

import pytest

from tests.factories import StakeholderGroupFactory, stakeholder_subgroup


@pytest.fixture
def farmers(agency_a):
    return StakeholderGroupFactory(agency=agency_a, name="เกษตรกร", order=0)


@pytest.fixture
def crop_farmers(farmers):
    return stakeholder_subgroup(farmers, name="ด้านพืช", order=0)


@pytest.fixture
def livestock_farmers(farmers):
    return stakeholder_subgroup(farmers, name="ด้านปศุสัตว์", order=1)


@pytest.fixture
def rice_farmers(crop_farmers):
    return stakeholder_subgroup(crop_farmers, name="ชาวนา", order=0)


@pytest.fixture
def enterprises(agency_a):
    return StakeholderGroupFactory(agency=agency_a, name="วิสาหกิจชุมชน", order=1)


@pytest.fixture
def group_b(agency_b):
    """A group of agency B, which officer A must not change."""
    return StakeholderGroupFactory(agency=agency_b, name="ผู้เลี้ยงสัตว์")
