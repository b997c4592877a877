"""A morning of meetings: the portal's pages measured while ten meetings are being captured at once.

The bench database is filled once (77 provinces from the migrations, ~1,200 agencies, 77 working groups,
20,000 meetings with 60,000 lead questions and 200,000 attendances, 1,000,000 discussion points) by COPY;
a marker in the database skips the fill on later runs. Twelve of the meetings have 500 points and 40
attending agencies each:

- ten meetings in session ("BENCH capture 01" … "10", in ten provinces), each with its facilitator (who
  has the projector open) and two note-takers attending as note-takers, and ten attendees with accounts
  (the viewers);
- "BENCH showcase", a meeting whose notes are closed: read, not captured;
- "BENCH post", in session, that the measured POST writes to: a flood of points in one of the ten would
  send hundreds of points to its viewers at every poll, a load no real meeting makes.

The background load (`Morning`, asyncio tasks in a thread, started once the server is up and stopped once
the pages are measured): in each of the ten meetings, the two note-takers each capture a point every
CAPTURE_SECONDS (the htmx POST of the capture form) and their page then reloads its coverage panel, as the
capture page does on "points-changed"; the projector polls every PROJECTOR_POLL_SECONDS with its token
(templates/meetings/capture/_projector_body.html); ten viewers poll the capture page's changes every
VIEWER_POLL_SECONDS (_capture_body.html), each keeping the token its last answer gave. Each of these
requests is sent on a connection of its own (as nginx's default proxying does). A background request that
fails or answers an unexpected status fails the bench.

Measured one after another with wrk (bench/harness.py's measure_rounds), under that load: /healthz, the
meeting list, Django admin's changelist of the same meetings, the showcase meeting's page, the capture page
of "BENCH capture 01", capturing a point (POST, htmx) and the capture poll with nothing new; also the
projector (a reference, no target). Points the bench captured are removed at the start of a run and
before each turn of the pages that show or write them, so those pages always have about 500 points.

Targets (ratios of requests per second to /healthz in the same run): see TARGETS; the meeting list at
least 3 × the admin changelist; the capture page's HTML at most 250 KB. Once the load is stopped, the
workers' CPU per request of every page is measured (a guide when the machine is busy: BENCH_CPU_COSTS=0
skips it), and each page that missed its target is profiled with py-spy if it is installed
(BENCH_PY_SPY; BENCH_PROFILE=0 skips it). bench/README.md has the figures of the last runs.
"""

import asyncio
import contextlib
import datetime
import html
import os
import random
import re
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

FILL = "meetings-v2"
MEETINGS = 20_000
POINTS = 1_000_000
QUESTIONS_PER_MEETING = 3
ATTENDEES_PER_MEETING = 10
AGENCIES_PER_PROVINCE = 12
BIG_POINTS, BIG_ATTENDEES, BIG_QUESTIONS = 500, 40, 5
SHOWCASE_PROVINCE = "TH-62"
SHOWCASE_TITLE = "BENCH showcase: การประชุมคณะทำงาน PMQA หมวด 3 (500 ประเด็น, ปิดบันทึกแล้ว)"
POST_TITLE = "BENCH post: การประชุมคณะทำงาน PMQA หมวด 3 (รับการบันทึกที่วัดความเร็ว)"
CAPTURED_TITLE = "BENCH capture {number:02d}: การประชุมคณะทำงาน PMQA หมวด 3 (กำลังบันทึก)"

# The background load: the intervals are the pages' own; BENCH_CAPTURED_MEETINGS lowers the number of meetings.
CAPTURED_MEETINGS = 10  # the fill makes this many; the load may use fewer
NOTE_TAKERS = 2
VIEWERS = 10
CAPTURE_SECONDS = 5.0
VIEWER_POLL_SECONDS = 2.5  # hx-trigger="every 2500ms" in _capture_body.html
PROJECTOR_POLL_SECONDS = 3.0  # hx-trigger="every 3s" in _projector_body.html
COVERAGE_DELAY_SECONDS = 0.3  # hx-trigger="points-changed from:body delay:300ms"
SETTLE_SECONDS = 5.0  # the load runs this long before the first measure
MAX_PAGE_BYTES = 250_000

USERS = {
    "bench_facilitator": "facilitator",
    "bench_notetaker": "note_taker",
    "bench_observer": "observer",
    "bench_admin": None,  # superuser
}

TARGETS = {
    "meeting list": 0.10,
    "meeting page, 500 points, not captured": 0.25,
    "capture page, 500 points, being captured": 0.08,
    "capture a point (POST, htmx)": 0.15,
    "capture poll, nothing new (204)": 0.50,
}
LIST_OVER_ADMIN = 3.0

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


