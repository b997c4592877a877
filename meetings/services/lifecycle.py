"""A meeting's life: planned → in session → notes closed → summary in review → approved.

Every status change goes through `meeting_move()`, which checks it against the one
table below. The first steps are the facilitator's to take by hand on the meeting
page (start the meeting, close the notes, and one step back while the room is still
at work); the summary's steps happen only through the summary's own actions
(sending it for review, approving it, starting a new revision), which check the
summary's state first and then move the meeting.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.models import Meeting, MeetingStatus


@dataclass(frozen=True)
class Transition:
    source: MeetingStatus
    target: MeetingStatus
    # Offered as a button on the meeting page; the others are taken by the summary's actions.
    by_hand: bool


TRANSITIONS = (
    Transition(MeetingStatus.PLANNED, MeetingStatus.IN_SESSION, by_hand=True),
    Transition(MeetingStatus.IN_SESSION, MeetingStatus.NOTES_CLOSED, by_hand=True),
    # Started by mistake, or the room goes on after a break: one step back.
    Transition(MeetingStatus.IN_SESSION, MeetingStatus.PLANNED, by_hand=True),
    Transition(MeetingStatus.NOTES_CLOSED, MeetingStatus.IN_SESSION, by_hand=True),
    Transition(MeetingStatus.NOTES_CLOSED, MeetingStatus.SUMMARY_IN_REVIEW, by_hand=False),
    Transition(MeetingStatus.SUMMARY_IN_REVIEW, MeetingStatus.APPROVED, by_hand=False),
    # A new revision of an approved summary: drafted again, reviewed again, approved again.
    Transition(MeetingStatus.APPROVED, MeetingStatus.NOTES_CLOSED, by_hand=False),
)


def next_statuses(meeting: Meeting, *, by_hand: bool = True) -> list[MeetingStatus]:
    """Where the meeting may go now; by default only the steps the meeting page offers."""
    return [t.target for t in TRANSITIONS if t.source == meeting.status and (t.by_hand or not by_hand)]


def meeting_move(*, meeting: Meeting, to: str, by_hand: bool = False) -> Meeting:
    """Move the meeting to `to` if the table allows it (`by_hand`: only the meeting page's steps).

    The meeting's version moves on with it: every page that shows the meeting is drawn anew.
    """
    if to not in next_statuses(meeting, by_hand=by_hand):
        raise ValidationError(
            _("A meeting that is “%(current)s” cannot become “%(target)s”."),
            code="bad_transition",
            params={
                "current": MeetingStatus(meeting.status).label,
                "target": MeetingStatus(to).label if to in MeetingStatus.values else to,
            },
        )
    now = timezone.now()
    Meeting.objects.filter(pk=meeting.pk).update(status=to, version=F("version") + 1, updated_at=now)
    meeting.refresh_from_db(fields=["status", "version", "updated_at"])
    return meeting
