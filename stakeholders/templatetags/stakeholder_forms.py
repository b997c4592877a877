"""Plain, fast rendering of the filter selects: Django's widget templates cost a few
microseconds per option, which adds up on a list read many times a day."""

from django import forms, template
from django.forms.models import ModelChoiceIteratorValue
from django.utils.html import format_html, format_html_join

register = template.Library()


def _value(value) -> str:
    if isinstance(value, ModelChoiceIteratorValue):
        value = value.value
    return "" if value is None else str(value)


def _choices(field):
    """The field's choices; a model field's read in one plain query.

    Iterating ModelChoiceField.choices reads the rows through a server-side cursor
    on PostgreSQL, two more round trips per select for a list of a few dozen rows.
    """
    if isinstance(field, forms.ModelChoiceField):
        empty = [("", field.empty_label)] if field.empty_label is not None else []
        return empty + [(obj.pk, field.label_from_instance(obj)) for obj in field.queryset]
    return field.choices


@register.simple_tag
def select_field(bound_field, css_class="form-select"):
    """A <select> for a single-choice bound field, its current value selected."""
    current = _value(bound_field.value())
    options = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (_value(value), " selected" if _value(value) == current else "", label)
            for value, label in _choices(bound_field.field)
        ),
    )
    return format_html(
        '<select name="{}" id="{}" class="{}">{}</select>',
        bound_field.html_name,
        bound_field.id_for_label,
        css_class,
        options,
    )
