"""Stakeholder groups: each agency's service recipients and stakeholders (PMQA Category 3), per fiscal year.

A group belongs to one agency and one fiscal year and may sit under a parent
group of the same agency and year (farmers → crop farmers → rice farmers).
Templates hold shared trees that agencies copy from. Every change made through
the services is written to `GroupChange` with the old and new values.

The link to the meeting where a group was agreed is stored on the meetings
side (meetings may import stakeholders, never the other way round): it adds a
relation to `StakeholderGroup` and fills `stakeholders/partials/_group_agreed_at.html`.
"""

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import connection, models
from django.db.models import Case, CharField, Q, Value, When
from django.db.models.functions import Cast, Collate, Concat, LPad
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pmqa_portal.fields import BE_YEAR_MIN, check_be_year
from pmqa_portal.models import Agency, CriteriaItem
from pmqa_portal.thai_dates import current_fiscal_year

# The first fiscal year PMQA groups could belong to (the reform that led to
# PMQA began in 2540) and how far ahead an agency may plan.
FISCAL_YEAR_MIN = 2540
FISCAL_YEARS_AHEAD = 5
# A hard bound the database can check; the moving upper bound is checked in Python.
FISCAL_YEAR_DB_MAX = 2700
# Levels of a tree, a root being level 1. Deep enough for farmers → crop
# farmers → rice farmers → organic rice farmers and more; bounded so that the
# tree order can be computed in SQL with a fixed number of joins.
MAX_DEPTH = 6
NAME_MAX_LENGTH = 200


def fiscal_year_max() -> int:
    return current_fiscal_year() + FISCAL_YEARS_AHEAD


def validate_fiscal_year(value: int) -> None:
    if value < BE_YEAR_MIN:
        check_be_year(value)
    if not FISCAL_YEAR_MIN <= value <= fiscal_year_max():
        raise ValidationError(
            _("%(year)s is not a fiscal year the portal accepts: enter a Buddhist-era year from %(min)s to %(max)s."),
            code="fiscal_year_range",
            params={"year": value, "min": FISCAL_YEAR_MIN, "max": fiscal_year_max()},
        )


def normalise_name(name: str) -> str:
    """Collapse runs of white space: "เกษตรกร  ด้านพืช " and "เกษตรกร ด้านพืช" are one name."""
    return " ".join((name or "").split())


class GroupKind(models.TextChoices):
    SERVICE_RECIPIENT = "service_recipient", _("Service recipient")
    STAKEHOLDER = "stakeholder", _("Stakeholder")


class Level(models.IntegerChoices):
    LOW = 1, _("Low")
    MEDIUM = 2, _("Medium")
    HIGH = 3, _("High")
    VERY_HIGH = 4, _("Very high")


class Priority(models.IntegerChoices):
    # Lower number first: the most pressing needs are listed at the top.
    HIGH = 1, _("High priority")
    MEDIUM = 2, _("Medium priority")
    LOW = 3, _("Low priority")


class NeedKind(models.TextChoices):
    NEED = "need", _("Need")
    EXPECTATION = "expectation", _("Expectation")


