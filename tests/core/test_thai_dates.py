import datetime
import zoneinfo

import pytest
from django.template import Context, Template
from django.utils import translation

from pmqa_portal.thai_dates import (
    fiscal_year,
    fiscal_year_bounds,
    thai_date,
    thai_date_short,
    thai_time,
)

BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")


def test_thai_date_of_the_seed_meeting():
    assert thai_date(datetime.date(2007, 8, 31)) == "31 สิงหาคม 2550"


def test_short_thai_date():
    assert thai_date_short(datetime.date(2007, 8, 31)) == "31 ส.ค. 50"


def test_short_thai_date_pads_a_two_digit_year():
    assert thai_date_short(datetime.date(2043, 1, 5)) == "5 ม.ค. 86"
    assert thai_date_short(datetime.date(2057, 1, 5)) == "5 ม.ค. 00"


def test_thai_time():
    assert thai_time(datetime.time(13, 30)) == "13.30 น."
    assert thai_time(datetime.time(9, 5)) == "09.05 น."


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        # New year's eve in Bangkok is still 31 December, whatever UTC says.
        (datetime.datetime(2007, 12, 31, 16, 59, tzinfo=datetime.UTC), "31 ธันวาคม 2550"),
        (datetime.datetime(2007, 12, 31, 17, 0, tzinfo=datetime.UTC), "1 มกราคม 2551"),
    ],
)
def test_aware_datetimes_are_shown_in_bangkok_time(moment, expected):
    assert thai_date(moment) == expected


def test_english_pages_keep_the_buddhist_era():
    with translation.override("en"):
        assert thai_date(datetime.date(2007, 8, 31)) == "31 August B.E. 2550"
        assert thai_time(datetime.time(13, 30)) == "13.30"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2021, 9, 30), 2564),  # last day of FY 2564
        (datetime.date(2021, 10, 1), 2565),  # 1 Oct 2564 opens FY 2565
        (datetime.date(2021, 12, 31), 2565),  # calendar year ends, fiscal year does not
        (datetime.date(2022, 1, 1), 2565),
        (datetime.date(2022, 9, 30), 2565),
        (datetime.date(2022, 10, 1), 2566),
        (datetime.date(2007, 8, 31), 2550),  # the seed meeting
    ],
)
def test_fiscal_year_at_its_boundaries(day, expected):
    assert fiscal_year(day) == expected


def test_fiscal_year_of_an_aware_datetime_uses_bangkok_date():
    # 30 Sep 2021 18:00 UTC is already 1 Oct 01:00 in Bangkok.
    moment = datetime.datetime(2021, 9, 30, 18, 0, tzinfo=datetime.UTC)
    assert fiscal_year(moment) == 2565


def test_fiscal_year_bounds():
    assert fiscal_year_bounds(2565) == (datetime.date(2021, 10, 1), datetime.date(2022, 9, 30))


def test_template_filters():
    template = Template(
        "{% load thai %}{{ day|thai_date }}|{{ day|thai_date_short }}|{{ day|fiscal_year }}|{{ day|be_year }}"
    )
    rendered = template.render(Context({"day": datetime.date(2007, 8, 31)}))
    assert rendered == "31 สิงหาคม 2550|31 ส.ค. 50|2550|2550"


def test_filters_leave_empty_values_empty():
    template = Template("{% load thai %}[{{ missing|thai_date }}{{ missing|thai_time }}{{ missing|fiscal_year }}]")
    assert template.render(Context({})) == "[]"
