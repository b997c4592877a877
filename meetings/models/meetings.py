"""Meetings: header, agenda, attendance, attachments and the criteria items in focus."""

import datetime
import os
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.models.groups import WorkingGroup, one_listing_per_person
from meetings.validators import ATTACHMENT_MAX_BYTES, validate_attachment
from pmqa_portal.thai_dates import be_year


class MeetingStatus(models.TextChoices):
    # In the order of a meeting's life (meetings.services.lifecycle holds the steps between them).
    PLANNED = "planned", _("Planned")
    IN_SESSION = "in_session", _("In session")
    NOTES_CLOSED = "notes_closed", _("Notes closed")
    SUMMARY_IN_REVIEW = "summary_in_review", _("Summary in review")
    APPROVED = "approved", _("Summary approved")


STATUS_BADGES = {
    MeetingStatus.PLANNED: "secondary",
    MeetingStatus.IN_SESSION: "success",
    MeetingStatus.NOTES_CLOSED: "primary",
    MeetingStatus.SUMMARY_IN_REVIEW: "warning",
    MeetingStatus.APPROVED: "dark",
}


class MeetingRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    FACILITATOR = "facilitator", _("Facilitator (คุณอำนวย)")
    NOTE_TAKER = "note_taker", _("Note-taker (คุณลิขิต)")
    ADVISOR = "advisor", _("Advisor")
    MEMBER = "member", _("Member")
    GUEST = "guest", _("Guest")


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Absent")
    SUBSTITUTE = "substitute", _("Substitute")
    GUEST = "guest", _("Guest (not a member)")


class AttachmentKind(models.TextChoices):
    SLIDES = "slides", _("Slides")
    PHOTO = "photo", _("Photo")
    DOCUMENT = "document", _("Document")


def _agency_takes_part(agency):
    return Exists(Attendance.objects.filter(meeting=OuterRef("pk"), agency=agency)) | Exists(
        WorkingGroup.member_agencies.through.objects.filter(workinggroup=OuterRef("working_group"), agency=agency)
    )


class MeetingQuerySet(models.QuerySet):
    def in_province(self, province):
        return self.filter(working_group__province=province)

    def upcoming(self, today: datetime.date | None = None):
        return self.filter(date__gte=today or timezone.localdate()).order_by("date", "start_time", "pk")

    def with_agency_taking_part(self, agency):
        """Meetings an agency attends or whose working group counts it as a member."""
        return self.filter(_agency_takes_part(agency))

    def attended_by(self, user):
        return self.filter(Exists(Attendance.objects.filter(meeting=OuterRef("pk"), user=user)))

    def with_participant(self, user):
        """Meetings the user attends or their agency takes part in."""
        condition = Exists(Attendance.objects.filter(meeting=OuterRef("pk"), user=user))
        if user.agency_id:
            condition |= _agency_takes_part(user.agency_id)
        return self.filter(condition)

    def for_list(self):
        """What a meeting row shows, loaded in the same query."""
        return self.select_related("working_group__province", "category__edition")