def _env(name: str, default):
    value = os.environ.get(f"BENCH_{name}")
    return default if value is None else type(default)(value)


def _captured_users(number: int) -> dict[str, str]:
    """The accounts of one captured meeting: {username: global role ('' for none)}."""
    prefix = f"bench_m{number:02d}"
    users = {f"{prefix}_facilitator": "facilitator"}
    users.update({f"{prefix}_notetaker{n + 1}": "note_taker" for n in range(NOTE_TAKERS)})
    users.update({f"{prefix}_viewer{n + 1:02d}": "" for n in range(VIEWERS)})
    return users


# --- filling the database ------------------------------------------------------------


def _make_users(agency_of: dict[str, int | None]):
    """The bench's accounts (no password: the bench makes their sessions), with their global roles."""
    from django.contrib.auth.models import Group

    from pmqa_portal.models import User

    roles = dict(USERS)
    for number in range(1, CAPTURED_MEETINGS + 1):
        roles.update(_captured_users(number))
    users = []
    for username, role in roles.items():
        user = User(
            username=username,
            full_name_th=f"ผู้ทดสอบความเร็ว {username}",
            agency_id=agency_of.get(username),
            is_staff=role is None,
            is_superuser=role is None,
        )
        user.set_unusable_password()
        users.append(user)
    User.objects.bulk_create(users)
    by_name = {user.username: user for user in User.objects.filter(username__in=roles)}
    groups = {group.name: group.pk for group in Group.objects.all()}
    User.groups.through.objects.bulk_create(
        User.groups.through(user_id=by_name[username].pk, group_id=groups[role])
        for username, role in roles.items()
        if role
    )
    return by_name


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
        provinces = list(Province.objects.order_by("code"))
        showcase_province = next(province for province in provinces if province.code == SHOWCASE_PROVINCE)
        # The ten meetings being captured are in ten other provinces.
        captured_provinces = [province for province in provinces if province != showcase_province][:CAPTURED_MEETINGS]
        big_provinces = {showcase_province.pk, *(province.pk for province in captured_provinces)}
        agencies_by_province = {}
        for province in provinces:
            count = BIG_ATTENDEES if province.pk in big_provinces else AGENCIES_PER_PROVINCE
            agencies_by_province[province.pk] = Agency.objects.bulk_create(
                Agency(
                    name_th=f"หน่วยงานทดสอบ {n + 1} จังหวัด{province.name_th}",
                    name_en=f"Bench agency {n + 1}",
                    short_name=f"ทส.{n + 1}",
                    province=province,
                )
                for n in range(count)
            )
        # A viewer is the officer of the agency whose seat they take.
        agency_of = dict.fromkeys(USERS, agencies_by_province[showcase_province.pk][0].pk)
        for number, province in enumerate(captured_provinces, 1):
            for n in range(VIEWERS):
                agency_of[f"bench_m{number:02d}_viewer{n + 1:02d}"] = agencies_by_province[province.pk][n].pk
        users = _make_users(agency_of)
        groups = WorkingGroup.objects.bulk_create(
            WorkingGroup(province=province, name=f"คณะทำงาน PMQA จังหวัด{province.name_th} (ทดสอบความเร็ว)")
            for province in provinces
        )
        WorkingGroup.member_agencies.through.objects.bulk_create(
            WorkingGroup.member_agencies.through(workinggroup_id=group.pk, agency_id=agency.pk)
            for group in groups
            for agency in agencies_by_province[group.province_id]
        )
        group_of_province = {group.province_id: group for group in groups}
        showcase_group = group_of_province[showcase_province.pk]

        # Meetings: spread over twelve years, numbered within each group's Buddhist-era year.
        start = today - datetime.timedelta(days=11 * 365)
        special_count = 2 + CAPTURED_MEETINGS
        plan = []
        for n in range(MEETINGS - special_count):
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
                "start_time": datetime.time(9, 0),
                "end_time": datetime.time(12, 0),
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
            meeting_row(showcase_group, today - datetime.timedelta(days=7), SHOWCASE_TITLE, "notes_closed"),
            meeting_row(showcase_group, today, POST_TITLE, "in_session"),
        ]
        rows += [
            meeting_row(group_of_province[province.pk], today, CAPTURED_TITLE.format(number=number), "in_session")
            for number, province in enumerate(captured_provinces, 1)
        ]
        rows += [
            meeting_row(
                group, date, f"การประชุมคณะทำงาน PMQA ครั้งทดสอบ {n + 1}", "planned" if date > today else "notes_closed"
            )
            for n, (group, date) in enumerate(plan)
        ]
        h.copy_rows(Meeting, rows)
        meetings = list(Meeting.objects.order_by("pk").values_list("pk", "working_group_id", "title"))
        captured_numbers = {CAPTURED_TITLE.format(number=n): n for n in range(1, CAPTURED_MEETINGS + 1)}
        special = {
            pk: title for pk, _group, title in meetings if title in (SHOWCASE_TITLE, POST_TITLE, *captured_numbers)
        }
        group_province = {group.pk: group.province_id for group in groups}
        print(f"    meetings: {len(meetings)} ({time.monotonic() - started:.0f} s)", flush=True)

        # Lead questions and attendances.
        def question_rows():
            for pk, _group, _title in meetings:
                count = BIG_QUESTIONS if pk in special else QUESTIONS_PER_MEETING
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

        def people(pk) -> list[tuple[str, str, str]]:
            """(username, name, role in the meeting) of a big meeting's people with accounts, before the members."""
            number = captured_numbers.get(special[pk])
            if number is None:
                return [("bench_facilitator", "คุณอำนวย (ทดสอบ)", "facilitator"),
                        ("bench_notetaker", "คุณลิขิต (ทดสอบ)", "note_taker")]  # fmt: skip
            prefix = f"bench_m{number:02d}"
            return [
                (f"{prefix}_facilitator", f"คุณอำนวย ห้อง {number}", "facilitator"),
                *((f"{prefix}_notetaker{n + 1}", f"คุณลิขิต {n + 1} ห้อง {number}", "note_taker")
                  for n in range(NOTE_TAKERS)),
                # The measured capture page is drawn for this account (one of the ten's note-takers too).
                ("bench_notetaker", "คุณลิขิต (ทดสอบ)", "note_taker"),
            ]  # fmt: skip

        def attendance_rows():
            for pk, group_id, _title in meetings:
                agencies = agencies_by_province[group_province[group_id]]
                big = pk in special
                order = 0
                if big:
                    for username, name, role in people(pk):
                        yield {"meeting_id": pk, "user_id": users[username].pk, "name": name, "role": role,
                               "attendance": "present", "order": order}  # fmt: skip
                        order += 1
                number = captured_numbers.get(special.get(pk))
                count = BIG_ATTENDEES if big else ATTENDEES_PER_MEETING
                for n in range(count):
                    viewer = f"bench_m{number:02d}_viewer{n + 1:02d}" if number and n < VIEWERS else None
                    yield {
                        "meeting_id": pk,
                        "user_id": users[viewer].pk if viewer else None,
                        "name": f"ผู้แทนหน่วยงาน {n + 1}",
                        "agency_id": agencies[n % len(agencies)].pk,
                        "role": "member",
                        "attendance": "present",
                        "order": order + n,
                    }

        h.copy_rows(Attendance, attendance_rows())
        print(f"    questions and attendances ({time.monotonic() - started:.0f} s)", flush=True)

        # Points: 500 in each big meeting, the rest spread over the others.
        def point_rows():
            ordinary = [pk for pk, _group, _title in meetings if pk not in special]
            per_meeting = dict.fromkeys(special, BIG_POINTS)
            base, extra = divmod(POINTS - BIG_POINTS * len(special), len(ordinary))
            for index, pk in enumerate(ordinary):
                per_meeting[pk] = base + (1 if index < extra else 0)
            for pk, group_id, _title in meetings:
                agencies = agencies_by_province[group_province[group_id]]
                meeting_questions = questions[pk]
                for n in range(per_meeting[pk]):
                    question = meeting_questions[n % len(meeting_questions)] if n % 12 else None
                    agency = agencies[rng.randrange(min(len(agencies), BIG_ATTENDEES))]
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


