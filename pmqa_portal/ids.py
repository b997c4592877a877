"""Reading an id typed in an address or posted by a form."""


def as_id(value) -> int | None:
    """The id, or None for anything that cannot be one.

    Only ASCII digits (Python's int() also reads Thai digits) and at most 18 of
    them: a longer number is no row's id, and int() refuses thousands of digits.
    """
    text = str(value if value is not None else "").strip()
    if text.isascii() and text.isdigit() and len(text) <= 18:
        return int(text)
    return None
