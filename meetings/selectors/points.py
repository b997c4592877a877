"""Reads for live capture, the projector, the coverage matrix and pre-meeting input.

Every function here runs a fixed number of queries, whatever the number of
points or attendees: the capture page and the projector of a meeting with 500
points cost the same as those of a meeting with 5.
"""

import datetime
import hashlib
from dataclasses import dataclass, field

from django.db.models import Count, F, FilteredRelation, IntegerField, Q, Value
from django.utils import timezone

from meetings.models import (
    Attendance,
    AttendanceStatus,
    DiscussionPoint,
    LeadQuestion,
    Meeting,
    MeetingRole,
    PointSource,
)
from pmqa_portal.ids import as_id
from pmqa_portal.models import Agency

# --- the coverage matrix -------------------------------------------------------


@dataclass(frozen=True)
class CoverageCell:
    agency: Agency
    question: LeadQuestion | None  # None: the column of general points
    count: int

    @property
    def is_empty(self) -> bool:
        return self.count == 0


@dataclass
class CoverageRow:
    agency: Agency
    cells: list[CoverageCell]

    @property
    def total(self) -> int:
        return sum(cell.count for cell in self.cells)

    @property
    def empty_cells(self) -> int:
        return sum(1 for cell in self.cells if cell.question is not None and cell.is_empty)


@dataclass
class Coverage:
    """Agencies (rows) × lead questions (columns): how many live points each agency has made on each question."""

    questions: list[LeadQuestion]
    rows: list[CoverageRow]
    general_count: int = 0

    @property
    def has_general(self) -> bool:
        return self.general_count > 0

    @property
    def empty_cells(self) -> int:
        return sum(row.empty_cells for row in self.rows)

    @property
    def total_cells(self) -> int:
        return len(self.rows) * len(self.questions)

    @property
    def total_points(self) -> int:
        return sum(row.total for row in self.rows)

    @property
    def is_complete(self) -> bool:
        return bool(self.rows and self.questions) and self.empty_cells == 0


# Those who speak for their agency; the facilitators, note-takers, advisors and the
# chair run the meeting (their agency becomes a row once it has a point).
SPEAKING_ROLES = (MeetingRole.MEMBER, MeetingRole.GUEST)
# Agencies after every attending one when ordered by their seat in the attendance list.
_NO_SEAT = 1_000_000
_AGENCY_COLUMNS = ("agency_id", "agency__name_th", "agency__name_en", "agency__short_name")


def lead_questions_of(meeting: Meeting) -> list[LeadQuestion]:
    return list(meeting.lead_questions.order_by("order", "pk"))


def coverage_rows(meeting: Meeting):
    """One query: the live point counts per (agency, question), and every attending agency with a count of 0."""
    counted = (
        DiscussionPoint.objects.live()
        .for_meeting(meeting)
        .order_by()
        .values(*_AGENCY_COLUMNS, "lead_question_id")
        .annotate(points=Count("pk"), seat=Value(_NO_SEAT, output_field=IntegerField()))
    )
    attending = (
        Attendance.objects.filter(meeting=meeting, agency__isnull=False, role__in=SPEAKING_ROLES)
        .exclude(attendance=AttendanceStatus.ABSENT)
        .order_by()
        .values(*_AGENCY_COLUMNS)
        .annotate(
            lead_question_id=Value(None, output_field=IntegerField()),
            points=Value(0, output_field=IntegerField()),
            seat=F("order"),
        )
    )
    return counted.union(attending, all=True)


def coverage_matrix(meeting: Meeting, *, lead_questions: list[LeadQuestion] | None = None) -> Coverage:
    """The coverage matrix in two queries (one if the caller already has the lead questions).

    Rows are the agencies of the members and guests attending (not those marked
    absent) and any other agency that has points (e.g. pre-meeting input), in
    attendance order.
    """
    questions = lead_questions_of(meeting) if lead_questions is None else list(lead_questions)
    agencies: dict[int, Agency] = {}
    seats: dict[int, int] = {}
    counts: dict[tuple[int, int | None], int] = {}
    for row in coverage_rows(meeting):
        agency_id = row["agency_id"]
        if agency_id not in agencies:
            agencies[agency_id] = Agency(
                pk=agency_id,
                name_th=row["agency__name_th"],
                name_en=row["agency__name_en"],
                short_name=row["agency__short_name"],
            )
        seats[agency_id] = min(seats.get(agency_id, _NO_SEAT), row["seat"])
        if row["points"]:
            key = (agency_id, row["lead_question_id"])
            counts[key] = counts.get(key, 0) + row["points"]
    return _coverage(questions, agencies, seats, counts)


