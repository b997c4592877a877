"""The consolidated summary of a meeting: its revisions, the review comments on it and the minutes' details.

Revisions are append-only: every saved text is a new `SummaryRevision`, and an
approved revision is never changed again. `Summary.current_number` is the
number of the latest revision; a save names the number it started from, so an
edit made on an older text is refused instead of overwriting a newer one.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from meetings.models.meetings import AgendaItem, Meeting

# The most a summary's text, or its agreed conclusions, may hold: some forty printed pages,
# ten times a long meeting's summary, and short enough that every page, the .docx and the
# PDF of the minutes are made from it in good time.
SUMMARY_MAX_LENGTH = 100_000


def validate_summary_length(text: str) -> None:
    if len(text) > SUMMARY_MAX_LENGTH:
        raise ValidationError(
            _(
                "A summary may hold at most %(limit)s characters, and this text has %(length)s. "
                "Shorten it and save again: your text is kept below."
            ),
            code="too_long",
            params={"limit": f"{SUMMARY_MAX_LENGTH:,}", "length": f"{len(text):,}"},
        )


class Summary(models.Model):
    meeting = models.OneToOneField(Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="summary")
    current_number = models.PositiveIntegerField(
        _("current revision number"), default=0, help_text=_("0 until the first text is saved.")
    )
    approved_revision = models.ForeignKey(
        "SummaryRevision",
        verbose_name=_("approved revision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The revision the minutes are issued from."),
    )
    discussion_agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item of the discussion"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The agenda item under which the minutes give the summary and its conclusions."),
    )
    recorder_name = models.CharField(_("minutes taken by"), max_length=255, blank=True)
    recorder_position = models.CharField(_("position of the minute-taker"), max_length=255, blank=True)
    checker_name = models.CharField(_("minutes checked by"), max_length=255, blank=True)
    checker_position = models.CharField(_("position of the checker"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("consolidated summary")
        verbose_name_plural = _("consolidated summaries")

    def __str__(self):
        return str(self.meeting)

    def get_absolute_url(self):
        return reverse("meetings:summary_detail", args=[self.meeting_id])


class RevisionOrigin(models.TextChoices):
    DRAFTED = "drafted", _("Drafted from the points")
    EDITED = "edited", _("Edited")
    PROPOSAL = "proposal", _("Proposal accepted")


class SummaryRevision(models.Model):
    summary = models.ForeignKey(
        Summary, verbose_name=_("summary"), on_delete=models.CASCADE, related_name="revisions", db_index=False
    )
    number = models.PositiveIntegerField(_("revision number"))
    text = models.TextField(_("summary text"), blank=True, help_text=_("Markdown."))
    conclusions = models.TextField(
        _("agreed conclusions"), blank=True, help_text=_("Markdown. Printed as the resolution (มติ) in the minutes.")
    )
    origin = models.CharField(_("origin"), max_length=16, choices=RevisionOrigin.choices, default=RevisionOrigin.EDITED)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    class Meta:
        ordering = ["summary", "number"]
        verbose_name = _("summary revision")
        verbose_name_plural = _("summary revisions")
        constraints = [
            # Also the lookup of one revision by number and the revision history in order.
            models.UniqueConstraint(fields=["summary", "number"], name="summary_revision_unique_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="summary_revision_number_positive"),
        ]

    def __str__(self):
        return f"{self.summary} #{self.number}"

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None

    @property
    def is_empty(self) -> bool:
        return not (self.text.strip() or self.conclusions.strip())


class CommentKind(models.TextChoices):
    COMMENT = "comment", _("Comment")
    PROPOSAL = "proposal", _("Proposed addition")


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting the facilitator")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class ReviewComment(models.Model):
    """A comment on the summary in review, or a proposed addition (exchange of learning, ลปรร.)."""

    summary = models.ForeignKey(
        Summary, verbose_name=_("summary"), on_delete=models.CASCADE, related_name="comments", db_index=False
    )
    revision = models.ForeignKey(
        SummaryRevision,
        verbose_name=_("revision commented on"),
        on_delete=models.PROTECT,
        related_name="comments",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=CommentKind.choices, default=CommentKind.COMMENT)
    text = models.TextField(_("text"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="summary_comments",
    )
    agency = models.ForeignKey(
        "pmqa_portal.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="summary_comments",
    )
    status = models.CharField(_("status"), max_length=16, choices=CommentStatus.choices, default=CommentStatus.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.CharField(_("reason"), max_length=500, blank=True)
    resulting_revision = models.ForeignKey(
        SummaryRevision,
        verbose_name=_("resulting revision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The revision that took in an accepted proposal."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="review_comment_has_text"),
        ]
        indexes = [
            # The summary page: a summary's comments in the order they were made.
            models.Index(fields=["summary", "created_at"], name="review_comment_summary_idx"),
        ]

    def __str__(self):
        return self.text[:80]

    @property
    def is_pending(self) -> bool:
        return self.status == CommentStatus.PENDING

    @property
    def is_proposal(self) -> bool:
        return self.kind == CommentKind.PROPOSAL


class AgendaItemMinute(models.Model):
    """What the minutes say under one agenda item: the discussion and the resolution (มติ)."""

    agenda_item = models.OneToOneField(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="minute"
    )
    discussion = models.TextField(_("discussion"), blank=True)
    resolution = models.TextField(_("resolution"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("minutes of an agenda item")
        verbose_name_plural = _("minutes of agenda items")

    def __str__(self):
        return str(self.agenda_item)
