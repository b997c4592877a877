"""Meetings: numbering, creating, editing, status, duplicating; their agenda and attendance."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.models import (
    AgendaItem,
    AgendaTemplate,
    Attendance,
    AttendanceStatus,
    LeadQuestion,
    Meeting,
    MeetingRole,
    MeetingStatus,
    WorkingGroup,
)
from meetings.services.lifecycle import meeting_move
from meetings.services.ordering import move, next_order
from pmqa_portal.duplicates import save_unique
from pmqa_portal.thai_dates import be_year as to_be_year

MEETING_FIELDS = (
    "title", "number", "be_year", "date", "start_time", "end_time", "venue", "category", "objectives",
)  # fmt: skip


class StaleEdit(ValidationError):
    """Someone else saved the meeting after this form was opened."""


def meeting_next_number(*, working_group: WorkingGroup, be_year: int) -> int:
    """The next free number of the group's meetings in a Buddhist-era year: 1, 2, 3 …"""
    highest = Meeting.objects.filter(working_group=working_group, be_year=be_year).aggregate(n=Max("number"))["n"]
    return (highest or 0) + 1


def meeting_lock(*, meeting: Meeting) -> None:
    """Hold the meeting's row until the transaction ends, and read its status again.

    Writes that look for what is already there before adding (the attendance filled
    from the group, action items made from the points, pre-meeting answers) take
    turns, so that the second of a double click finds the first one's rows. FOR NO
    KEY UPDATE does not hold up rows that merely refer to the meeting, such as a
    point being captured. SQLite's transactions take turns from their start anyway.
    """
    meeting.status = (
        Meeting.objects.select_for_update(no_key=True).values_list("status", flat=True).get(pk=meeting.pk)
    )


def _lock_numbering(working_group: WorkingGroup) -> None:
    # Two facilitators creating meetings of one group at once would pick the
    # same number; holding the group's row serialises them (no-op on SQLite,
    # which serialises writers anyway).
    WorkingGroup.objects.select_for_update().filter(pk=working_group.pk).first()


@transaction.atomic
def meeting_create(
    *,
    by,
    working_group: WorkingGroup,
    title: str,
    date,
    start_time,
    end_time,
    venue: str = "",
    category=None,
    criteria_items=(),
    objectives: str = "",
    number: int | None = None,
    be_year: int | None = None,
    agenda_template: AgendaTemplate | None = None,
    attendees_from_group: bool = True,
) -> Meeting:
    """Create a planned meeting numbered within its year, with the agenda template and the group's members."""
    _lock_numbering(working_group)
    be_year = be_year or to_be_year(date.year)
    meeting = Meeting(
        working_group=working_group,
        title=title,
        number=number or meeting_next_number(working_group=working_group, be_year=be_year),
        be_year=be_year,
        date=date,
        start_time=start_time,
        end_time=end_time,
        venue=venue,
        category=category,
        objectives=objectives,
        created_by=by,
    )
    meeting.full_clean()
    meeting.save()
    meeting.criteria_items.set(criteria_items)
    template = agenda_template or AgendaTemplate.objects.filter(is_default=True).first()
    if template is not None:
        agenda_apply_template(meeting=meeting, template=template)
    if attendees_from_group:
        attendance_fill_from_group(meeting=meeting)
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, version: int, criteria_items=None, **fields) -> Meeting:
    """Save the edited header; refuse if someone saved the meeting since `version` was read."""
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise TypeError(f"meeting_update() got unexpected fields {sorted(unknown)}")
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.full_clean()
    updated = Meeting.objects.filter(pk=meeting.pk, version=version).update(
        version=F("version") + 1, updated_at=timezone.now(), **{name: getattr(meeting, name) for name in fields}
    )
    if not updated:
        raise StaleEdit(
            _("Someone else saved this meeting while you were editing it. Reload the page to see their changes."),
            code="stale",
        )
    if criteria_items is not None:
        meeting.criteria_items.set(criteria_items)
    meeting.refresh_from_db()
    return meeting


def _touch(meeting: Meeting) -> None:
    Meeting.objects.filter(pk=meeting.pk).update(version=F("version") + 1, updated_at=timezone.now())


@transaction.atomic
def meeting_set_status(*, meeting: Meeting, status: str) -> Meeting:
    """The facilitator's step on the meeting page: start the meeting, close the notes, or one step back."""
    return meeting_move(meeting=meeting, to=status, by_hand=True)


@transaction.atomic
def meeting_delete(*, meeting: Meeting) -> None:
    """Only a planned meeting with no points may go; anything later is part of the record."""
    if meeting.status != MeetingStatus.PLANNED or meeting.points.exists():
        raise ValidationError(
            _("Only a planned meeting with no discussion points can be deleted."), code="not_deletable"
        )
    meeting.delete()