class ChannelKind(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    FIELD_VISIT = "field_visit", _("Field visit")
    HOTLINE = "hotline", _("Hotline")
    WEBSITE = "website", _("Website")
    SOCIAL_MEDIA = "social_media", _("Social media")
    SURVEY = "survey", _("Survey")
    OTHER = "other", _("Other channel")


class Frequency(models.TextChoices):
    CONTINUOUS = "continuous", _("All the time")
    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    TWICE_A_YEAR = "twice_a_year", _("Twice a year")
    YEARLY = "yearly", _("Once a year")
    AS_NEEDED = "as_needed", _("As needed")


def _ancestor_lookups() -> list[str]:
    """ "" for the group itself, then parent, parent__parent, ... up to the root of the deepest tree."""
    return ["__".join(["parent"] * level) for level in range(MAX_DEPTH)]


def _field(lookup: str, name: str) -> str:
    return f"{lookup}__{name}" if lookup else name


def _if_present(lookup: str, then):
    return Case(When(**{f"{lookup}__isnull": False}, then=then), default=Value(""))


class StakeholderGroupQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def of_agency(self, agency, fiscal_year: int):
        return self.filter(agency=agency, fiscal_year=fiscal_year)

    def with_tree_position(self):
        """Annotate `depth` (0 for a root), `parent_path` ("เกษตรกร > ด้านพืช") and `tree_key`.

        Ordering by `tree_key` lists every group right after its parent, siblings
        by their order then name: one query with a fixed number of joins, however
        big the tree (MAX_DEPTH bounds the joins).
        """
        lookups = _ancestor_lookups()
        ancestors_root_first = lookups[:0:-1]
        # A group's key is its ancestors' keys then its own; each key ends with a
        # separator that sorts before any letter, so a parent sorts before its children.
        key_parts = [
            _if_present(
                lookup,
                Concat(
                    LPad(Cast(_field(lookup, "order"), CharField()), 6, Value("0")),
                    _field(lookup, "name"),
                    Value("\x01"),
                    output_field=CharField(),
                ),
            )
            for lookup in ancestors_root_first
        ]
        own_key = Concat(
            LPad(Cast("order", CharField()), 6, Value("0")), "name", Value("\x01"), output_field=CharField()
        )
        tree_key = Concat(*key_parts, own_key, output_field=CharField())
        if connection.vendor == "postgresql":
            # Byte order, so that the separator sorts first whatever the database's locale.
            tree_key = Collate(tree_key, "C")
        path_parts = [
            Case(
                When(**{f"{lookup}__parent__isnull": False}, then=Concat(Value(" > "), f"{lookup}__name")),
                When(**{f"{lookup}__isnull": False}, then=f"{lookup}__name"),
                default=Value(""),
                output_field=CharField(),
            )
            for lookup in ancestors_root_first
        ]
        depth = Case(
            *[When(**{f"{lookup}__isnull": False}, then=Value(len(lookups) - 1 - index))
              for index, lookup in enumerate(ancestors_root_first)],
            default=Value(0),
        )  # fmt: skip
        return self.annotate(depth=depth, parent_path=Concat(*path_parts, output_field=CharField()), tree_key=tree_key)

    def in_tree_order(self):
        """Newest year first, agency by agency, each tree in order: an index gives the first two."""
        return self.with_tree_position().order_by("-fiscal_year", "agency_id", "tree_key", "pk")


class StakeholderGroup(models.Model):
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="stakeholder_groups"
    )
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year (B.E.)"), validators=[validate_fiscal_year], help_text=_("e.g. 2550")
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    kind = models.CharField(_("kind"), max_length=32, choices=GroupKind.choices, default=GroupKind.SERVICE_RECIPIENT)
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    description = models.TextField(_("description"), blank=True)
    segmentation_basis = models.CharField(
        _("basis of segmentation"),
        max_length=255,
        blank=True,
        help_text=_("Why these people form a group, e.g. by occupation, area or service used."),
    )
    estimated_size = models.PositiveIntegerField(
        _("estimated size"), null=True, blank=True, help_text=_("Roughly how many people or organisations.")
    )
    services = models.TextField(_("services given to the group"), blank=True)
    criteria_items = models.ManyToManyField(
        CriteriaItem,
        verbose_name=_("PMQA criteria items"),
        blank=True,
        related_name="stakeholder_groups",
        help_text=_("The items this group serves as evidence for."),
    )
    influence = models.PositiveSmallIntegerField(_("influence"), choices=Level.choices, default=Level.MEDIUM)
    interest = models.PositiveSmallIntegerField(_("interest"), choices=Level.choices, default=Level.MEDIUM)
    order = models.PositiveIntegerField(_("order among siblings"), default=0)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Deactivate a group instead of deleting it: its history stays.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = StakeholderGroupQuerySet.as_manager()

    class Meta:
        ordering = ["agency_id", "fiscal_year", "order", "name"]
        verbose_name = _("stakeholder group")
        verbose_name_plural = _("stakeholder groups")
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "name"],
                condition=Q(parent__isnull=False),
                name="stakeholder_group_unique_name_per_parent",
                violation_error_message=_("A group with this name already exists under the same parent."),
            ),
            models.UniqueConstraint(
                fields=["agency", "fiscal_year", "name"],
                condition=Q(parent__isnull=True),
                name="stakeholder_group_unique_top_level_name",
                violation_error_message=_("A top-level group with this name already exists for this fiscal year."),
            ),
            models.CheckConstraint(
                condition=Q(fiscal_year__gte=FISCAL_YEAR_MIN, fiscal_year__lte=FISCAL_YEAR_DB_MAX),
                name="stakeholder_group_fiscal_year_range",
            ),
            models.CheckConstraint(
                condition=Q(influence__gte=Level.LOW, influence__lte=Level.VERY_HIGH)
                & Q(interest__gte=Level.LOW, interest__lte=Level.VERY_HIGH),
                name="stakeholder_group_levels_in_range",
            ),
            models.CheckConstraint(condition=~Q(parent=models.F("pk")), name="stakeholder_group_not_own_parent"),
            models.CheckConstraint(condition=~Q(name=""), name="stakeholder_group_name_not_empty"),
        ]
        indexes = [
            # The agency page, the comparison and carry forward: every group of an agency in a year.
            models.Index(fields=["agency", "fiscal_year"], name="stakeholder_group_agency_year"),
            # The list: newest year first, then agency by agency (its order), read page by page.
            models.Index(fields=["-fiscal_year", "agency"], name="stakeholder_group_year_agency"),
        ]

    def __str__(self):
        return f"{self.name} ({self.fiscal_year})"

    def get_absolute_url(self):
        return reverse("stakeholders:group_detail", args=[self.pk])

    def clean(self):
        self.name = normalise_name(self.name)
        if self.parent_id is None:
            return
        parent = self.parent
        if parent.agency_id != self.agency_id or parent.fiscal_year != self.fiscal_year:
            raise ValidationError(
                {"parent": _("The parent group must belong to the same agency and fiscal year.")},
                code="parent_elsewhere",
            )

    @property
    def tree_url(self) -> str:
        return reverse("stakeholders:agency_tree", args=[self.agency_id, self.fiscal_year])

    @property
    def map_quadrant(self) -> str:
        """The classic stakeholder-map advice for the group's influence and interest."""
        high_influence = self.influence >= Level.HIGH
        high_interest = self.interest >= Level.HIGH
        if high_influence and high_interest:
            return str(_("Manage closely"))
        if high_influence:
            return str(_("Keep satisfied"))
        if high_interest:
            return str(_("Keep informed"))
        return str(_("Monitor"))


