"""After Action Review (AAR): what the group learnt from running the meeting."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from meetings.models.meetings import Meeting


class AfterActionReview(models.Model):
    meeting = models.OneToOneField(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="after_action_review"
    )
    expected = models.TextField(_("what we expected"), blank=True)
    happened = models.TextField(_("what actually happened"), blank=True)
    difference = models.TextField(_("why they differ"), blank=True)
    keep = models.TextField(_("what we will keep doing"), blank=True)
    change = models.TextField(_("what we will change"), blank=True)
    # Raised by every save; a save from an older form is refused (see services.actions.aar_save).
    version = models.PositiveIntegerField(_("version"), default=0)
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
        verbose_name = _("after action review")
        verbose_name_plural = _("after action reviews")

    def __str__(self):
        return str(self.meeting)

    def get_absolute_url(self):
        return reverse("meetings:aar_edit", args=[self.meeting_id])

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, name).strip() for name in ("expected", "happened", "difference", "keep", "change"))