def _coverage(questions, agencies: dict[int, Agency], seats: dict[int, int], counts: dict) -> Coverage:
    general_count = sum(count for (_agency, question), count in counts.items() if question is None)
    columns: list[LeadQuestion | None] = [*questions, None] if general_count else list(questions)
    ordered = sorted(agencies.values(), key=lambda agency: (seats[agency.pk], agency.name_th, agency.pk))
    rows = [
        CoverageRow(
            agency=agency,
            cells=[
                CoverageCell(
                    agency=agency, question=question, count=counts.get((agency.pk, question and question.pk), 0)
                )
                for question in columns
            ],
        )
        for agency in ordered
    ]
    return Coverage(questions=questions, rows=rows, general_count=general_count)


def coverage_of_points(
    questions: list[LeadQuestion], points: list[DiscussionPoint], agencies: dict[int, Agency]
) -> Coverage:
    """The same matrix from what the capture page has loaded anyway: its points and the agencies
    taking part (with their `seat`, see agencies_taking_part), so it costs no query of its own."""
    rows_agencies = {pk: agency for pk, agency in agencies.items() if agency.seat is not None}
    seats = {pk: agency.seat for pk, agency in rows_agencies.items()}
    counts: dict[tuple[int, int | None], int] = {}
    for point in points:
        key = (point.agency_id, point.lead_question_id)
        counts[key] = counts.get(key, 0) + 1
        if point.agency_id not in rows_agencies:
            rows_agencies[point.agency_id] = point.agency
            seats[point.agency_id] = _NO_SEAT
    return _coverage(questions, rows_agencies, seats, counts)


# --- the capture page ------------------------------------------------------------


@dataclass
class PointSection:
    """The points of one lead question (or the general points, question None), in their order."""

    question: LeadQuestion | None
    number: int | None
    points: list[DiscussionPoint] = field(default_factory=list)

    @property
    def key(self) -> str:
        return str(self.question.pk) if self.question else "general"


def agencies_taking_part(meeting: Meeting) -> dict[int, Agency]:
    """The agencies that attend the meeting or belong to its working group (the capture form's choices), by id.

    Each has `seat`: its first place in the attendance list as a member or guest present, or
    None; the agencies with a seat are the coverage matrix's rows (see coverage_of_points).
    """
    agencies: dict[int, Agency] = {}
    attending = Attendance.objects.filter(meeting=meeting, agency__isnull=False).select_related("agency")
    attending = attending.order_by("order", "pk")
    for person in attending:
        agency = agencies.setdefault(person.agency_id, person.agency)
        agency.seat = getattr(agency, "seat", None)
        if person.role in SPEAKING_ROLES and person.attendance != AttendanceStatus.ABSENT and agency.seat is None:
            agency.seat = person.order
    for agency in Agency.objects.filter(working_groups=meeting.working_group_id).exclude(pk__in=agencies):
        agency.seat = None
        agencies[agency.pk] = agency
    return dict(sorted(agencies.items(), key=lambda item: (item[1].name_th, item[0])))


@dataclass(frozen=True)
class CaptureChoices:
    """What a captured point is checked against: the agencies taking part and the meeting's lead questions."""

    agencies: dict[int, Agency]
    questions: dict[int, LeadQuestion]


def capture_choices(meeting: Meeting) -> CaptureChoices:
    """The capture form's choices for the meeting, in three queries."""
    return CaptureChoices(
        agencies=agencies_taking_part(meeting),
        questions={question.pk: question for question in lead_questions_of(meeting)},
    )


def live_points(meeting: Meeting) -> list[DiscussionPoint]:
    return list(DiscussionPoint.objects.live().for_meeting(meeting).select_related("agency").order_by("order", "pk"))