# --- the meetings and their people ------------------------------------------------------


@dataclass
class Room:
    """One of the meetings in session and the people the background load plays in it."""

    number: int
    pk: int
    agencies: list[int]
    questions: list[int]
    projector: str  # the facilitator's session cookie
    note_takers: list[str]
    viewers: list[str]


def _special(captured: int):
    from meetings.models import Meeting

    showcase = Meeting.objects.get(title=SHOWCASE_TITLE)
    post = Meeting.objects.get(title=POST_TITLE)
    rooms = [Meeting.objects.get(title=CAPTURED_TITLE.format(number=n)) for n in range(1, captured + 1)]
    return showcase, post, rooms


def _capturing_users():
    from pmqa_portal.models import User

    names = ["bench_notetaker"]
    for number in range(1, CAPTURED_MEETINGS + 1):
        names += [name for name in _captured_users(number) if "_notetaker" in name]
    return list(User.objects.filter(username__in=names).values_list("pk", flat=True))


def _reset(meeting_ids: list[int], capturing: list[int]) -> int:
    """Remove the points the bench captured into these meetings; they are in session again."""
    from meetings.models import DiscussionPoint, Meeting

    Meeting.objects.filter(pk__in=meeting_ids).update(status="in_session")
    points = DiscussionPoint.objects.filter(meeting_id__in=meeting_ids, created_by_id__in=capturing)
    deleted, _by_model = points.delete()
    return deleted


