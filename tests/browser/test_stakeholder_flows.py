"""An officer keeps their agency's stakeholder tree in a real browser: adds a group and a
need in place (htmx, no reload), renames a group from its editing panel; an officer of
another agency of the province reads the tree but cannot change it."""

from django.urls import reverse
from playwright.sync_api import expect

from stakeholders.models import StakeholderGroup
from tests.browser import support


def test_officer_edits_their_agencys_tree(browser, demo):
    officer = demo["officer"]
    context = browser(officer, viewport=support.PHONE)
    page = context.new_page()
    page.goto(reverse("stakeholders:agency_groups", args=[officer.agency_id]))
    year = int(page.input_value("#year-select"))  # the latest year the agency has groups for
    page.evaluate("window.__sameDocument = true")

    page.fill("#new-group-name", "ผู้บริโภคสินค้าเกษตรปลอดภัย")
    page.locator("form[action$='/add/'] button[type=submit]").click()
    tree = page.locator("#group-tree")
    expect(tree).to_contain_text("ผู้บริโภคสินค้าเกษตรปลอดภัย")
    group = StakeholderGroup.objects.get(agency=officer.agency_id, fiscal_year=year, name="ผู้บริโภคสินค้าเกษตรปลอดภัย")

    # Rename it from its editing panel, opened in place.
    page.locator(f"#group-{group.pk} a[href$='/groups/{group.pk}/manage/']").click()
    rename = page.locator(f"form[action$='/groups/{group.pk}/rename/']")
    rename.locator("input[name=name]").fill("ผู้บริโภคสินค้าเกษตรปลอดภัย (GAP)")
    rename.locator("button[type=submit]").click()
    expect(tree).to_contain_text("ผู้บริโภคสินค้าเกษตรปลอดภัย (GAP)")
    assert page.evaluate("window.__sameDocument === true"), "the tree page reloaded"

    # A need on the group's own page.
    page.goto(reverse("stakeholders:group_detail", args=[group.pk]))
    page.fill("#need-description", "ต้องการข้อมูลแหล่งผลิตที่ได้มาตรฐาน")
    page.locator("form[action$='/needs/'] button[type=submit]").click()
    expect(page.locator("#needs-and-channels")).to_contain_text("ต้องการข้อมูลแหล่งผลิตที่ได้มาตรฐาน")
    group.refresh_from_db()
    assert group.name == "ผู้บริโภคสินค้าเกษตรปลอดภัย (GAP)"
    assert group.needs.filter(description="ต้องการข้อมูลแหล่งผลิตที่ได้มาตรฐาน").exists()
    support.screenshot(page, "flow-stakeholder-group-edited", "phone")
    assert not context.problems, context.problems


def test_another_agencys_officer_reads_but_cannot_change_the_tree(browser, demo):
    officer, other = demo["officer"], demo["officer2"]
    group = StakeholderGroup.objects.filter(agency=officer.agency_id).order_by("pk").first()
    context = browser(other)
    page = context.new_page()
    response = page.goto(reverse("stakeholders:agency_tree", args=[officer.agency_id, group.fiscal_year]))
    assert response.status == 200
    expect(page.locator("main")).to_contain_text(group.name)
    assert page.locator("form[action$='/add/']").count() == 0, "no editing controls for another agency"
    for name in ("stakeholders:group_manage", "stakeholders:group_edit"):
        assert page.goto(reverse(name, args=[group.pk])).status == 403
    token = next(c["value"] for c in context.context.cookies() if c["name"] == "csrftoken")
    response = page.request.post(reverse("stakeholders:group_rename", args=[group.pk]),
                                 form={"name": "แก้โดยหน่วยงานอื่น"}, headers={"X-CSRFToken": token})  # fmt: skip
    assert response.status == 403
    group.refresh_from_db()
    assert group.name != "แก้โดยหน่วยงานอื่น"
