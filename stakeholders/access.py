"""Who may read and change stakeholder groups, built on the core rules in `pmqa_portal.access`.

- An officer edits only their own agency's groups.
- Facilitators, note-takers, observers and administrators read every agency's
  groups; administrators also edit them.
- An officer also reads (never edits) the groups of the other agencies of their
  own province: the provincial working group compares its members' groups and
  copies from them. A signed-in user with no role reads nothing.
- The history of an agency's groups is for that agency's officers and administrators.
"""

from django.db.models import Q
from django.shortcuts import get_object_or_404

from pmqa_portal.access import (
    can_edit_agency_records,
    can_read_agency_records,
    can_read_all_agencies,
    has_role,
    is_officer_of,
    require,
)
from pmqa_portal.models import Agency
from pmqa_portal.roles import Role
from stakeholders.models import GroupChange, ListeningChannel, Need, StakeholderGroup, StakeholderTemplate

_NO_PROVINCE = object()


def _officer_province_id(user):
    """The province of an officer's agency, read once per request; None when the user is no officer."""
    if not has_role(user, Role.AGENCY_OFFICER) or user.agency_id is None:
        return None
    cached = getattr(user, "_stakeholders_province_id", _NO_PROVINCE)
    if cached is _NO_PROVINCE:
        cached = Agency.objects.filter(pk=user.agency_id).values_list("province_id", flat=True).first()
        user._stakeholders_province_id = cached
    return cached


def can_read_groups_of(user, agency: Agency) -> bool:
    if can_read_agency_records(user, agency.pk):
        return True
    province_id = _officer_province_id(user)
    return province_id is not None and agency.province_id == province_id


def can_edit_groups_of(user, agency: Agency) -> bool:
    return can_edit_agency_records(user, agency.pk)


def can_see_history_of(user, agency: Agency) -> bool:
    return can_edit_agency_records(user, agency.pk)


def readable_agency_filter(user, prefix: str = "") -> Q:
    """A Q object selecting the agencies whose groups the user may read (prefix e.g. "agency__")."""
    if can_read_all_agencies(user):
        return Q()
    allowed = Q(pk__in=[])
    if user.is_authenticated and user.agency_id is not None and can_edit_agency_records(user, user.agency_id):
        allowed |= Q(**{f"{prefix}pk": user.agency_id})
    province_id = _officer_province_id(user)
    if province_id is not None:
        allowed |= Q(**{f"{prefix}province_id": province_id})
    return allowed


def readable_scope(user) -> str:
    """Which set readable_agency_filter() gives the user, named for keying cached pages.

    Every reader of all agencies gets one set; an officer, their agency and its
    province (read from the agency, so a page keyed on this must list the agency
    table); anyone else, nothing.
    """
    if can_read_all_agencies(user):
        return "all"
    if user.is_authenticated and is_officer_of(user, user.agency_id):
        return f"officer:{user.agency_id}"
    return "none"


def readable_agencies(user, queryset=None):
    queryset = Agency.objects.all() if queryset is None else queryset
    return queryset.filter(readable_agency_filter(user))


def readable_groups(user, queryset=None):
    queryset = StakeholderGroup.objects.all() if queryset is None else queryset
    return queryset.filter(readable_agency_filter(user, prefix="agency__"))


def get_agency_for_user(user, pk: int, *, write: bool = False) -> Agency:
    """The agency whose groups are shown or changed; 404 when missing, 403 when not allowed."""
    agency = get_object_or_404(Agency.objects.select_related("province"), pk=pk)
    require(can_edit_groups_of(user, agency) if write else can_read_groups_of(user, agency))
    return agency


def get_agency_history_for_user(user, pk: int) -> Agency:
    agency = get_object_or_404(Agency.objects.select_related("province"), pk=pk)
    require(can_see_history_of(user, agency))
    return agency


def get_group_for_user(user, pk: int, *, write: bool = False) -> StakeholderGroup:
    group = get_object_or_404(
        StakeholderGroup.objects.select_related("agency__province", "parent").with_tree_position(), pk=pk
    )
    require(can_edit_groups_of(user, group.agency) if write else can_read_groups_of(user, group.agency))
    return group


def get_need_for_user(user, pk: int, *, write: bool = False) -> Need:
    need = get_object_or_404(Need.objects.select_related("group__agency"), pk=pk)
    agency = need.group.agency
    require(can_edit_groups_of(user, agency) if write else can_read_groups_of(user, agency))
    return need


def get_channel_for_user(user, pk: int, *, write: bool = False) -> ListeningChannel:
    channel = get_object_or_404(ListeningChannel.objects.select_related("group__agency"), pk=pk)
    agency = channel.group.agency
    require(can_edit_groups_of(user, agency) if write else can_read_groups_of(user, agency))
    return channel


def works_with_groups(user) -> bool:
    """Any portal role; a signed-in user without one sees nothing of the groups."""
    return can_read_all_agencies(user) or has_role(user, Role.AGENCY_OFFICER)


def readable_templates(user):
    require(works_with_groups(user))
    return StakeholderTemplate.objects.filter(is_active=True)


def readable_changes(user, agency: Agency):
    require(can_see_history_of(user, agency))
    return GroupChange.objects.filter(agency=agency)
