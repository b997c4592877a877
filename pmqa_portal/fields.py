"""Form fields that take Buddhist-era dates the way Thai officers write them."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from pmqa_portal.thai_dates import be_year, ce_year

# A Buddhist-era year in a meeting or plan sits well inside this range; a year
# below it is almost always a Christian-era year typed by habit, a year above it
# one that had 543 added twice.
BE_YEAR_MIN = 2400
BE_YEAR_MAX = 2700

_DAY_MONTH_YEAR = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*$")
_YEAR_MONTH_DAY = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def check_be_year(year: int) -> None:
    if year < BE_YEAR_MIN:
        raise ValidationError(
            _("%(year)s looks like a Christian-era (ค.ศ.) year. Enter the Buddhist-era (พ.ศ.) year, e.g. %(be)s."),
            code="christian_era",
            params={"year": year, "be": be_year(year)},
        )
    if year > BE_YEAR_MAX:
        raise ValidationError(
            _("%(year)s is too far ahead. Was 543 added twice? Perhaps you meant %(be)s."),
            code="year_too_late",
            params={"year": year, "be": year - 543},
        )


class BEDateInput(forms.TextInput):
    """Shows a date as dd/mm/yyyy with the Buddhist-era year."""

    def __init__(self, attrs=None):
        defaults = {"placeholder": _("dd/mm/yyyy (B.E.)"), "inputmode": "numeric", "autocomplete": "off"}
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, datetime.date):
            return f"{value.day:02d}/{value.month:02d}/{be_year(value.year)}"
        return super().format_value(value)


class BEDateField(forms.DateField):
    """Accepts 31/08/2550, 31-08-2550, 31.08.2550 or 2550-08-31 (years in B.E.)."""

    widget = BEDateInput
    default_error_messages = {
        "invalid": _("Enter a date as day/month/Buddhist-era year, e.g. 31/08/2550."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        day, month, year = self._parts(str(value))
        check_be_year(year)
        try:
            return datetime.date(ce_year(year), month, day)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

    def _parts(self, text: str) -> tuple[int, int, int]:
        match = _DAY_MONTH_YEAR.match(text)
        if match:
            day, month, year = (int(part) for part in match.groups())
            return day, month, year
        match = _YEAR_MONTH_DAY.match(text)
        if match:
            year, month, day = (int(part) for part in match.groups())
            return day, month, year
        raise ValidationError(self.error_messages["invalid"], code="invalid")
