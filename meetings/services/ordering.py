"""Moving a row up or down among its siblings (agenda items, lead questions, members)."""

from django.db import models


def renumber(siblings: models.QuerySet) -> list:
    """Give the siblings the orders 1, 2, 3 … in their current order; returns them in that order."""
    rows = list(siblings.order_by("order", "pk"))
    changed = []
    for position, row in enumerate(rows, start=1):
        if row.order != position:
            row.order = position
            changed.append(row)
    if changed:
        siblings.model.objects.bulk_update(changed, ["order"])
    return rows


def move(row, siblings: models.QuerySet, *, up: bool) -> None:
    """Swap the row with its neighbour above (up) or below; at either end nothing moves."""
    rows = renumber(siblings)
    index = next(i for i, sibling in enumerate(rows) if sibling.pk == row.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(rows):
        return
    rows[index].order, rows[other].order = rows[other].order, rows[index].order
    siblings.model.objects.bulk_update([rows[index], rows[other]], ["order"])
    row.order = rows[index].order


def next_order(siblings: models.QuerySet) -> int:
    return (siblings.aggregate(highest=models.Max("order"))["highest"] or 0) + 1
