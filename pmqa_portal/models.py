"""The shared core: users, provinces, agencies and the PMQA framework."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def _in_language(thai: str, english: str) -> str:
    """Pick the English text for an English page when there is one, else the Thai."""
    if english and (get_language() or "th").startswith("en"):
        return english
    return thai


class Province(models.Model):
    code = models.CharField(_("code"), max_length=8, unique=True, help_text=_("ISO 3166-2 code, e.g. TH-62"))
    name_th = models.CharField(_("Thai name"), max_length=100, unique=True)
    name_en = models.CharField(_("English name"), max_length=100, unique=True)

    class Meta:
        ordering = ["name_th"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return _in_language(self.name_th, self.name_en)


class AgencyKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministry")
    DEPARTMENT = "department", _("Department")
    PROVINCIAL_OFFICE = "provincial_office", _("Provincial office")
    DISTRICT_OFFICE = "district_office", _("District office")
    LOCAL_GOVERNMENT = "local_government", _("Local government")
    STATE_ENTERPRISE = "state_enterprise", _("State enterprise")
    OTHER = "other", _("Other")


class AgencyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def in_province(self, province):
        return self.filter(province=province)

    def under_ministry(self, ministry):
        """The ministry itself and every agency up to three levels below it."""
        return self.filter(
            Q(pk=ministry.pk) | Q(parent=ministry) | Q(parent__parent=ministry) | Q(parent__parent__parent=ministry)
        )

    def ministries(self):
        return self.filter(kind=AgencyKind.MINISTRY)

    def named(self, text: str):
        """Agencies whose Thai, English or short name contains every word typed."""
        queryset = self
        for word in text.split():
            queryset = queryset.filter(
                Q(name_th__icontains=word) | Q(name_en__icontains=word) | Q(short_name__icontains=word)
            )
        return queryset


class Agency(models.Model):
    name_th = models.CharField(_("Thai name"), max_length=255)
    name_en = models.CharField(_("English name"), max_length=255, blank=True)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=AgencyKind.choices, default=AgencyKind.PROVINCIAL_OFFICE)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    province = models.ForeignKey(
        Province,
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agencies",
        help_text=_("Empty for a central agency."),
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Deactivate an agency instead of deleting it: its records stay.")
    )

    objects = AgencyQuerySet.as_manager()

    class Meta:
        ordering = ["name_th"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        constraints = [
            models.UniqueConstraint(fields=["name_th", "province"], name="agency_unique_name_per_province"),
            models.CheckConstraint(condition=~Q(parent=models.F("pk")), name="agency_not_own_parent"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("agency_detail", args=[self.pk])

    @property
    def name(self) -> str:
        return _in_language(self.name_th, self.name_en)


class User(AbstractUser):
    full_name_th = models.CharField(_("full name (Thai)"), max_length=255, blank=True)
    position_title = models.CharField(
        _("position title"), max_length=255, blank=True, help_text=_("e.g. นักวิชาการส่งเสริมการเกษตร ชำนาญการ")
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, null=True, blank=True, related_name="users"
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name()

    def get_full_name(self):
        return self.full_name_th or super().get_full_name() or self.username


class Edition(models.Model):
    code = models.SlugField(_("code"), max_length=32, unique=True)
    name_th = models.CharField(_("Thai name"), max_length=255)
    name_en = models.CharField(_("English name"), max_length=255, blank=True)
    first_fiscal_year = models.PositiveSmallIntegerField(
        _("first fiscal year (B.E.)"), null=True, blank=True, help_text=_("The fiscal year the edition took effect.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("PMQA edition")
        verbose_name_plural = _("PMQA editions")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("edition_detail", args=[self.code])

    @property
    def name(self) -> str:
        return _in_language(self.name_th, self.name_en)


class Category(models.Model):
    edition = models.ForeignKey(Edition, verbose_name=_("edition"), on_delete=models.PROTECT, related_name="categories")
    code = models.CharField(_("code"), max_length=8, help_text=_("P for the Organizational Profile, else 1–7"))
    name_th = models.CharField(_("Thai name"), max_length=255)
    name_en = models.CharField(_("English name"), max_length=255, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["edition__order", "order"]
        verbose_name = _("PMQA category")
        verbose_name_plural = _("PMQA categories")
        constraints = [models.UniqueConstraint(fields=["edition", "code"], name="category_unique_code_per_edition")]

    def __str__(self):
        return f"{self.label} {self.name}"

    def get_absolute_url(self):
        return reverse("category_detail", args=[self.pk])

    @property
    def name(self) -> str:
        return _in_language(self.name_th, self.name_en)

    @property
    def label(self) -> str:
        if self.code == "P":
            return str(_("Profile"))
        return str(_("Category %(code)s") % {"code": self.code})


class CriteriaItem(models.Model):
    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="items")
    code = models.CharField(_("code"), max_length=16)
    title_th = models.CharField(_("Thai title"), max_length=255, blank=True)
    title_en = models.CharField(_("English title"), max_length=255, blank=True)
    text_th = models.TextField(_("Thai text"))
    text_en = models.TextField(_("English text"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["category__edition__order", "category__order", "order"]
        verbose_name = _("criteria item")
        verbose_name_plural = _("criteria items")
        constraints = [models.UniqueConstraint(fields=["category", "code"], name="item_unique_code_per_category")]

    def __str__(self):
        return f"{self.code} {self.title}".strip()

    @property
    def title(self) -> str:
        return _in_language(self.title_th, self.title_en)

    @property
    def text(self) -> str:
        return _in_language(self.text_th, self.text_en)
