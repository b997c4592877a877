"""Forms and filters of part 2: the summary, review, action items, AAR and the minutes' details."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.models import (
    OPEN_STATUSES,
    ActionItem,
    ActionStatus,
    AfterActionReview,
    AgendaItem,
    CommentKind,
    Summary,
)
from meetings.models.summaries import validate_summary_length
from pmqa_portal.fields import BEDateField
from pmqa_portal.models import Agency

MARKDOWN_HELP = _("Markdown: ## heading, - list item, **bold**, *italic*. Raw HTML is shown as text.")


class SummaryForm(forms.Form):
    # The length is checked by a validator, not max_length: a browser cuts a pasted text at a
    # textarea's maxlength without a word, and the summary must lose nothing that was typed.
    text = forms.CharField(
        label=_("Summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=MARKDOWN_HELP,
        validators=[validate_summary_length],
    )
    conclusions = forms.CharField(
        label=_("Agreed conclusions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Printed as the resolution (มติ) in the minutes."),
        validators=[validate_summary_length],
    )
    # The revision this edit started from: a save from an older one is a conflict, never an overwrite.
    base_number = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class RevisionNumberForm(forms.Form):
    """Approving or sending for review names the revision the facilitator has read."""

    revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class ReviewCommentForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=CommentKind.choices, initial=CommentKind.COMMENT, widget=forms.RadioSelect
    )
    text = forms.CharField(label=_("Text"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class CommentDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Accept")), ("decline", _("Decline"))])
    note = forms.CharField(label=_("Reason"), max_length=500, required=False)

    @property
    def accepted(self) -> bool:
        return self.cleaned_data["decision"] == "accept"


class CompareForm(forms.Form):
    old = forms.IntegerField(label=_("Older revision"), min_value=1)
    new = forms.IntegerField(label=_("Newer revision"), min_value=1)


class ActionItemForm(forms.ModelForm):
    due_date = BEDateField(label=_("Due date"), required=False)

    class Meta:
        model = ActionItem
        fields = ["title", "agency", "responsible_person", "due_date", "status", "note"]
        widgets = {"title": forms.Textarea(attrs={"rows": 2}), "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        # The model's clean() compares the due date with the meeting's date.
        self.instance.meeting = meeting
        self.fields["agency"].queryset = Agency.objects.active().order_by("name_th")


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)


class AfterActionReviewForm(forms.ModelForm):
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    class Meta:
        model = AfterActionReview
        fields = ["expected", "happened", "difference", "keep", "change"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields}


class MinutesForm(forms.Form):
    """Who took and checked the minutes, where the summary goes, and each other agenda item's text."""

    SUMMARY_FIELDS = (
        "discussion_agenda_item",
        "recorder_name",
        "recorder_position",
        "checker_name",
        "checker_position",
    )

    discussion_agenda_item = forms.ModelChoiceField(
        label=_("Agenda item of the discussion"),
        queryset=AgendaItem.objects.none(),
        required=False,
        help_text=_("The summary and its agreed conclusions are printed under this agenda item."),
    )
    recorder_name = forms.CharField(label=_("Minutes taken by"), max_length=255, required=False)
    recorder_position = forms.CharField(label=_("Position"), max_length=255, required=False)
    checker_name = forms.CharField(label=_("Minutes checked by"), max_length=255, required=False)
    checker_position = forms.CharField(label=_("Position"), max_length=255, required=False)

    def __init__(self, *args, agenda_items, **kwargs):
        super().__init__(*args, **kwargs)
        self.agenda_items = list(agenda_items)
        self.fields["discussion_agenda_item"].queryset = AgendaItem.objects.filter(
            pk__in=[item.pk for item in self.agenda_items]
        )
        for item in self.agenda_items:
            self.fields[f"discussion_{item.pk}"] = forms.CharField(
                label=_("Discussion"), required=False, widget=forms.Textarea(attrs={"rows": 3})
            )
            self.fields[f"resolution_{item.pk}"] = forms.CharField(
                label=_("Resolution (มติ)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
            )

    def item_fields(self):
        """(agenda item, discussion field, resolution field) for the template."""
        return [(item, self[f"discussion_{item.pk}"], self[f"resolution_{item.pk}"]) for item in self.agenda_items]

    def item_texts(self) -> dict[int, tuple[str, str]]:
        return {
            item.pk: (self.cleaned_data[f"discussion_{item.pk}"], self.cleaned_data[f"resolution_{item.pk}"])
            for item in self.agenda_items
        }

    @staticmethod
    def initial_for(summary: Summary | None, agenda_items) -> dict:
        initial = {}
        if summary is not None:
            initial.update(
                discussion_agenda_item=summary.discussion_agenda_item_id,
                recorder_name=summary.recorder_name,
                recorder_position=summary.recorder_position,
                checker_name=summary.checker_name,
                checker_position=summary.checker_position,
            )
        for item in agenda_items:
            minute = getattr(item, "minute", None)
            if minute is not None:
                initial[f"discussion_{item.pk}"] = minute.discussion
                initial[f"resolution_{item.pk}"] = minute.resolution
        return initial


# --- the cross-meeting list of action items ----------------------------------


class BEDateFilter(django_filters.DateFilter):
    field_class = BEDateField


class ActionItemFilter(django_filters.FilterSet):
    agency = django_filters.ModelChoiceFilter(
        label=_("Responsible agency"),
        queryset=Agency.objects.active().order_by("name_th"),
        empty_label=_("All agencies"),
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"),
        choices=ActionStatus.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: the open items (open and in progress)."),
    )
    due_from = BEDateFilter(label=_("Due on or after"), field_name="due_date", lookup_expr="gte")
    due_until = BEDateFilter(label=_("Due on or before"), field_name="due_date", lookup_expr="lte")
    overdue = django_filters.BooleanFilter(label=_("Overdue only"), method="filter_overdue", widget=forms.CheckboxInput)

    class Meta:
        model = ActionItem
        fields = ["agency", "status", "due_from", "due_until", "overdue"]

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue() if value else queryset

    @property
    def qs(self):
        queryset = super().qs
        # No status ticked means the open items: the list is for following up.
        if not getattr(self.form, "cleaned_data", {}).get("status"):
            queryset = queryset.filter(status__in=OPEN_STATUSES)
        return queryset