def _rooms(meetings, h) -> list[Room]:
    from meetings.models import Attendance

    rooms = []
    for number, meeting in enumerate(meetings, 1):
        users = _captured_users(number)
        agencies = list(
            Attendance.objects.filter(meeting=meeting, role="member")
            .exclude(agency=None)
            .values_list("agency_id", flat=True)
        )
        rooms.append(
            Room(
                number=number,
                pk=meeting.pk,
                agencies=agencies,
                questions=list(meeting.lead_questions.values_list("pk", flat=True)),
                projector=h.session_cookie(next(name for name in users if name.endswith("_facilitator"))),
                note_takers=[h.session_cookie(name) for name in users if "_notetaker" in name],
                viewers=[h.session_cookie(name) for name in users if "_viewer" in name],
            )
        )
    return rooms


def _explain(meeting) -> None:
    """Print the plans of the capture page's heaviest queries, to spot a sequential scan at once."""
    from django.db import connection

    from meetings.models import DiscussionPoint
    from meetings.selectors.points import coverage_rows

    points = DiscussionPoint.objects.live().for_meeting(meeting)
    queries = {
        "live points of a meeting": points.order_by("order", "pk").values_list(
            "pk", "lead_question_id", "agency_id", "kind", "text", "order", "source", "updated_at"
        ),
        "coverage matrix": coverage_rows(meeting),
        "projector's followed question": points.order_by("-updated_at", "-pk").values_list("lead_question_id")[:1],
    }
    for label, queryset in queries.items():
        sql, params = queryset.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN ANALYZE " + sql, params)
            plan = [row[0] for row in cursor.fetchall()]
        scans = [line.strip().lstrip("-> ") for line in plan if "Scan" in line]
        print(f"  plan, {label}: {'; '.join(scans[:3])} | {plan[-1].strip()}")


# --- the background load --------------------------------------------------------------

SINCE_INPUT = re.compile(r'id="points-since"[^>]*\svalue="([^"]*)"')
PROJECTOR_POLL = re.compile(r'id="projector-body"[^>]*\shx-get="([^"]+)"')
CSRF_COOKIE = re.compile(r"^set-cookie:\s*csrftoken=([^;]+)", re.IGNORECASE | re.MULTILINE)
REQUEST_TIMEOUT = 60.0


@dataclass
class Answer:
    status: int
    head: str  # the status line and headers
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def header(self, name: str) -> str:
        found = re.search(rf"^{re.escape(name)}:\s*(.*?)\r?$", self.head, re.IGNORECASE | re.MULTILINE)
        return found.group(1) if found else ""


async def _http(host: str, port: int, method: str, path: str, headers: dict, body: bytes | None = None) -> Answer:
    """One HTTP/1.1 request on a connection of its own (closed after the answer). A few lines of asyncio
    streams instead of an HTTP library: the load's client takes less of the CPU the server needs."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        lines = [f"{method} {path} HTTP/1.1", f"Host: {host}:{port}", "Connection: close"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        if body is not None:
            lines += ["Content-Type: application/x-www-form-urlencoded", f"Content-Length: {len(body)}"]
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + (body or b""))
        data = await reader.read()  # to the end: the server closes the connection after its answer
    finally:
        writer.close()
    head, _blank, content = data.partition(b"\r\n\r\n")
    text = head.decode("latin-1")
    try:
        status = int(text.split(" ", 2)[1])
    except (IndexError, ValueError):
        raise ConnectionError(f"not an HTTP answer: {text[:80]!r}") from None
    if "transfer-encoding: chunked" in text.lower():
        raise ConnectionError("a chunked answer (the bench reads only whole ones)")
    return Answer(status, text, content)


@dataclass
class Tally:
    """What the background load sent: per kind of request, the answers' statuses and latencies."""

    statuses: Counter = field(default_factory=Counter)  # (kind, status or exception name) → count
    latencies: dict = field(default_factory=lambda: defaultdict(list))  # kind → [ms]
    errors: list = field(default_factory=list)  # the first few, for the report

    def requests(self, kind: str | None = None) -> int:
        return sum(count for (k, _status), count in self.statuses.items() if kind in (None, k))

    def failures(self) -> int:
        return sum(count for (_kind, status), count in self.statuses.items() if status == "error")


