"""Forms of live capture and pre-meeting input.

The choices (agencies taking part, the meeting's lead questions) come in as
lists the view has already loaded, so binding, validating and re-rendering a
form costs no query of its own.
"""

import datetime
from collections.abc import Mapping

from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.models import LeadQuestion, PointKind
from pmqa_portal.ids import as_id

# Alt+1 … Alt+5 choose the kinds in this order (static/js/meetings.js).
KIND_SHORTCUTS = {kind.value: number for number, kind in enumerate(PointKind, start=1)}
TEXT_MAX_LENGTH = 5000


def question_label(number: int, question: LeadQuestion, width: int = 90) -> str:
    text = question.text if len(question.text) <= width else question.text[: width - 1].rstrip() + "…"
    return f"{number}. {text}"


def agency_label(agency) -> str:
    """Short name first, so that typing it in the list jumps to the agency."""
    return f"{agency.short_name} · {agency.name}" if agency.short_name else agency.name


def _by_id(objects) -> Mapping:
    return objects if isinstance(objects, Mapping) else {item.pk: item for item in objects}


class IdChoiceField(forms.TypedChoiceField):
    """A choice of one of `ids`: validating looks the id up instead of walking the labelled choices,
    which are built (from a callable) only when the field is drawn, so that saving a point of a
    meeting with 40 agencies does not label all 40."""

    ids: frozenset[int] = frozenset()

    def __init__(self, **kwargs):
        super().__init__(coerce=int, **kwargs)

    def valid_value(self, value) -> bool:
        return as_id(value) in self.ids


class PointForm(forms.Form):
    agency = IdChoiceField(
        label=_("Agency"),
        error_messages={
            "required": _("Choose the agency that said this."),
            "invalid_choice": _("Choose one of the agencies taking part in this meeting."),
        },
    )
    lead_question = IdChoiceField(
        label=_("Lead question"),
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": _("Choose one of this meeting's lead questions.")},
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=PointKind.choices,
        initial=PointKind.CURRENT_PRACTICE,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what kind of point this is.")},
    )
    text = forms.CharField(
        label=_("What was said"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Type the point before saving it.")},
    )

    def __init__(self, *args, agencies, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.offer(agencies=agencies, questions=questions)
        # Keyboard: Alt+A, Alt+Q and Alt+T reach the fields; Enter in the text saves (static/js/meetings.js).
        self.fields["agency"].widget.attrs["data-shortcut"] = "KeyA"
        self.fields["lead_question"].widget.attrs["data-shortcut"] = "KeyQ"
        self.fields["text"].widget.attrs.update({"data-shortcut": "KeyT", "data-enter-submits": "", "autofocus": True})

    def offer(self, *, agencies, questions) -> None:
        """Set the choices: lists of objects, or mappings of id → object (selectors.points.BuiltOnDemand)."""
        self.agencies = _by_id(agencies)
        self.questions = _by_id(questions)
        self.fields["agency"].ids = frozenset(self.agencies)
        self.fields["lead_question"].ids = frozenset(self.questions)
        self.fields["agency"].choices = lambda: (
            [("", _("Choose an agency…"))] + [(agency.pk, agency_label(agency)) for agency in self.agencies.values()]
        )
        self.fields["lead_question"].choices = lambda: (
            [("", _("General (no lead question)"))]
            + [
                (question.pk, question_label(number, question))
                for number, question in enumerate(self.questions.values(), start=1)
            ]
        )

    def clean_agency(self):
        return self.agencies[self.cleaned_data["agency"]]

    def clean_lead_question(self):
        pk = self.cleaned_data["lead_question"]
        return None if pk is None else self.questions[pk]

    def _options(self, name: str) -> list[tuple[str, str, bool]]:
        """(value, label, selected) of a choice field, for the capture form's hand-written selects:
        Django's widget templates render each <option> on its own, too slow for a form re-sent on every point."""
        selected = str(self[name].value() or "")
        return [(str(value), label, str(value) == selected) for value, label in self.fields[name].choices]

    def agency_options(self):
        return self._options("agency")

    def question_options(self):
        return self._options("lead_question")

    def kept(self) -> dict:
        """What the next point probably shares with this one: agency, question and kind (not the text)."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        agency, question = data.get("agency"), data.get("lead_question")
        return {
            "agency": agency.pk if agency else None,
            "lead_question": question.pk if question else None,
            "kind": data.get("kind") or PointKind.CURRENT_PRACTICE,
        }


class SeenForm(forms.Form):
    """An edit that knows when the point was last changed as its editor opened it."""

    # The point's time of change when the editor opened it (microseconds), to refuse overwriting a newer edit.
    seen = forms.IntegerField(widget=forms.HiddenInput, required=False)

    @staticmethod
    def stamp(moment: datetime.datetime) -> int:
        return int(moment.timestamp() * 1_000_000)

    def clean_seen(self):
        micros = self.cleaned_data.get("seen")
        if micros is None:
            return None
        try:
            return datetime.datetime.fromtimestamp(micros / 1_000_000, tz=datetime.UTC)
        except (OverflowError, OSError, ValueError):
            raise forms.ValidationError(_("Open the point again and make your change.")) from None


class PointEditForm(PointForm, SeenForm):
    """The note-takers' edit: agency, question, kind and text."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].widget = forms.Select(choices=PointKind.choices)
        for name in ("agency", "lead_question"):
            self.fields[name].widget.attrs.pop("data-shortcut", None)
        self.fields["text"].widget.attrs.pop("data-shortcut", None)


class PremeetingAnswerForm(SeenForm):
    """An officer's edit of their agency's answer sent before the meeting: its text only. Which agency said
    it, to which question and as what kind of point are the note-takers' to record, so the form has no
    such fields and whatever a request sends for them is never read."""

    text = forms.CharField(
        label=_("Your agency's answer"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Type the answer before saving it.")},
    )


class PremeetingForm(forms.Form):
    """One text area per lead question: the agency's answer, sent before the meeting."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for number, question in enumerate(self.questions, start=1):
            self.fields[self.field_name(question)] = forms.CharField(
                label=question_label(number, question, width=1000),
                required=False,
                max_length=TEXT_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 4}),
            )

    @staticmethod
    def field_name(question: LeadQuestion) -> str:
        return f"answer_{question.pk}"

    def answers(self) -> dict[LeadQuestion, str]:
        return {question: self.cleaned_data.get(self.field_name(question), "") for question in self.questions}
