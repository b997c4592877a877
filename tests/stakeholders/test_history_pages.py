"""After each kind of change the history records, the group's page and the agency's history page still show it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from stakeholders import services
from stakeholders.models import ChangeAction, GroupChange, StakeholderGroup, StakeholderTemplate
from tests.factories import AgencyFactory, CriteriaItemFactory, ListeningChannelFactory, NeedFactory

MOAC = "moac-kamphaeng-phet-2550"


def history_url(agency, year=2550):
    return reverse("stakeholders:history", args=[agency.pk, year])


# Each change returns the group whose page shows it and a text the history must show.


def create_group(officer, farmers, enterprises):
    return services.group_create(agency=farmers.agency, fiscal_year=2550, name="ผู้บริโภค", by=officer), "ผู้บริโภค"


def create_subgroup(officer, farmers, enterprises):
    group = services.group_create(agency=farmers.agency, fiscal_year=2550, name="ด้านประมง", parent=farmers, by=officer)
    return group, "เกษตรกร"


def update_details(officer, farmers, enterprises):
    item = CriteriaItemFactory(code="3.9")
    services.group_update(
        group=farmers,
        kind="stakeholder",
        influence=4,
        estimated_size=1200,
        description="ผู้ปลูกพืชทุกชนิด",
        criteria_items=[item],
        by=officer,
    )
    return farmers, "ผู้ปลูกพืชทุกชนิด"


def rename(officer, farmers, enterprises):
    return services.group_rename(group=farmers, name="เกษตรกรไทย", by=officer), "เกษตรกรไทย"


def move_under_another_group(officer, farmers, enterprises):
    return services.group_move(group=farmers, new_parent=enterprises, by=officer), "วิสาหกิจชุมชน"


def move_to_the_top_level(officer, farmers, enterprises):
    subgroup = services.group_create(agency=farmers.agency, fiscal_year=2550, name="ด้านพืช", parent=farmers, by=officer)
    return services.group_move(group=subgroup, new_parent=None, by=officer), "เกษตรกร"


def reorder(officer, farmers, enterprises):
    return services.group_reorder(group=enterprises, direction="up", by=officer), ChangeAction.REORDERED.label


def deactivate(officer, farmers, enterprises):
    services.group_deactivate(group=farmers, by=officer)
    return farmers, ChangeAction.DEACTIVATED.label


def reactivate(officer, farmers, enterprises):
    services.group_deactivate(group=farmers, by=officer)
    services.group_reactivate(group=farmers, by=officer)
    return farmers, ChangeAction.REACTIVATED.label


def add_need(officer, farmers, enterprises):
    services.need_add(group=farmers, description="ราคาผลผลิตที่เป็นธรรม", by=officer)
    return farmers, "ราคาผลผลิตที่เป็นธรรม"


def remove_need(officer, farmers, enterprises):
    need = NeedFactory(group=farmers, description="ความรู้การทำเกษตรอินทรีย์")
    services.need_remove(need=need, by=officer)
    return farmers, "ความรู้การทำเกษตรอินทรีย์"


def add_channel(officer, farmers, enterprises):
    services.channel_add(group=farmers, kind="meeting", description="ประชุมประจำเดือน", by=officer)
    return farmers, "ประชุมประจำเดือน"


def remove_channel(officer, farmers, enterprises):
    channel = ListeningChannelFactory(group=farmers, description="ไลน์กลุ่มเกษตรกร")
    services.channel_remove(channel=channel, by=officer)
    return farmers, "ไลน์กลุ่มเกษตรกร"


def import_groups(officer, farmers, enterprises):
    uploaded = SimpleUploadedFile(
        "groups.csv", "Parent group,Group name,Influence\r\nเกษตรกร,ด้านพืชสวน,4\r\n".encode("utf-8-sig")
    )
    services.groups_import(agency=farmers.agency, fiscal_year=2550, uploaded_file=uploaded, by=officer)
    return StakeholderGroup.objects.get(name="ด้านพืชสวน"), ChangeAction.IMPORTED.label


def carry_forward(officer, farmers, enterprises):
    source = AgencyFactory()
    group = services.group_create(agency=source, fiscal_year=2550, name="ผู้ประกอบการ", by=officer)
    services.need_add(group=group, description="ตลาดรับซื้อ", by=officer)
    services.groups_carry_forward(source_agency=source, source_year=2550, agency=farmers.agency, fiscal_year=2550,
                                  by=officer)  # fmt: skip
    return StakeholderGroup.objects.get(agency=farmers.agency, name="ผู้ประกอบการ"), ChangeAction.COPIED.label


def apply_template(officer, farmers, enterprises):
    template = StakeholderTemplate.objects.get(code=MOAC)
    services.groups_apply_template(template=template, agency=farmers.agency, fiscal_year=2551, by=officer)
    return StakeholderGroup.objects.filter(agency=farmers.agency, fiscal_year=2551).last(), ChangeAction.COPIED.label


CHANGES = [
    create_group,
    create_subgroup,
    update_details,
    rename,
    move_under_another_group,
    move_to_the_top_level,
    reorder,
    deactivate,
    reactivate,
    add_need,
    remove_need,
    add_channel,
    remove_channel,
    import_groups,
    carry_forward,
    apply_template,
]


@pytest.mark.parametrize("change", CHANGES, ids=[change.__name__ for change in CHANGES])
def test_the_group_page_and_the_history_show_the_change(client_for, officer_a, farmers, enterprises, change):
    group, text = change(officer_a, farmers, enterprises)
    assert group.history_entries.exists()
    client = client_for(officer_a)
    detail = client.get(group.get_absolute_url())
    assert detail.status_code == 200
    assert str(text) in detail.content.decode()
    history = client.get(history_url(group.agency, group.fiscal_year))
    assert history.status_code == 200
    assert str(text) in history.content.decode()


def test_an_admin_edit_of_parent_order_and_activity_shows_on_both_pages(client_for, administrator, farmers,
                                                                        enterprises):  # fmt: skip
    data = {
        "agency": farmers.agency_id, "fiscal_year": 2550, "parent": enterprises.pk, "kind": "stakeholder",
        "name": "เกษตรกร", "influence": 2, "interest": 2, "order": 5, "is_active": "",
        "needs-TOTAL_FORMS": 0, "needs-INITIAL_FORMS": 0, "channels-TOTAL_FORMS": 0, "channels-INITIAL_FORMS": 0,
    }  # fmt: skip
    client = client_for(administrator)
    response = client.post(reverse("admin:stakeholders_stakeholdergroup_change", args=[farmers.pk]), data)
    assert response.status_code == 302
    assert set(GroupChange.objects.get().changes) >= {"parent", "kind", "order", "is_active"}
    for url in (farmers.get_absolute_url(), history_url(farmers.agency)):
        response = client.get(url)
        assert response.status_code == 200
        assert "วิสาหกิจชุมชน" in response.content.decode()


def test_the_history_still_shows_a_group_deleted_in_admin(client_for, officer_a, farmers):
    services.need_add(group=farmers, description="น้ำเพื่อการเกษตร", by=officer_a)
    services.channel_add(group=farmers, kind="meeting", description="เวทีชาวบ้าน", by=officer_a)
    farmers.needs.all().delete()
    farmers.channels.all().delete()
    farmers.delete()
    response = client_for(officer_a).get(history_url(farmers.agency))
    assert response.status_code == 200
    content = response.content.decode()
    assert "น้ำเพื่อการเกษตร" in content and "เวทีชาวบ้าน" in content and "เกษตรกร" in content
