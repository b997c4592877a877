"""Template filters for Buddhist-era dates, Thai times and fiscal years."""

from django import template

from pmqa_portal import thai_dates

register = template.Library()

register.filter("thai_date", thai_dates.thai_date)
register.filter("thai_date_short", thai_dates.thai_date_short)
register.filter("thai_time", thai_dates.thai_time)


@register.filter
def fiscal_year(value):
    return "" if value in (None, "") else thai_dates.fiscal_year(value)


@register.filter
def be_year(value):
    """The Buddhist-era year of a date or of a Christian-era year number."""
    if value in (None, ""):
        return ""
    if isinstance(value, int):
        return thai_dates.be_year(value)
    return thai_dates.be_year(value.year)
