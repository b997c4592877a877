"""Meetings under load: the meeting list, a meeting page and live capture with 500 points, capturing a point,
the projector, the capture page's poll, and Django admin's changelist of meetings, beside /healthz.

The bench database is filled once (77 provinces from the migrations, ~1,000 agencies, 77 working groups,
20,000 meetings with 60,000 lead questions and 200,000 attendances, 1,000,000 discussion points) by COPY;
a marker in the database skips the fill on later runs. Two meetings in session are the ones measured:
"showcase" (500 points, 40 attendees, read) and "capture" (500 points, 40 attendees, written to; the points
the benchmark adds are removed at the start of each run).

Targets (ratios of requests per second to /healthz in the same run): meeting list ≥ 0.25; meeting page and
live capture page ≥ 0.10; capturing a point ≥ 0.20; and the meeting list at least twice the admin changelist.
"""

import datetime
import random
import time

FILL = "meetings-v1"
MEETINGS = 20_000
POINTS = 1_000_000
QUESTIONS_PER_MEETING = 3
ATTENDEES_PER_MEETING = 10
AGENCIES_PER_PROVINCE = 12
SHOWCASE_POINTS, SHOWCASE_ATTENDEES, SHOWCASE_QUESTIONS = 500, 40, 5
SHOWCASE_PROVINCE = "TH-62"
SHOWCASE_TITLE = "BENCH showcase: การประชุมคณะทำงาน PMQA หมวด 3 (500 ประเด็น)"
CAPTURE_TITLE = "BENCH capture: การประชุมคณะทำงาน PMQA หมวด 3 (บันทึกระหว่างประชุม)"
USERS = {
    "bench_facilitator": "facilitator",
    "bench_notetaker": "note_taker",
    "bench_observer": "observer",
    "bench_admin": None,  # superuser
}

TARGETS = {
    "meeting list": 0.25,
    "meeting page, 500 points": 0.10,
    "live capture page, 500 points": 0.10,
    "capture a point (POST, htmx)": 0.20,
}

QUESTION_TEXTS = [
    "หน่วยงานของท่านกำหนดกลุ่มผู้รับบริการและผู้มีส่วนได้ส่วนเสียอย่างไร ตามพันธกิจของหน่วยงาน",
    "หน่วยงานของท่านรับฟังและเรียนรู้ความต้องการของผู้รับบริการแต่ละกลุ่มด้วยวิธีใด",
    "หน่วยงานของท่านวัดความพึงพอใจและความไม่พึงพอใจของผู้รับบริการอย่างไร",
    "หน่วยงานของท่านจัดการข้อร้องเรียนอย่างไร และนำไปปรับปรุงบริการอย่างไร",
    "หน่วยงานของท่านสร้างความสัมพันธ์กับผู้รับบริการและผู้มีส่วนได้ส่วนเสียอย่างไร",
]
POINT_TEXTS = [
    "ให้บริการเกษตรกรผู้ปลูกพืชผ่านศูนย์บริการและถ่ายทอดเทคโนโลยีการเกษตรประจำตำบล แบ่งกลุ่มตามชนิดพืชหลัก",
    "ยังไม่ได้แยกผู้รับบริการกับผู้มีส่วนได้ส่วนเสียอย่างเป็นระบบ และข้อมูลกระจายอยู่หลายทะเบียน",
    "ผู้รับบริการหลักคือเกษตรกรผู้เลี้ยงสัตว์ แบ่งตามชนิดสัตว์ ได้แก่ โค กระบือ สุกร และสัตว์ปีก",
    "ควรใช้การแบ่งกลุ่มผู้รับบริการแบบเดียวกันทั้งจังหวัด เพื่อสำรวจความต้องการร่วมกันได้",
    "ที่ประชุมเห็นชอบให้แบ่งกลุ่มผู้รับบริการเป็นเกษตรกรและวิสาหกิจชุมชน",
    "มอบหมายให้แต่ละหน่วยงานทบทวนรายชื่อกลุ่มผู้รับบริการภายในสิ้นเดือน",
]
KINDS = ["current_practice", "problem", "suggestion", "conclusion", "action_item"]


# --- filling the database ------------------------------------------------------------


