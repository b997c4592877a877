import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from meetings.forms import CategoryChoiceField, CriteriaItemChoiceField, category_queryset, criteria_item_queryset
from meetings.models import Attendance, LeadQuestion, Meeting, MeetingStatus, WorkingGroup
from pmqa_portal.fields import BEDateField
from pmqa_portal.ids import as_id
from pmqa_portal.models import Agency, Province


class BEDateFilter(django_filters.DateFilter):
    field_class = BEDateField


class CategoryFilter(django_filters.ModelChoiceFilter):
    field_class = CategoryChoiceField


class CriteriaItemFilter(django_filters.ModelChoiceFilter):
    field_class = CriteriaItemChoiceField


class MeetingFilter(django_filters.FilterSet):
    province = django_filters.ModelChoiceFilter(
        label=_("Province"),
        field_name="working_group__province",
        queryset=Province.objects.all(),
        empty_label=_("All provinces"),
    )
    working_group = django_filters.ModelChoiceFilter(
        label=_("Working group"), queryset=WorkingGroup.objects.all(), empty_label=_("All working groups")
    )
    category = CategoryFilter(label=_("PMQA category"), queryset=category_queryset(), empty_label=_("All categories"))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=MeetingStatus.choices, empty_label=_("All statuses")
    )
    date_from = BEDateFilter(label=_("From (date)"), field_name="date", lookup_expr="gte")
    date_to = BEDateFilter(label=_("To (date)"), field_name="date", lookup_expr="lte")
    agency = django_filters.CharFilter(
        label=_("Agency taking part"), method="filter_agency", help_text=_("Part of the agency's name")
    )

    class Meta:
        model = Meeting
        fields = ["province", "working_group", "category", "status", "date_from", "date_to", "agency"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        province_id = as_id(self.form["province"].value())
        groups = WorkingGroup.objects.order_by("name", "pk")
        # Only the chosen province's groups: the list stays short and matches the filter.
        if province_id is not None:
            groups = groups.filter(province_id=province_id)
        self.filters["working_group"].queryset = groups
        self.form.fields["working_group"].queryset = groups
        self.form.fields["province"].queryset = Province.objects.order_by("name_th")
        for field in self.form.fields.values():
            is_select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = "form-select form-select-sm" if is_select else "form-control form-control-sm"

    def filter_agency(self, queryset, name, value):
        if not value.split():
            return queryset
        agencies = Agency.objects.named(value)
        return queryset.filter(
            Exists(Attendance.objects.filter(meeting=OuterRef("pk"), agency__in=agencies))
            | Exists(
                WorkingGroup.member_agencies.through.objects.filter(
                    workinggroup=OuterRef("working_group"), agency__in=agencies
                )
            )
        )


class QuestionBankFilter(django_filters.FilterSet):
    """Lead questions of earlier meetings, of any province."""

    category = CategoryFilter(
        label=_("PMQA category"),
        field_name="criteria_item__category",
        queryset=category_queryset(),
        empty_label=_("All categories"),
    )
    criteria_item = CriteriaItemFilter(
        label=_("Criteria item"), queryset=criteria_item_queryset(), empty_label=_("All items")
    )
    province = django_filters.ModelChoiceFilter(
        label=_("Province"),
        field_name="meeting__working_group__province",
        queryset=Province.objects.all(),
        empty_label=_("All provinces"),
    )
    q = django_filters.CharFilter(label=_("Words in the question"), method="filter_text")

    class Meta:
        model = LeadQuestion
        fields = ["category", "criteria_item", "province", "q"]

    def filter_text(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(text__icontains=word)
        return queryset
