import datetime

import pytest
from django import forms

from pmqa_portal.fields import BEDateField


class MeetingDateForm(forms.Form):
    date = BEDateField()


@pytest.mark.parametrize("typed", ["31/08/2550", "31-08-2550", "31.08.2550", "2550-08-31", " 31/8/2550 "])
def test_buddhist_era_dates_are_read(typed):
    form = MeetingDateForm({"date": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["date"] == datetime.date(2007, 8, 31)


def test_a_christian_era_year_is_refused_with_the_buddhist_era_suggested():
    form = MeetingDateForm({"date": "31/08/2007"})
    assert not form.is_valid()
    assert "2550" in form.errors["date"][0]
    assert "ค.ศ." in form.errors["date"][0]


def test_a_year_with_543_added_twice_is_refused():
    form = MeetingDateForm({"date": "31/08/3093"})
    assert not form.is_valid()
    assert "2550" in form.errors["date"][0]


@pytest.mark.parametrize("typed", ["31/02/2550", "hello", "2550"])
def test_nonsense_is_refused_and_kept(typed):
    form = MeetingDateForm({"date": typed})
    assert not form.is_valid()
    assert f'value="{typed}"' in str(form["date"])


def test_the_widget_shows_the_buddhist_era_year():
    form = MeetingDateForm(initial={"date": datetime.date(2007, 8, 31)})
    assert 'value="31/08/2550"' in str(form["date"])
