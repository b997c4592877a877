"""Who reads and who changes stakeholder groups, as sentences."""

from django.urls import reverse

from pmqa_portal.models import Province
from pmqa_portal.roles import Role
from stakeholders.access import can_edit_groups_of, can_read_groups_of, can_see_history_of, readable_groups
from stakeholders.models import StakeholderGroup
from tests.factories import AgencyFactory, StakeholderGroupFactory, UserFactory


def tree_url(agency, year=2550):
    return reverse("stakeholders:agency_tree", args=[agency.pk, year])


def test_officer_edits_their_own_agencys_groups(officer_a, agency_a):
    assert can_edit_groups_of(officer_a, agency_a)


def test_officer_cannot_edit_another_agencys_groups(officer_a, agency_b):
    assert not can_edit_groups_of(officer_a, agency_b)


def test_officer_reads_the_groups_of_another_agency_of_their_province(officer_a, agency_b):
    assert can_read_groups_of(officer_a, agency_b)


def test_officer_does_not_read_the_groups_of_an_agency_of_another_province(officer_a, db):
    elsewhere = AgencyFactory(province=Province.objects.exclude(code="TH-62").first())
    assert not can_read_groups_of(officer_a, elsewhere)


def test_facilitator_and_observer_read_every_agencys_groups_but_edit_none(facilitator, observer, agency_a):
    for user in (facilitator, observer):
        assert can_read_groups_of(user, agency_a)
        assert not can_edit_groups_of(user, agency_a)


def test_administrator_edits_every_agencys_groups(administrator, agency_b):
    assert can_edit_groups_of(administrator, agency_b)


def test_outsider_sees_nothing(outsider, agency_a, farmers, group_b):
    assert not can_read_groups_of(outsider, agency_a)
    assert not readable_groups(outsider).exists()


def test_a_user_of_the_agency_without_the_officer_role_sees_nothing(agency_a, farmers):
    clerk = UserFactory(agency=agency_a)
    assert not can_read_groups_of(clerk, agency_a)
    assert not readable_groups(clerk).exists()


def test_history_is_for_the_agencys_officers_and_administrators(officer_a, officer_b, facilitator, administrator,
                                                                 agency_a):  # fmt: skip
    assert can_see_history_of(officer_a, agency_a)
    assert can_see_history_of(administrator, agency_a)
    assert not can_see_history_of(officer_b, agency_a)
    assert not can_see_history_of(facilitator, agency_a)


def test_readable_groups_of_an_officer_are_their_provinces(officer_a, farmers, group_b, db):
    elsewhere = AgencyFactory(province=Province.objects.exclude(code="TH-62").first())
    StakeholderGroupFactory(agency=elsewhere, name="ที่อื่น")
    names = set(readable_groups(officer_a).values_list("name", flat=True))
    assert names == {"เกษตรกร", "ผู้เลี้ยงสัตว์"}


# --- through the pages ---


def test_officer_sees_edit_controls_on_their_own_tree(client_for, officer_a, farmers):
    content = client_for(officer_a).get(tree_url(officer_a.agency)).content.decode()
    assert reverse("stakeholders:group_add", args=[officer_a.agency_id, 2550]) in content


def test_officer_reads_another_agencys_tree_without_edit_controls(client_for, officer_a, group_b):
    response = client_for(officer_a).get(tree_url(group_b.agency))
    assert response.status_code == 200
    assert "ผู้เลี้ยงสัตว์" in response.content.decode()
    assert reverse("stakeholders:group_add", args=[group_b.agency_id, 2550]) not in response.content.decode()


def test_officer_cannot_rename_another_agencys_group(client_for, officer_a, group_b):
    response = client_for(officer_a).post(reverse("stakeholders:group_rename", args=[group_b.pk]), {"name": "แฮก"})
    assert response.status_code == 403
    group_b.refresh_from_db()
    assert group_b.name == "ผู้เลี้ยงสัตว์"


def test_officer_cannot_add_a_group_to_another_agency(client_for, officer_a, agency_b):
    response = client_for(officer_a).post(reverse("stakeholders:group_add", args=[agency_b.pk, 2550]), {"name": "x"})
    assert response.status_code == 403
    assert not StakeholderGroup.objects.filter(agency=agency_b).exists()


def test_officer_cannot_move_their_group_under_another_agencys_group(client_for, officer_a, farmers, group_b):
    response = client_for(officer_a).post(reverse("stakeholders:group_move", args=[farmers.pk]), {"parent": group_b.pk})
    assert response.status_code == 403
    farmers.refresh_from_db()
    assert farmers.parent_id is None


def test_observer_cannot_change_a_group(client_for, observer, farmers):
    client = client_for(observer)
    assert client.post(reverse("stakeholders:group_deactivate", args=[farmers.pk])).status_code == 403
    assert client.get(reverse("stakeholders:group_edit", args=[farmers.pk])).status_code == 403
    farmers.refresh_from_db()
    assert farmers.is_active


def test_facilitator_reads_any_agencys_group_page(client_for, facilitator, group_b):
    assert client_for(facilitator).get(group_b.get_absolute_url()).status_code == 200


def test_outsider_is_refused_every_agencys_tree_and_group(client_for, outsider, farmers):
    client = client_for(outsider)
    assert client.get(tree_url(farmers.agency)).status_code == 403
    assert client.get(farmers.get_absolute_url()).status_code == 403
    assert client.get(reverse("stakeholders:map_svg", args=[farmers.agency_id, 2550])).status_code == 403


def test_outsiders_list_and_comparison_are_empty(client_for, outsider, farmers):
    client = client_for(outsider)
    assert "เกษตรกร" not in client.get(reverse("stakeholders:group_list")).content.decode()
    response = client.get(reverse("stakeholders:compare"), {"agencies": [farmers.agency_id], "fiscal_year": 2550})
    assert "เกษตรกร" not in response.content.decode()


def test_outsider_gets_no_export_rows(client_for, outsider, farmers):
    response = client_for(outsider).get(reverse("stakeholders:group_export", args=["csv"]))
    assert "เกษตรกร" not in b"".join(response.streaming_content).decode()


def test_administrator_edits_another_agencys_group(client_for, administrator, group_b):
    response = client_for(administrator).post(
        reverse("stakeholders:group_rename", args=[group_b.pk]), {"name": "ผู้เลี้ยงโคนม"}
    )
    assert response.status_code == 302
    group_b.refresh_from_db()
    assert group_b.name == "ผู้เลี้ยงโคนม"


def test_a_missing_group_is_a_404(client_for, officer_a):
    assert client_for(officer_a).get(reverse("stakeholders:group_detail", args=[999999])).status_code == 404


def test_visitor_is_sent_to_log_in(client, farmers):
    response = client.get(tree_url(farmers.agency))
    assert response.status_code == 302 and "login" in response["Location"]


def test_officer_without_province_reads_only_their_own_agency(db, farmers):
    central = AgencyFactory(province=None)
    officer = UserFactory(agency=central, role=Role.AGENCY_OFFICER)
    assert can_read_groups_of(officer, central)
    assert not can_read_groups_of(officer, farmers.agency)
