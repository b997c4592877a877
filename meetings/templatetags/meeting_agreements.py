"""The meeting page's panel of agreed stakeholder groups loads its own rows, so that the meeting view
need not know of them. One query, two for the meeting's facilitators (who also see the conclusions)."""

from django import template

from meetings.selectors.agreements import agreements_panel

register = template.Library()


@register.simple_tag
def meeting_agreements(meeting, with_conclusions=False):
    """`{% meeting_agreements meeting can_manage as panel %}`: `panel.agreements`, `panel.conclusions`."""
    return agreements_panel(meeting, with_conclusions=bool(with_conclusions))
