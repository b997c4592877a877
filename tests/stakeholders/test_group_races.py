"""A group name is used once per parent and year: the same form posted twice, and a twin stored meanwhile."""

from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext

from stakeholders import services
from stakeholders.models import StakeholderGroup
from tests.factories import StakeholderGroupFactory, stakeholder_subgroup

TOP_LEVEL_TAKEN = "A top-level group with this name already exists for this fiscal year."


def test_adding_a_group_twice_adds_it_once_and_says_why(client_for, officer_a, agency_a):
    client = client_for(officer_a)
    address = reverse("stakeholders:group_add", args=[agency_a.pk, 2550])
    client.post(address, {"name": "เกษตรกร"})

    response = client.post(address, {"name": "เกษตรกร"}, follow=True)

    assert gettext(TOP_LEVEL_TAKEN) in response.content.decode()
    assert StakeholderGroup.objects.filter(agency=agency_a, fiscal_year=2550, name="เกษตรกร").count() == 1


def test_a_group_added_by_another_request_meanwhile_is_refused_with_the_forms_message(officer_a, agency_a):
    StakeholderGroupFactory(agency=agency_a, fiscal_year=2550, name="เกษตรกร")

    # As when the other request saved after this one's check: only the database sees the twin.
    with mock.patch.object(StakeholderGroup, "full_clean"), pytest.raises(ValidationError) as refused:
        services.group_create(agency=agency_a, fiscal_year=2550, name="เกษตรกร", by=officer_a)

    assert refused.value.messages == [gettext(TOP_LEVEL_TAKEN)]
    assert StakeholderGroup.objects.filter(agency=agency_a, name="เกษตรกร").count() == 1


def test_a_rename_to_a_name_taken_meanwhile_is_refused_with_the_forms_message(officer_a, agency_a):
    farmers = StakeholderGroupFactory(agency=agency_a, name="เกษตรกร")
    crops = stakeholder_subgroup(farmers, name="ด้านพืช")
    livestock = stakeholder_subgroup(farmers, name="ด้านปศุสัตว์")

    with mock.patch.object(StakeholderGroup, "full_clean"), pytest.raises(ValidationError) as refused:
        services.group_rename(group=livestock, name=crops.name, by=officer_a)

    assert refused.value.messages == [gettext("A group with this name already exists under the same parent.")]
    livestock.refresh_from_db()
    assert livestock.name == "ด้านปศุสัตว์"


def test_carrying_forward_twice_copies_once_and_says_nothing_more_was_copied(client_for, officer_a, agency_a):
    farmers = StakeholderGroupFactory(agency=agency_a, fiscal_year=2549, name="เกษตรกร")
    stakeholder_subgroup(farmers, name="ด้านพืช")
    client = client_for(officer_a)
    address = reverse("stakeholders:carry_forward", args=[agency_a.pk, 2550])
    client.post(address, {"source": "previous_year"})

    response = client.post(address, {"source": "previous_year"}, follow=True)

    assert gettext("Every group is already in this year: nothing more was copied.") in response.content.decode()
    assert StakeholderGroup.objects.filter(agency=agency_a, fiscal_year=2550).count() == 2