@transaction.atomic
def meeting_duplicate(
    *, meeting: Meeting, by, date, start_time, end_time, venue: str, title: str | None = None
) -> Meeting:
    """The next meeting of the group: same focus, agenda, lead questions and attendees; new date and number."""
    copy = meeting_create(
        by=by,
        working_group=meeting.working_group,
        title=title or meeting.title,
        date=date,
        start_time=start_time,
        end_time=end_time,
        venue=venue,
        category=meeting.category,
        criteria_items=list(meeting.criteria_items.all()),
        objectives=meeting.objectives,
        agenda_template=None,
        attendees_from_group=False,
    )
    copy.agenda.all().delete()
    AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=copy, order=item.order, number=item.number, title=item.title, planned_minutes=item.planned_minutes
        )
        for item in meeting.agenda.all()
    )
    LeadQuestion.objects.bulk_create(
        LeadQuestion(
            meeting=copy,
            order=question.order,
            text=question.text,
            criteria_item_id=question.criteria_item_id,
            copied_from=question,
            created_by=by,
        )
        for question in meeting.lead_questions.all()
    )
    Attendance.objects.bulk_create(
        Attendance(
            meeting=copy,
            user_id=person.user_id,
            name=person.name,
            agency_id=person.agency_id,
            position=person.position,
            role=person.role,
            order=person.order,
            # Who came last time says nothing about next time, except for guests.
            attendance=AttendanceStatus.GUEST
            if person.attendance == AttendanceStatus.GUEST
            else AttendanceStatus.PRESENT,
        )
        for person in meeting.attendances.all()
    )
    return copy


# --- agenda -------------------------------------------------------------------


@transaction.atomic
def agenda_apply_template(*, meeting: Meeting, template: AgendaTemplate) -> list[AgendaItem]:
    """Replace the meeting's agenda with the template's items and planned minutes."""
    meeting_lock(meeting=meeting)
    meeting.agenda.all().delete()
    items = AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=meeting,
            order=item.order,
            number=item.number,
            title=item.title,
            planned_minutes=item.planned_minutes,
        )
        for item in template.items.all()
    )
    _touch(meeting)
    return items


@transaction.atomic
def agenda_item_add(
    *, meeting: Meeting, title: str, number: str = "", planned_minutes=None, details: str = ""
) -> AgendaItem:
    order = next_order(meeting.agenda.all())
    item = AgendaItem(
        meeting=meeting,
        order=order,
        number=number or str(order),
        title=title,
        planned_minutes=planned_minutes,
        details=details,
    )
    item.full_clean()
    item.save()
    _touch(meeting)
    return item


@transaction.atomic
def agenda_item_update(*, item: AgendaItem, **fields) -> AgendaItem:
    for name, value in fields.items():
        setattr(item, name, value)
    item.full_clean()
    item.save()
    _touch(item.meeting)
    return item


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, up: bool) -> None:
    move(item, item.meeting.agenda.all(), up=up)


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem) -> None:
    item.delete()
    _touch(item.meeting)


# --- attendance -----------------------------------------------------------------


@transaction.atomic
def attendance_fill_from_group(*, meeting: Meeting) -> int:
    """Add every member of the working group not yet listed, in their group role; returns how many.

    A member with an account is listed by it; one without, by their name and agency.
    """
    meeting_lock(meeting=meeting)
    listed_users, listed_names = set(), set()
    for user_id, name, agency_id in meeting.attendances.values_list("user_id", "name", "agency_id"):
        if user_id is None:
            listed_names.add((name, agency_id))
        else:
            listed_users.add(user_id)
    order = next_order(meeting.attendances.all())
    new = []
    for member in meeting.working_group.members.select_related("user"):
        name = member.display_name
        if member.user_id in listed_users or (member.user_id is None and (name, member.agency_id) in listed_names):
            continue
        if member.user_id is None:
            listed_names.add((name, member.agency_id))
        new.append(
            Attendance(
                meeting=meeting,
                user=member.user,
                name=name,
                agency_id=member.agency_id,
                position=member.position or (member.user.position_title if member.user else ""),
                role=MeetingRole(member.role),
                order=order,
            )
        )
        order += 1
    Attendance.objects.bulk_create(new)
    return len(new)


def _attendance_defaults(attendance: Attendance) -> None:
    if attendance.user is not None:
        attendance.name = attendance.name or attendance.user.get_full_name()
        if attendance.agency_id is None:
            attendance.agency_id = attendance.user.agency_id
        attendance.position = attendance.position or attendance.user.position_title
    if attendance.attendance != AttendanceStatus.ABSENT:
        attendance.absence_reason = ""
    if attendance.attendance != AttendanceStatus.SUBSTITUTE:
        attendance.substitute_for = None
        attendance.substitute_for_name = ""


@transaction.atomic
def attendance_add(*, meeting: Meeting, **fields) -> Attendance:
    attendance = Attendance(meeting=meeting, order=next_order(meeting.attendances.all()), **fields)
    _attendance_defaults(attendance)
    attendance.full_clean()
    save_unique(attendance)
    return attendance


@transaction.atomic
def attendance_update(*, person: Attendance, **fields) -> Attendance:
    for name, value in fields.items():
        setattr(person, name, value)
    _attendance_defaults(person)
    person.full_clean()
    save_unique(person)
    return person


@transaction.atomic
def attendance_remove(*, person: Attendance) -> None:
    person.delete()
