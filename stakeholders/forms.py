from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from pmqa_portal.models import Agency, CriteriaItem, Province
from pmqa_portal.thai_dates import current_fiscal_year
from stakeholders.models import (
    NAME_MAX_LENGTH,
    GroupKind,
    ListeningChannel,
    Need,
    StakeholderGroup,
    validate_fiscal_year,
)

GROUP_DETAIL_FIELDS = [
    "name",
    "kind",
    "description",
    "segmentation_basis",
    "estimated_size",
    "services",
    "influence",
    "interest",
]


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError beside the fields it names, the rest at the top of the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


class FiscalYearField(forms.IntegerField):
    default_validators = [validate_fiscal_year]

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Fiscal year (B.E.)"))
        kwargs.setdefault("widget", forms.NumberInput(attrs={"inputmode": "numeric", "placeholder": "2550"}))
        super().__init__(**kwargs)


class CriteriaItemChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.category.edition.name} · {obj.code} {obj.title}".strip()


class GroupForm(forms.Form):
    """The details of a group; the tree position is changed on the agency page."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(forms.fields_for_model(StakeholderGroup, fields=GROUP_DETAIL_FIELDS))
        self.fields["criteria_items"] = CriteriaItemChoiceField(
            label=StakeholderGroup._meta.get_field("criteria_items").verbose_name,
            queryset=CriteriaItem.objects.select_related("category__edition"),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=StakeholderGroup._meta.get_field("criteria_items").help_text,
        )
        for name in ("description", "services"):
            self.fields[name].widget.attrs["rows"] = 3

    @classmethod
    def for_group(cls, group: StakeholderGroup, data=None):
        initial = {name: getattr(group, name) for name in GROUP_DETAIL_FIELDS}
        initial["criteria_items"] = [item.pk for item in group.criteria_items.all()]
        return cls(data, initial=initial)


class AddGroupForm(forms.Form):
    name = forms.CharField(label=_("Name of the new group"), max_length=NAME_MAX_LENGTH)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("Same as the parent")), *GroupKind.choices], required=False
    )


class RenameForm(forms.Form):
    name = forms.CharField(label=_("New name"), max_length=NAME_MAX_LENGTH)


class MoveForm(forms.Form):
    parent = forms.TypedChoiceField(label=_("Move under"), coerce=int, empty_value=None, required=False)

    def __init__(self, *args, group: StakeholderGroup, tree_rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].choices = [("", _("(top level)"))] + [
            (row.group.pk, "— " * row.depth + row.group.name) for row in tree_rows if row.group.pk != group.pk
        ]
        self.fields["parent"].initial = group.parent_id


class NeedForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(forms.fields_for_model(Need, fields=["description", "kind", "priority"]))
        self.fields["description"].widget = forms.TextInput()


class ChannelForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(forms.fields_for_model(ListeningChannel, fields=["kind", "frequency", "description"]))


class CarryForwardForm(forms.Form):
    PREVIOUS_YEAR = "previous_year"
    AGENCY = "agency"
    TEMPLATE = "template"

    source = forms.ChoiceField(
        label=_("Copy from"),
        widget=forms.RadioSelect,
        choices=[
            (PREVIOUS_YEAR, _("This agency's groups of the previous fiscal year")),
            (AGENCY, _("Another agency's groups (or another year)")),
            (TEMPLATE, _("A shared template")),
        ],
        initial=PREVIOUS_YEAR,
    )
    source_agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.none(), required=False)
    source_year = FiscalYearField(label=_("Its fiscal year (B.E.)"), required=False)
    template = forms.ModelChoiceField(label=_("Template"), queryset=None, required=False)

    def __init__(self, *args, agencies, templates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_agency"].queryset = agencies
        self.fields["template"].queryset = templates

    def clean(self):
        data = super().clean()
        source = data.get("source")
        if source == self.AGENCY:
            for name in ("source_agency", "source_year"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("Needed when copying from another agency."))
        if source == self.TEMPLATE and not data.get("template"):
            self.add_error("template", _("Choose a template."))
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or Excel (.xlsx) file"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


class CompareForm(forms.Form):
    fiscal_year = FiscalYearField(required=False)
    province = forms.ModelChoiceField(
        label=_("Province"), queryset=Province.objects.all(), required=False, empty_label=_("Choose a province")
    )
    # Ticked in a list of the province's agencies that the page draws itself: a widget
    # would list every agency the user may read, over a thousand for a facilitator.
    agencies = forms.ModelMultipleChoiceField(
        label=_("Compare only these agencies"), queryset=Agency.objects.none(), required=False
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = agencies

    def clean_fiscal_year(self):
        return self.cleaned_data.get("fiscal_year") or current_fiscal_year()
