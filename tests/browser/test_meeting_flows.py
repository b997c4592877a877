"""The meeting in a real browser: a facilitator creates a meeting, captures points with the
keyboard and sees each appear without a reload while a second note-taker (another browser)
sees them arrive, the coverage matrix fills in, the summary is drafted, edited, sent for
review and approved, and the minutes download as .docx. An officer sends their agency's
pre-meeting input, and an officer of another agency cannot change it."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from meetings.models import DiscussionPoint, Meeting, MeetingStatus, PointSource
from pmqa_portal.demo import DEMO_PASSWORD
from tests.browser import support

POLL_WAIT_MS = 10_000  # the capture page polls every 2.5 s


def log_in(page, username: str) -> None:
    page.goto(reverse("login"))
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url(re.compile(r"/$"))


def submit(page, form_selector: str) -> None:
    with page.expect_navigation():
        page.locator(f"{form_selector} button[type=submit]").first.click()


def capture_with_keyboard(page, agency_label: str, text: str, kind_key: str = "1") -> None:
    """Alt+A to the agency list, type to choose; Alt+<n> for the kind; Alt+T to the text; Enter saves."""
    page.keyboard.press("Alt+KeyA")
    agency = page.locator("#capture-form select[name=agency]")
    expect(agency).to_be_focused()
    value = agency.locator("option", has_text=agency_label).first.get_attribute("value")
    agency.select_option(value)  # headless Chromium opens no list to type into; the value is what typing picks
    page.keyboard.press(f"Alt+Digit{kind_key}")
    page.keyboard.press("Alt+KeyT")
    expect(page.locator("#capture-form textarea[name=text]")).to_be_focused()
    page.keyboard.type(text)
    page.keyboard.press("Enter")


def test_facilitator_runs_a_meeting_and_a_second_note_taker_follows(browser, demo, axe_summary):
    facilitator = browser()
    page = facilitator.new_page()
    log_in(page, "facilitator")

    # Create the meeting.
    page.goto(reverse("meetings:meeting_create"))
    group = page.locator("#id_working_group option[value]:not([value=''])").first.get_attribute("value")
    page.select_option("#id_working_group", group)
    page.fill("#id_title", "ประชุมคณะทำงาน PMQA หมวด 3 (ทดสอบในเบราว์เซอร์)")
    page.fill("#id_date", "20/11/2568")
    page.fill("#id_start_time", "13.30")
    page.fill("#id_end_time", "16.30")
    page.fill("#id_venue", "ห้องประชุมศาลากลางจังหวัดกำแพงเพชร")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()
    meeting = Meeting.objects.get(title="ประชุมคณะทำงาน PMQA หมวด 3 (ทดสอบในเบราว์เซอร์)")
    assert page.url.endswith(meeting.get_absolute_url())

    # A lead question, the working group's members as attendees, then start.
    page.goto(reverse("meetings:questions", args=[meeting.pk]))
    page.fill("#id_text", "หน่วยงานกำหนดกลุ่มผู้รับบริการและผู้มีส่วนได้ส่วนเสียอย่างไร")
    submit(page, f"form[action='{reverse('meetings:questions', args=[meeting.pk])}']")
    page.goto(reverse("meetings:attendance", args=[meeting.pk]))
    submit(page, "form[action$='/attendance/from-group/']")
    page.goto(meeting.get_absolute_url())
    submit(page, "form[action$='/status/']:has(input[value='in_session'])")
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.IN_SESSION

    # A second note-taker follows on their own device.
    note_taker = browser(demo["notetaker"])
    follower = note_taker.new_page()
    follower.goto(reverse("meetings:capture", args=[meeting.pk]))

    page.goto(reverse("meetings:capture", args=[meeting.pk]))
    page.evaluate("window.__sameDocument = true")
    points = [
        ("กษจ.", "แบ่งกลุ่มผู้รับบริการตามประเภทเกษตรกร: พืช ปศุสัตว์ ประมง", "1"),
        ("ปศจ.", "ข้อมูลทะเบียนเกษตรกรไม่เป็นปัจจุบัน", "2"),
        ("กษจ.", "วิสาหกิจชุมชนด้านการผลิตและการบริการ", "1"),
    ]
    for agency, text, kind in points:
        capture_with_keyboard(page, agency, text, kind)
        expect(page.locator("main")).to_contain_text(text)
        expect(page.locator("#capture-form textarea[name=text]")).to_have_value("")
        expect(follower.locator("main")).to_contain_text(text, timeout=POLL_WAIT_MS)
    assert page.evaluate("window.__sameDocument === true"), "the capture page reloaded"
    assert DiscussionPoint.objects.filter(meeting=meeting).count() == 3

    # The follower's own point reaches the facilitator's page too.
    capture_with_keyboard(follower, "กษจ.", "ช่องทางรับฟังเสียง: เวทีประชาคมหมู่บ้าน")
    expect(page.locator("main")).to_contain_text("เวทีประชาคมหมู่บ้าน", timeout=POLL_WAIT_MS)

    # The coverage matrix fills in: agriculture has spoken (3 points), livestock once.
    coverage = page.locator("#coverage-panel")
    expect(coverage.locator("tbody tr", has_text="กษจ.")).to_contain_text("3", timeout=POLL_WAIT_MS)
    expect(coverage.locator("tbody tr", has_text="ปศจ.")).to_contain_text("1")
    support.screenshot(page, "flow-capture", "desktop")
    support.screenshot(follower, "flow-capture-second-note-taker", "desktop")
    after_capture = support.axe_violations(page, facilitator)
    result = axe_summary["flow-capture (desktop, after capturing)"] = support.describe_axe(after_capture)
    assert not [v for v in after_capture if v["impact"] in support.BLOCKING_IMPACTS], result

    # Close the notes; draft, edit, send for review and approve the summary.
    page.goto(meeting.get_absolute_url())
    submit(page, "form[action$='/status/']:has(input[value='notes_closed'])")
    page.goto(reverse("meetings:summary_detail", args=[meeting.pk]))
    submit(page, "form[action$='/summary/draft/']")
    assert page.url.endswith(reverse("meetings:summary_edit", args=[meeting.pk]))
    drafted = page.input_value("#id_text")
    assert "แบ่งกลุ่มผู้รับบริการตามประเภทเกษตรกร" in drafted
    page.fill("#id_text", drafted + "\n\n- ข้อสังเกต: ให้ CKO ของแต่ละหน่วยงานให้ความสำคัญกับการตอบคำถาม PMQA")
    with page.expect_navigation():
        page.locator("main form:not([action]) button[type=submit]").last.click()
    expect(page.locator("main")).to_contain_text("ให้ CKO ของแต่ละหน่วยงาน")
    submit(page, "form[action$='/summary/review/']")
    submit(page, "form[action$='/summary/approve/']")
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.APPROVED

    # The minutes as .docx, from the link on the summary page.
    with page.expect_download() as download:
        page.locator(f"a[href='{reverse('meetings:minutes_docx', args=[meeting.pk])}']").first.click()
    path = download.value.path()
    with open(path, "rb") as docx:
        assert docx.read(2) == b"PK"  # a .docx is a zip archive
    assert download.value.suggested_filename.endswith(".docx")
    assert not facilitator.problems, facilitator.problems
    assert not note_taker.problems, note_taker.problems


def test_officer_sends_pre_meeting_input_and_another_agency_cannot_change_it(browser, demo):
    planned = Meeting.objects.filter(status=MeetingStatus.PLANNED).order_by("date").first()
    question = planned.lead_questions.order_by("order").first()
    officer = browser(demo["officer"], viewport=support.PHONE)
    page = officer.new_page()
    page.goto(planned.get_absolute_url())
    page.locator(f"a[href='{reverse('meetings:premeeting', args=[planned.pk])}']").first.click()
    answer = "เราแบ่งกลุ่มผู้รับบริการเป็นเกษตรกรผู้ปลูกพืชและวิสาหกิจชุมชน"
    page.fill(f"[name=answer_{question.pk}]", answer)
    submit(page, "main form[method=post]")
    expect(page.locator(f"[name=answer_{question.pk}]")).to_have_value(answer)
    point = DiscussionPoint.objects.get(meeting=planned, text=answer)
    assert point.source == PointSource.PRE_MEETING
    assert point.agency_id == demo["officer"].agency_id
    support.screenshot(page, "flow-premeeting-sent", "phone")
    assert not officer.problems, officer.problems

    # The facilitator sees it on the meeting page, marked as sent before the meeting.
    facilitator_page = browser(demo["facilitator"]).new_page()
    facilitator_page.goto(reverse("meetings:coverage", args=[planned.pk]))
    expect(facilitator_page.locator("main")).to_contain_text("1")

    # The livestock office's officer may not edit the agriculture office's answer.
    other = browser(demo["officer2"]).new_page()
    response = other.goto(reverse("meetings:point_update", args=[point.pk]))
    assert response.status == 403
    other.goto(planned.get_absolute_url())
    response = other.request.post(reverse("meetings:point_delete", args=[point.pk]),
                                  headers={"X-CSRFToken": csrf_token(other)})  # fmt: skip
    assert response.status == 403
    point.refresh_from_db()
    assert point.deleted_at is None


def csrf_token(page) -> str:
    cookie = next(c for c in page.context.cookies() if c["name"] == "csrftoken")
    return cookie["value"]
