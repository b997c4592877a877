"""The comparison's per-agency lists, written out in Python.

Thirty agencies of twenty groups each are 600 list items on one page; through the
template engine (or format_html per item) each item costs far more than the page's
queries do.
"""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

INDENT = '<span class="ms-3"></span>'


@register.simple_tag
def comparison_items(rows):
    """<li> items of one agency's tree: indented names, and how many compared agencies share each name.

    The page explains the number once, above the lists. Names are escaped here.
    """
    items = []
    for row in rows:
        count = getattr(row.group, "shared_count", 0)
        badge = f' <span class="badge text-bg-light border">{count}</span>' if count > 1 else ""
        items.append(f'<li class="list-group-item py-1">{INDENT * row.depth}{escape(row.group.name)}{badge}</li>')
    # Every piece of text is escaped above; format_html per item costs more than the page.
    return mark_safe("".join(items))  # noqa: S308  # nosec B308 B703
