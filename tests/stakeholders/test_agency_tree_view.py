"""The agency page: the tree of one fiscal year, edited in place with htmx (and without)."""

from django.urls import reverse

from pmqa_portal.thai_dates import current_fiscal_year
from stakeholders.models import StakeholderGroup
from tests.factories import StakeholderGroupFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


def tree_url(agency, year=2550):
    return reverse("stakeholders:agency_tree", args=[agency.pk, year])


def test_the_tree_shows_groups_under_their_parents(client_for, officer_a, farmers, crop_farmers, rice_farmers,
                                                   enterprises):  # fmt: skip
    content = client_for(officer_a).get(tree_url(farmers.agency)).content.decode()
    positions = [content.index(name) for name in ("เกษตรกร", "ด้านพืช", "ชาวนา", "วิสาหกิจชุมชน")]
    assert positions == sorted(positions)


def test_the_agency_link_opens_the_latest_year_with_groups(client_for, officer_a, farmers):
    StakeholderGroupFactory(agency=farmers.agency, fiscal_year=2552, name="เกษตรกร")
    response = client_for(officer_a).get(reverse("stakeholders:agency_groups", args=[farmers.agency_id]))
    assert response.context["year"] == 2552


def test_an_agency_without_groups_opens_on_the_current_fiscal_year(client_for, officer_a, agency_a):
    response = client_for(officer_a).get(reverse("stakeholders:agency_groups", args=[agency_a.pk]))
    assert response.context["year"] == current_fiscal_year()


def test_the_year_selector_goes_to_the_years_page(client_for, officer_a, farmers):
    response = client_for(officer_a).get(
        reverse("stakeholders:agency_groups", args=[farmers.agency_id]), {"year": 2551}
    )
    assert response["Location"] == tree_url(farmers.agency, 2551)


def test_choosing_a_fiscal_year_out_of_range_gives_a_thai_message(client_for, officer_a, farmers):
    client = client_for(officer_a)
    response = client.get(
        reverse("stakeholders:agency_groups", args=[farmers.agency_id]), {"year": "2007"}, follow=True
    )
    assert response.context["year"] == 2550
    messages = [str(message) for message in response.context["messages"]]
    assert any("2007" in message for message in messages)


def test_a_fiscal_year_out_of_range_in_the_address_is_a_404(client_for, officer_a, agency_a):
    assert client_for(officer_a).get(tree_url(agency_a, 1999)).status_code == 404


def test_adding_a_group_with_htmx_returns_the_tree(client_for, officer_a, farmers):
    response = client_for(officer_a).post(
        reverse("stakeholders:group_add", args=[farmers.agency_id, 2550]),
        {"name": "ด้านประมง", "parent": farmers.pk, "kind": ""},
        **HTMX,
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="group-tree"' in content and "ด้านประมง" in content and "<html" not in content
    assert StakeholderGroup.objects.get(name="ด้านประมง").parent == farmers


def test_adding_a_group_without_javascript_redirects_to_the_page(client_for, officer_a, agency_a):
    response = client_for(officer_a).post(
        reverse("stakeholders:group_add", args=[agency_a.pk, 2550]), {"name": "เกษตรกร", "kind": "service_recipient"}
    )
    assert response.status_code == 302
    assert response["Location"] == tree_url(agency_a)


def test_adding_a_duplicate_shows_the_reason_and_adds_nothing(client_for, officer_a, farmers):
    response = client_for(officer_a).post(
        reverse("stakeholders:group_add", args=[farmers.agency_id, 2550]), {"name": "เกษตรกร"}, **HTMX
    )
    assert response.status_code == 200
    assert "alert-danger" in response.content.decode()
    assert StakeholderGroup.objects.filter(name="เกษตรกร").count() == 1


def test_moving_a_group_under_its_own_subgroup_is_refused_with_a_message(client_for, officer_a, farmers,
                                                                        rice_farmers):  # fmt: skip
    response = client_for(officer_a).post(
        reverse("stakeholders:group_move", args=[farmers.pk]), {"parent": rice_farmers.pk}, **HTMX
    )
    assert "alert-danger" in response.content.decode()
    farmers.refresh_from_db()
    assert farmers.parent_id is None


def test_rename_reorder_and_deactivate_through_the_page(client_for, officer_a, farmers, crop_farmers,
                                                        livestock_farmers):  # fmt: skip
    client = client_for(officer_a)
    client.post(reverse("stakeholders:group_rename", args=[crop_farmers.pk]), {"name": "ด้านพืชไร่"}, **HTMX)
    client.post(reverse("stakeholders:group_reorder", args=[livestock_farmers.pk]), {"direction": "up"}, **HTMX)
    client.post(reverse("stakeholders:group_deactivate", args=[livestock_farmers.pk]), **HTMX)
    children = list(farmers.children.order_by("order").values_list("name", "is_active"))
    assert children == [("ด้านปศุสัตว์", False), ("ด้านพืชไร่", True)]


def test_the_editing_panel_offers_every_other_group_as_a_parent(client_for, officer_a, farmers, crop_farmers,
                                                                enterprises):  # fmt: skip
    response = client_for(officer_a).get(reverse("stakeholders:group_manage", args=[crop_farmers.pk]), **HTMX)
    content = response.content.decode()
    assert "<html" not in content
    assert f'value="{enterprises.pk}"' in content
    assert f'value="{crop_farmers.pk}"' not in content.split('name="parent"', 2)[-1]


def test_the_editing_panel_works_without_javascript(client_for, officer_a, crop_farmers):
    response = client_for(officer_a).get(reverse("stakeholders:group_manage", args=[crop_farmers.pk]))
    assert "<html" in response.content.decode()


def test_state_changes_are_post_only(client_for, officer_a, farmers):
    response = client_for(officer_a).get(reverse("stakeholders:group_deactivate", args=[farmers.pk]))
    assert response.status_code == 405


def test_a_tree_of_500_groups_loads_in_a_fixed_number_of_queries(client_for, officer_a, agency_a,
                                                                 django_assert_max_num_queries):  # fmt: skip
    roots = StakeholderGroup.objects.bulk_create(
        StakeholderGroup(agency=agency_a, fiscal_year=2550, name=f"กลุ่ม {index}", order=index) for index in range(20)
    )
    children = StakeholderGroup.objects.bulk_create(
        StakeholderGroup(agency=agency_a, fiscal_year=2550, parent=root, name=f"กลุ่มย่อย {index}", order=index)
        for root in roots
        for index in range(4)
    )
    StakeholderGroup.objects.bulk_create(
        StakeholderGroup(agency=agency_a, fiscal_year=2550, parent=child, name=f"กลุ่มย่อยระดับสาม {index}", order=index)
        for child in children
        for index in range(5)
    )
    assert StakeholderGroup.objects.count() == 500
    client = client_for(officer_a)
    with django_assert_max_num_queries(8):
        response = client.get(tree_url(agency_a))
    assert response.content.decode().count('<li id="group-') == 500
