"""One table of a meeting's steps: the facilitator's by hand on the meeting page, the summary's by its actions."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from meetings.models import Meeting, MeetingStatus
from meetings.models.meetings import STATUS_BADGES
from meetings.services import lifecycle
from meetings.services import meetings as services


def _at(meeting, status) -> Meeting:
    Meeting.objects.filter(pk=meeting.pk).update(status=status)
    meeting.refresh_from_db()
    return meeting


def test_every_status_is_reached_and_left_by_the_table():
    sources = {t.source for t in lifecycle.TRANSITIONS}
    targets = {t.target for t in lifecycle.TRANSITIONS}
    assert sources == targets == set(MeetingStatus)


def test_every_status_has_a_badge_of_its_own(client_for, facilitator, meeting):
    assert set(STATUS_BADGES) == set(MeetingStatus)
    client = client_for(facilitator)
    for status in MeetingStatus:
        _at(meeting, status)
        content = client.get(meeting.get_absolute_url()).content.decode()
        assert f'badge text-bg-{STATUS_BADGES[status]} align-middle">{status.label}' in content


@pytest.mark.parametrize("transition", lifecycle.TRANSITIONS, ids=lambda t: f"{t.source}-{t.target}")
def test_each_step_of_the_table_moves_the_meeting_and_its_version(meeting, transition):
    _at(meeting, transition.source)
    version = meeting.version
    lifecycle.meeting_move(meeting=meeting, to=transition.target)
    meeting.refresh_from_db()
    assert meeting.status == transition.target
    assert meeting.version == version + 1


@pytest.mark.parametrize(
    ("source", "target"),
    [
        (MeetingStatus.NOTES_CLOSED, MeetingStatus.SUMMARY_IN_REVIEW),
        (MeetingStatus.SUMMARY_IN_REVIEW, MeetingStatus.APPROVED),
        (MeetingStatus.APPROVED, MeetingStatus.NOTES_CLOSED),
        (MeetingStatus.PLANNED, MeetingStatus.APPROVED),
    ],
)
def test_the_summarys_steps_are_not_taken_by_hand(meeting, source, target):
    _at(meeting, source)
    with pytest.raises(ValidationError):
        services.meeting_set_status(meeting=meeting, status=target)
    meeting.refresh_from_db()
    assert meeting.status == source


def test_the_meeting_page_offers_only_the_steps_by_hand(client_for, facilitator, meeting):
    _at(meeting, MeetingStatus.NOTES_CLOSED)
    response = client_for(facilitator).get(meeting.get_absolute_url())
    assert response.context["next_statuses"] == [MeetingStatus.IN_SESSION]
    posted = client_for(facilitator).post(
        reverse("meetings:meeting_status", args=[meeting.pk]), {"status": MeetingStatus.APPROVED}, follow=True
    )
    assert posted.status_code == 200
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.NOTES_CLOSED
