"""Stakeholder groups agreed at a meeting: made from a conclusion, or linked, for the agencies taking part.

Groups are created through the stakeholders services, so their history records
who created them; the link itself (`AgreedGroup`) is stored on this side.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from meetings.models import AgreedGroup, DiscussionPoint, Meeting, PointKind
from meetings.selectors.agreements import agencies_taking_part
from stakeholders import services as stakeholder_services
from stakeholders.models import GroupKind, StakeholderGroup, normalise_name, validate_fiscal_year


@dataclass(frozen=True)
class ConclusionGroups:
    groups: list[StakeholderGroup]  # one per agency, in the order the agencies were given
    created: int  # groups created, parents included; the others already existed
    linked: int  # links made now; a group already linked to the meeting is not counted


def _check_point(meeting: Meeting, point: DiscussionPoint | None) -> None:
    if point is None:
        return
    if point.meeting_id != meeting.pk or point.is_deleted or point.kind != PointKind.CONCLUSION:
        raise ValidationError(
            {"point": _("Choose an agreed conclusion of this meeting.")}, code="not_a_conclusion_of_the_meeting"
        )


def _check_taking_part(meeting: Meeting, agencies) -> None:
    taking_part = set(agencies_taking_part(meeting).values_list("pk", flat=True))
    outside = [agency for agency in agencies if agency.pk not in taking_part]
    if outside:
        raise ValidationError(
            {
                "agencies": ngettext(
                    "%(agencies)s does not take part in this meeting: choose agencies that do.",
                    "%(agencies)s do not take part in this meeting: choose agencies that do.",
                    len(outside),
                )
                % {"agencies": ", ".join(str(agency) for agency in outside)}
            },
            code="agency_not_taking_part",
        )


def _lock(meeting: Meeting) -> None:
    """Two facilitators pressing the button at once make the groups and links once, one after the other."""
    Meeting.objects.select_for_update().filter(pk=meeting.pk).values_list("pk", flat=True).first()


def _find_or_create(*, agency, fiscal_year: int, parent, name: str, kind: str, by) -> tuple[StakeholderGroup, bool]:
    found = StakeholderGroup.objects.filter(agency=agency, fiscal_year=fiscal_year, parent=parent, name=name).first()
    if found is not None:
        return found, False
    group = stakeholder_services.group_create(
        agency=agency, fiscal_year=fiscal_year, parent=parent, name=name, kind=kind, by=by
    )
    return group, True


def _link(*, meeting: Meeting, group: StakeholderGroup, point: DiscussionPoint | None, by) -> tuple[AgreedGroup, bool]:
    existing = AgreedGroup.objects.filter(meeting=meeting, group=group).first()
    if existing is not None:
        return existing, False
    agreement = AgreedGroup(meeting=meeting, group=group, point=point, created_by=by)
    agreement.full_clean()
    agreement.save()
    return agreement, True


@transaction.atomic
def conclusion_groups_create(
    *,
    meeting: Meeting,
    point: DiscussionPoint | None,
    agencies,
    name: str,
    kind: str,
    fiscal_year: int,
    parent_name: str = "",
    by,
) -> ConclusionGroups:
    """For each agency, find the group of that name (under the named top-level group, or at the top level)
    in the fiscal year, or create it, the parent too; then link it to the meeting.

    Running it twice creates and links nothing more.
    """
    agencies = list(agencies)
    name, parent_name = normalise_name(name), normalise_name(parent_name)
    if not name:
        raise ValidationError({"name": _("Enter the group's name.")}, code="name_required")
    if kind not in GroupKind.values:
        raise ValidationError({"kind": _("Choose service recipient or stakeholder.")}, code="kind")
    try:
        validate_fiscal_year(fiscal_year)
    except ValidationError as error:
        raise ValidationError({"fiscal_year": error.error_list}) from None
    if not agencies:
        raise ValidationError({"agencies": _("Choose at least one agency.")}, code="agencies_required")
    _check_point(meeting, point)
    _check_taking_part(meeting, agencies)
    _lock(meeting)

    groups, created, linked = [], 0, 0
    for agency in agencies:
        parent = None
        if parent_name:
            parent, made = _find_or_create(
                agency=agency, fiscal_year=fiscal_year, parent=None, name=parent_name, kind=kind, by=by
            )
            created += made
        group, made = _find_or_create(
            agency=agency, fiscal_year=fiscal_year, parent=parent, name=name, kind=kind, by=by
        )
        created += made
        _agreement, made = _link(meeting=meeting, group=group, point=point, by=by)
        linked += made
        groups.append(group)
    return ConclusionGroups(groups=groups, created=created, linked=linked)


@transaction.atomic
def meeting_group_link(
    *, meeting: Meeting, group: StakeholderGroup, point: DiscussionPoint | None = None, by
) -> AgreedGroup:
    """Link an existing group of an agency taking part; linking it again changes nothing."""
    _check_point(meeting, point)
    if not agencies_taking_part(meeting).filter(pk=group.agency_id).exists():
        raise ValidationError(
            {"group": _("%(agency)s does not take part in this meeting.") % {"agency": group.agency}},
            code="agency_not_taking_part",
        )
    _lock(meeting)
    agreement, _created = _link(meeting=meeting, group=group, point=point, by=by)
    return agreement


@transaction.atomic
def meeting_group_unlink(*, meeting: Meeting, group: StakeholderGroup) -> bool:
    """Remove the link (the group itself stays); False when there was none."""
    deleted, _by_model = AgreedGroup.objects.filter(meeting=meeting, group=group).delete()
    return bool(deleted)