def _users():
    from django.contrib.auth.models import Group

    from pmqa_portal.models import Agency, User

    office = Agency.objects.filter(province__code=SHOWCASE_PROVINCE).order_by("pk").first()
    users = {}
    for username, role in USERS.items():
        user, _created = User.objects.get_or_create(
            username=username,
            defaults={
                "full_name_th": f"ผู้ทดสอบความเร็ว {username}",
                "agency": office,
                "is_staff": role is None,
                "is_superuser": role is None,
            },
        )
        user.set_unusable_password()
        user.save()
        if role:
            user.groups.add(Group.objects.get(name=role))
        users[username] = user
    return users


def _fill(h) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from meetings.models import Attendance, DiscussionPoint, LeadQuestion, Meeting, WorkingGroup
    from pmqa_portal.models import Agency, Category, Province

    rng = random.Random(2550)
    now = timezone.now()
    today = timezone.localdate()
    category = Category.objects.get(edition__code="pmqa-4-0", code="3")
    started = time.monotonic()
    with transaction.atomic():
        provinces = list(Province.objects.order_by("pk"))
        agencies_by_province = {}
        for province in provinces:
            count = SHOWCASE_ATTENDEES if province.code == SHOWCASE_PROVINCE else AGENCIES_PER_PROVINCE
            agencies_by_province[province.pk] = Agency.objects.bulk_create(
                Agency(
                    name_th=f"หน่วยงานทดสอบ {n + 1} จังหวัด{province.name_th}",
                    name_en=f"Bench agency {n + 1}",
                    short_name=f"ทส.{n + 1}",
                    province=province,
                )
                for n in range(count)
            )
        users = _users()
        groups = WorkingGroup.objects.bulk_create(
            WorkingGroup(province=province, name=f"คณะทำงาน PMQA จังหวัด{province.name_th} (ทดสอบความเร็ว)")
            for province in provinces
        )
        WorkingGroup.member_agencies.through.objects.bulk_create(
            WorkingGroup.member_agencies.through(workinggroup_id=group.pk, agency_id=agency.pk)
            for group in groups
            for agency in agencies_by_province[group.province_id]
        )
        showcase_group = next(group for group in groups if group.province.code == SHOWCASE_PROVINCE)

        # Meetings: spread over twelve years, numbered within each group's Buddhist-era year.
        start = today - datetime.timedelta(days=11 * 365)
        plan = []
        for n in range(MEETINGS - 2):
            group = groups[n % len(groups)]
            date = start + datetime.timedelta(days=rng.randrange(12 * 365))
            plan.append((group, date))
        plan.sort(key=lambda item: (item[0].pk, item[1]))
        numbers: dict[tuple[int, int], int] = {}

        def meeting_row(group, date, title, status):
            be = date.year + 543
            numbers[(group.pk, be)] = numbers.get((group.pk, be), 0) + 1
            return {
                "working_group_id": group.pk,
                "title": title,
                "number": numbers[(group.pk, be)],
                "be_year": be,
                "date": date,
                "start_time": datetime.time(13, 30),
                "end_time": datetime.time(16, 30),
                "venue": "ห้องประชุมศาลากลางจังหวัด",
                "category_id": category.pk,
                "objectives": "",
                "status": status,
                "created_by_id": users["bench_facilitator"].pk,
                "created_at": now,
                "updated_at": now,
                "version": 1,
            }

        rows = [
            meeting_row(showcase_group, today, SHOWCASE_TITLE, "in_session"),
            meeting_row(showcase_group, today, CAPTURE_TITLE, "in_session"),
        ]
        rows += [
            meeting_row(
                group, date, f"การประชุมคณะทำงาน PMQA ครั้งทดสอบ {n + 1}", "planned" if date > today else "notes_closed"
            )
            for n, (group, date) in enumerate(plan)
        ]
        h.copy_rows(Meeting, rows)
        meetings = list(Meeting.objects.order_by("pk").values_list("pk", "working_group_id", "title"))
        special = {title: pk for pk, _group, title in meetings if title in (SHOWCASE_TITLE, CAPTURE_TITLE)}
        group_province = {group.pk: group.province_id for group in groups}
        print(f"    meetings: {len(meetings)} ({time.monotonic() - started:.0f} s)", flush=True)

        # Lead questions and attendances.
        def question_rows():
            for pk, _group, _title in meetings:
                count = SHOWCASE_QUESTIONS if pk in special.values() else QUESTIONS_PER_MEETING
                for order in range(1, count + 1):
                    yield {
                        "meeting_id": pk,
                        "order": order,
                        "text": QUESTION_TEXTS[(order - 1) % len(QUESTION_TEXTS)],
                        "created_at": now,
                        "updated_at": now,
                    }

        h.copy_rows(LeadQuestion, question_rows())
        questions: dict[int, list[int]] = {}
        for pk, meeting_id in LeadQuestion.objects.order_by("meeting_id", "order").values_list("pk", "meeting_id"):
            questions.setdefault(meeting_id, []).append(pk)

        def attendance_rows():
            for pk, group_id, _title in meetings:
                agencies = agencies_by_province[group_province[group_id]]
                big = pk in special.values()
                if big:
                    yield {
                        "meeting_id": pk,
                        "user_id": users["bench_facilitator"].pk,
                        "name": "คุณอำนวย (ทดสอบ)",
                        "role": "facilitator",
                        "attendance": "present",
                        "order": 0,
                    }
                    yield {
                        "meeting_id": pk,
                        "user_id": users["bench_notetaker"].pk,
                        "name": "คุณลิขิต (ทดสอบ)",
                        "role": "note_taker",
                        "attendance": "present",
                        "order": 1,
                    }
                count = SHOWCASE_ATTENDEES if big else ATTENDEES_PER_MEETING
                for n in range(count):
                    agency = agencies[n % len(agencies)]
                    yield {
                        "meeting_id": pk,
                        "name": f"ผู้แทนหน่วยงาน {n + 1}",
                        "agency_id": agency.pk,
                        "role": "member",
                        "attendance": "present",
                        "order": n + 2,
                    }

        h.copy_rows(Attendance, attendance_rows())
        print(f"    questions and attendances ({time.monotonic() - started:.0f} s)", flush=True)

        # Points: 500 in each measured meeting, the rest spread over the others.
        def point_rows():
            ordinary = [(pk, group_id) for pk, group_id, _title in meetings if pk not in special.values()]
            per_meeting = dict.fromkeys(special.values(), SHOWCASE_POINTS)
            remaining = POINTS - SHOWCASE_POINTS * len(special)
            base, extra = divmod(remaining, len(ordinary))
            for index, (pk, _group) in enumerate(ordinary):
                per_meeting[pk] = base + (1 if index < extra else 0)
            for pk, group_id, _title in meetings:
                agencies = agencies_by_province[group_province[group_id]]
                meeting_questions = questions[pk]
                for n in range(per_meeting[pk]):
                    question = meeting_questions[n % len(meeting_questions)] if n % 12 else None
                    agency = agencies[rng.randrange(len(agencies))]
                    yield {
                        "meeting_id": pk,
                        "lead_question_id": question,
                        "agency_id": agency.pk,
                        "kind": KINDS[n % len(KINDS)],
                        "text": f"{POINT_TEXTS[n % len(POINT_TEXTS)]} ({n + 1})",
                        "order": n + 1,
                        "source": "pre_meeting" if n % 9 == 0 else "live",
                        "created_at": now,
                        "updated_at": now,
                        "deleted_at": None,
                    }

        total = h.copy_rows(DiscussionPoint, point_rows(), chunk=100_000)
        print(f"    points: {total} ({time.monotonic() - started:.0f} s)", flush=True)
        h.mark_filled(FILL)
    connection.ensure_connection()
    old_autocommit = connection.get_autocommit()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    connection.set_autocommit(old_autocommit)
    print(f"    filled and analysed in {time.monotonic() - started:.0f} s", flush=True)


