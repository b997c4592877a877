"""Stakeholder groups agreed at a meeting.

The link lives here, on the meetings side: `meetings` may import `stakeholders`,
never the other way round. A stakeholder group reaches its meetings through the
reverse relation `group.meeting_agreements`, which the stakeholders group page
reads in its template.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from meetings.models.meetings import Meeting
from meetings.models.points import DiscussionPoint


class AgreedGroupQuerySet(models.QuerySet):
    def for_meeting_page(self):
        """A meeting's agreed groups with their agency and parent, agency by agency: one query."""
        return self.select_related("group__agency", "group__parent").order_by(
            "group__agency__name_th", "group__agency_id", "group__fiscal_year", "group__order", "group__name", "pk"
        )

    def for_group_page(self):
        """The meetings where a group was agreed, oldest first, with what a line shows: one query.

        Called from the stakeholders group page's template as
        `group.meeting_agreements.for_group_page`, so stakeholders needs no import of meetings.
        """
        return self.select_related("meeting__working_group").order_by("meeting__date", "meeting__pk")


class AgreedGroup(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="agreed_groups", db_index=False
    )
    point = models.ForeignKey(
        DiscussionPoint,
        verbose_name=_("agreed conclusion"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreed_groups",
        help_text=_("The conclusion of the meeting the group came from."),
    )
    group = models.ForeignKey(
        "stakeholders.StakeholderGroup",
        verbose_name=_("stakeholder group"),
        on_delete=models.PROTECT,
        related_name="meeting_agreements",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("linked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("linked at"), auto_now_add=True)

    objects = AgreedGroupQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = _("group agreed at a meeting")
        verbose_name_plural = _("groups agreed at meetings")
        constraints = [
            # Also the index of the meeting page's panel (a meeting's agreed groups).
            models.UniqueConstraint(
                fields=["meeting", "group"],
                name="agreed_group_once_per_meeting",
                violation_error_message=_("This group is already linked to this meeting."),
            ),
        ]

    def __str__(self):
        return f"{self.group} · {self.meeting}"
