"""Lead questions (ประเด็นคำถามนำ) a facilitator puts to the room."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from meetings.models.meetings import Meeting


class LeadQuestionQuerySet(models.QuerySet):
    def for_bank(self):
        """Questions of earlier meetings, with what the bank's rows show."""
        return self.select_related("meeting__working_group__province", "criteria_item__category__edition").order_by(
            "-meeting__date", "order", "pk"
        )


class LeadQuestion(models.Model):
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="lead_questions",
        db_index=False,  # served by lead_question_meeting_idx
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.TextField(_("question"))
    criteria_item = models.ForeignKey(
        "pmqa_portal.CriteriaItem",
        verbose_name=_("criteria item"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lead_questions",
    )
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("copied from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        help_text=_("The question-bank entry this question was picked from."),
    )
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

    objects = LeadQuestionQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("lead question")
        verbose_name_plural = _("lead questions")
        constraints = [
            models.CheckConstraint(condition=~models.Q(text=""), name="lead_question_has_text"),
        ]
        indexes = [
            # A meeting's questions in order (meeting page, capture, coverage columns).
            models.Index(fields=["meeting", "order"], name="lead_question_meeting_idx"),
        ]

    def __str__(self):
        return self.text[:80]
