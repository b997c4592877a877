import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from pmqa_portal.models import Agency, AgencyKind, Province


class AgencyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name"), method="filter_name")
    province = django_filters.ModelChoiceFilter(
        label=_("Province"), queryset=Province.objects.all(), empty_label=_("All provinces")
    )
    ministry = django_filters.ModelChoiceFilter(
        label=_("Ministry"),
        queryset=Agency.objects.ministries(),
        method="filter_ministry",
        empty_label=_("All ministries"),
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=AgencyKind.choices, empty_label=_("All kinds"))
    include_inactive = django_filters.BooleanFilter(
        label=_("Include inactive agencies"), method="filter_inactive", widget=forms.CheckboxInput
    )

    class Meta:
        model = Agency
        fields = ["q", "province", "ministry", "kind"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("province", "ministry", "kind"):
            self.form.fields[name].widget.attrs["class"] = "form-select"
        self.form.fields["q"].widget.attrs.update({"class": "form-control", "autocomplete": "off"})
        self.form.fields["province"].queryset = Province.objects.order_by("name_th")
        self.form.fields["ministry"].queryset = Agency.objects.ministries().order_by("name_th")

    def filter_name(self, queryset, name, value):
        return queryset.named(value)

    def filter_ministry(self, queryset, name, value):
        return queryset.under_ministry(value) if value else queryset

    def filter_inactive(self, queryset, name, value):
        return queryset if value else queryset.active()

    @property
    def qs(self):
        queryset = super().qs
        if not self.form.cleaned_data.get("include_inactive"):
            queryset = queryset.active()
        return queryset