class Meeting(models.Model):
    working_group = models.ForeignKey(
        WorkingGroup, verbose_name=_("working group"), on_delete=models.PROTECT, related_name="meetings"
    )
    title = models.CharField(_("title"), max_length=255)
    number = models.PositiveSmallIntegerField(
        _("number"), help_text=_("The meeting's number within the Buddhist-era year: 3 in “ครั้งที่ 3/2550”.")
    )
    be_year = models.PositiveSmallIntegerField(_("year (B.E.)"), help_text=_("2550 in “ครั้งที่ 3/2550”."))
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    category = models.ForeignKey(
        "pmqa_portal.Category",
        verbose_name=_("PMQA category in focus"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
    )
    criteria_items = models.ManyToManyField(
        "pmqa_portal.CriteriaItem", verbose_name=_("criteria items in focus"), blank=True, related_name="meetings"
    )
    objectives = models.TextField(_("objectives"), blank=True)
    status = models.CharField(_("status"), max_length=32, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
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
    # Raised by every edit through the services; an edit that sends an older
    # version is refused instead of silently overwriting someone else's change.
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-start_time", "-pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(
                fields=["working_group", "be_year", "number"],
                name="meeting_unique_number_per_group_year",
                violation_error_message=_("The working group already has a meeting with this number in this year."),
            ),
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")),
                name="meeting_ends_after_start",
                violation_error_message=_("The meeting must end after it starts."),
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="meeting_number_positive"),
        ]
        indexes = [
            # The meeting list (newest first) and the home page's upcoming meetings (date >= today).
            models.Index(fields=["date", "start_time"], name="meeting_date_idx"),
            # The meeting list filtered by status, e.g. the meetings in session now.
            models.Index(fields=["status", "date"], name="meeting_status_date_idx"),
        ]

    def __str__(self):
        return f"{self.title} ({self.number_label})"

    def get_absolute_url(self):
        return reverse("meetings:meeting_detail", args=[self.pk])

    @property
    def number_label(self) -> str:
        """“3/2550”, as in ครั้งที่ 3/2550."""
        return f"{self.number}/{self.be_year}"

    @property
    def is_planned(self) -> bool:
        return self.status == MeetingStatus.PLANNED

    @property
    def is_in_session(self) -> bool:
        return self.status == MeetingStatus.IN_SESSION

    @property
    def capture_open(self) -> bool:
        """Live capture takes points only while the meeting is in session."""
        return self.status == MeetingStatus.IN_SESSION

    @property
    def premeeting_open(self) -> bool:
        """Agencies send their answers before the meeting, while it is planned."""
        return self.status == MeetingStatus.PLANNED

    @property
    def status_badge(self) -> str:
        """The Bootstrap colour of the status badge."""
        return STATUS_BADGES[self.status]

    @property
    def planned_minutes(self) -> int:
        start = datetime.datetime.combine(self.date, self.start_time)
        end = datetime.datetime.combine(self.date, self.end_time)
        return int((end - start).total_seconds() // 60)

    @property
    def default_be_year(self) -> int:
        return be_year(self.date.year)


class AgendaTemplate(models.Model):
    name = models.CharField(_("name"), max_length=255, unique=True)
    is_default = models.BooleanField(_("default"), default=False, help_text=_("Used for a new meeting."))

    class Meta:
        ordering = ["-is_default", "name"]
        verbose_name = _("agenda template")
        verbose_name_plural = _("agenda templates")
        constraints = [
            models.UniqueConstraint(fields=["is_default"], condition=Q(is_default=True), name="one_default_agenda"),
        ]

    def __str__(self):
        return self.name


class AgendaTemplateItem(models.Model):
    template = models.ForeignKey(
        AgendaTemplate, verbose_name=_("agenda template"), on_delete=models.CASCADE, related_name="items"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    number = models.CharField(_("number"), max_length=16, help_text=_("As printed: 1, 2, 4.1 …"))
    title = models.CharField(_("title"), max_length=255)
    planned_minutes = models.PositiveSmallIntegerField(_("planned minutes"), null=True, blank=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("agenda template item")
        verbose_name_plural = _("agenda template items")

    def __str__(self):
        return f"{self.number} {self.title}"


class AgendaItem(models.Model):
    """An item of the meeting's agenda (ระเบียบวาระ)."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    number = models.CharField(_("number"), max_length=16, help_text=_("As printed: 1, 2, 4.1 …"))
    title = models.CharField(_("title"), max_length=255)
    planned_minutes = models.PositiveSmallIntegerField(_("planned minutes"), null=True, blank=True)
    details = models.TextField(_("details"), blank=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self):
        return f"{self.number} {self.title}"


class AttendanceQuerySet(models.QuerySet):
    def with_user_in_role(self, *roles):
        return self.filter(user__isnull=False, role__in=roles)

    def attending(self):
        return self.exclude(attendance=AttendanceStatus.ABSENT)


class Attendance(models.Model):
    """A person at (or expected at) a meeting; `user` is empty for someone without an account."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendances"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_attendances",
        db_index=False,  # served by attendance_user_meeting_idx
    )
    name = models.CharField(_("name"), max_length=255)
    agency = models.ForeignKey(
        "pmqa_portal.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_attendances",
        db_index=False,  # served by attendance_agency_meeting_idx
    )
    position = models.CharField(_("position"), max_length=255, blank=True)
    attendance = models.CharField(
        _("attendance"), max_length=16, choices=AttendanceStatus.choices, default=AttendanceStatus.PRESENT
    )
    substitute_for = models.ForeignKey(
        "self",
        verbose_name=_("substitute for"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="substitutes",
        help_text=_("The absent member this person stands in for."),
    )
    substitute_for_name = models.CharField(
        _("substitute for (name)"), max_length=255, blank=True, help_text=_("When the member is not listed.")
    )
    absence_reason = models.CharField(_("reason for absence"), max_length=255, blank=True)
    role = models.CharField(
        _("role in the meeting"), max_length=32, choices=MeetingRole.choices, default=MeetingRole.MEMBER
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            # Filling the list from the working group twice adds nobody.
            *one_listing_per_person(
                "meeting",
                names=(
                    "attendance_unique_user_per_meeting",
                    "attendance_unique_name_in_agency",
                    "attendance_unique_name_without_agency",
                ),
                message=_("This person is already listed for the meeting."),
            ),
            models.CheckConstraint(condition=~Q(substitute_for=models.F("pk")), name="attendance_not_own_substitute"),
        ]
        indexes = [
            # "Meetings an agency takes part in" (meeting list filter and officers' visibility).
            models.Index(fields=["agency", "meeting"], name="attendance_agency_meeting_idx"),
            # "My upcoming meetings" on the home page and the per-user role lookup of the access rules.
            models.Index(fields=["user", "meeting"], name="attendance_user_meeting_idx"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.attendance == AttendanceStatus.SUBSTITUTE and not (self.substitute_for_id or self.substitute_for_name):
            errors["substitute_for"] = _("Say whom this person stands in for.")
        if self.substitute_for_id and self.substitute_for.meeting_id != self.meeting_id:
            errors["substitute_for"] = _("Choose a person listed for this meeting.")
        if self.pk and self.substitute_for_id == self.pk:
            errors["substitute_for"] = _("A person cannot stand in for themselves.")
        if errors:
            raise ValidationError(errors)

    @property
    def substitute_label(self) -> str:
        """Whom this person stands in for (select_related substitute_for)."""
        if self.substitute_for_id:
            return self.substitute_for.name
        return self.substitute_for_name


def attachment_upload_to(instance, filename: str) -> str:
    # A random name: two uploads of "slides.pptx" never clash, and the stored
    # name reveals nothing; the original name is kept in `original_name`.
    extension = os.path.splitext(filename)[1].lower()
    return f"meetings/{instance.meeting_id}/{uuid.uuid4().hex}{extension}"


class Attachment(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=attachment_upload_to, validators=[validate_attachment], max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    title = models.CharField(_("title"), max_length=255, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=AttachmentKind.choices, default=AttachmentKind.DOCUMENT)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [
            models.CheckConstraint(condition=Q(size__lte=ATTACHMENT_MAX_BYTES), name="attachment_size_limit"),
        ]

    def __str__(self):
        return self.title or self.original_name

    def get_absolute_url(self):
        return reverse("meetings:attachment_download", args=[self.pk])
