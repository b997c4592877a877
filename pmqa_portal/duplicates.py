"""Saving a row that a unique constraint guards, while another request may be saving its twin."""

from django.db import IntegrityError, transaction


def save_unique(instance, **save_options) -> None:
    """Save the row; a twin that another request stored a moment earlier is refused the way
    `full_clean()` refuses one stored long before: a ValidationError with the constraint's message.

    Two requests (a double click) can both pass `full_clean()` and then both insert; the
    database refuses the second. By the time it does, the first has committed, so checking
    again finds it. The savepoint keeps the caller's transaction usable for that check.
    """
    try:
        with transaction.atomic():
            instance.save(**save_options)
    except IntegrityError:
        instance.validate_unique()
        instance.validate_constraints()
        raise
