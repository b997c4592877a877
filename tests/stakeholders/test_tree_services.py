"""Adding, renaming, moving, reordering and deactivating groups (stakeholders.services)."""

import pytest
from django.core.exceptions import ValidationError

from stakeholders import services
from stakeholders.models import MAX_DEPTH, ChangeAction, GroupChange, StakeholderGroup
from tests.factories import StakeholderGroupFactory, stakeholder_subgroup


def names_in_order(agency):
    return [group.name for group in StakeholderGroup.objects.filter(agency=agency).in_tree_order()]


def test_a_new_subgroup_goes_last_and_takes_its_parents_kind(officer_a, farmers, crop_farmers, livestock_farmers):
    farmers.kind = "stakeholder"
    farmers.save()
    fishers = services.group_create(
        agency=farmers.agency, fiscal_year=2550, parent=farmers, name=" ด้านประมง ", by=officer_a
    )
    assert fishers.name == "ด้านประมง"
    assert fishers.kind == "stakeholder"
    assert names_in_order(farmers.agency) == ["เกษตรกร", "ด้านพืช", "ด้านปศุสัตว์", "ด้านประมง"]


def test_a_duplicate_name_under_one_parent_is_refused_and_nothing_is_written(officer_a, farmers, crop_farmers):
    before = StakeholderGroup.objects.count(), GroupChange.objects.count()
    with pytest.raises(ValidationError):
        services.group_create(agency=farmers.agency, fiscal_year=2550, parent=farmers, name="ด้านพืช", by=officer_a)
    assert (StakeholderGroup.objects.count(), GroupChange.objects.count()) == before


def test_renaming_to_a_siblings_name_is_refused(officer_a, crop_farmers, livestock_farmers):
    with pytest.raises(ValidationError):
        services.group_rename(group=crop_farmers, name="ด้านปศุสัตว์", by=officer_a)
    crop_farmers.refresh_from_db()
    assert crop_farmers.name == "ด้านพืช"


def test_a_group_of_an_out_of_range_fiscal_year_is_refused(officer_a, agency_a):
    with pytest.raises(ValidationError) as caught:
        services.group_create(agency=agency_a, fiscal_year=2007, name="เกษตรกร", by=officer_a)
    assert "fiscal_year" in caught.value.message_dict
    assert not StakeholderGroup.objects.exists()


def test_moving_a_group_takes_its_subtree_along(officer_a, farmers, crop_farmers, rice_farmers, enterprises):
    services.group_move(group=crop_farmers, new_parent=enterprises, by=officer_a)
    assert names_in_order(farmers.agency) == ["เกษตรกร", "วิสาหกิจชุมชน", "ด้านพืช", "ชาวนา"]
    rice_farmers.refresh_from_db()
    assert rice_farmers.parent_id == crop_farmers.pk


def test_moving_a_group_under_its_own_subgroup_is_refused(officer_a, farmers, crop_farmers, rice_farmers):
    with pytest.raises(ValidationError) as caught:
        services.group_move(group=farmers, new_parent=rice_farmers, by=officer_a)
    assert "subgroup" in " ".join(caught.value.messages) or "กลุ่มย่อย" in " ".join(caught.value.messages)
    farmers.refresh_from_db()
    assert farmers.parent_id is None
    assert not GroupChange.objects.filter(action=ChangeAction.MOVED).exists()


def test_moving_a_group_under_itself_is_refused(officer_a, farmers):
    with pytest.raises(ValidationError):
        services.group_move(group=farmers, new_parent=farmers, by=officer_a)


def test_moving_under_a_group_of_another_agency_is_refused(officer_a, crop_farmers, group_b):
    with pytest.raises(ValidationError):
        services.group_move(group=crop_farmers, new_parent=group_b, by=officer_a)
    crop_farmers.refresh_from_db()
    assert crop_farmers.parent.name == "เกษตรกร"


def test_moving_to_the_top_level(officer_a, farmers, crop_farmers):
    services.group_move(group=crop_farmers, new_parent=None, by=officer_a)
    crop_farmers.refresh_from_db()
    assert crop_farmers.parent_id is None
    change = GroupChange.objects.get(action=ChangeAction.MOVED)
    assert change.changes == {"parent": ["เกษตรกร", None]}