def point_sections(questions: list[LeadQuestion], points: list[DiscussionPoint]) -> list[PointSection]:
    """One section per lead question in the questions' order, then the general points."""
    sections = {question.pk: PointSection(question, number) for number, question in enumerate(questions, start=1)}
    general = PointSection(None, None)
    for point in points:
        sections.get(point.lead_question_id, general).points.append(point)
    return [*sections.values(), general]


def capture_page(meeting: Meeting) -> dict:
    """Everything the live capture page shows, in four queries."""
    started = timezone.now()
    questions = lead_questions_of(meeting)
    points = live_points(meeting)
    taking_part = agencies_taking_part(meeting)
    return {
        "questions": questions,
        "sections": point_sections(questions, points),
        "agencies": list(taking_part.values()),
        "coverage": coverage_of_points(questions, points, taking_part),
        "since": ChangeToken.after_loading(started, [(point.pk, point.updated_at) for point in points]),
    }


# --- what changed since the last poll ------------------------------------------


# A point saved just before another but committed just after it carries the
# earlier time; every poll looks this far back so that such a point is not missed.
CHANGE_WINDOW = datetime.timedelta(seconds=10)
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC) + CHANGE_WINDOW


def _digest(stamps) -> str:
    """A short fingerprint of (id, time of change) pairs; empty for none."""
    stamps = sorted(f"{pk}:{updated_at.timestamp():.6f}" for pk, updated_at in stamps)
    if not stamps:
        return ""
    return hashlib.blake2s(",".join(stamps).encode(), digest_size=8).hexdigest()


@dataclass(frozen=True)
class ChangeToken:
    """What a page has seen: the latest change time and a fingerprint of the points changed shortly before it.

    The page sends it back with every poll; if the points changed since `latest - CHANGE_WINDOW`
    still have the same fingerprint, nothing changed (204). Written as "<microseconds>-<digest>".
    """

    latest: datetime.datetime
    digest: str = ""

    def __str__(self) -> str:
        return f"{int(self.latest.timestamp() * 1_000_000)}-{self.digest}"

    @property
    def window_start(self) -> datetime.datetime:
        return self.latest - CHANGE_WINDOW

    @classmethod
    def parse(cls, text: str | None) -> "ChangeToken":
        """A token from a poll; a missing or unreadable one has seen nothing, so every point is sent."""
        micros, _sep, digest = (text or "").partition("-")
        try:
            latest = datetime.datetime.fromtimestamp(int(micros) / 1_000_000, tz=datetime.UTC)
        except (ValueError, OverflowError, OSError):
            return cls(latest=EPOCH, digest="?")
        return cls(latest=latest, digest=digest[:32])

    @classmethod
    def after_loading(cls, started: datetime.datetime, stamps: list[tuple]) -> "ChangeToken":
        """The token of a page that loaded the live points with these (id, time of change) at `started`."""
        latest = max([started, *(updated_at for _pk, updated_at in stamps)])
        recent = [(pk, updated_at) for pk, updated_at in stamps if updated_at >= latest - CHANGE_WINDOW]
        return cls(latest=latest, digest=_digest(recent))

    def advance(self, changed: list[DiscussionPoint]) -> "ChangeToken":
        latest = max([self.latest, *(point.updated_at for point in changed)])
        recent = [(point.pk, point.updated_at) for point in changed if point.updated_at >= latest - CHANGE_WINDOW]
        return ChangeToken(latest=latest, digest=_digest(recent))


@dataclass
class PointChanges:
    meeting: Meeting  # only pk, working group and status are loaded
    points: list[DiscussionPoint]  # changed since the token's window start, deleted ones included
    token: ChangeToken

    @property
    def changed(self) -> bool:
        return _digest((point.pk, point.updated_at) for point in self.points) != self.token.digest


_CHANGED_FIELDS = (
    "pk", "lead_question_id", "agency_id", "kind", "text", "order", "source", "created_by_id", "created_at",
    "updated_at", "deleted_at",
)  # fmt: skip
_CHANGED_AGENCY_FIELDS = ("name_th", "name_en", "short_name")


