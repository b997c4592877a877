"""Discussion points: live capture, editing, ordering, soft delete and undo, pre-meeting input.

A point's `updated_at` is what other note-takers' pages poll for, so every write
here saves it (a reorder too), and a deletion only marks the point so that the
deletion reaches the other pages and can be undone.
"""

import functools

from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.db.models import IntegerField, Max
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.models import DiscussionPoint, LeadQuestion, Meeting, PointKind, PointSource
from meetings.services.meetings import meeting_lock

CAPTURE_CLOSED = _(
    "The meeting is not in session, so points cannot be captured now. "
    "The facilitator starts the meeting (or reopens the notes) on the meeting page."
)
PREMEETING_CLOSED = _("The meeting has started: input sent before the meeting can no longer be changed here.")
CHANGED_MEANWHILE = _(
    "Someone else changed this point while you were editing it. Their version is shown below; make your change again."
)
QUESTION_OF_ANOTHER_MEETING = _("Choose one of this meeting's lead questions.")
REPLACED_ANSWER = _(
    "The agency has since sent another answer to this question, so this one cannot be brought back. "
    "Change the newer answer instead."
)

# The related rows are loaded and checked by the caller (form choices, access
# helpers): full_clean() need not fetch each of them again.
_LOADED_RELATIONS = {"meeting", "lead_question", "agency", "created_by"}


def _check_open(point: DiscussionPoint) -> None:
    """Live points change while the meeting is in session; pre-meeting input also before it."""
    meeting = point.meeting
    if meeting.capture_open:
        return
    if point.source == PointSource.PRE_MEETING and meeting.premeeting_open:
        return
    raise ValidationError({"text": CAPTURE_CLOSED}, code="capture_closed")


def _check_premeeting_open(point: DiscussionPoint) -> None:
    """An officer's own answers change only before the meeting: once it starts, the note-takers own the points."""
    if not point.meeting.premeeting_open:
        raise ValidationError({"text": PREMEETING_CLOSED}, code="premeeting_closed")


def _check_unchanged(point: DiscussionPoint, seen_updated_at) -> None:
    """Lock the point; refuse the edit if someone changed it since the editor opened it."""
    current = DiscussionPoint.objects.select_for_update().only("updated_at", "deleted_at").get(pk=point.pk)
    if seen_updated_at is not None and current.updated_at != seen_updated_at:
        raise ValidationError(CHANGED_MEANWHILE, code="changed_meanwhile")


def _check_question(meeting: Meeting, lead_question: LeadQuestion | None) -> None:
    if lead_question is not None and lead_question.meeting_id != meeting.pk:
        raise ValidationError({"lead_question": QUESTION_OF_ANOTHER_MEETING}, code="other_meeting")


def _save(point: DiscussionPoint, **save_options) -> DiscussionPoint:
    point.text = (point.text or "").strip()
    # clean_fields() refuses an empty text here; the database's check constraint
    # says the same, so no query is spent on validating it twice.
    point.full_clean(exclude=_LOADED_RELATIONS, validate_constraints=False)
    point.save(**save_options)
    return point


# Stand-ins for the meeting's and question's ids while the order's SQL is compiled (once per process).
_MEETING_ID, _QUESTION_ID = -1, -2


@functools.cache
def _next_order_sql(has_question: bool, using: str) -> tuple[str, tuple]:
    """The SQL of "the last live order of a question" (index point_question_order_idx), and its params
    with the stand-in ids. Built by the ORM once: building and compiling the queryset on every capture
    took a sixth of the request's time, more than the INSERT itself."""
    last = (
        DiscussionPoint.objects.live()
        .filter(meeting_id=_MEETING_ID, lead_question_id=_QUESTION_ID if has_question else None)
        .order_by("-order")
        .values("order")[:1]
    )
    sql, params = last.query.get_compiler(using=using).as_sql()
    return f"COALESCE(({sql}), 0) + 1", tuple(params)


