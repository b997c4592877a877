"""Action items (from points or by hand) and the meeting's After Action Review."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.models import (
    ActionItem,
    ActionStatus,
    AfterActionReview,
    DiscussionPoint,
    Meeting,
    MeetingStatus,
    PointKind,
)
from meetings.services.meetings import meeting_lock

ACTION_FIELDS = ("title", "agency", "responsible_person", "due_date", "status", "note")


def _require_meeting_held(meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.PLANNED:
        raise ValidationError(_("Action items are agreed in the meeting: start the meeting first."), code="planned")


@transaction.atomic
def action_item_create(
    *,
    meeting: Meeting,
    by,
    title: str,
    agency=None,
    responsible_person: str = "",
    due_date=None,
    status: str = ActionStatus.OPEN,
    note: str = "",
) -> ActionItem:
    _require_meeting_held(meeting)
    item = ActionItem(
        meeting=meeting,
        title=title.strip(),
        agency=agency,
        responsible_person=responsible_person.strip(),
        due_date=due_date,
        status=status,
        note=note.strip(),
        created_by=by,
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def action_items_from_points(*, meeting: Meeting, by) -> list[ActionItem]:
    """One item per live point of kind "action item" that has none yet; clicking twice adds nothing."""
    meeting_lock(meeting=meeting)
    _require_meeting_held(meeting)
    points = (
        DiscussionPoint.objects.live()
        .filter(meeting=meeting, kind=PointKind.ACTION_ITEM, action_items__isnull=True)
        .order_by("order", "pk")
    )
    items = [
        ActionItem(
            meeting=meeting, source_point=point, title=point.text.strip(), agency_id=point.agency_id, created_by=by
        )
        for point in points
    ]
    for item in items:
        item.meeting = meeting  # clean() reads the meeting's date without a query
        item.full_clean(exclude=["source_point"])
    return ActionItem.objects.bulk_create(items)


@transaction.atomic
def action_item_update(*, item: ActionItem, **fields) -> ActionItem:
    unknown = set(fields) - set(ACTION_FIELDS)
    if unknown:
        raise TypeError(f"action_item_update() got unexpected fields {sorted(unknown)}")
    for name, value in fields.items():
        setattr(item, name, value.strip() if isinstance(value, str) and name != "status" else value)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def action_item_set_status(*, item: ActionItem, status: str) -> ActionItem:
    if status not in ActionStatus.values:
        raise ValidationError(_("Choose a valid status."), code="invalid_status")
    item.status = status
    item.full_clean()
    item.save(update_fields=["status", "updated_at"])
    return item


# --- After Action Review -----------------------------------------------------

AAR_FIELDS = ("expected", "happened", "difference", "keep", "change")


class StaleReview(ValidationError):
    """Someone else saved the review after this form was opened."""


@transaction.atomic
def aar_save(*, meeting: Meeting, by, version: int, **fields) -> AfterActionReview:
    """Save the review; refuse if someone saved it since `version` was read (0 for a new review)."""
    unknown = set(fields) - set(AAR_FIELDS)
    if unknown:
        raise TypeError(f"aar_save() got unexpected fields {sorted(unknown)}")
    _require_meeting_held(meeting)
    review, _created = AfterActionReview.objects.get_or_create(meeting=meeting)
    cleaned = {name: value.strip() for name, value in fields.items()}
    for name, value in cleaned.items():
        setattr(review, name, value)
    review.full_clean()
    moved = AfterActionReview.objects.filter(pk=review.pk, version=version).update(
        version=F("version") + 1, updated_by=by, updated_at=timezone.now(), **cleaned
    )
    if not moved:
        raise StaleReview(
            _(
                "Someone else saved this review while you were editing it. Your text is kept below: "
                "reload the page in another tab to see theirs, then save again."
            ),
            code="stale",
        )
    review.refresh_from_db()
    return review