class Morning:
    """The background load of the meetings in session (see the module's docstring), as asyncio tasks in a
    thread: `with Morning(base_url, rooms) as morning:` … `morning.tally`."""

    def __init__(self, base_url: str, rooms: list[Room], *, coverage_reloads: bool = True):
        self.base_url = base_url
        self.rooms = rooms
        self.coverage_reloads = coverage_reloads
        self.tally = Tally()
        self.started = 0.0
        self.elapsed = 0.0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="morning", daemon=True)
        self._failure: BaseException | None = None

    def __enter__(self):
        self._thread.start()
        self._ready.wait(120)
        if self._failure:
            raise RuntimeError("the background load did not start") from self._failure
        return self

    def __exit__(self, *exc):
        if self._loop and self._stop:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(60)
        return False

    # -- the loop

    def _run(self) -> None:
        try:
            asyncio.run(self._main())
        except BaseException as error:  # noqa: BLE001 - reported by __enter__ or in the tally
            self._failure = error
            self.tally.errors.append(f"the load stopped: {error!r}")
            self.tally.statuses[("load", "error")] += 1
            self._ready.set()

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        people = []
        for room in self.rooms:
            # Each note-taker opens the capture page (its CSRF cookie, and the viewers' first token).
            note_takers = [await self._open_capture_page(room, cookie) for cookie in room.note_takers]
            since = note_takers[0][2]
            people += [self._note_taker(room, cookie, token) for cookie, token, _since in note_takers]
            people.append(self._projector(room))
            people += [self._viewer(room, cookie, since) for cookie in room.viewers]
        tasks = [asyncio.create_task(self._guarded(person)) for person in people]
        self.started = time.monotonic()
        self._ready.set()
        await self._stop.wait()
        self.elapsed = time.monotonic() - self.started
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def _guarded(self, person) -> None:
        """A simulated person whose code fails is an error of the load, not a silent stop."""
        try:
            await person
        except asyncio.CancelledError:
            raise
        except Exception as error:  # noqa: BLE001 - counted and reported
            self._failed("load", f"a simulated person stopped: {error!r}")

    async def _open_capture_page(self, room: Room, cookie: str) -> tuple[str, str, str]:
        address = urlsplit(self.base_url)
        answer = await asyncio.wait_for(
            _http(address.hostname, address.port, "GET", f"/meetings/{room.pk}/capture/", {"Cookie": cookie}),
            REQUEST_TIMEOUT,
        )
        token = CSRF_COOKIE.search(answer.head)
        since = SINCE_INPUT.search(answer.text)
        if answer.status != 200 or not token or not since:
            raise RuntimeError(f"meeting {room.pk}: the capture page answered {answer.status}, without its CSRF"
                               " cookie or its poll token")  # fmt: skip
        token = token.group(1)
        return f"{cookie}; csrftoken={token}", token, html.unescape(since.group(1))

    async def _request(self, kind, method, path, cookie, *, expect=(200,), htmx=True, headers=None, data=None):
        headers = {"Cookie": cookie, **({"HX-Request": "true"} if htmx else {}), **(headers or {})}
        body = urlencode(data).encode() if data is not None else None
        address = urlsplit(self.base_url)
        started = time.perf_counter()
        try:
            answer = await asyncio.wait_for(
                _http(address.hostname, address.port, method, path, headers, body), REQUEST_TIMEOUT
            )
        except (OSError, TimeoutError, ConnectionError) as error:  # counted; the load goes on
            self._failed(kind, f"{method} {path}: {error!r}")
            return None
        self.tally.latencies[kind].append((time.perf_counter() - started) * 1000)
        if answer.status not in expect:
            self._failed(kind, f"{method} {path}: {answer.status} {answer.text[:200]!r}")
            return None
        self.tally.statuses[(kind, answer.status)] += 1
        return answer

    def _failed(self, kind: str, message: str) -> None:
        self.tally.statuses[(kind, "error")] += 1
        if len(self.tally.errors) < 10:
            self.tally.errors.append(message)

    async def _every(self, seconds: float, action) -> None:
        """Call action() every `seconds` (the first time after a random part of it, so that people do not
        all start at once), like a page's timer; late, it goes on at once."""
        rng = random.Random()
        await self._pause(rng.uniform(0, seconds))
        next_time = time.monotonic()
        while not self._stop.is_set():
            await action()
            next_time = max(next_time + seconds, time.monotonic())
            await self._pause(next_time - time.monotonic())

    async def _pause(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stop.wait(), max(0.0, seconds))

    # -- the people

    async def _note_taker(self, room: Room, cookie: str, csrf_token: str) -> None:
        rng = random.Random()
        counter = 0

        async def capture():
            nonlocal counter
            counter += 1
            body = {
                "agency": rng.choice(room.agencies),
                "lead_question": rng.choice(room.questions),
                "kind": rng.choice(KINDS),
                "text": f"ประเด็นจากห้องประชุม {room.number} ลำดับที่ {counter}: {rng.choice(POINT_TEXTS)}",
            }
            response = await self._request(
                "capture a point", "POST", f"/meetings/{room.pk}/capture/", cookie, data=body,
                headers={"X-CSRFToken": csrf_token},
            )  # fmt: skip
            if response is not None and self.coverage_reloads and "points-changed" in response.header("HX-Trigger"):
                await self._pause(COVERAGE_DELAY_SECONDS)
                await self._request("coverage panel reload", "GET", f"/meetings/{room.pk}/coverage/?pick=1", cookie)

        await self._every(CAPTURE_SECONDS, capture)

    async def _projector(self, room: Room) -> None:
        response = await self._request(
            "projector page", "GET", f"/meetings/{room.pk}/projector/", room.projector, htmx=False
        )
        poll = PROJECTOR_POLL.search(response.text) if response is not None else None
        if poll is None:
            self._failed("projector page", f"meeting {room.pk}: no poll URL on the projector page")
            return
        url = html.unescape(poll.group(1))

        async def refresh():
            nonlocal url
            response = await self._request("projector poll", "GET", url, room.projector, expect=(200, 204))
            if response is not None and response.status == 200:
                found = PROJECTOR_POLL.search(response.text)
                url = html.unescape(found.group(1)) if found else url

        await self._every(PROJECTOR_POLL_SECONDS, refresh)

    async def _viewer(self, room: Room, cookie: str, since: str) -> None:
        async def poll():
            nonlocal since
            response = await self._request(
                "capture poll (viewers)", "GET", f"/meetings/{room.pk}/capture/changes/?{urlencode({'since': since})}",
                cookie, expect=(200, 204),
            )  # fmt: skip
            if response is not None and response.status == 200:
                found = SINCE_INPUT.search(response.text)
                since = html.unescape(found.group(1)) if found else since

        await self._every(VIEWER_POLL_SECONDS, poll)