def meeting_with_point_changes(pk: int, token: ChangeToken) -> PointChanges | None:
    """The meeting and its points changed since the token's window, in ONE query (None if no such meeting).

    The polls of every open capture page and projector run this every few seconds,
    so it joins the meeting to its recently changed points (index
    point_meeting_changes_idx) instead of asking twice.
    """
    columns = [f"changed__{name}" for name in _CHANGED_FIELDS]
    columns += [f"changed__agency__{name}" for name in _CHANGED_AGENCY_FIELDS]
    rows = list(
        Meeting.objects.filter(pk=pk)
        .annotate(changed=FilteredRelation("points", condition=Q(points__updated_at__gte=token.window_start)))
        .order_by("changed__updated_at", "changed__pk")
        .values("pk", "working_group_id", "status", *columns)
    )
    if not rows:
        return None
    first = rows[0]
    meeting = Meeting(pk=first["pk"], working_group_id=first["working_group_id"], status=first["status"])
    points = []
    for row in rows:
        if row["changed__pk"] is None:
            continue
        point = DiscussionPoint(meeting=meeting, **{name: row[f"changed__{name}"] for name in _CHANGED_FIELDS})
        point.agency = Agency(
            pk=row["changed__agency_id"], **{name: row[f"changed__agency__{name}"] for name in _CHANGED_AGENCY_FIELDS}
        )
        points.append(point)
    return PointChanges(meeting=meeting, points=points, token=token)


# --- the projector -------------------------------------------------------------


@dataclass
class AgencyPoints:
    agency: Agency
    points: list[DiscussionPoint]


def followed_question_id(meeting: Meeting) -> int | None:
    """The question of the most recently changed live point: what the room is talking about now."""
    return (
        DiscussionPoint.objects.live()
        .for_meeting(meeting)
        .order_by("-updated_at", "-pk")
        .values_list("lead_question_id", flat=True)
        .first()
    )


def points_by_agency(points: list[DiscussionPoint]) -> list[AgencyPoints]:
    """Group points by agency, agencies in the order of their first point."""
    groups: dict[int, AgencyPoints] = {}
    for point in points:
        groups.setdefault(point.agency_id, AgencyPoints(point.agency, [])).points.append(point)
    return list(groups.values())


def projector_page(meeting: Meeting, *, pinned_question_id: int | None = None, general: bool = False) -> dict:
    """The current question and its points by agency, in three queries.

    The facilitator may pin a question (or the general points); otherwise the
    projector follows the question whose point changed last.
    """
    started = timezone.now()
    questions = lead_questions_of(meeting)
    by_pk = {question.pk: question for question in questions}
    if general:
        current, following = None, False
    elif pinned_question_id in by_pk:
        current, following = by_pk[pinned_question_id], False
    else:
        following = True
        followed = followed_question_id(meeting)
        current = by_pk.get(followed) if followed else (questions[0] if questions else None)
    points = list(
        DiscussionPoint.objects.live()
        .for_meeting(meeting)
        .filter(lead_question=current)
        .select_related("agency")
        .order_by("order", "pk")
    )
    number = questions.index(current) + 1 if current is not None else None
    position = questions.index(current) if current is not None else len(questions)
    return {
        "questions": questions,
        "current": current,
        "number": number,
        "following": following,
        "previous_question": questions[position - 1] if position > 0 else None,
        "next_question": questions[position + 1] if position + 1 < len(questions) else None,
        "agency_points": points_by_agency(points),
        "point_count": len(points),
        # The projector shows one question, so its token only tells that *something*
        # changed: the first poll after loading redraws once if there was activity.
        "since": ChangeToken(latest=started),
    }


# --- pre-meeting input -----------------------------------------------------------


def premeeting_answers(meeting: Meeting, agency_id: int) -> dict[int, DiscussionPoint]:
    """The agency's live pre-meeting points by lead question (the first one of each, in order)."""
    answers: dict[int, DiscussionPoint] = {}
    points = (
        DiscussionPoint.objects.live()
        .for_meeting(meeting)
        .filter(agency_id=agency_id, source=PointSource.PRE_MEETING, lead_question__isnull=False)
        .order_by("order", "pk")
    )
    for point in points:
        answers.setdefault(point.lead_question_id, point)
    return answers


def deleted_point(meeting: Meeting, pk) -> DiscussionPoint | None:
    """A deleted point of the meeting, for the "undo" offered after a deletion without JavaScript."""
    pk = as_id(pk)
    if pk is None:
        return None
    return DiscussionPoint.objects.deleted().for_meeting(meeting).filter(pk=pk).first()
