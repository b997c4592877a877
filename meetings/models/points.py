"""Discussion points: what each agency said, captured live or sent before the meeting."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from meetings.models.meetings import Meeting
from meetings.models.questions import LeadQuestion


class PointKind(models.TextChoices):
    CURRENT_PRACTICE = "current_practice", _("Current practice")
    PROBLEM = "problem", _("Problem or limitation")
    SUGGESTION = "suggestion", _("Suggestion")
    CONCLUSION = "conclusion", _("Agreed conclusion")
    ACTION_ITEM = "action_item", _("Action item")


class PointSource(models.TextChoices):
    LIVE = "live", _("Captured in the meeting")
    PRE_MEETING = "pre_meeting", _("Submitted before the meeting")


class DiscussionPointQuerySet(models.QuerySet):
    def live(self):
        """Points not deleted (a deleted point is kept a while so that it can be undone)."""
        return self.filter(deleted_at__isnull=True)

    def deleted(self):
        return self.filter(deleted_at__isnull=False)

    def for_meeting(self, meeting):
        return self.filter(meeting=meeting)


class DiscussionPoint(models.Model):
    # No single-column index on meeting: every index below starts with it.
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="points", db_index=False
    )
    lead_question = models.ForeignKey(
        LeadQuestion,
        verbose_name=_("lead question"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="points",
        help_text=_("Empty for a general point."),
    )
    agency = models.ForeignKey(
        "pmqa_portal.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="discussion_points"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=PointKind.choices, default=PointKind.CURRENT_PRACTICE)
    text = models.TextField(_("text"))
    # db_default: the database then hands the order back on insert (RETURNING), so that capturing a point
    # can compute it inside the INSERT (services.points.point_capture) in one round trip.
    order = models.PositiveIntegerField(_("order"), default=0, db_default=0)
    source = models.CharField(_("source"), max_length=16, choices=PointSource.choices, default=PointSource.LIVE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        # No index: no page looks points up by their author, and every index is paid for on each capture.
        # Deleting a user (rare; users are usually deactivated) scans the table once.
        db_index=False,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True)

    objects = DiscussionPointQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("discussion point")
        verbose_name_plural = _("discussion points")
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="discussion_point_has_text"),
        ]
        # The live points of one meeting (coverage matrix, capture lists) come from the meeting's
        # index below (point_meeting_changes_idx): a meeting has hundreds of points, not millions.
        indexes = [
            # Capture and projector: one question's live points in their order.
            models.Index(
                fields=["meeting", "lead_question", "order"],
                condition=Q(deleted_at__isnull=True),
                name="point_question_order_idx",
            ),
            # Live refresh: the points of a meeting changed since the last poll
            # (deleted ones included, so that other note-takers see a deletion).
            models.Index(fields=["meeting", "updated_at"], name="point_meeting_changes_idx"),
        ]

    def __str__(self):
        return self.text[:80]

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None
