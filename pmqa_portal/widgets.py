"""Widgets for the busiest pages, rendered in Python rather than through one
template per option: the meeting list's filter has some hundred options and
Django's template-based widgets would cost more than the rest of the page."""

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

SELECTED = SafeString(" selected")


def _attributes(attrs: dict) -> SafeString:
    flags = format_html_join("", " {}", ((name,) for name, value in attrs.items() if value is True))
    pairs = format_html_join(
        "", ' {}="{}"', ((name, value) for name, value in attrs.items() if value not in (True, False, None))
    )
    return flags + pairs


class FastSelect(forms.Select):
    """A select whose options come from `choices_source()` (plain (value, label) tuples), read at render time."""

    def __init__(self, *, choices_source, empty_label="", attrs=None):
        super().__init__(attrs)
        self.choices_source = choices_source
        self.empty_label = empty_label

    def render(self, name, value, attrs=None, renderer=None):
        self.choices = [("", self.empty_label), *self.choices_source()]
        values = value if isinstance(value, list | tuple) else [value]
        selected = {str(v) for v in values if v not in (None, "")}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option, SELECTED if option in selected else "", label)
                for option, label in ((("" if v is None else str(v)), label) for v, label in self.choices)
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', name, _attributes(self.build_attrs(self.attrs, attrs)), options
        )


class FastTextInput(forms.TextInput):
    def render(self, name, value, attrs=None, renderer=None):
        value = self.format_value(value)
        shown = format_html(' value="{}"', value) if value not in (None, "") else ""
        return format_html(
            '<input type="text" name="{}"{}{}>', name, shown, _attributes(self.build_attrs(self.attrs, attrs))
        )
