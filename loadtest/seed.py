"""Seed the load-test database: meetings in session, each with lead questions, the
agencies taking part and note-takers who may capture into every meeting.

Run by loadtest/run.py as `python loadtest/seed.py MEETINGS NOTE_TAKERS PASSWORD`
with DATABASE_URL pointing at the load-test database; prints the plan as JSON.
"""

import datetime
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pmqa_portal.settings")


def seed(meetings: int, note_takers: int, password: str) -> dict:
    import django

    django.setup()
    from django.contrib.auth.models import Group
    from django.db import transaction

    from meetings.models import (
        Attendance,
        LeadQuestion,
        Meeting,
        MeetingRole,
        MeetingStatus,
        WorkingGroup,
    )
    from pmqa_portal.demo import demo_agencies
    from pmqa_portal.models import Province, User
    from pmqa_portal.roles import Role

    with transaction.atomic():
        agencies = list(demo_agencies().values())[-9:]  # the provincial offices of the demo
        group, _ = WorkingGroup.objects.get_or_create(
            province=Province.objects.get(code="TH-62"), name="คณะทำงานทดสอบภาระ (load test)"
        )
        role = Group.objects.get(name=Role.NOTE_TAKER)
        users = []
        for number in range(note_takers):
            user, _ = User.objects.update_or_create(
                username=f"load-notetaker-{number}", defaults={"full_name_th": f"คุณลิขิตทดสอบ {number}"}
            )
            user.set_password(password)
            user.save()
            user.groups.set([role])
            users.append(user)
        plan = {"meetings": [], "users": [user.username for user in users]}
        year = Meeting.objects.filter(working_group=group).count() + 1
        for number in range(meetings):
            meeting = Meeting.objects.create(
                working_group=group, title=f"ประชุมทดสอบภาระ {number + 1}", number=year * 100 + number + 1,
                be_year=2568, date=datetime.date(2025, 9, 1), start_time=datetime.time(9), end_time=datetime.time(12),
                status=MeetingStatus.IN_SESSION,
            )  # fmt: skip
            questions = [
                LeadQuestion.objects.create(meeting=meeting, order=order, text=f"คำถามนำที่ {order}")
                for order in (1, 2, 3)
            ]
            Attendance.objects.bulk_create(
                [Attendance(meeting=meeting, agency=agency, name=agency.name_th, role=MeetingRole.MEMBER, order=n)
                 for n, agency in enumerate(agencies)]
                + [Attendance(meeting=meeting, user=user, name=user.full_name_th, role=MeetingRole.NOTE_TAKER,
                              order=100 + n) for n, user in enumerate(users)]
            )  # fmt: skip
            plan["meetings"].append(
                {"id": meeting.pk, "questions": [q.pk for q in questions], "agencies": [a.pk for a in agencies]}
            )
    return plan


if __name__ == "__main__":
    print(json.dumps(seed(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3])))