def _intended_rate(rooms: int, coverage_reloads: bool) -> float:
    """Requests per second the background load sends when the server keeps up."""
    captures = NOTE_TAKERS / CAPTURE_SECONDS
    per_room = captures * (2 if coverage_reloads else 1) + 1 / PROJECTOR_POLL_SECONDS + VIEWERS / VIEWER_POLL_SECONDS
    return rooms * per_room


def _report_load(h, morning: Morning) -> None:
    tally = morning.tally
    seconds = morning.elapsed or 1.0
    intended = _intended_rate(len(morning.rooms), morning.coverage_reloads)
    pace = tally.requests() / seconds / intended
    print(
        f"\nBackground load: {len(morning.rooms)} meetings in session, {seconds:.0f} s,"
        f" {tally.requests() / seconds:.1f} req/s of the {intended:.1f} intended ({pace:.0%})"
    )
    print(f"{'request':<24} {'count':>7} {'req/s':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}  answers")
    for kind in sorted({kind for kind, _status in tally.statuses}):
        latencies = sorted(tally.latencies.get(kind, []))
        answers = ", ".join(f"{status}: {count}" for (k, status), count in sorted(
            tally.statuses.items(), key=lambda item: str(item[0][1])) if k == kind)  # fmt: skip
        count = tally.requests(kind)
        print(
            f"{kind:<24} {count:7d} {count / seconds:6.1f} {h.percentile(latencies, 50):7.1f} "
            f"{h.percentile(latencies, 95):7.1f} {h.percentile(latencies, 99):7.1f}  {answers}"
        )
    for message in tally.errors:
        print(f"  error: {message}")
    h.record(
        "background load",
        meetings=len(morning.rooms),
        seconds=seconds,
        requests=tally.requests(),
        errors=tally.failures(),
        points_captured=tally.requests("capture a point") - tally.statuses[("capture a point", "error")],
    )
    h.check("background load: no request failed", tally.failures() == 0, f"{tally.failures()} of {tally.requests()}")
    # A server that cannot keep up slows its clients down: the pages were then measured under less load
    # than the morning's (and the machine was probably busy with something else).
    h.check("background load kept its pace (≥ 90 %)", pace >= 0.9, f"{pace:.0%}")


# --- measuring ------------------------------------------------------------------------


