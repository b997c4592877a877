"""Ask the stakeholder access rules from a template (to show a link or not); never writes."""

from django import template

from stakeholders.access import can_read_groups_of, works_with_groups

register = template.Library()


@register.filter
def can_read_stakeholder_groups(user, agency) -> bool:
    return agency is not None and can_read_groups_of(user, agency)


@register.filter
def works_with_stakeholder_groups(user) -> bool:
    return works_with_groups(user)
