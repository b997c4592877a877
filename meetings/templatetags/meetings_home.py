"""The meetings card of the home page (the core's home view knows nothing of meetings)."""

from django import template

from meetings.selectors.meetings import upcoming_meetings_for

register = template.Library()


@register.inclusion_tag("meetings/partials/_home_card.html", takes_context=True)
def upcoming_meetings_card(context):
    return {"upcoming_meetings": upcoming_meetings_for(context["request"].user)}