def _missed(results) -> list[str]:
    by_name = {result.name: result for result in results}
    base = by_name["healthz"].rps
    missed = [name for name, target in TARGETS.items() if not base or by_name[name].rps / base < target]
    admin_rps = by_name["admin changelist of meetings"].rps
    if not admin_rps or by_name["meeting list"].rps < LIST_OVER_ADMIN * admin_rps:
        missed.append("meeting list")
    return list(dict.fromkeys(missed))


def _settle(base_url: str) -> None:
    """Wait until the server has answered what was queued before (a busy server still works off the requests
    of the last measure, which would show in the next profile)."""
    import httpx

    with contextlib.suppress(httpx.HTTPError):
        httpx.get(base_url + "/healthz", timeout=120)
    time.sleep(1)


def _cpu_costs(h, base_url, pages) -> dict[str, float]:
    """The workers' CPU per request of every page, once the load is stopped (BENCH_CPU_COSTS=0: not measured)."""
    if not _env("CPU_COSTS", 1):
        return {}
    costs = {}
    _settle(base_url)
    for page in pages:
        if page.get("before"):
            page["before"]()
        costs[page["name"]] = h.cpu_per_request(base_url, page)
    return costs


def _print_costs(costs: dict[str, float]) -> None:
    """What a server that only computes would show: the ratio of healthz's CPU per request to the page's
    (a guide on a busy machine, where requests per second say more about the others' work than ours)."""
    base = costs["healthz"]
    print("\nWorkers' CPU per request (one at a time, the background load stopped)")
    print(f"{'page':<42} {'CPU ms':>7} {'healthz/page':>12} {'target':>7}")
    for name, cost in costs.items():
        target = TARGETS.get(name)
        target_text = "" if target is None else f"≥{target:.2f}"
        print(f"{name:<42} {cost:7.1f} {base / cost if cost else 0:12.2f} {target_text:>7}")


def _profile_missed(h, base_url, pages, results) -> dict[str, list[str]]:
    """py-spy's profile of each page that missed its target (BENCH_PROFILE=0: none), once the load is stopped."""
    if not _env("PROFILE", 1) or not h.py_spy():
        return {}
    by_name = {page["name"]: page for page in pages}
    profiles = {}
    for name in _missed(results):
        page = by_name[name]
        if page.get("before"):
            page["before"]()
        print(f"  profiling {name}", flush=True)
        _settle(base_url)
        profiles[name] = h.profile(base_url, page)
    return profiles