class TreeShape:
    """Who is whose parent among an agency's groups of one year: one query, then plain Python.

    Used to refuse a move that would make a cycle or a tree deeper than MAX_DEPTH.
    """

    def __init__(self, parents: dict[int, int | None]):
        self.parents = parents
        self.children: dict[int | None, list[int]] = {}
        for pk, parent_id in parents.items():
            self.children.setdefault(parent_id, []).append(pk)

    @classmethod
    def load(cls, agency_id: int, fiscal_year: int) -> "TreeShape":
        rows = StakeholderGroup.objects.filter(agency_id=agency_id, fiscal_year=fiscal_year).values_list(
            "pk", "parent_id"
        )
        return cls(dict(rows))

    def level_of(self, pk: int) -> int:
        """1 for a root. Stops on a cycle already in the data rather than looping."""
        level, seen, current = 1, {pk}, self.parents.get(pk)
        while current is not None and current not in seen:
            seen.add(current)
            level += 1
            current = self.parents.get(current)
        return level

    def descendants_of(self, pk: int) -> set[int]:
        found, stack = set(), [pk]
        while stack:
            for child in self.children.get(stack.pop(), []):
                if child not in found:
                    found.add(child)
                    stack.append(child)
        return found

    def height_of(self, pk: int | None) -> int:
        """Levels in the subtree rooted at pk, counting pk itself."""
        if pk is None:
            return 1
        best, stack = 1, [(pk, 1)]
        seen = {pk}
        while stack:
            node, level = stack.pop()
            best = max(best, level)
            for child in self.children.get(node, []):
                if child not in seen:
                    seen.add(child)
                    stack.append((child, level + 1))
        return best

    def check_can_place(self, group: StakeholderGroup, parent_id: int | None) -> None:
        if parent_id is None:
            return
        if group.pk is not None and (parent_id == group.pk or parent_id in self.descendants_of(group.pk)):
            raise ValidationError(
                {"parent": _("A group cannot be moved under itself or under one of its own subgroups.")},
                code="cycle",
            )
        if self.level_of(parent_id) + self.height_of(group.pk) > MAX_DEPTH:
            raise ValidationError(
                {"parent": _("The tree would be more than %(max)s levels deep.") % {"max": MAX_DEPTH}},
                code="too_deep",
            )


class Need(models.Model):
    group = models.ForeignKey(
        StakeholderGroup, verbose_name=_("stakeholder group"), on_delete=models.CASCADE, related_name="needs"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=NeedKind.choices, default=NeedKind.NEED)
    description = models.TextField(_("description"))
    priority = models.PositiveSmallIntegerField(_("priority"), choices=Priority.choices, default=Priority.MEDIUM)

    class Meta:
        ordering = ["group", "priority", "pk"]
        verbose_name = _("need or expectation")
        verbose_name_plural = _("needs and expectations")
        constraints = [
            models.CheckConstraint(
                condition=Q(priority__gte=Priority.HIGH, priority__lte=Priority.LOW), name="need_priority_in_range"
            ),
            models.CheckConstraint(condition=~Q(description=""), name="need_description_not_empty"),
        ]

    def __str__(self):
        return self.description


