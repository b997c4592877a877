"""Forms of the meetings app: they bind and check input; the services save."""

import datetime

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from meetings.models import (
    AgendaItem,
    AgendaTemplate,
    Attachment,
    Attendance,
    LeadQuestion,
    Meeting,
    WorkingGroup,
    WorkingGroupMember,
)
from meetings.validators import ALLOWED_TYPES, allowed_extensions_label, validate_attachment
from pmqa_portal.access import is_administrator
from pmqa_portal.fields import BEDateField, check_be_year
from pmqa_portal.models import Agency, Category, CriteriaItem, User
from pmqa_portal.thai_dates import be_year


class ThaiTimeInput(forms.TextInput):
    """13.30, the way Thai notices write a time."""

    def __init__(self, attrs=None):
        defaults = {"placeholder": "13.30", "inputmode": "decimal", "autocomplete": "off"}
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, datetime.time):
            return value.strftime("%H.%M")
        return super().format_value(value)


class ThaiTimeField(forms.TimeField):
    widget = ThaiTimeInput
    input_formats = ["%H.%M", "%H:%M", "%H%M"]
    default_error_messages = {"invalid": _("Enter a time as hours.minutes, e.g. 13.30.")}


def criteria_item_label(item: CriteriaItem) -> str:
    return f"{item.category.edition.name} · {item.category.label} · {item}"


def criteria_item_queryset():
    return CriteriaItem.objects.select_related("category__edition")


def category_queryset():
    return Category.objects.select_related("edition")


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.edition.name} · {obj}"


class CriteriaItemChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return criteria_item_label(obj)


class CriteriaItemMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return criteria_item_label(obj)


def groups_managed_by(user):
    groups = WorkingGroup.objects.select_related("province").filter(is_active=True)
    if is_administrator(user):
        return groups
    return groups.filter(members__user=user, members__role__in=["chair", "facilitator"]).distinct()


# --- working groups ---------------------------------------------------------