def _next_order_expression(meeting: Meeting, lead_question: LeadQuestion | None):
    """The order after the last live point of the question, worked out by the database inside the INSERT;
    the saved point gets the number back (order has a db_default)."""
    sql, params = _next_order_sql(lead_question is not None, router.db_for_write(DiscussionPoint))
    ids = {_MEETING_ID: meeting.pk, _QUESTION_ID: lead_question.pk if lead_question else None}
    # The SQL is the ORM's own compilation of a fixed queryset; the ids go in as parameters.
    values = [ids.get(param, param) for param in params]
    return RawSQL(sql, values, output_field=IntegerField())  # noqa: S611  # nosec B611 - the ORM's own SQL, ids as params


def _next_order(meeting: Meeting, lead_question: LeadQuestion | None) -> int:
    """After the last live point of the question (index point_question_order_idx)."""
    highest = (
        DiscussionPoint.objects.live()
        .filter(meeting=meeting, lead_question=lead_question)
        .aggregate(highest=Max("order"))["highest"]
    )
    return (highest or 0) + 1


# Live capture is the portal's busiest write: one statement, the INSERT, which works out the order
# itself, and no transaction of its own around it (two note-takers saving at the same instant may
# share an order; the lists then order by id).
def point_capture(
    *,
    meeting: Meeting,
    agency,
    lead_question: LeadQuestion | None,
    kind: str = PointKind.CURRENT_PRACTICE,
    text: str,
    by,
    source: str = PointSource.LIVE,
) -> DiscussionPoint:
    """Add a point at the end of its question's list."""
    point = DiscussionPoint(
        meeting=meeting,
        lead_question=lead_question,
        agency=agency,
        kind=kind,
        text=text,
        source=source,
        created_by=by,
    )
    _check_open(point)
    _check_question(meeting, lead_question)
    point.text = (point.text or "").strip()
    point.full_clean(exclude={*_LOADED_RELATIONS, "order"}, validate_constraints=False)
    point.order = _next_order_expression(meeting, lead_question)
    point.save()
    return point


@transaction.atomic
def point_update(
    *,
    point: DiscussionPoint,
    agency,
    lead_question: LeadQuestion | None,
    kind: str,
    text: str,
    seen_updated_at=None,
) -> DiscussionPoint:
    """Edit a point; a new lead question moves it to the end of that question's list.

    `seen_updated_at` is the point's time of change when the editor opened it: if
    someone changed it since, the edit is refused rather than silently overwriting theirs.
    """
    _check_open(point)
    _check_question(point.meeting, lead_question)
    _check_unchanged(point, seen_updated_at)
    moved = (lead_question.pk if lead_question else None) != point.lead_question_id
    point.agency, point.lead_question, point.kind, point.text = agency, lead_question, kind, text
    if moved:
        point.order = _next_order(point.meeting, lead_question)
    return _save(point)


@transaction.atomic
def point_move(*, point: DiscussionPoint, up: bool) -> list[DiscussionPoint]:
    """Swap the point with its neighbour above (up) or below in its question; returns the points that moved."""
    _check_open(point)
    # Locked in id order, which no move changes, so two moves at once take turns instead of deadlocking.
    locked = (
        DiscussionPoint.objects.live()
        .filter(meeting_id=point.meeting_id, lead_question_id=point.lead_question_id)
        .select_for_update()
        .order_by("pk")
        .only("pk", "order")
    )
    siblings = sorted(locked, key=lambda sibling: (sibling.order, sibling.pk))
    index = next((i for i, sibling in enumerate(siblings) if sibling.pk == point.pk), None)
    other = None if index is None else (index - 1 if up else index + 1)
    if other is None or not 0 <= other < len(siblings):
        return []
    mover, neighbour = siblings[index], siblings[other]
    if mover.order != neighbour.order:
        mover.order, neighbour.order = neighbour.order, mover.order
        changed = [mover, neighbour]
    else:
        # Two note-takers adding at the same moment can leave equal orders: number them 1, 2, 3 … again.
        siblings[index], siblings[other] = neighbour, mover
        changed = []
        for position, sibling in enumerate(siblings, start=1):
            if sibling.order != position:
                sibling.order = position
                changed.append(sibling)
    now = timezone.now()
    for sibling in changed:
        sibling.updated_at = now
    DiscussionPoint.objects.bulk_update(changed, ["order", "updated_at"])
    point.order = mover.order
    return list(
        DiscussionPoint.objects.filter(pk__in=[sibling.pk for sibling in changed])
        .select_related("agency")
        .order_by("order", "pk")
    )