def run(h) -> None:
    if not h.is_filled(FILL):
        print(f"filling the bench database ({MEETINGS:,} meetings, {POINTS:,} points); once only", flush=True)
        started = time.monotonic()
        _fill(h)
        h.record("meetings fill", seconds=time.monotonic() - started)
    import httpx
    from django.urls import reverse

    from meetings.selectors.points import ChangeToken

    captured = min(_env("CAPTURED_MEETINGS", CAPTURED_MEETINGS), CAPTURED_MEETINGS)
    load = os.getloadavg()[0]
    if load > (os.cpu_count() or 1):
        print(
            f"  warning: load average {load:.1f} on {os.cpu_count()} CPUs before the run: other work on this"
            " machine takes from the server, and the background load alone needs about half a core",
            flush=True,
        )
    showcase, post, meetings = _special(captured)
    measured = meetings[0]  # the capture page measured: one of the meetings being captured
    capturing = _capturing_users()
    removed = _reset([post.pk, *(meeting.pk for meeting in meetings)], capturing)
    print(f"  removed {removed} points earlier runs captured", flush=True)
    _explain(measured)
    rooms = _rooms(meetings, h)
    agency_id = post.attendances.exclude(agency=None).values_list("agency_id", flat=True).first()
    question_id = post.lead_questions.values_list("pk", flat=True).first()
    note_cookie = h.session_cookie("bench_notetaker")
    admin_cookie = h.session_cookie("bench_admin")
    capture_path = reverse("meetings:capture", args=[measured.pk])
    post_path = reverse("meetings:capture", args=[post.pk])
    quiet = ChangeToken(latest=datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC))

    def point_body(n: int) -> dict:
        return {
            "agency": agency_id,
            "lead_question": question_id,
            "kind": "suggestion",
            "text": f"ประเด็นจากการทดสอบความเร็ว ลำดับที่ {n}",
        }

    def reset_measured() -> None:
        _reset([measured.pk], capturing)

    def reset_post() -> None:
        _reset([post.pk], capturing)

    # Room for the background load's requests beside wrk's connections (see harness.server()).
    with h.server(spare_connections=4) as base_url:
        post_cookie, token = h.csrf(base_url, post_path, note_cookie)
        poll_path = reverse("meetings:point_changes", args=[measured.pk]) + f"?since={quiet}"
        pages = [
            {"name": "healthz", "path": "/healthz", "cookie": note_cookie},
            {"name": "meeting list", "path": reverse("meetings:meeting_list"), "cookie": note_cookie},
            {"name": "admin changelist of meetings", "path": "/admin/meetings/meeting/", "cookie": admin_cookie},
            {"name": "meeting page, 500 points, not captured",
             "path": reverse("meetings:meeting_detail", args=[showcase.pk]), "cookie": note_cookie},
            {"name": "capture page, 500 points, being captured", "path": capture_path, "cookie": note_cookie,
             "before": reset_measured},
            {"name": "capture a point (POST, htmx)", "path": post_path, "cookie": post_cookie, "method": "POST",
             "body_factory": point_body, "headers": {"HX-Request": "true", "X-CSRFToken": token},
             "before": reset_post},
            {"name": "capture poll, nothing new (204)", "path": poll_path, "cookie": note_cookie,
             "headers": {"HX-Request": "true"}, "expect": (204,)},
            {"name": "projector, 500 points (reference)", "path": reverse("meetings:projector", args=[measured.pk]),
             "cookie": note_cookie},
        ]  # fmt: skip
        reset_measured()
        page = httpx.get(base_url + capture_path, headers={"Cookie": note_cookie}, timeout=60)
        page.raise_for_status()
        page_bytes, page_points = len(page.content), page.text.count('class="point list-group-item')
        with Morning(base_url, rooms, coverage_reloads=_env("COVERAGE_RELOADS", 1) == 1) as morning:
            print(
                f"  background load: {len(rooms)} meetings × ({NOTE_TAKERS} note-takers every {CAPTURE_SECONDS:g} s,"
                f" a projector every {PROJECTOR_POLL_SECONDS:g} s, {VIEWERS} viewers every"
                f" {VIEWER_POLL_SECONDS:g} s); {SETTLE_SECONDS:g} s to settle",
                flush=True,
            )
            time.sleep(SETTLE_SECONDS)
            print(f"  {len(pages)} pages taking turns, {h.ROUNDS} rounds", flush=True)
            results = h.measure_rounds(base_url, pages)
        memory = h.worker_memory()
        costs = _cpu_costs(h, base_url, pages)
        profiles = _profile_missed(h, base_url, pages, results)
    _reset([post.pk, *(meeting.pk for meeting in meetings)], capturing)

    h.print_table(
        f"A morning of meetings (PostgreSQL, {MEETINGS:,} meetings, {POINTS:,} points; {len(rooms)} meetings"
        " being captured meanwhile)",
        results,
        targets=TARGETS,
    )
    _report_load(h, morning)
    by_name = {result.name: result for result in results}
    base = by_name["healthz"].rps or float("nan")  # nothing answered: every ratio is missed, not a crash
    for name, target in TARGETS.items():
        ratio = by_name[name].rps / base
        h.check(f"{name} ≥ {target:.2f} × healthz", ratio >= target, f"{ratio:.2f}")
    list_rps, admin_rps = by_name["meeting list"].rps, by_name["admin changelist of meetings"].rps
    h.check(
        f"meeting list ≥ {LIST_OVER_ADMIN:g} × admin changelist",
        bool(admin_rps) and list_rps >= LIST_OVER_ADMIN * admin_rps,
        f"{list_rps / admin_rps:.2f} ×" if admin_rps else "the admin answered nothing: no ratio",
    )
    errors = sum(result.errors for result in results)
    h.check("no measured request failed", errors == 0, f"{errors} errors")
    print(f"\ncapture page HTML: {page_bytes:,} bytes ({page_bytes / 1000:.0f} KB), {page_points} points shown")
    h.record("capture page HTML", bytes=page_bytes, points=page_points)
    h.check(f"capture page HTML ≤ {MAX_PAGE_BYTES // 1000} KB", page_bytes <= MAX_PAGE_BYTES, f"{page_bytes:,} bytes")
    if costs:
        _print_costs(costs)
    for name, lines in profiles.items():
        print(f"\nprofile of {name} (missed its target; py-spy, without the background load):")
        print("\n".join(lines))
    peaks = {pid: peak for pid, (peak, _rss) in memory.items()}
    if peaks:
        print(
            f"gunicorn workers' peak memory (VmHWM): {', '.join(f'{kib / 1024:.0f}' for kib in peaks.values())} MiB"
            f" (largest {max(peaks.values()) / 1024:.0f} MiB, all {sum(peaks.values()) / 1024:.0f} MiB)"
        )
        h.record(
            "gunicorn workers' peak memory (MiB)",
            largest=max(peaks.values()) / 1024,
            total=sum(peaks.values()) / 1024,
            workers=len(peaks),
        )