def test_moving_next_to_a_group_of_the_same_name_is_refused(officer_a, farmers, crop_farmers, enterprises):
    stakeholder_subgroup(enterprises, name="ด้านพืช")
    with pytest.raises(ValidationError):
        services.group_move(group=crop_farmers, new_parent=enterprises, by=officer_a)


def test_a_tree_deeper_than_the_limit_is_refused(officer_a, agency_a):
    parent = StakeholderGroupFactory(agency=agency_a, name="ระดับ 1")
    for level in range(2, MAX_DEPTH + 1):
        parent = stakeholder_subgroup(parent, name=f"ระดับ {level}")
    with pytest.raises(ValidationError):
        services.group_create(agency=agency_a, fiscal_year=2550, parent=parent, name="ลึกเกินไป", by=officer_a)


def test_reordering_swaps_with_the_neighbour(officer_a, farmers, crop_farmers, livestock_farmers):
    services.group_reorder(group=livestock_farmers, direction="up", by=officer_a)
    assert names_in_order(farmers.agency) == ["เกษตรกร", "ด้านปศุสัตว์", "ด้านพืช"]
    services.group_reorder(group=livestock_farmers, direction="down", by=officer_a)
    assert names_in_order(farmers.agency) == ["เกษตรกร", "ด้านพืช", "ด้านปศุสัตว์"]


def test_reordering_past_the_end_changes_nothing(officer_a, farmers, crop_farmers, livestock_farmers):
    services.group_reorder(group=crop_farmers, direction="up", by=officer_a)
    assert names_in_order(farmers.agency) == ["เกษตรกร", "ด้านพืช", "ด้านปศุสัตว์"]
    assert not GroupChange.objects.exists()


def test_deactivating_a_group_deactivates_its_subtree(officer_a, farmers, crop_farmers, rice_farmers, enterprises):
    assert services.group_deactivate(group=farmers, by=officer_a) == 3
    assert set(StakeholderGroup.objects.active().values_list("name", flat=True)) == {"วิสาหกิจชุมชน"}
    assert GroupChange.objects.filter(action=ChangeAction.DEACTIVATED).count() == 3


def test_a_subgroup_cannot_be_reactivated_under_an_inactive_parent(officer_a, farmers, crop_farmers):
    services.group_deactivate(group=farmers, by=officer_a)
    crop_farmers.refresh_from_db()
    with pytest.raises(ValidationError):
        services.group_reactivate(group=crop_farmers, by=officer_a)
    farmers.refresh_from_db()
    assert services.group_reactivate(group=farmers, by=officer_a) == 2


def test_updating_details_logs_each_changed_field_with_old_and_new_values(officer_a, farmers):
    services.group_update(group=farmers, description="ผู้ประกอบอาชีพเกษตรกรรม", influence=4, name="เกษตรกร", by=officer_a)
    change = GroupChange.objects.get()
    assert change.action == ChangeAction.UPDATED
    assert change.changes == {"description": ["", "ผู้ประกอบอาชีพเกษตรกรรม"], "influence": [2, 4]}
    assert change.changed_by == officer_a


def test_an_update_that_changes_nothing_writes_no_history(officer_a, farmers):
    services.group_update(group=farmers, name="เกษตรกร", by=officer_a)
    assert not GroupChange.objects.exists()


def test_needs_and_channels_are_added_and_removed_with_history(officer_a, farmers):
    need = services.need_add(group=farmers, description="ราคาปุ๋ยที่เป็นธรรม", priority=1, by=officer_a)
    channel = services.channel_add(group=farmers, kind="hotline", frequency="continuous", by=officer_a)
    services.need_remove(need=need, by=officer_a)
    services.channel_remove(channel=channel, by=officer_a)
    actions = list(GroupChange.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["need_added", "channel_added", "need_removed", "channel_removed"]
    assert not farmers.needs.exists() and not farmers.channels.exists()