class ListeningChannel(models.Model):
    group = models.ForeignKey(
        StakeholderGroup, verbose_name=_("stakeholder group"), on_delete=models.CASCADE, related_name="channels"
    )
    kind = models.CharField(_("channel"), max_length=16, choices=ChannelKind.choices)
    description = models.CharField(
        _("details"), max_length=255, blank=True, help_text=_("e.g. monthly meeting with farmer leaders, hotline 1170")
    )
    frequency = models.CharField(_("how often"), max_length=16, choices=Frequency.choices, default=Frequency.AS_NEEDED)

    class Meta:
        ordering = ["group", "kind", "pk"]
        verbose_name = _("listening channel")
        verbose_name_plural = _("listening channels")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.description}" if self.description else self.get_kind_display()


class StakeholderTemplate(models.Model):
    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("stakeholder template")
        verbose_name_plural = _("stakeholder templates")

    def __str__(self):
        return self.name


class TemplateGroup(models.Model):
    template = models.ForeignKey(
        StakeholderTemplate, verbose_name=_("template"), on_delete=models.CASCADE, related_name="groups"
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("parent group"), on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=GroupKind.choices, default=GroupKind.SERVICE_RECIPIENT)
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    description = models.TextField(_("description"), blank=True)
    segmentation_basis = models.CharField(_("basis of segmentation"), max_length=255, blank=True)
    order = models.PositiveIntegerField(_("order among siblings"), default=0)

    class Meta:
        ordering = ["template", "order", "name"]
        verbose_name = _("template group")
        verbose_name_plural = _("template groups")
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "name"],
                condition=Q(parent__isnull=False),
                name="template_group_unique_name_per_parent",
            ),
            models.UniqueConstraint(
                fields=["template", "name"],
                condition=Q(parent__isnull=True),
                name="template_group_unique_top_level_name",
            ),
            models.CheckConstraint(condition=~Q(parent=models.F("pk")), name="template_group_not_own_parent"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        self.name = normalise_name(self.name)
        if self.parent_id is not None and self.parent.template_id != self.template_id:
            raise ValidationError({"parent": _("The parent group must belong to the same template.")})


class ChangeAction(models.TextChoices):
    CREATED = "created", _("Created")
    UPDATED = "updated", _("Updated")
    RENAMED = "renamed", _("Renamed")
    MOVED = "moved", _("Moved")
    REORDERED = "reordered", _("Reordered")
    DEACTIVATED = "deactivated", _("Deactivated")
    REACTIVATED = "reactivated", _("Reactivated")
    IMPORTED = "imported", _("Imported")
    COPIED = "copied", _("Carried forward")
    NEED_ADDED = "need_added", _("Need added")
    NEED_REMOVED = "need_removed", _("Need removed")
    CHANNEL_ADDED = "channel_added", _("Listening channel added")
    CHANNEL_REMOVED = "channel_removed", _("Listening channel removed")


class GroupChangeQuerySet(models.QuerySet):
    def of_agency(self, agency, fiscal_year: int):
        return self.filter(agency=agency, fiscal_year=fiscal_year)


class GroupChange(models.Model):
    """One change to one group: who, when, and each field's old and new value.

    The agency, year and name are kept on the row so that the history of a group
    stays readable after the group itself is deleted in admin.
    """

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="stakeholder_group_changes"
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    group = models.ForeignKey(
        StakeholderGroup,
        verbose_name=_("stakeholder group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="history_entries",
    )
    group_name = models.CharField(_("group name"), max_length=NAME_MAX_LENGTH)
    action = models.CharField(_("action"), max_length=32, choices=ChangeAction.choices)
    changes = models.JSONField(
        _("changes"), default=dict, blank=True, help_text=_("Field name → [old value, new value].")
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.PROTECT,
        related_name="stakeholder_group_changes",
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    objects = GroupChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("stakeholder group change")
        verbose_name_plural = _("stakeholder group changes")
        indexes = [
            # The history page: an agency's changes in one fiscal year, newest first.
            models.Index(fields=["agency", "fiscal_year", "-changed_at"], name="group_change_agency_year"),
        ]

    def __str__(self):
        return f"{self.group_name}: {self.get_action_display()}"

    def field_changes(self) -> list[tuple[str, str, str]]:
        """(field label, old, new) for display; choice values shown by their labels."""
        rows = []
        for name, (old, new) in self.changes.items():
            rows.append((_field_label(name), _display_value(name, old), _display_value(name, new)))
        return rows


_EXTRA_LABELS = {
    "needs": _("needs and expectations"),
    "channels": _("listening channels"),
}


def _field_label(name: str) -> str:
    if name in _EXTRA_LABELS:
        return str(_EXTRA_LABELS[name])
    try:
        return str(StakeholderGroup._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:  # a field renamed since the change was logged keeps its raw name
        return name


def _display_value(name: str, value) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or "–"
    try:
        field = StakeholderGroup._meta.get_field(name)
    except FieldDoesNotExist:
        return str(value)
    # Needs and channels are reverse relations, logged as their text: only the group's own fields have choices.
    if field.concrete and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)
