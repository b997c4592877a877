"""Who may do what: the one place every view asks.

Role checks read the user's groups once per request (cached on the user
object); object rules combine a role with the object's agency.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from pmqa_portal.models import Agency
from pmqa_portal.roles import Role


def user_roles(user) -> frozenset[str]:
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_pmqa_roles", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._pmqa_roles = cached
    return cached


def has_role(user, *roles: str) -> bool:
    return bool(user_roles(user) & set(roles))


def is_administrator(user) -> bool:
    return user.is_authenticated and (user.is_superuser or has_role(user, Role.ADMINISTRATOR))


def is_facilitator(user) -> bool:
    return is_administrator(user) or has_role(user, Role.FACILITATOR)


def is_note_taker(user) -> bool:
    return is_administrator(user) or has_role(user, Role.NOTE_TAKER)


def can_read_all_agencies(user) -> bool:
    """Facilitators, note-takers, observers and admins read every agency's records."""
    return is_administrator(user) or has_role(user, Role.FACILITATOR, Role.NOTE_TAKER, Role.OBSERVER)


def is_officer_of(user, agency_id: int | None) -> bool:
    return (
        user.is_authenticated
        and agency_id is not None
        and user.agency_id == agency_id
        and has_role(user, Role.AGENCY_OFFICER)
    )


def can_edit_agency_records(user, agency_id: int | None) -> bool:
    """An officer edits only their own agency's records; an administrator edits all."""
    return is_administrator(user) or is_officer_of(user, agency_id)


def can_read_agency_records(user, agency_id: int | None) -> bool:
    return can_read_all_agencies(user) or can_edit_agency_records(user, agency_id)


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def get_agency_for_user(user, pk: int, *, write: bool = False) -> Agency:
    """The agency directory is public to signed-in users; writing needs the agency's officer."""
    agency = get_object_or_404(Agency.objects.select_related("province", "parent__parent__parent"), pk=pk)
    if write:
        require(can_edit_agency_records(user, agency.pk))
    return agency
