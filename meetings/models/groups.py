"""Working groups (คณะทำงาน): a province's PMQA group, its member agencies and members."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def one_listing_per_person(scope: str, *, names: tuple[str, str, str], message) -> list[models.UniqueConstraint]:
    """A person is listed once in `scope` (a meeting, a working group): by their account, or,
    without one, by their name within their agency (or among those of no agency)."""
    by_user, by_name_in_agency, by_name_alone = names
    return [
        models.UniqueConstraint(
            fields=[scope, "user"], condition=Q(user__isnull=False), name=by_user, violation_error_message=message
        ),
        models.UniqueConstraint(
            fields=[scope, "name", "agency"],
            condition=Q(user__isnull=True, agency__isnull=False),
            name=by_name_in_agency,
            violation_error_message=message,
        ),
        models.UniqueConstraint(
            fields=[scope, "name"],
            condition=Q(user__isnull=True, agency__isnull=True),
            name=by_name_alone,
            violation_error_message=message,
        ),
    ]


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    FACILITATOR = "facilitator", _("Facilitator (คุณอำนวย)")
    NOTE_TAKER = "note_taker", _("Note-taker / secretary (คุณลิขิต)")
    ADVISOR = "advisor", _("Advisor")
    MEMBER = "member", _("Member")


class WorkingGroupQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def in_province(self, province):
        return self.filter(province=province)

    def with_member(self, user):
        return self.filter(members__user=user)


class WorkingGroup(models.Model):
    province = models.ForeignKey(
        "pmqa_portal.Province", verbose_name=_("province"), on_delete=models.PROTECT, related_name="working_groups"
    )
    name = models.CharField(_("name"), max_length=255, help_text=_("e.g. คณะทำงาน PMQA จังหวัดกำแพงเพชร"))
    description = models.TextField(_("description"), blank=True)
    member_agencies = models.ManyToManyField(
        "pmqa_portal.Agency", verbose_name=_("member agencies"), blank=True, related_name="working_groups"
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = WorkingGroupQuerySet.as_manager()

    class Meta:
        ordering = ["province__name_th", "name"]
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "name"],
                name="working_group_unique_name_per_province",
                violation_error_message=_("The province already has a working group of this name."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("meetings:group_detail", args=[self.pk])


class WorkingGroupMember(models.Model):
    """A person in a working group; `user` is empty for someone without an account."""

    working_group = models.ForeignKey(
        WorkingGroup, verbose_name=_("working group"), on_delete=models.CASCADE, related_name="members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="working_group_memberships",
    )
    name = models.CharField(_("name"), max_length=255, blank=True, help_text=_("Needed when there is no user."))
    agency = models.ForeignKey(
        "pmqa_portal.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="working_group_members",
    )
    position = models.CharField(_("position"), max_length=255, blank=True)
    role = models.CharField(
        _("role in the group"), max_length=32, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("working-group member")
        verbose_name_plural = _("working-group members")
        constraints = [
            # A second "add member" of the same form adds nobody.
            *one_listing_per_person(
                "working_group",
                names=(
                    "working_group_member_unique_user",
                    "working_group_member_unique_name_in_agency",
                    "working_group_member_unique_name_without_agency",
                ),
                message=_("This person is already a member of the group."),
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(name=""), name="working_group_member_has_user_or_name"
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        """The typed name wins; else the user's name (select_related the user)."""
        if self.name:
            return self.name
        return self.user.get_full_name() if self.user_id else ""
