"""Live capture in a real browser (Chromium through Playwright, as in tests/browser/): the keyboard
alone, points appearing without a reload, two note-takers seeing each other's points, edit, move,
delete and undo, and the same page with JavaScript off. Skipped, saying why, without Chromium."""

import os

import pytest
from django.urls import reverse

from meetings.models import DiscussionPoint, PointKind
from tests.browser import support
from tests.factories import DiscussionPointFactory, LeadQuestionFactory, start_meeting

expect = pytest.importorskip("playwright.sync_api").expect

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(bool(support.unavailable_reason()), reason=support.unavailable_reason() or ""),
]


@pytest.fixture(scope="session")
def chromium(django_db_setup):
    """Chromium for the whole session, started after the test database exists.

    Starting Playwright's sync API leaves this thread with fresh context-local storage, so
    Django hands out new database connection objects afterwards, without the serialized
    contents that `serialized_rollback` restores the migrations' rows from (their absence
    empties provinces and roles for every later test): they are carried over.
    """
    from django.db import connections
    from playwright.sync_api import sync_playwright

    serialized = {alias: getattr(connections[alias], "_test_serialized_contents", None) for alias in connections}
    with sync_playwright() as playwright:
        for alias, contents in serialized.items():
            if contents is not None:
                connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(executable_path=support.CHROMIUM, args=support.CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(chromium, live_server):
    contexts, pages = [], []

    def open_page_for(user, path, *, viewport=support.DESKTOP, javascript=True):
        context = support.BrowserContext(chromium, live_server.url, viewport=viewport, language="th",
                                         java_script_enabled=javascript)  # fmt: skip
        context.sign_in(user)
        contexts.append(context)
        page = context.new_page()
        page.goto(path)
        pages.append(page)
        return page

    yield open_page_for
    for page in pages:
        # Stop the polls and let a request in flight finish before the database is emptied.
        page.goto("about:blank")
    if pages:
        pages[0].wait_for_timeout(300)
    for context in contexts:
        problems = [problem for problem in context.problems if "favicon" not in problem]
        context.close()
        assert not problems, problems


@pytest.fixture
def live_meeting(meeting):
    return start_meeting(meeting)


@pytest.fixture
def question(live_meeting):
    return LeadQuestionFactory(meeting=live_meeting, text="หน่วยงานกำหนดกลุ่มผู้รับบริการอย่างไร")


def capture_path(meeting):
    return reverse("meetings:capture", args=[meeting.pk])


def rows(page, question):
    return page.locator(f"#points-{question.pk} > li.point")


def test_keyboard_alone_captures_points_without_a_reload(open_page, note_taker, live_meeting, question, agency_a):
    page = open_page(note_taker, capture_path(live_meeting))
    page.evaluate("window.notReloaded = true")
    page.keyboard.press("Alt+KeyA")
    page.select_option("#id_agency", str(agency_a.pk))
    page.keyboard.press("Alt+KeyQ")
    page.select_option("#id_lead_question", str(question.pk))
    page.keyboard.press("Alt+Digit2")
    page.keyboard.press("Alt+KeyT")
    page.keyboard.type("ข้อมูลเกษตรกรอยู่หลายทะเบียน")
    page.keyboard.press("Enter")
    row = rows(page, question).filter(has_text="ข้อมูลเกษตรกรอยู่หลายทะเบียน")
    row.wait_for()
    assert page.evaluate("window.notReloaded") is True
    # The form is ready for the next point: text empty and focused, the rest kept.
    assert page.input_value("#id_text") == ""
    assert page.evaluate("document.activeElement.id") == "id_text"
    assert page.input_value("#id_agency") == str(agency_a.pk)
    assert page.input_value("#id_lead_question") == str(question.pk)
    assert page.is_checked("[name=kind][value=problem]")
    point = DiscussionPoint.objects.get()
    assert (point.kind, point.created_by) == (PointKind.PROBLEM, note_taker)
    page.keyboard.type("บรรทัดแรก")
    page.keyboard.press("Shift+Enter")
    page.keyboard.type("บรรทัดสอง")
    page.keyboard.press("Enter")
    rows(page, question).filter(has_text="บรรทัดสอง").wait_for()
    assert DiscussionPoint.objects.order_by("pk").last().text == "บรรทัดแรก\nบรรทัดสอง"


def test_bad_input_is_explained_beside_the_field_and_kept(open_page, note_taker, live_meeting, question):
    page = open_page(note_taker, capture_path(live_meeting))
    page.fill("#id_text", "ยังไม่ได้เลือกหน่วยงาน")
    page.press("#id_text", "Enter")
    page.locator("#id_agency.is-invalid").wait_for()
    assert page.input_value("#id_text") == "ยังไม่ได้เลือกหน่วยงาน"
    assert page.locator("#id_agency-error").inner_text().strip()
    assert page.evaluate("document.activeElement.id") == "id_agency"
    assert not DiscussionPoint.objects.exists()


def test_two_note_takers_see_each_others_points(open_page, note_taker, facilitator, live_meeting, question, agency_a):
    mine = open_page(note_taker, capture_path(live_meeting))
    theirs = open_page(facilitator, capture_path(live_meeting))
    theirs.select_option("#id_agency", str(agency_a.pk))
    theirs.select_option("#id_lead_question", str(question.pk))
    theirs.fill("#id_text", "จากคุณอำนวย")
    theirs.press("#id_text", "Enter")
    rows(theirs, question).filter(has_text="จากคุณอำนวย").wait_for()
    # The other page's poll (every 2.5 s) brings it, and the coverage matrix follows.
    rows(mine, question).filter(has_text="จากคุณอำนวย").wait_for(timeout=8000)
    mine.locator("#coverage-panel td.coverage-filled").first.wait_for(timeout=8000)


def test_edit_move_delete_and_undo_in_place(open_page, note_taker, live_meeting, question, agency_a):
    for n in (1, 2, 3):
        DiscussionPointFactory(meeting=live_meeting, lead_question=question, agency=agency_a, order=n, text=f"ข้อ {n}")
    page = open_page(note_taker, capture_path(live_meeting))
    page.evaluate("window.notReloaded = true")

    def texts():
        return [text.strip() for text in rows(page, question).locator(".point-text").all_inner_texts()]

    third = rows(page, question).nth(2)
    third.locator("[data-action=up]").click()
    expect(rows(page, question).nth(1)).to_contain_text("ข้อ 3")
    assert texts() == ["ข้อ 1", "ข้อ 3", "ข้อ 2"]
    assert page.evaluate("document.activeElement.dataset.action") == "up"  # ready to move it again

    rows(page, question).first.locator("[data-action=edit]").click()
    page.locator(".point-editing textarea").fill("ข้อ 1 แก้แล้ว")
    page.locator(".point-editing textarea").press("Enter")
    rows(page, question).filter(has_text="ข้อ 1 แก้แล้ว").locator("[data-action=edit]").wait_for()

    rows(page, question).filter(has_text="ข้อ 2").locator("[data-action=delete]").click()
    undo = page.locator(".point-undo button")
    undo.wait_for()
    assert page.evaluate("document.activeElement.dataset.action") == "restore"
    assert not DiscussionPoint.objects.live().filter(text="ข้อ 2").exists()
    undo.click()
    rows(page, question).filter(has_text="ข้อ 2").locator("[data-action=delete]").wait_for()
    assert DiscussionPoint.objects.live().filter(text="ข้อ 2").exists()
    assert page.evaluate("window.notReloaded") is True


def test_capture_works_with_javascript_off(open_page, note_taker, live_meeting, question, agency_a):
    page = open_page(note_taker, capture_path(live_meeting), javascript=False)
    page.select_option("#id_agency", str(agency_a.pk))
    page.select_option("#id_lead_question", str(question.pk))
    page.fill("#id_text", "ไม่มีจาวาสคริปต์")
    page.click("#capture-form button[type=submit]")
    page.wait_for_load_state()
    assert rows(page, question).filter(has_text="ไม่มีจาวาสคริปต์").count() == 1
    assert page.input_value("#id_agency") == str(agency_a.pk)
    rows(page, question).first.locator("[data-action=delete]").click()
    page.wait_for_load_state()
    assert page.locator(".point-undo").count() == 1
    page.click(".point-undo button")
    page.wait_for_load_state()
    assert DiscussionPoint.objects.live().count() == 1


def test_works_on_a_phone(open_page, note_taker, live_meeting, question, agency_a):
    page = open_page(note_taker, capture_path(live_meeting), viewport=support.PHONE)
    page.select_option("#id_agency", str(agency_a.pk))
    page.click("[for=id_kind_1]")
    page.fill("#id_text", "จากโทรศัพท์")
    page.click("#capture-form button[type=submit]")
    page.locator("li.point", has_text="จากโทรศัพท์").wait_for()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= support.PHONE["width"] + 1, "the capture page scrolls sideways on a phone"


def test_the_projector_refreshes_itself(open_page, observer, live_meeting, question, agency_a):
    DiscussionPointFactory(meeting=live_meeting, lead_question=question, agency=agency_a, text="ก่อนเปิดจอ")
    page = open_page(observer, reverse("meetings:projector", args=[live_meeting.pk]))
    expect(page.locator(".projector-question")).to_contain_text(question.text)
    DiscussionPointFactory(meeting=live_meeting, lead_question=question, agency=agency_a, text="ระหว่างฉาย")
    page.locator(".projector-points li", has_text="ระหว่างฉาย").wait_for(timeout=8000)
    font_size = page.eval_on_selector(".projector-question", "element => getComputedStyle(element).fontSize")
    assert float(font_size.removesuffix("px")) >= 36


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_capture_page_and_projector_pass_axe(open_page, note_taker, live_meeting, question, agency_a, viewport):
    DiscussionPointFactory(meeting=live_meeting, lead_question=question, agency=agency_a, text="ข้อมูลเกษตรกร")
    for name in ("capture", "projector"):
        page = open_page(note_taker, reverse(f"meetings:{name}", args=[live_meeting.pk]),
                         viewport=support.VIEWPORTS[viewport])  # fmt: skip
        violations = support.axe_violations(page)
        support.screenshot(page, f"meetings-{name}", viewport)
        blocking = [violation for violation in violations if violation["impact"] in support.BLOCKING_IMPACTS]
        assert not blocking, support.describe_axe(violations)
