"""Speed of part 2: drafting the summary of a meeting with 500 points (target < 150 ms) and issuing its minutes
as .docx (target < 1 s), through the ORM, no server.

`run(h)` is called by the benchmark runner with its harness; without one (`python bench/summary.py`) it sets
Django up itself and uses `DATABASE_URL` (e.g. the PostgreSQL database `pmqa_bench`) or, when that is unset,
a fresh test database. Its rows are made inside a transaction that is rolled back, so a benchmark database is
left as it was.
"""

import os
import statistics
import sys
import time
from pathlib import Path

POINTS = 500
QUESTIONS = 10
AGENCIES = 20
ATTENDEES = 40
REPEAT = 15
TARGETS_MS = {"summary draft, 500 points": 150.0, "minutes .docx, 500 points": 1000.0, "minutes PDF, 500 points": None}


class _Rollback(Exception):
    pass


def _timed(function, repeat: int = REPEAT) -> dict:
    function()  # warm up: imports, templates, caches
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return {"median_ms": statistics.median(samples), "max_ms": max(samples), "min_ms": min(samples)}


def _meeting_with_points():
    import datetime

    from meetings.models import (
        AgendaItem,
        Attendance,
        AttendanceStatus,
        DiscussionPoint,
        LeadQuestion,
        Meeting,
        MeetingRole,
        MeetingStatus,
        PointKind,
        WorkingGroup,
    )
    from pmqa_portal.models import Agency, Province, User

    province = Province.objects.get(code="TH-62")
    suffix = time.time_ns()
    agencies = Agency.objects.bulk_create(
        Agency(name_th=f"สำนักงานทดสอบความเร็ว {suffix} {n}", short_name=f"ทส.{n}", province=province)
        for n in range(AGENCIES)
    )
    facilitator = User.objects.create(username=f"bench-facilitator-{suffix}", full_name_th="นางสาวทดสอบ ความเร็ว")
    group = WorkingGroup.objects.create(province=province, name=f"คณะทำงานทดสอบความเร็ว {suffix}")
    meeting = Meeting.objects.create(
        working_group=group,
        title="การประชุมทดสอบความเร็ว",
        number=1,
        be_year=2550,
        date=datetime.date(2007, 8, 31),
        start_time=datetime.time(13, 30),
        end_time=datetime.time(16, 30),
        venue="ห้องประชุมศาลากลางจังหวัดกำแพงเพชร",
        status=MeetingStatus.NOTES_CLOSED,
    )
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, order=n, number=str(n), title=title)
        for n, title in enumerate(["เรื่องแจ้ง", "รับรองรายงาน", "เรื่องสืบเนื่อง", "เรื่องเพื่อพิจารณา", "อื่น ๆ"], 1)
    )
    Attendance.objects.bulk_create(
        Attendance(
            meeting=meeting,
            name=f"นายผู้เข้าประชุม คนที่ {n}",
            agency=agencies[n % AGENCIES],
            position="นักวิชาการ ชำนาญการ",
            attendance=AttendanceStatus.PRESENT if n % 10 else AttendanceStatus.ABSENT,
            role=MeetingRole.FACILITATOR if n == 0 else MeetingRole.MEMBER,
            user=facilitator if n == 0 else None,
            order=n,
        )
        for n in range(ATTENDEES)
    )
    questions = LeadQuestion.objects.bulk_create(
        LeadQuestion(meeting=meeting, order=n, text=f"ประเด็นคำถามนำข้อที่ {n} เรื่องการกำหนดกลุ่มผู้รับบริการ")
        for n in range(1, QUESTIONS + 1)
    )
    kinds = list(PointKind.values)
    DiscussionPoint.objects.bulk_create(
        DiscussionPoint(
            meeting=meeting,
            lead_question=questions[n % QUESTIONS],
            agency=agencies[n % AGENCIES],
            kind=kinds[n % len(kinds)],
            # Every fourth statement repeats another agency's, spaced differently: the merge has work to do.
            text=(
                f"หน่วยงานแบ่งกลุ่มผู้รับบริการตามประเภทเกษตรกร ข้อ {n // 4}"
                if n % 4 == 0
                else f"ประเด็นที่ {n}: หน่วยงานใช้ข้อมูลทะเบียนเกษตรกร PMQA หมวด 3 เพื่อสำรวจความต้องการของผู้รับบริการ"
            ),
            order=n,
        )
        for n in range(POINTS)
    )
    return meeting, facilitator


def _measure() -> dict[str, dict]:
    from django.db import transaction

    from meetings.services import minutes as minutes_service
    from meetings.services import summaries as services

    results: dict[str, dict] = {}
    try:
        with transaction.atomic():
            meeting, facilitator = _meeting_with_points()
            results["summary draft, 500 points"] = _timed(lambda: services.summary_draft_markdown(meeting=meeting))
            revision = services.summary_draft(meeting=meeting, by=facilitator)
            summary = services.summary_get_or_create(meeting=meeting)
            services.summary_send_for_review(summary=summary, revision_number=revision.number, by=facilitator)
            services.summary_approve(summary=summary, revision_number=revision.number, by=facilitator)
            results["minutes .docx, 500 points"] = _timed(
                lambda: minutes_service.minutes_docx(minutes_service.minutes_for_meeting(meeting)), repeat=5
            )
            results["minutes PDF, 500 points"] = _timed(
                lambda: minutes_service.minutes_pdf(minutes_service.minutes_for_meeting(meeting)), repeat=2
            )
            raise _Rollback
    except _Rollback:
        pass
    for name, figures in results.items():
        figures["target_ms"] = TARGETS_MS[name]
        figures["ok"] = TARGETS_MS[name] is None or figures["median_ms"] < TARGETS_MS[name]
    return results


def _print(results: dict[str, dict]) -> None:
    print(f"{'part 2':<28} {'median ms':>10} {'max ms':>10} {'target ms':>10}  ok")
    for name, figures in results.items():
        target = f"{figures['target_ms']:.0f}" if figures["target_ms"] else "-"
        ok = "yes" if figures["ok"] else "NO"
        print(f"{name:<28} {figures['median_ms']:>10.1f} {figures['max_ms']:>10.1f} {target:>10}  {ok}")


def run(h=None) -> dict[str, dict]:
    """Measure and report; `h` is the benchmark harness (its `record(name, **figures)` if it has one)."""
    results = _measure()
    record = getattr(h, "record", None)
    if callable(record):
        for name, figures in results.items():
            record(name, **figures)
    else:
        _print(results)
    return results


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pmqa_portal.settings")
    import django

    django.setup()
    if os.environ.get("DATABASE_URL"):
        results = run()
    else:
        from django.test.utils import setup_databases, teardown_databases

        config = setup_databases(verbosity=0, interactive=False)
        try:
            results = run()
        finally:
            teardown_databases(config, verbosity=0)
    return 0 if all(figures["ok"] for figures in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
