"""The demo data: the Kamphaeng Phet meeting of 31 August 2550, loaded idempotently."""

import datetime

from django.core.management import call_command

from meetings.demo import seed_meeting
from meetings.models import DiscussionPoint, Meeting, MeetingRole, MeetingStatus, PointKind, WorkingGroup


def test_load_demo_twice_gives_the_seed_meeting_once(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    counts = (WorkingGroup.objects.count(), Meeting.objects.count(), DiscussionPoint.objects.count())
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (WorkingGroup.objects.count(), Meeting.objects.count(), DiscussionPoint.objects.count()) == counts

    meeting = seed_meeting()
    assert meeting.number_label == "1/2550"
    assert meeting.date == datetime.date(2007, 8, 31)
    assert (meeting.start_time, meeting.end_time) == (datetime.time(13, 30), datetime.time(16, 30))
    assert meeting.venue == "ห้องประชุมศาลากลางจังหวัดกำแพงเพชร"
    # Notes closed here; the summary's demo carries it on to an approved summary.
    assert meeting.status not in (MeetingStatus.PLANNED, MeetingStatus.IN_SESSION)
    assert [item.code for item in meeting.criteria_items.all()] == ["CS1"]
    roles = {a.user.username: a.role for a in meeting.attendances.exclude(user=None).select_related("user")}
    assert roles["facilitator"] == MeetingRole.FACILITATOR
    assert roles["observer"] == MeetingRole.ADVISOR
    assert roles["notetaker"] == MeetingRole.NOTE_TAKER
    provincial = {a.agency.short_name for a in meeting.attendances.select_related("agency") if a.agency.province_id}
    assert len(provincial) >= 9  # the provincial office and eight agencies
    conclusions = set(meeting.points.filter(kind=PointKind.CONCLUSION).values_list("text", flat=True))
    assert any("เกษตรกร: ด้านพืช ด้านปศุสัตว์ ด้านประมง" in text for text in conclusions)
    assert any("วิสาหกิจชุมชน: ด้านการผลิต ด้านการบริการ" in text for text in conclusions)
    assert meeting.points.filter(text__contains="CKO").exists()
    following = Meeting.objects.get(working_group=meeting.working_group, be_year=2550, number=2)
    assert following.status == MeetingStatus.PLANNED
