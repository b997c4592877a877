import django_filters
from django import forms
from django.db.models import Q, Subquery
from django.utils.translation import gettext_lazy as _

from pmqa_portal.ids import as_id
from pmqa_portal.models import Agency, CriteriaItem, Province
from stakeholders.access import readable_agencies
from stakeholders.models import GroupKind, StakeholderGroup


class StakeholderGroupFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Text"), method="filter_text")
    province = django_filters.ModelChoiceFilter(
        label=_("Province"),
        field_name="agency__province",
        queryset=Province.objects.all(),
        empty_label=_("All provinces"),
    )
    ministry = django_filters.ModelChoiceFilter(
        label=_("Ministry"),
        queryset=Agency.objects.ministries(),
        method="filter_ministry",
        empty_label=_("All ministries"),
    )
    agency = django_filters.ModelChoiceFilter(
        label=_("Agency"), queryset=Agency.objects.none(), empty_label=_("All agencies")
    )
    fiscal_year = django_filters.NumberFilter(label=_("Fiscal year (B.E.)"), min_value=0, max_value=9999)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=GroupKind.choices, empty_label=_("All kinds"))
    criteria_item = django_filters.ModelChoiceFilter(
        label=_("PMQA criteria item"),
        field_name="criteria_items",
        queryset=CriteriaItem.objects.select_related("category__edition"),
        empty_label=_("All criteria items"),
    )
    include_inactive = django_filters.BooleanFilter(
        label=_("Include inactive groups"), method="filter_inactive", widget=forms.CheckboxInput
    )

    class Meta:
        model = StakeholderGroup
        fields = ["q", "province", "ministry", "agency", "fiscal_year", "kind", "criteria_item"]

    def __init__(self, data=None, *args, user, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.filters["agency"].queryset = self._agency_choices(user, data or {})
        self.form.fields["fiscal_year"].widget.attrs.update({"placeholder": "2550", "inputmode": "numeric"})
        for field in self.form.fields.values():
            css = "form-check-input" if isinstance(field.widget, forms.CheckboxInput) else "form-control"
            if isinstance(field.widget, forms.Select):
                css = "form-select"
            field.widget.attrs["class"] = css

    @staticmethod
    def _agency_choices(user, data):
        """The agencies of the province chosen (else the user's own province), and the agency chosen if elsewhere.

        A facilitator may read a thousand agencies: listing them all in the select would
        make every page of the list heavy to send and to read.
        """
        agencies = readable_agencies(user).only("pk", "name_th", "name_en", "short_name")
        province = as_id(data.get("province"))
        chosen = as_id(data.get("agency"))
        if province is not None:
            wanted = Q(province_id=province)
        elif user.agency_id:
            wanted = Q(province_id=Subquery(Agency.objects.filter(pk=user.agency_id).values("province_id")[:1]))
        else:
            wanted = Q(pk__in=[])
        if chosen is not None:
            wanted |= Q(pk=chosen)
        return agencies.filter(wanted).order_by("name_th")

    def filter_text(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(
                Q(name__icontains=word)
                | Q(description__icontains=word)
                | Q(services__icontains=word)
                | Q(segmentation_basis__icontains=word)
            )
        return queryset

    def filter_ministry(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(
            Q(agency=value)
            | Q(agency__parent=value)
            | Q(agency__parent__parent=value)
            | Q(agency__parent__parent__parent=value)
        )

    def filter_inactive(self, queryset, name, value):
        return queryset

    @property
    def qs(self):
        queryset = super().qs
        if not self.form.cleaned_data.get("include_inactive"):
            queryset = queryset.active()
        return queryset
