"""Working groups and their members."""

from django.db import transaction

from meetings.models import MemberRole, WorkingGroup, WorkingGroupMember
from meetings.services.ordering import next_order
from pmqa_portal.access import is_administrator
from pmqa_portal.duplicates import save_unique


@transaction.atomic
def working_group_create(
    *, by, province, name: str, description: str = "", member_agencies=(), is_active: bool = True
) -> WorkingGroup:
    """Create a group; a facilitator who creates one becomes its facilitator, so that they can run it."""
    group = WorkingGroup(province=province, name=name, description=description, is_active=is_active)
    group.full_clean()
    save_unique(group)
    group.member_agencies.set(member_agencies)
    if not is_administrator(by):
        member_add(group=group, user=by, role=MemberRole.FACILITATOR)
    return group


@transaction.atomic
def working_group_update(*, group: WorkingGroup, member_agencies=None, **fields) -> WorkingGroup:
    for name, value in fields.items():
        setattr(group, name, value)
    group.full_clean()
    save_unique(group)
    if member_agencies is not None:
        group.member_agencies.set(member_agencies)
    return group


@transaction.atomic
def member_add(
    *, group: WorkingGroup, user=None, name: str = "", agency=None, position: str = "", role=MemberRole.MEMBER
) -> WorkingGroupMember:
    """Add a person; their agency and position default to the user's, and the agency joins the group."""
    if user is not None:
        agency = agency or user.agency
        position = position or user.position_title
    member = WorkingGroupMember(
        working_group=group,
        user=user,
        name=name,
        agency=agency,
        position=position,
        role=role,
        order=next_order(group.members.all()),
    )
    member.full_clean()
    save_unique(member)
    if agency is not None:
        group.member_agencies.add(agency)
    return member


@transaction.atomic
def member_update(*, member: WorkingGroupMember, **fields) -> WorkingGroupMember:
    for name, value in fields.items():
        setattr(member, name, value)
    member.full_clean()
    save_unique(member)
    if member.agency_id:
        member.working_group.member_agencies.add(member.agency_id)
    return member


@transaction.atomic
def member_remove(*, member: WorkingGroupMember) -> None:
    member.delete()
