"""Plain, fast rendering of the filter selects: Django's widget templates cost a few
microseconds per option, which adds up on a list read many times a day."""

from django import template
from django.forms.models import ModelChoiceIteratorValue
from django.utils.html import format_html, format_html_join

register = template.Library()


def _value(value) -> str:
    if isinstance(value, ModelChoiceIteratorValue):
        value = value.value
    return "" if value is None else str(value)


@register.simple_tag
def select_field(bound_field, css_class="form-select"):
    """A <select> for a single-choice bound field, its current value selected."""
    current = _value(bound_field.value())
    options = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (_value(value), " selected" if _value(value) == current else "", label)
            for value, label in bound_field.field.choices
        ),
    )
    return format_html(
        '<select name="{}" id="{}" class="{}">{}</select>',
        bound_field.html_name,
        bound_field.id_for_label,
        css_class,
        options,
    )
