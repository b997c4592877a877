"""Who may see, manage and capture a meeting (meetings/access.py)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from meetings import access
from meetings.models import MeetingRole
from pmqa_portal.roles import Role
from tests.factories import AttendanceFactory, MeetingFactory, UserFactory


def test_the_meetings_facilitator_manages_and_captures(meeting, facilitator):
    assert access.can_manage(facilitator, meeting)
    assert access.can_capture(facilitator, meeting)


def test_the_note_taker_captures_but_does_not_manage(meeting, note_taker):
    assert access.can_capture(note_taker, meeting)
    assert not access.can_manage(note_taker, meeting)


def test_a_facilitator_of_another_meeting_cannot_manage_this_one(meeting):
    other = MeetingFactory()
    stranger = UserFactory(role=Role.FACILITATOR)
    AttendanceFactory(meeting=other, user=stranger, role=MeetingRole.FACILITATOR)
    assert not access.can_manage(stranger, meeting)
    assert not access.can_capture(stranger, meeting)


def test_officer_of_an_agency_taking_part_reads_and_sends_input(meeting, officer_a):
    assert access.can_view(officer_a, meeting)
    assert access.can_submit_premeeting(officer_a, meeting)
    assert not access.can_capture(officer_a, meeting)


def test_officer_of_another_agency_cannot_see_the_meeting(meeting, officer_b):
    assert not access.can_view(officer_b, meeting)
    with pytest.raises(PermissionDenied):
        access.get_meeting_for_user(officer_b, meeting.pk)


def test_observer_reads_but_does_not_manage(meeting, observer):
    assert access.can_view(observer, meeting)
    assert not access.can_manage(observer, meeting)
    with pytest.raises(PermissionDenied):
        access.get_meeting_for_user(observer, meeting.pk, write=True)


def test_outsider_sees_nothing(meeting, outsider):
    assert not access.can_view(outsider, meeting)
    assert not access.meetings_visible_to(outsider).exists()


def test_a_missing_meeting_is_a_404(facilitator):
    with pytest.raises(Http404):
        access.get_meeting_for_user(facilitator, 999999)


def test_the_groups_facilitator_manages_every_meeting_of_the_group(group, facilitator):
    meeting = MeetingFactory(working_group=group)
    assert access.can_manage(facilitator, meeting)


def test_administrator_manages_everything(meeting, administrator):
    assert access.can_manage(administrator, meeting)
    assert access.can_capture(administrator, meeting)


def test_officer_sees_only_meetings_their_agency_takes_part_in(meeting, officer_a, officer_b):
    MeetingFactory()
    assert list(access.meetings_visible_to(officer_a)) == [meeting]
    assert list(access.meetings_visible_to(officer_b)) == []


def test_membership_of_the_agency_in_the_group_is_enough(group, officer_a):
    meeting = MeetingFactory(working_group=group)
    assert access.can_view(officer_a, meeting)
