"""Action items agreed in a meeting: who does what by when, followed up across meetings."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.models.meetings import Meeting
from meetings.models.points import DiscussionPoint
from pmqa_portal.thai_dates import thai_date


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class ActionItemQuerySet(models.QuerySet):
    def still_open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today: datetime.date | None = None):
        return self.still_open().filter(due_date__lt=today or timezone.localdate())

    def with_overdue_flag(self, today: datetime.date | None = None):
        """Annotate `overdue` in the query, so that a list can sort and show it without per-row work."""
        condition = Q(status__in=OPEN_STATUSES, due_date__lt=today or timezone.localdate())
        return self.annotate(
            overdue=Case(When(condition, then=Value(True)), default=Value(False), output_field=models.BooleanField())
        )

    def for_list(self):
        """What an action-item row shows, loaded in the same query."""
        return self.select_related("meeting__working_group", "agency").order_by(
            models.F("due_date").asc(nulls_last=True), "meeting__date", "pk"
        )


class ActionItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="action_items", db_index=False
    )
    source_point = models.ForeignKey(
        DiscussionPoint,
        verbose_name=_("from discussion point"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        db_index=False,  # served by action_item_one_per_point
    )
    title = models.TextField(_("what is to be done"))
    agency = models.ForeignKey(
        "pmqa_portal.Agency",
        verbose_name=_("responsible agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_items",
        db_index=False,  # served by action_item_agency_idx
    )
    responsible_person = models.CharField(_("responsible person"), max_length=255, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    note = models.TextField(_("progress note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="action_item_has_title"),
            # One click on "create from points" twice must not create the items twice.
            models.UniqueConstraint(
                fields=["source_point"], condition=Q(source_point__isnull=False), name="action_item_one_per_point"
            ),
        ]
        indexes = [
            # A meeting's action items (the meeting's action page and the minutes).
            models.Index(fields=["meeting", "status"], name="action_item_meeting_idx"),
            # The cross-meeting list of open items by due date, and the overdue ones.
            models.Index(fields=["status", "due_date"], name="action_item_status_due_idx"),
            # The cross-meeting list filtered by responsible agency.
            models.Index(fields=["agency", "status", "due_date"], name="action_item_agency_idx"),
        ]

    def __str__(self):
        return self.title[:80]

    def get_absolute_url(self):
        return reverse("meetings:action_edit", args=[self.pk])

    def clean(self):
        if self.due_date and self.meeting_id and self.due_date < self.meeting.date:
            message = _("The due date cannot be before the meeting (%(date)s).") % {
                "date": thai_date(self.meeting.date)
            }
            raise ValidationError({"due_date": ValidationError(message, code="due_before_meeting")})

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue_on(self, today: datetime.date) -> bool:
        return self.is_open and self.due_date is not None and self.due_date < today