class WorkingGroupForm(forms.ModelForm):
    member_agencies = forms.ModelMultipleChoiceField(
        label=_("Member agencies"),
        queryset=Agency.objects.active().select_related("province"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=_("Hold Ctrl (or ⌘) to choose several."),
    )

    class Meta:
        model = WorkingGroup
        fields = ["province", "name", "description", "member_agencies", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class MemberForm(forms.ModelForm):
    user = forms.ModelChoiceField(
        label=_("User"),
        queryset=User.objects.filter(is_active=True).select_related("agency").order_by("full_name_th", "username"),
        required=False,
        help_text=_("Leave empty for someone without an account, and type the name."),
    )

    class Meta:
        model = WorkingGroupMember
        fields = ["user", "name", "agency", "position", "role"]

    def __init__(self, *args, group: WorkingGroup, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group
        self.fields["agency"].queryset = Agency.objects.active().filter(Q(province=group.province) | Q(province=None))

    def clean(self):
        cleaned = super().clean()
        user = cleaned.get("user")
        if not user and not cleaned.get("name"):
            self.add_error("name", _("Choose a user or type the person's name."))
        if user and group_has_member(self.group, user, exclude=self.instance.pk):
            self.add_error("user", _("This person is already a member of the group."))
        return cleaned


def group_has_member(group: WorkingGroup, user, *, exclude=None) -> bool:
    return group.members.filter(user=user).exclude(pk=exclude).exists()


# --- meetings ------------------------------------------------------------------


class MeetingForm(forms.ModelForm):
    """Create (number and year filled in automatically when left empty) or edit a meeting."""

    date = BEDateField(label=_("Date"))
    start_time = ThaiTimeField(label=_("Start time"))
    end_time = ThaiTimeField(label=_("End time"))
    category = CategoryChoiceField(label=_("PMQA category in focus"), queryset=category_queryset(), required=False)
    criteria_items = CriteriaItemMultipleChoiceField(
        label=_("Criteria items in focus"),
        queryset=criteria_item_queryset(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    agenda_template = forms.ModelChoiceField(
        label=_("Agenda template"),
        queryset=AgendaTemplate.objects.all(),
        required=False,
        help_text=_("The agenda items and their planned minutes are copied from it; you can edit them afterwards."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Meeting
        fields = [
            "working_group", "title", "number", "be_year", "date", "start_time", "end_time", "venue",
            "category", "criteria_items", "objectives",
        ]  # fmt: skip
        widgets = {"objectives": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "number": _("Left empty, the next number of the year is given: ครั้งที่ 3/2550."),
            "be_year": _("Left empty, the Buddhist-era year of the date."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.creating = self.instance.pk is None
        self.fields["working_group"].queryset = groups_managed_by(user)
        if self.creating:
            self.fields["number"].required = False
            self.fields["be_year"].required = False
            del self.fields["version"]
            default = AgendaTemplate.objects.filter(is_default=True).first()
            self.fields["agenda_template"].initial = default.pk if default else None
        else:
            del self.fields["agenda_template"]
            self.fields["working_group"].disabled = True
            self.fields["version"].initial = self.instance.version

    def clean_be_year(self):
        year = self.cleaned_data.get("be_year")
        if year:
            check_be_year(year)
        return year

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error(
                "end_time", _("The meeting must end after it starts (%(start)s).") % {"start": start.strftime("%H.%M")}
            )
        category, items = cleaned.get("category"), cleaned.get("criteria_items")
        if category and items and any(item.category_id != category.pk for item in items):
            self.add_error("criteria_items", _("Choose items of the category in focus."))
        self._check_number(cleaned)
        return cleaned

    def _check_number(self, cleaned) -> None:
        group, number = cleaned.get("working_group") or self.instance.working_group_id, cleaned.get("number")
        date = cleaned.get("date")
        year = cleaned.get("be_year") or (be_year(date.year) if date else None)
        if not (group and number and year):
            return
        taken = Meeting.objects.filter(working_group=group, be_year=year, number=number).exclude(pk=self.instance.pk)
        if taken.exists():
            self.add_error(
                "number",
                _("The working group already has meeting %(number)s/%(year)s.") % {"number": number, "year": year},
            )


class MeetingDuplicateForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    date = BEDateField(label=_("Date"))
    start_time = ThaiTimeField(label=_("Start time"))
    end_time = ThaiTimeField(label=_("End time"))
    venue = forms.CharField(label=_("Venue"), max_length=255, required=False)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error(
                "end_time", _("The meeting must end after it starts (%(start)s).") % {"start": start.strftime("%H.%M")}
            )
        return cleaned


class StatusForm(forms.Form):
    status = forms.CharField(max_length=32)


# --- agenda ---------------------------------------------------------------------


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["number", "title", "planned_minutes", "details"]
        widgets = {"details": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["number"].required = False
        self.fields["number"].help_text = _("Left empty, the next number.")


class AgendaTemplateChoiceForm(forms.Form):
    template = forms.ModelChoiceField(label=_("Agenda template"), queryset=AgendaTemplate.objects.all())


# --- attendance ------------------------------------------------------------------


class AttendanceForm(forms.ModelForm):
    user = forms.ModelChoiceField(
        label=_("User"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Leave empty for someone without an account, and type the name."),
    )

    class Meta:
        model = Attendance
        fields = [
            "user", "name", "agency", "position", "role", "attendance", "substitute_for", "substitute_for_name",
            "absence_reason",
        ]  # fmt: skip

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        if self.instance.meeting_id is None:
            self.instance.meeting = meeting
        province = meeting.working_group.province_id
        self.fields["user"].queryset = (
            User.objects.filter(is_active=True)
            .filter(Q(agency__province=province) | Q(agency__province=None))
            .select_related("agency")
            .order_by("full_name_th", "username")
        )
        self.fields["agency"].queryset = Agency.objects.active().filter(Q(province=province) | Q(province=None))
        self.fields["name"].required = False
        self.fields["name"].help_text = _("Left empty, the user's name.")
        self.fields["substitute_for"].queryset = meeting.attendances.exclude(pk=self.instance.pk)

    def clean(self):
        cleaned = super().clean()
        user = cleaned.get("user")
        if not user and not cleaned.get("name"):
            self.add_error("name", _("Choose a user or type the person's name."))
        if user and self.meeting.attendances.filter(user=user).exclude(pk=self.instance.pk).exists():
            self.add_error("user", _("This person is already listed for the meeting."))
        if user and not cleaned.get("name"):
            cleaned["name"] = user.get_full_name()
        return cleaned


# --- lead questions ------------------------------------------------------------------


class LeadQuestionForm(forms.ModelForm):
    criteria_item = CriteriaItemChoiceField(label=_("Criteria item"), queryset=criteria_item_queryset(), required=False)

    class Meta:
        model = LeadQuestion
        fields = ["text", "criteria_item"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class QuestionPickForm(forms.Form):
    questions = forms.ModelMultipleChoiceField(
        label=_("Questions"), queryset=LeadQuestion.objects.all(), widget=forms.CheckboxSelectMultiple
    )


# --- attachments ---------------------------------------------------------------------


class AttachmentForm(forms.ModelForm):
    class Meta:
        model = Attachment
        fields = ["file", "kind", "title"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ",".join(ALLOWED_TYPES)
        self.fields["file"].help_text = _("Up to 10 MB: %(types)s.") % {"types": allowed_extensions_label()}

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            validate_attachment(upload)
        return upload