def _special():
    from meetings.models import Meeting

    showcase = Meeting.objects.get(title=SHOWCASE_TITLE)
    capture = Meeting.objects.get(title=CAPTURE_TITLE)
    return showcase, capture


def _reset(capture, notetaker) -> None:
    """Remove the points earlier runs captured, so that every run measures the same meeting."""
    from meetings.models import DiscussionPoint

    DiscussionPoint.objects.filter(meeting=capture, created_by=notetaker).delete()


def _explain(showcase) -> None:
    """Print the plans of the capture page's heaviest queries, to spot a sequential scan at once."""
    from django.db import connection

    from meetings.models import DiscussionPoint
    from meetings.selectors.points import coverage_rows

    points = DiscussionPoint.objects.live().for_meeting(showcase)
    queries = {
        "live points of a meeting": points.order_by("order", "pk").values_list(
            "pk", "lead_question_id", "agency_id", "kind", "text", "order", "source", "updated_at"
        ),
        "coverage matrix": coverage_rows(showcase),
        "projector's followed question": points.order_by("-updated_at", "-pk").values_list("lead_question_id")[:1],
    }
    for label, queryset in queries.items():
        sql, params = queryset.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN ANALYZE " + sql, params)
            plan = [row[0] for row in cursor.fetchall()]
        scans = [line.strip().lstrip("-> ") for line in plan if "Scan" in line]
        print(f"  plan, {label}: {'; '.join(scans[:3])} | {plan[-1].strip()}")


