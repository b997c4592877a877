"""The consolidated summary: drafted from the points, edited in revisions, reviewed and approved.

Every saved text is a new `SummaryRevision`; nothing here ever changes a
revision's text. A save names the revision number it was based on and is
refused with `SummaryConflict` when someone saved a newer one in between, so
two people editing at once never silently overwrite each other.
"""

import re
import unicodedata
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from meetings.models import (
    AgendaItem,
    CommentKind,
    CommentStatus,
    DiscussionPoint,
    LeadQuestion,
    Meeting,
    MeetingStatus,
    PointKind,
    ReviewComment,
    RevisionOrigin,
    Summary,
    SummaryRevision,
)
from meetings.models.summaries import SUMMARY_MAX_LENGTH, validate_summary_length
from meetings.services.lifecycle import meeting_move
from pmqa_portal.markdown_text import escape_markdown, render_markdown

# The order of the kinds under each lead question; agreed conclusions go to their own field.
DRAFT_KIND_ORDER = (PointKind.CURRENT_PRACTICE, PointKind.PROBLEM, PointKind.SUGGESTION, PointKind.ACTION_ITEM)
EDITABLE_STATUSES = (MeetingStatus.NOTES_CLOSED, MeetingStatus.SUMMARY_IN_REVIEW)

NOT_YET_MESSAGE = gettext_lazy("The summary can be written once the meeting's notes are closed.")
APPROVED_MESSAGE = gettext_lazy(
    "This summary is approved and frozen: an approved revision cannot be changed. "
    "Start a new revision to change it; your text is kept below."
)


class SummaryConflict(ValidationError):
    """Someone saved a newer revision after this edit began; `current` is theirs."""

    def __init__(self, current: SummaryRevision | None):
        self.current = current
        super().__init__(
            _(
                "Someone else saved revision %(number)s while you were editing. Your text has not been saved: "
                "compare it with theirs below, merge the two in the form and save again."
            )
            % {"number": current.number if current else 0},
            code="conflict",
        )


# --- reading the text --------------------------------------------------------


def render_summary_text(text: str) -> SafeString:
    """The Markdown of a summary as HTML, cleaned by the portal's sanitiser, safe to show."""
    return render_markdown(text)


# --- drafting from the points ------------------------------------------------

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_SPACES = re.compile(r"\s+")


def normalise_statement(text: str) -> str:
    """The key under which two statements count as the same.

    NFKC folds the two spellings of sara am and full-width forms; case,
    punctuation, Thai digits and every space are ignored, because Thai writes no
    spaces between words and people space Thai next to Latin letters and digits
    differently ("PMQA หมวด 3" and "PMQAหมวด3" are one statement).
    """
    text = unicodedata.normalize("NFKC", text).casefold().translate(_THAI_DIGITS)
    return "".join(
        char for char in text if not char.isspace() and not unicodedata.category(char).startswith(("P", "C"))
    )


