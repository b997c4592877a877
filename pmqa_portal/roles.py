"""The portal's roles, kept as Django groups (created by a data migration)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    # The value is the group's name: stable, so code and data agree.
    ADMINISTRATOR = "administrator", _("Administrator")
    FACILITATOR = "facilitator", _("Facilitator (คุณอำนวย)")
    NOTE_TAKER = "note_taker", _("Note-taker (คุณลิขิต)")
    AGENCY_OFFICER = "agency_officer", _("Agency officer")
    OBSERVER = "observer", _("Observer (read-only)")


def roles_grant_permissions(sender=None, using="default", **kwargs):
    """Give the administrator role every permission, including those of apps added later."""
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.using(using).filter(name=Role.ADMINISTRATOR).first()
    if group is not None:
        group.permissions.set(Permission.objects.using(using).all())