# --- measuring ------------------------------------------------------------------------


def run(h) -> None:
    if not h.is_filled(FILL):
        print(f"filling the bench database ({MEETINGS:,} meetings, {POINTS:,} points); once only", flush=True)
        _fill(h)
    from django.urls import reverse

    from meetings.selectors.points import ChangeToken
    from pmqa_portal.models import User

    showcase, capture = _special()
    notetaker = User.objects.get(username="bench_notetaker")
    _reset(capture, notetaker)
    _explain(showcase)
    agency_id = capture.attendances.exclude(agency=None).values_list("agency_id", flat=True).first()
    question_id = capture.lead_questions.values_list("pk", flat=True).first()
    note_cookie = h.session_cookie("bench_notetaker")
    admin_cookie = h.session_cookie("bench_admin")
    capture_path = reverse("meetings:capture", args=[capture.pk])
    quiet = ChangeToken(latest=datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC))

    def point_body(n: int) -> dict:
        return {
            "agency": agency_id,
            "lead_question": question_id,
            "kind": "suggestion",
            "text": f"ประเด็นจากการทดสอบความเร็ว ลำดับที่ {n}",
        }

    with h.server() as base_url:
        post_cookie, token = h.csrf(base_url, capture_path, note_cookie)
        poll_path = reverse("meetings:point_changes", args=[showcase.pk]) + f"?since={quiet}"
        pages = [
            {"name": "healthz", "path": "/healthz", "cookie": note_cookie},
            {"name": "meeting list", "path": reverse("meetings:meeting_list"), "cookie": note_cookie},
            {"name": "meeting page, 500 points", "path": reverse("meetings:meeting_detail", args=[showcase.pk]),
             "cookie": note_cookie},
            {"name": "live capture page, 500 points", "path": reverse("meetings:capture", args=[showcase.pk]),
             "cookie": note_cookie},
            {"name": "projector, 500 points", "path": reverse("meetings:projector", args=[showcase.pk]),
             "cookie": note_cookie},
            {"name": "admin changelist of meetings", "path": "/admin/meetings/meeting/", "cookie": admin_cookie},
            {"name": "capture poll, nothing new (204)", "path": poll_path, "cookie": note_cookie,
             "headers": {"HX-Request": "true"}, "expect": (204,)},
            {"name": "capture a point (POST, htmx)", "path": capture_path, "cookie": post_cookie, "method": "POST",
             "body_factory": point_body, "headers": {"HX-Request": "true", "X-CSRFToken": token}},
        ]  # fmt: skip
        print(f"  {len(pages)} pages taking turns, {h.ROUNDS} rounds", flush=True)
        results = h.measure_rounds(base_url, pages)
    _reset(capture, notetaker)
    h.print_table("Meetings (PostgreSQL, 20,000 meetings, 1,000,000 points)", results, targets=TARGETS)
    by_name = {result.name: result for result in results}
    base = by_name["healthz"].rps
    for name, target in TARGETS.items():
        ratio = by_name[name].rps / base
        h.check(f"{name} ≥ {target:.2f} × healthz", ratio >= target, f"{ratio:.2f}")
    list_rps, admin_rps = by_name["meeting list"].rps, by_name["admin changelist of meetings"].rps
    h.check("meeting list ≥ 2 × admin changelist", list_rps >= 2 * admin_rps, f"{list_rps / admin_rps:.2f} ×")
    errors = sum(result.errors for result in results)
    h.check("no request failed", errors == 0, f"{errors} errors")
