"""The migrations that list each person once apply over the repeats that double submits left behind."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from meetings.models import Attendance, AttendanceStatus
from tests.factories import AttendanceFactory, MeetingFactory, WorkingGroupMemberFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("meetings", "0006_fewer_point_indexes")]


def migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.fixture
def before_the_constraints():
    migrate(BEFORE)
    yield
    migrate(latest())


def test_repeated_attendances_are_removed_and_their_substitutes_kept(before_the_constraints, agency_a, agency_b):
    meeting = MeetingFactory()
    first = AttendanceFactory(meeting=meeting, name="นายสมชาย ใจดี", agency=agency_a)
    repeat = AttendanceFactory(meeting=meeting, name="นายสมชาย ใจดี", agency=agency_a, attendance="absent")
    substitute = AttendanceFactory(meeting=meeting, name="นางสมศรี", agency=agency_a,
                                   attendance=AttendanceStatus.SUBSTITUTE, substitute_for=repeat)  # fmt: skip
    other_agency = AttendanceFactory(meeting=meeting, name="นายสมชาย ใจดี", agency=agency_b)
    guest = AttendanceFactory(meeting=meeting, name="ผู้สังเกตการณ์", agency=None)
    AttendanceFactory(meeting=meeting, name="ผู้สังเกตการณ์", agency=None)
    elsewhere = AttendanceFactory(meeting=MeetingFactory(), name="นายสมชาย ใจดี", agency=agency_a)

    migrate(latest())

    kept = set(meeting.attendances.values_list("pk", flat=True))
    assert kept == {first.pk, substitute.pk, other_agency.pk, guest.pk}
    substitute.refresh_from_db()
    assert substitute.substitute_for_id == first.pk
    assert Attendance.objects.filter(pk=elsewhere.pk).exists()


def test_a_listing_that_stood_in_for_its_own_repeat_stands_in_for_nobody(before_the_constraints, agency_a):
    meeting = MeetingFactory()
    first = AttendanceFactory(meeting=meeting, name="นายสมชาย ใจดี", agency=agency_a)
    repeat = AttendanceFactory(meeting=meeting, name="นายสมชาย ใจดี", agency=agency_a)
    first.attendance, first.substitute_for = AttendanceStatus.SUBSTITUTE, repeat
    first.save()

    migrate(latest())

    first.refresh_from_db()
    assert first.substitute_for is None
    assert list(meeting.attendances.values_list("pk", flat=True)) == [first.pk]


def test_repeated_members_without_an_account_are_removed(before_the_constraints, agency_a):
    first = WorkingGroupMemberFactory(user=None, name="นายสมปอง ปลาดี", agency=agency_a)
    group = first.working_group
    WorkingGroupMemberFactory(working_group=group, user=None, name="นายสมปอง ปลาดี", agency=agency_a)
    adviser = WorkingGroupMemberFactory(working_group=group, user=None, name="ที่ปรึกษา", agency=None)
    WorkingGroupMemberFactory(working_group=group, user=None, name="ที่ปรึกษา", agency=None)

    migrate(latest())

    assert set(group.members.values_list("pk", flat=True)) == {first.pk, adviser.pk}
