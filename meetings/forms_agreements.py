"""Forms for turning a meeting's conclusions into stakeholder groups, or linking existing groups."""

from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.models import DiscussionPoint, Meeting
from meetings.selectors.agreements import agencies_taking_part, conclusions_of, linkable_groups
from pmqa_portal.thai_dates import fiscal_year
from stakeholders.models import NAME_MAX_LENGTH, GroupKind, StakeholderGroup, normalise_name, validate_fiscal_year


class ConclusionGroupsForm(forms.Form):
    name = forms.CharField(
        label=_("Group name"),
        max_length=NAME_MAX_LENGTH,
        help_text=_("Shorten the conclusion to the group's name, e.g. เกษตรกร."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=GroupKind.choices, widget=forms.RadioSelect)
    fiscal_year = forms.IntegerField(
        label=_("Fiscal year (B.E.)"),
        validators=[validate_fiscal_year],
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    parent_name = forms.CharField(
        label=_("Under the top-level group (optional)"),
        max_length=NAME_MAX_LENGTH,
        required=False,
        help_text=_("Its name, e.g. เกษตรกร; an agency that does not have it yet gets it. Empty: a top-level group."),
    )
    agencies = forms.ModelMultipleChoiceField(
        label=_("For the agencies"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only the agencies taking part in the meeting. Each gets its own group."),
        error_messages={
            "required": _("Choose at least one agency."),
            "invalid_choice": _("Choose only agencies taking part in this meeting."),
        },
    )

    def __init__(self, data=None, *, meeting: Meeting, point: DiscussionPoint):
        initial = {
            "name": normalise_name(point.text)[:NAME_MAX_LENGTH],
            "kind": GroupKind.SERVICE_RECIPIENT,
            "fiscal_year": fiscal_year(meeting.date),
            "agencies": [point.agency_id],
        }
        super().__init__(data, initial=initial)
        self.fields["agencies"].queryset = agencies_taking_part(meeting)


class GroupChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, group):
        path = f"{group.parent_path} > {group.name}" if group.parent_path else group.name
        agency = group.agency.short_name or group.agency.name
        return f"{agency} · {group.fiscal_year} · {path}"


class PointChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, point):
        agency = point.agency.short_name or point.agency.name
        text = point.text if len(point.text) <= 100 else f"{point.text[:99]}…"
        return f"{agency}: {text}"


class GroupLinkForm(forms.Form):
    group = GroupChoiceField(
        label=_("Stakeholder group"),
        queryset=None,
        error_messages={"invalid_choice": _("Choose a group of an agency taking part in this meeting.")},
    )
    point = PointChoiceField(
        label=_("From the agreed conclusion (optional)"),
        queryset=None,
        required=False,
        error_messages={"invalid_choice": _("Choose an agreed conclusion of this meeting.")},
    )

    def __init__(self, data=None, *, meeting: Meeting, initial=None):
        super().__init__(data, initial=initial)
        year = fiscal_year(meeting.date)
        self.fields["group"].queryset = linkable_groups(meeting)
        self.fields["group"].help_text = _(
            "The groups of the agencies taking part, fiscal years %(year)s and %(next)s. "
            "To make a new group, use “Turn into stakeholder groups” on a conclusion."
        ) % {"year": year, "next": year + 1}
        self.fields["point"].queryset = conclusions_of(meeting)


class GroupUnlinkForm(forms.Form):
    group = forms.ModelChoiceField(queryset=None)

    def __init__(self, data=None, *, meeting: Meeting):
        super().__init__(data)
        self.fields["group"].queryset = StakeholderGroup.objects.filter(meeting_agreements__meeting=meeting)
