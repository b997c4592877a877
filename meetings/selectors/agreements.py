"""Reads for turning a meeting's conclusions into stakeholder groups: a fixed number of queries each."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef

from meetings.models import AgreedGroup, Attendance, DiscussionPoint, Meeting, PointKind, WorkingGroup
from pmqa_portal.models import Agency
from pmqa_portal.thai_dates import fiscal_year
from stakeholders.models import StakeholderGroup


def agencies_taking_part(meeting: Meeting):
    """The agencies that attend the meeting or are members of its working group (as `agency_takes_part`)."""
    attends = Attendance.objects.filter(meeting_id=meeting.pk, agency=OuterRef("pk"))
    member = WorkingGroup.member_agencies.through.objects.filter(
        workinggroup_id=meeting.working_group_id, agency=OuterRef("pk")
    )
    return Agency.objects.filter(Exists(attends) | Exists(member)).order_by("name_th", "pk")


def conclusions_of(meeting: Meeting):
    """The meeting's live agreed conclusions, in the order they were captured."""
    return (
        DiscussionPoint.objects.live()
        .filter(meeting=meeting, kind=PointKind.CONCLUSION)
        .select_related("agency")
        .order_by("order", "pk")
    )


def linkable_groups(meeting: Meeting):
    """Groups that may be linked to the meeting: those of the agencies taking part, in the meeting's
    fiscal year and the next (a meeting late in a year often agrees the next year's groups)."""
    year = fiscal_year(meeting.date)
    return (
        StakeholderGroup.objects.filter(agency__in=agencies_taking_part(meeting), fiscal_year__in=(year, year + 1))
        .select_related("agency")
        .with_tree_position()
        .order_by("agency__name_th", "fiscal_year", "tree_key", "pk")
    )


@dataclass
class AgreementsPanel:
    agreements: list[AgreedGroup]
    # Only for the meeting's facilitators, who turn them into groups; each has `agreed_count`.
    conclusions: list[DiscussionPoint] = field(default_factory=list)


def agreements_panel(meeting: Meeting, *, with_conclusions: bool) -> AgreementsPanel:
    """The meeting page's panel: the groups agreed at the meeting and, for its facilitators, its conclusions."""
    agreements = list(AgreedGroup.objects.filter(meeting=meeting).for_meeting_page())
    if not with_conclusions:
        return AgreementsPanel(agreements=agreements)
    counts = Counter(agreement.point_id for agreement in agreements)
    conclusions = list(conclusions_of(meeting))
    for point in conclusions:
        point.agreed_count = counts[point.pk]
    return AgreementsPanel(agreements=agreements, conclusions=conclusions)