@transaction.atomic
def point_delete(*, point: DiscussionPoint) -> DiscussionPoint:
    """Mark the point deleted: it leaves every page but can be brought back (point_restore)."""
    _check_open(point)
    if point.deleted_at is None:
        point.deleted_at = timezone.now()
        point.save(update_fields=["deleted_at", "updated_at"])
    return point


def _check_not_replaced(point: DiscussionPoint) -> None:
    """An agency has one answer per lead question: a withdrawn answer stays withdrawn once another was sent.
    Takes turns with premeeting_submit, so that an answer sent at the same moment is seen here."""
    if point.source != PointSource.PRE_MEETING or point.lead_question_id is None:
        return
    meeting_lock(meeting=point.meeting)
    newer = (
        DiscussionPoint.objects.live()
        .filter(meeting_id=point.meeting_id, lead_question_id=point.lead_question_id, agency_id=point.agency_id)
        .filter(source=PointSource.PRE_MEETING)
        .exclude(pk=point.pk)
    )
    if newer.exists():
        raise ValidationError(REPLACED_ANSWER, code="replaced_answer")


@transaction.atomic
def point_restore(*, point: DiscussionPoint) -> DiscussionPoint:
    """Undo a deletion; the point returns to its place."""
    _check_open(point)
    if point.deleted_at is not None:
        _check_not_replaced(point)
        point.deleted_at = None
        point.save(update_fields=["deleted_at", "updated_at"])
    return point


# An officer's own answers, one at a time: only their text, and only while the meeting is planned.


@transaction.atomic
def premeeting_answer_update(*, point: DiscussionPoint, text: str, seen_updated_at=None) -> DiscussionPoint:
    """Reword an answer sent before the meeting; its agency, question and kind stay as they are."""
    _check_premeeting_open(point)
    _check_unchanged(point, seen_updated_at)
    point.text = text
    return _save(point)


@transaction.atomic
def premeeting_answer_withdraw(*, point: DiscussionPoint) -> DiscussionPoint:
    """Withdraw an answer sent before the meeting (as emptying its box on the pre-meeting form does)."""
    _check_premeeting_open(point)
    return point_delete(point=point)


@transaction.atomic
def premeeting_answer_restore(*, point: DiscussionPoint) -> DiscussionPoint:
    """Bring back a withdrawn answer while the meeting is still planned."""
    _check_premeeting_open(point)
    return point_restore(point=point)


@transaction.atomic
def premeeting_submit(*, meeting: Meeting, agency, answers: dict[LeadQuestion, str], by) -> int:
    """Save an agency's answers to the lead questions, sent before the meeting; returns how many points changed.

    Each answer is one point (source pre_meeting) of the agency on that question:
    a new answer adds it, a changed one edits it, an emptied one deletes it.
    Two submits at once (a double click) take turns, so that the second finds the
    first one's points instead of adding its answers a second time.
    """
    meeting_lock(meeting=meeting)
    if not meeting.premeeting_open:
        raise ValidationError(PREMEETING_CLOSED, code="premeeting_closed")
    existing = {}
    points = (
        DiscussionPoint.objects.live()
        .for_meeting(meeting)
        .filter(agency=agency, source=PointSource.PRE_MEETING, lead_question__isnull=False)
        .select_for_update()
        .order_by("order", "pk")
    )
    for point in points:
        existing.setdefault(point.lead_question_id, point)
    changed = 0
    for question, text in answers.items():
        _check_question(meeting, question)
        text = (text or "").strip()
        point = existing.get(question.pk)
        if point is None and text:
            point_capture(
                meeting=meeting, agency=agency, lead_question=question, text=text, by=by,
                source=PointSource.PRE_MEETING,
            )  # fmt: skip
        elif point is not None and not text:
            point.meeting = meeting
            point_delete(point=point)
        elif point is not None and text != point.text:
            point.meeting = meeting
            point.text = text
            _save(point)
        else:
            continue
        changed += 1
    return changed
