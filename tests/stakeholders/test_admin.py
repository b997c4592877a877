"""Admin: every model registered, the tree listed in order, edits checked and logged."""

from django.contrib import admin
from django.urls import reverse

from stakeholders.models import (
    GroupChange,
    ListeningChannel,
    Need,
    StakeholderGroup,
    StakeholderTemplate,
    TemplateGroup,
)


def test_every_model_is_in_the_admin():
    for model in (StakeholderGroup, StakeholderTemplate, TemplateGroup, GroupChange):
        assert admin.site.is_registered(model), model
    inlines = [inline.model for inline in admin.site.get_model_admin(StakeholderGroup).inlines]
    assert inlines == [Need, ListeningChannel]


def test_the_changelist_shows_the_tree_in_order_with_indented_names(client_for, administrator, farmers, enterprises,
                                                                    crop_farmers, rice_farmers):  # fmt: skip
    response = client_for(administrator).get(reverse("admin:stakeholders_stakeholdergroup_changelist"))
    assert response.status_code == 200
    names = [group.name for group in response.context["cl"].result_list]
    assert names == ["เกษตรกร", "ด้านพืช", "ชาวนา", "วิสาหกิจชุมชน"]
    assert "— — ชาวนา" in response.content.decode()


def test_the_admin_refuses_a_cycle(client_for, administrator, farmers, rice_farmers):
    url = reverse("admin:stakeholders_stakeholdergroup_change", args=[farmers.pk])
    data = {
        "agency": farmers.agency_id, "fiscal_year": 2550, "parent": rice_farmers.pk, "kind": "service_recipient",
        "name": "เกษตรกร", "influence": 2, "interest": 2, "order": 0, "is_active": "on",
        "needs-TOTAL_FORMS": 0, "needs-INITIAL_FORMS": 0, "channels-TOTAL_FORMS": 0, "channels-INITIAL_FORMS": 0,
    }  # fmt: skip
    response = client_for(administrator).post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["parent"]
    farmers.refresh_from_db()
    assert farmers.parent_id is None


def test_an_admin_edit_is_logged(client_for, administrator, farmers):
    url = reverse("admin:stakeholders_stakeholdergroup_change", args=[farmers.pk])
    data = {
        "agency": farmers.agency_id, "fiscal_year": 2550, "parent": "", "kind": "stakeholder",
        "name": "เกษตรกร", "influence": 2, "interest": 2, "order": 0, "is_active": "on",
        "needs-TOTAL_FORMS": 0, "needs-INITIAL_FORMS": 0, "channels-TOTAL_FORMS": 0, "channels-INITIAL_FORMS": 0,
    }  # fmt: skip
    response = client_for(administrator).post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    change = GroupChange.objects.get()
    assert change.changes == {"kind": ["service_recipient", "stakeholder"]}
    assert change.changed_by == administrator


def test_history_cannot_be_edited_in_admin(client_for, administrator, farmers):
    from stakeholders import services

    services.group_rename(group=farmers, name="เกษตรกรไทย", by=administrator)
    change = GroupChange.objects.get()
    client = client_for(administrator)
    assert client.get(reverse("admin:stakeholders_groupchange_changelist")).status_code == 200
    response = client.post(reverse("admin:stakeholders_groupchange_change", args=[change.pk]), {"group_name": "x"})
    change.refresh_from_db()
    assert change.group_name == "เกษตรกรไทย"
    assert response.status_code in (200, 403)


def test_the_template_admin_lists_the_moac_template(client_for, administrator):
    response = client_for(administrator).get(reverse("admin:stakeholders_stakeholdertemplate_changelist"))
    assert "กระทรวงเกษตรและสหกรณ์" in response.content.decode()
    template = StakeholderTemplate.objects.get()
    response = client_for(administrator).get(
        reverse("admin:stakeholders_stakeholdertemplate_change", args=[template.pk])
    )
    assert "ด้านการบริการ" in response.content.decode()
