"""Meetings fixtures: a working group run by the facilitator persona, and its meeting
where the facilitator and note-taker have those roles and agency A takes part."""

import pytest

from meetings.models import MemberRole
from tests.factories import WorkingGroupFactory, WorkingGroupMemberFactory, meeting_with_people


@pytest.fixture
def group(facilitator, agency_a):
    group = WorkingGroupFactory()
    WorkingGroupMemberFactory(working_group=group, user=facilitator, role=MemberRole.FACILITATOR)
    group.member_agencies.add(agency_a)
    return group


@pytest.fixture
def meeting(group, facilitator, note_taker, agency_a):
    return meeting_with_people(working_group=group, facilitator=facilitator, note_taker=note_taker, agencies=[agency_a])
