import pytest

from pmqa_portal.ids import as_id


@pytest.mark.parametrize(("typed", "expected"), [("42", 42), (" 7 ", 7), (3, 3), ("9" * 18, int("9" * 18))])
def test_ids_are_read(typed, expected):
    assert as_id(typed) == expected


@pytest.mark.parametrize("typed", ["", None, "abc", "-1", "1.5", "๑๒", "9" * 19, "9" * 5000, "12 34"])
def test_anything_else_is_no_id(typed):
    assert as_id(typed) is None
