"""Core flows in a real browser: logging in, the agency directory's live filter, the
PMQA framework pages, the language switch, changing a password, login throttling,
and the Django admin, which must keep working under the Content-Security-Policy."""

import re

from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from pmqa_portal.demo import DEMO_PASSWORD
from pmqa_portal.roles import Role
from tests.browser import support
from tests.factories import UserFactory


def test_officer_logs_in_with_the_keyboard(browser, demo):
    page = browser().new_page()
    page.goto(reverse("home"))
    page.get_by_role("link", name="เข้าสู่ระบบ").first.click()
    page.fill("#id_username", "officer")
    page.fill("#id_password", DEMO_PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url(re.compile(r"/$"))
    main = page.inner_text("main")
    assert "ยินดีต้อนรับ" in main
    assert "สำนักงานเกษตรจังหวัดกำแพงเพชร" in main


def test_a_wrong_password_keeps_the_username_and_says_why(browser, demo):
    context = browser()
    page = context.new_page()
    page.goto(reverse("login"))
    page.fill("#id_username", "officer")
    page.fill("#id_password", "wrong-password")
    page.press("#id_password", "Enter")
    page.wait_for_load_state()
    assert page.input_value("#id_username") == "officer"
    assert page.locator(".alert-danger, .invalid-feedback, .errorlist").count() > 0


def test_repeated_wrong_passwords_show_the_lockout_page(browser, demo):
    context = browser()
    page = context.new_page()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.goto(reverse("login"))
        page.fill("#id_username", "officer")
        page.fill("#id_password", "wrong-password")
        with page.expect_navigation() as navigation:
            page.press("#id_password", "Enter")
    assert navigation.value.status == 429
    assert page.locator("h1").inner_text().strip()
    support.screenshot(page, "login-locked", "phone")
    context.problems.clear()  # the 429 itself is reported as a failed resource


def test_agency_directory_filters_without_a_reload(browser, demo):
    context = browser(demo["officer"])
    page = context.new_page()
    page.goto(reverse("agency_list"))
    page.evaluate("window.__sameDocument = true")
    # Playwright types Thai with insertText, which sends no keyup: a last key press stands in
    # for the keyboard's own keyup events, which the filter listens for.
    page.locator("#id_q").press_sequentially("ปศุสัตว์", delay=20)
    page.press("#id_q", "End")
    results = page.locator("#agency-results")
    expect(results).to_contain_text("สำนักงานปศุสัตว์จังหวัดกำแพงเพชร")
    expect(results).not_to_contain_text("สำนักงานเกษตรจังหวัด")
    assert page.evaluate("window.__sameDocument === true"), "the page reloaded"
    page.wait_for_url(re.compile(r"q=%E0%B8%9B"))  # hx-push-url keeps the filter in the address
    page.select_option("#id_kind", "department")
    expect(results).to_contain_text("กรมปศุสัตว์")
    expect(results).not_to_contain_text("สำนักงานปศุสัตว์จังหวัดกำแพงเพชร")
    assert not context.problems, context.problems


def test_agency_directory_filter_works_without_javascript(chromium, live_server, demo):
    context = support.BrowserContext(chromium, live_server.url, viewport=support.PHONE, language="th",
                                     java_script_enabled=False)  # fmt: skip
    try:
        context.sign_in(demo["officer"])
        page = context.new_page()
        page.goto(reverse("agency_list"))
        page.fill("#id_q", "ประมง")
        page.get_by_role("button", name="กรอง").click()
        page.wait_for_url(re.compile(r"q="))
        text = page.inner_text("#agency-results")
        assert "สำนักงานประมงจังหวัดกำแพงเพชร" in text
        assert "สำนักงานปศุสัตว์จังหวัดกำแพงเพชร" not in text
    finally:
        context.close()


def test_framework_pages_lead_to_category_3_items(browser, demo):
    context = browser(demo["officer"], viewport=support.PHONE)
    page = context.new_page()
    page.goto(reverse("home"))
    page.get_by_role("button", name=re.compile("navigation|เมนู|นำทาง", re.I)).click()
    page.get_by_role("link", name="เกณฑ์ PMQA").first.click()
    page.wait_for_url(re.compile("/framework/$"))
    page.locator("a[href$='/framework/pmqa-4-0/']").first.click()
    page.wait_for_url(re.compile("/framework/pmqa-4-0/$"))
    page.locator("section", has_text="การให้ความสำคัญกับผู้รับบริการ").get_by_role("link").first.click()
    page.wait_for_url(re.compile("/framework/category/"))
    text = page.inner_text("main")
    for code in ("3.1", "3.2", "3.3", "3.4"):
        assert code in text
    assert not context.problems, context.problems


def test_language_switch(browser, demo):
    context = browser(demo["officer"])
    page = context.new_page()
    page.goto(reverse("agency_list"))
    assert page.get_attribute("html", "lang") == "th"
    with page.expect_navigation():
        page.select_option("#language-select", "en")
    assert page.get_attribute("html", "lang") == "en"
    assert "Agency directory" in page.inner_text("main")
    assert page.url.endswith(reverse("agency_list")), "the switch should stay on the same page"
    with page.expect_navigation():
        page.select_option("#language-select", "th")
    assert page.get_attribute("html", "lang") == "th"
    assert not context.problems, context.problems


def test_officer_changes_their_password(browser, demo):
    context = browser(demo["officer"])
    page = context.new_page()
    page.goto(reverse("home"))
    page.get_by_role("button", name=re.compile("นายประเสริฐ")).click()
    page.get_by_role("link", name="เปลี่ยนรหัสผ่าน").click()
    new_password = "รหัสใหม่-Kpp-2568!"
    page.fill("#id_old_password", DEMO_PASSWORD)
    page.fill("#id_new_password1", new_password)
    page.fill("#id_new_password2", new_password)
    page.press("#id_new_password2", "Enter")
    page.wait_for_url(re.compile("/password_change/done/"))
    # Signed out, the new password works and the old one does not.
    fresh = browser().new_page()
    fresh.goto(reverse("login"))
    fresh.fill("#id_username", "officer")
    fresh.fill("#id_password", DEMO_PASSWORD)
    fresh.press("#id_password", "Enter")
    fresh.wait_for_load_state()
    assert fresh.url.endswith(reverse("login"))
    fresh.fill("#id_password", new_password)
    fresh.press("#id_password", "Enter")
    fresh.wait_for_url(re.compile(r"/$"))
    assert "สำนักงานเกษตรจังหวัดกำแพงเพชร" in fresh.inner_text("main")


def test_outsider_and_officer_are_refused_the_admin(browser, demo):
    outsider = UserFactory(username="outsider", agency=None)
    for user in (outsider, demo["officer"]):
        page = browser(user).new_page()
        page.goto(reverse("admin:index"))
        assert "/admin/login/" in page.url
        assert user.username in page.inner_text("body")  # "You are authenticated as …, but are not authorized"
        assert page.locator("#id_password").count() == 1


def test_admin_works_under_the_content_security_policy(browser, demo, axe_summary):
    context = browser(demo["admin"])
    page = context.new_page()
    response = page.goto(reverse("admin:index"))
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.goto(reverse("admin:pmqa_portal_agency_changelist"))
    page.fill("#searchbar", "ปศุสัตว์")
    page.press("#searchbar", "Enter")
    page.wait_for_url(re.compile(r"q="))
    assert "สำนักงานปศุสัตว์จังหวัดกำแพงเพชร" in page.inner_text("#result_list")
    # actions.js: ticking "select all" ticks every row and counts them.
    page.check("#action-toggle")
    assert page.locator("input.action-select:checked").count() == page.locator("input.action-select").count() > 0
    page.locator("#result_list tbody th a").first.click()
    page.wait_for_url(re.compile(r"/change/"))
    page.fill("#id_short_name", "ปศจ.กพ.")
    page.get_by_role("button", name=re.compile("บันทึก$|^Save$")).first.click()
    page.wait_for_url(re.compile(r"/agency/(\?|$)"))
    assert page.locator(".messagelist .success").count() == 1
    page.goto(reverse("admin:pmqa_portal_user_change", args=[demo["officer"].pk]))
    support.screenshot(page, "admin-user-change", "desktop")
    # Django's own admin is not held to the portal's axe rule; its result is recorded.
    axe_summary["admin-user-change (desktop, Django admin, recorded only)"] = support.describe_axe(
        support.axe_violations(page, context)
    )
    page.goto(reverse("admin:pmqa_portal_user_add"))
    assert not context.csp_violations(), context.csp_violations()
    assert not context.problems, context.problems


def test_observer_sees_no_admin_link(browser, demo):
    observer = demo["observer"]
    assert observer.groups.filter(name=Role.OBSERVER).exists()
    page = browser(observer).new_page()
    page.goto(reverse("home"))
    assert page.locator(f"a[href='{reverse('admin:index')}']").count() == 0
