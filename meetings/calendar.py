"""A meeting as an iCalendar (.ics) event, in Bangkok time."""

import datetime
import zoneinfo

from django.conf import settings
from icalendar import Calendar, Event

from meetings.models import Meeting
from pmqa_portal.thai_dates import thai_date


def meeting_calendar(meeting: Meeting, *, url: str = "") -> bytes:
    bangkok = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    calendar = Calendar()
    calendar.add("prodid", "-//PMQA working-group portal//meetings//TH")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@pmqa-portal")
    event.add("summary", f"{meeting.title} ครั้งที่ {meeting.number_label}")
    event.add("dtstart", datetime.datetime.combine(meeting.date, meeting.start_time, tzinfo=bangkok))
    event.add("dtend", datetime.datetime.combine(meeting.date, meeting.end_time, tzinfo=bangkok))
    event.add("dtstamp", meeting.updated_at)
    event.add("sequence", meeting.version)
    if meeting.venue:
        event.add("location", meeting.venue)
    description = [meeting.working_group.name, thai_date(meeting.date)]
    if meeting.objectives:
        description.append(meeting.objectives)
    if url:
        description.append(url)
        event.add("url", url)
    event.add("description", "\n".join(description))
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
