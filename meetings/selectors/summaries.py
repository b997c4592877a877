"""Reads for the summary pages: the summary with its comments and history, and the diff of two revisions."""

import difflib
import re
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString

from meetings.models import AfterActionReview, Meeting, ReviewComment, Summary, SummaryRevision


@dataclass
class SummaryPage:
    summary: Summary | None
    current: SummaryRevision | None
    approved: SummaryRevision | None
    comments: list[ReviewComment]
    revisions: list[SummaryRevision]


def summary_for_meeting(meeting: Meeting) -> Summary | None:
    summary = Summary.objects.filter(meeting=meeting).first()
    if summary is not None:
        summary.meeting = meeting
    return summary


def summary_page(meeting: Meeting) -> SummaryPage:
    """What the summary page shows, in a fixed number of queries whatever the number of comments and revisions."""
    summary = (
        Summary.objects.filter(meeting=meeting)
        .prefetch_related(
            Prefetch(
                "revisions",
                queryset=SummaryRevision.objects.select_related("author", "approved_by").order_by("-number"),
            ),
            Prefetch(
                "comments",
                queryset=ReviewComment.objects.select_related("author", "agency", "decided_by").order_by(
                    "created_at", "pk"
                ),
            ),
        )
        .first()
    )
    if summary is None:
        return SummaryPage(None, None, None, [], [])
    summary.meeting = meeting
    revisions = list(summary.revisions.all())
    by_number = {revision.number: revision for revision in revisions}
    approved = next((revision for revision in revisions if revision.pk == summary.approved_revision_id), None)
    comments = list(summary.comments.all())
    for comment in comments:
        comment.revision_number = next(
            (revision.number for revision in revisions if revision.pk == comment.revision_id), None
        )
    return SummaryPage(summary, by_number.get(summary.current_number), approved, comments, revisions)


# --- comparing two revisions -------------------------------------------------

# A Thai character with the vowel and tone marks written above or below it, a
# run of Latin letters or digits, a run of spaces, or any other single character:
# marks never split a Thai syllable from its vowels.
_TOKEN = re.compile(r"[\u0e00-\u0e7f][\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]*|[A-Za-z0-9]+|\s+|.", re.DOTALL)


@dataclass
class DiffRow:
    kind: str  # "equal", "changed", "added", "removed"
    old_number: int | None
    new_number: int | None
    old: SafeString
    new: SafeString


_MARKS = {"del": "<del>{}</del>", "ins": "<ins>{}</ins>"}


def _marked(tokens: list[str], tag: str) -> SafeString:
    return format_html(_MARKS[tag], "".join(tokens)) if tokens else SafeString()


def _joined(pieces: list[SafeString]) -> SafeString:
    return format_html_join("", "{}", ((piece,) for piece in pieces))


# difflib compares each item with every equal item of the other side: a long line of one
# repeated character costs the square of its length. Past this many pairs in one comparison of
# two revisions, what differs between the common start and the common end is marked whole.
DIFF_MAX_PAIRS = 2_000_000


@dataclass
class _DiffBudget:
    pairs: int = DIFF_MAX_PAIRS


def _opcodes(old: list[str], new: list[str], budget: _DiffBudget) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes, the common start and end set aside first; within the budget."""
    shorter = min(len(old), len(new))
    start = 0
    while start < shorter and old[start] == new[start]:
        start += 1
    end = 0
    while end < shorter - start and old[-end - 1] == new[-end - 1]:
        end += 1
    old_end, new_end = len(old) - end, len(new) - end
    opcodes = [("equal", 0, start, 0, start)] if start else []
    pairs = (old_end - start) * (new_end - start)
    if pairs <= budget.pairs:
        budget.pairs -= pairs
        matcher = difflib.SequenceMatcher(None, old[start:old_end], new[start:new_end], autojunk=False)
        opcodes += [
            (op, i1 + start, i2 + start, j1 + start, j2 + start) for op, i1, i2, j1, j2 in matcher.get_opcodes()
        ]
    else:
        opcodes.append(("replace", start, old_end, start, new_end))
    if end:
        opcodes.append(("equal", old_end, len(old), new_end, len(new)))
    return opcodes


def _word_diff(old: str, new: str, budget: _DiffBudget) -> tuple[SafeString, SafeString]:
    old_tokens, new_tokens = _TOKEN.findall(old), _TOKEN.findall(new)
    old_html, new_html = [], []
    for op, i1, i2, j1, j2 in _opcodes(old_tokens, new_tokens, budget):
        if op == "equal":
            same = escape("".join(old_tokens[i1:i2]))
            old_html.append(same)
            new_html.append(same)
        else:
            old_html.append(_marked(old_tokens[i1:i2], "del"))
            new_html.append(_marked(new_tokens[j1:j2], "ins"))
    return _joined(old_html), _joined(new_html)


def revision_diff(old_text: str, new_text: str) -> list[DiffRow]:
    """Line by line, and word by word inside a changed line: rows for a side-by-side table."""
    old_lines, new_lines = old_text.splitlines(), new_text.splitlines()
    rows: list[DiffRow] = []
    budget = _DiffBudget()
    for op, i1, i2, j1, j2 in _opcodes(old_lines, new_lines, budget):
        if op == "equal":
            for offset, line in enumerate(old_lines[i1:i2]):
                rows.append(DiffRow("equal", i1 + offset + 1, j1 + offset + 1, escape(line), escape(line)))
            continue
        old_block, new_block = old_lines[i1:i2], new_lines[j1:j2]
        for offset in range(max(len(old_block), len(new_block))):
            old_line = old_block[offset] if offset < len(old_block) else None
            new_line = new_block[offset] if offset < len(new_block) else None
            if old_line is not None and new_line is not None:
                old_html, new_html = _word_diff(old_line, new_line, budget)
                rows.append(DiffRow("changed", i1 + offset + 1, j1 + offset + 1, old_html, new_html))
            elif old_line is not None:
                rows.append(DiffRow("removed", i1 + offset + 1, None, _marked([old_line], "del"), SafeString()))
            else:
                rows.append(DiffRow("added", None, j1 + offset + 1, SafeString(), _marked([new_line], "ins")))
    return rows


def revisions_to_compare(summary: Summary, old_number: int, new_number: int):
    """The two revisions by number (either order), or None when one is missing."""
    revisions = {
        revision.number: revision
        for revision in SummaryRevision.objects.filter(summary=summary, number__in=[old_number, new_number])
    }
    if old_number not in revisions or new_number not in revisions:
        return None
    return revisions[old_number], revisions[new_number]


def after_action_review_of(meeting: Meeting) -> AfterActionReview | None:
    return AfterActionReview.objects.filter(meeting=meeting).select_related("updated_by").first()
