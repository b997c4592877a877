"""Every model of the meetings app, one module per part of the domain."""

from meetings.models.aar import AfterActionReview
from meetings.models.actions import OPEN_STATUSES, ActionItem, ActionStatus
from meetings.models.agreements import AgreedGroup  # meeting → stakeholder groups
from meetings.models.groups import MemberRole, WorkingGroup, WorkingGroupMember
from meetings.models.meetings import (
    AgendaItem,
    AgendaTemplate,
    AgendaTemplateItem,
    Attachment,
    AttachmentKind,
    Attendance,
    AttendanceStatus,
    Meeting,
    MeetingRole,
    MeetingStatus,
)
from meetings.models.points import DiscussionPoint, PointKind, PointSource
from meetings.models.questions import LeadQuestion
from meetings.models.summaries import (
    AgendaItemMinute,
    CommentKind,
    CommentStatus,
    ReviewComment,
    RevisionOrigin,
    Summary,
    SummaryRevision,
)

__all__ = [
    "ActionItem",
    "ActionStatus",
    "AfterActionReview",
    "AgendaItem",
    "AgendaItemMinute",
    "AgendaTemplate",
    "AgendaTemplateItem",
    "AgreedGroup",
    "Attachment",
    "AttachmentKind",
    "Attendance",
    "AttendanceStatus",
    "CommentKind",
    "CommentStatus",
    "DiscussionPoint",
    "LeadQuestion",
    "Meeting",
    "MeetingRole",
    "MeetingStatus",
    "MemberRole",
    "OPEN_STATUSES",
    "PointKind",
    "PointSource",
    "ReviewComment",
    "RevisionOrigin",
    "Summary",
    "SummaryRevision",
    "WorkingGroup",
    "WorkingGroupMember",
]