def _tidy(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _statements(rows) -> list[tuple[str, list[str]]]:
    """Merge statements that normalise alike; keep the first wording and every agency in order of speaking."""
    merged: dict[str, tuple[str, list[str]]] = {}
    for text, agency in rows:
        key = normalise_statement(text)
        if not key:
            continue
        if key not in merged:
            merged[key] = (_tidy(text), [])
        agencies = merged[key][1]
        if agency not in agencies:
            agencies.append(agency)
    return list(merged.values())


def _bullet(text: str, agencies: list[str]) -> str:
    """A statement as a list item: the agencies' words are text, whatever Markdown they resemble."""
    return f"- {escape_markdown(text)} ({escape_markdown(', '.join(agencies))})"


def summary_draft_markdown(*, meeting: Meeting) -> tuple[str, str]:
    """The draft text and agreed conclusions built from the meeting's live points (two queries).

    Grouped by lead question, then by kind; each statement is followed by the
    short names of the agencies that made it.
    """
    questions = list(LeadQuestion.objects.filter(meeting=meeting).order_by("order", "pk").values_list("pk", "text"))
    rows = (
        DiscussionPoint.objects.live()
        .filter(meeting=meeting)
        .order_by("order", "pk")
        .values_list("lead_question_id", "kind", "text", "agency__short_name", "agency__name_th")
    )
    grouped: dict[int | None, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for question_id, kind, text, short_name, name in rows:
        grouped[question_id][kind].append((text, short_name or name))

    kind_labels = dict(PointKind.choices)
    sections: list[str] = []
    conclusions: list[str] = []
    numbered = [
        (pk, _("Lead question %(number)s: %(text)s") % {"number": n, "text": _tidy(text)})
        for n, (pk, text) in enumerate(questions, start=1)
    ]
    if None in grouped:
        numbered.append((None, _("General points")))
    for question_id, heading in numbered:
        by_kind = grouped.get(question_id)
        if not by_kind:
            continue
        lines = [f"## {escape_markdown(heading)}"]
        for kind in DRAFT_KIND_ORDER:
            statements = _statements(by_kind.get(kind, ()))
            if statements:
                lines.append(f"\n### {kind_labels[kind]}\n")
                lines.extend(_bullet(text, agencies) for text, agencies in statements)
        conclusions.extend(
            _bullet(text, agencies) for text, agencies in _statements(by_kind.get(PointKind.CONCLUSION, ()))
        )
        if len(lines) > 1:
            sections.append("\n".join(lines))
    return "\n\n".join(sections), "\n".join(conclusions)


# --- the summary and its revisions ---------------------------------------------


def _default_discussion_item(meeting: Meeting) -> AgendaItem | None:
    """The agenda item "for consideration" (เรื่องเพื่อพิจารณา) when there is one, else the first item."""
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("order", "pk"))
    for item in items:
        if "พิจารณา" in item.title or "consideration" in item.title.lower():
            return item
    return items[0] if items else None


def summary_get_or_create(*, meeting: Meeting) -> Summary:
    summary = Summary.objects.filter(meeting=meeting).first()
    if summary is None:
        summary = Summary(meeting=meeting, discussion_agenda_item=_default_discussion_item(meeting))
        # One summary per meeting is left to the database: of two first saves at once, both may
        # pass a check made here, and the second then takes the summary the first one stored.
        summary.full_clean(validate_unique=False)
        try:
            with transaction.atomic():
                summary.save()
        except IntegrityError:
            # Two first saves at once: the other one created it.
            summary = Summary.objects.get(meeting=meeting)
    summary.meeting = meeting
    return summary


def current_revision(summary: Summary) -> SummaryRevision | None:
    if not summary.current_number:
        return None
    return SummaryRevision.objects.select_related("author").get(summary=summary, number=summary.current_number)


def _require_editable(meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.APPROVED:
        raise ValidationError(APPROVED_MESSAGE, code="approved")
    if meeting.status not in EDITABLE_STATUSES:
        raise ValidationError(NOT_YET_MESSAGE, code="not_yet")


def _bump_meeting(meeting: Meeting) -> None:
    """The summary changed: the meeting's pages are drawn anew."""
    Meeting.objects.filter(pk=meeting.pk).update(version=F("version") + 1, updated_at=timezone.now())


@transaction.atomic
def summary_save(
    *,
    summary: Summary,
    text: str,
    conclusions: str,
    base_number: int,
    by,
    origin: str = RevisionOrigin.EDITED,
) -> SummaryRevision:
    """Save the text as a new revision, unless someone saved a newer one since `base_number` was read.

    An unchanged text saves nothing and returns the current revision.
    """
    meeting = summary.meeting
    _require_editable(meeting)
    text, conclusions = text.strip().replace("\r\n", "\n"), conclusions.strip().replace("\r\n", "\n")
    validate_summary_length(text)
    validate_summary_length(conclusions)
    current = current_revision(summary) if base_number else None
    if (
        current is not None
        and current.number == base_number
        and (current.text, current.conclusions)
        == (
            text,
            conclusions,
        )
    ):
        return current
    # Compare-and-set on the summary row: of two saves from the same base, only one moves it on.
    moved = Summary.objects.filter(pk=summary.pk, current_number=base_number).update(
        current_number=base_number + 1, updated_at=timezone.now()
    )
    if not moved:
        summary.refresh_from_db(fields=["current_number"])
        theirs = current_revision(summary)
        # The same text saved a moment ago (a double click, a resent form) is this save, done already.
        if theirs is not None and (theirs.text, theirs.conclusions) == (text, conclusions):
            return theirs
        raise SummaryConflict(theirs)
    revision = SummaryRevision(
        summary=summary, number=base_number + 1, text=text, conclusions=conclusions, origin=origin, author=by
    )
    revision.full_clean()
    revision.save()
    summary.current_number = revision.number
    _bump_meeting(meeting)
    return revision


@transaction.atomic
def summary_draft(*, meeting: Meeting, by) -> SummaryRevision:
    """Draft the summary from the points as a new revision (earlier revisions stay in the history)."""
    if meeting.status != MeetingStatus.NOTES_CLOSED:
        if meeting.status in (MeetingStatus.PLANNED, MeetingStatus.IN_SESSION):
            raise ValidationError(NOT_YET_MESSAGE, code="not_yet")
        raise ValidationError(
            _("The summary is past drafting: edit the text instead of drafting it again."), code="past_draft"
        )
    summary = summary_get_or_create(meeting=meeting)
    text, conclusions = summary_draft_markdown(meeting=meeting)
    if not text and not conclusions:
        raise ValidationError(_("The meeting has no discussion points to draft a summary from."), code="no_points")
    longest = max(len(text), len(conclusions))
    if longest > SUMMARY_MAX_LENGTH:
        raise ValidationError(
            _(
                "A summary drafted from these points would hold %(length)s characters, more than the %(limit)s "
                "a summary may hold. Shorten the longest points, or write the summary yourself."
            ),
            code="too_long",
            params={"length": f"{longest:,}", "limit": f"{SUMMARY_MAX_LENGTH:,}"},
        )
    return summary_save(
        summary=summary,
        text=text,
        conclusions=conclusions,
        base_number=summary.current_number,
        by=by,
        origin=RevisionOrigin.DRAFTED,
    )


def _require_current(summary: Summary, revision_number: int) -> SummaryRevision:
    """The latest revision, which must be the one the facilitator read; the summary row stays locked
    until the transaction ends, so no save slips in between the check and the status change."""
    summary.current_number = (
        Summary.objects.select_for_update().values_list("current_number", flat=True).get(pk=summary.pk)
    )
    current = current_revision(summary)
    if current is None or current.is_empty:
        raise ValidationError(_("The summary is empty. Write or draft the summary first."), code="empty")
    if current.number != revision_number:
        raise SummaryConflict(current)
    return current


@transaction.atomic
def summary_send_for_review(*, summary: Summary, revision_number: int, by) -> Summary:
    """Open the summary to the attending agencies' comments and proposals."""
    meeting = summary.meeting
    if meeting.status != MeetingStatus.NOTES_CLOSED:
        raise ValidationError(_("Only a draft summary can be sent for review."), code="bad_status")
    _require_current(summary, revision_number)
    meeting_move(meeting=meeting, to=MeetingStatus.SUMMARY_IN_REVIEW)
    return summary


@transaction.atomic
def summary_approve(*, summary: Summary, revision_number: int, by) -> SummaryRevision:
    """Approve the revision the facilitator has read; it is frozen and the minutes are issued from it."""
    meeting = summary.meeting
    if meeting.status == MeetingStatus.APPROVED:
        raise ValidationError(_("The summary is already approved."), code="approved")
    if meeting.status != MeetingStatus.SUMMARY_IN_REVIEW:
        raise ValidationError(_("Send the summary for review before approving it."), code="bad_status")
    revision = _require_current(summary, revision_number)
    if ReviewComment.objects.filter(summary=summary, kind=CommentKind.PROPOSAL, status=CommentStatus.PENDING).exists():
        raise ValidationError(_("Accept or decline every proposed addition before approving."), code="pending")
    now = timezone.now()
    SummaryRevision.objects.filter(pk=revision.pk).update(approved_by=by, approved_at=now)
    revision.approved_by, revision.approved_at = by, now
    Summary.objects.filter(pk=summary.pk).update(approved_revision=revision, updated_at=now)
    summary.approved_revision = revision
    meeting_move(meeting=meeting, to=MeetingStatus.APPROVED)
    return revision


@transaction.atomic
def summary_start_new_revision(*, summary: Summary, by) -> Summary:
    """Reopen an approved summary for editing; the approved revision stays frozen and issues the minutes
    until a new one is approved."""
    meeting = summary.meeting
    if meeting.status != MeetingStatus.APPROVED:
        raise ValidationError(_("Only an approved summary needs a new revision."), code="bad_status")
    meeting_move(meeting=meeting, to=MeetingStatus.NOTES_CLOSED)
    return summary


# --- review ------------------------------------------------------------------


@transaction.atomic
def review_comment_add(*, summary: Summary, by, kind: str, text: str) -> ReviewComment:
    """A comment or proposed addition on the summary in review."""
    if summary.meeting.status != MeetingStatus.SUMMARY_IN_REVIEW:
        raise ValidationError(
            _("Comments are taken only while the summary is in review. Your text is kept below."), code="not_in_review"
        )
    comment = ReviewComment(
        summary=summary,
        revision=current_revision(summary),
        kind=kind,
        text=text.strip(),
        author=by,
        agency_id=by.agency_id,
    )
    comment.full_clean()
    comment.save()
    return comment


def _proposal_addition(comment: ReviewComment) -> str:
    agency = comment.agency.short_name or comment.agency.name_th if comment.agency_id else ""
    suffix = f" ({escape_markdown(agency)})" if agency else ""
    return f"- {escape_markdown(comment.text)}{suffix}"


@transaction.atomic
def review_comment_decide(*, comment: ReviewComment, accept: bool, by, note: str = "") -> ReviewComment:
    """Accept or decline a comment; an accepted proposal is appended to the summary as a new revision."""
    summary = comment.summary
    if summary.meeting.status != MeetingStatus.SUMMARY_IN_REVIEW:
        raise ValidationError(_("Decisions on comments are made while the summary is in review."), code="bad_status")
    if not comment.is_pending:
        raise ValidationError(_("This comment has already been decided."), code="decided")
    if accept and comment.is_proposal:
        current = current_revision(summary)
        text = (
            f"{current.text}\n\n{_proposal_addition(comment)}"
            if current and current.text
            else _proposal_addition(comment)
        )
        if len(text) > SUMMARY_MAX_LENGTH:
            raise ValidationError(
                _(
                    "With this proposal the summary would hold %(length)s characters, more than the %(limit)s "
                    "a summary may hold. Shorten the summary first; the proposal waits for your decision."
                ),
                code="too_long",
                params={"length": f"{len(text):,}", "limit": f"{SUMMARY_MAX_LENGTH:,}"},
            )
        comment.resulting_revision = summary_save(
            summary=summary,
            text=text,
            conclusions=current.conclusions if current else "",
            base_number=summary.current_number,
            by=by,
            origin=RevisionOrigin.PROPOSAL,
        )
    comment.status = CommentStatus.ACCEPTED if accept else CommentStatus.DECLINED
    comment.decided_by, comment.decided_at, comment.decision_note = by, timezone.now(), note.strip()
    comment.full_clean()
    comment.save()
    return comment
