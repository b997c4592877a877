"""History: who changed which group when, with the old and new values."""

from django.urls import reverse

from stakeholders import services
from stakeholders.models import ChangeAction, GroupChange


def history_url(agency, year=2550):
    return reverse("stakeholders:history", args=[agency.pk, year])


def test_every_change_through_the_pages_is_in_the_history(client_for, officer_a, farmers, crop_farmers, enterprises):
    client = client_for(officer_a)
    client.post(reverse("stakeholders:group_add", args=[farmers.agency_id, 2550]), {"name": "ด้านประมง",
                                                                                     "parent": farmers.pk})  # fmt: skip
    client.post(reverse("stakeholders:group_rename", args=[crop_farmers.pk]), {"name": "ด้านพืชไร่"})
    client.post(reverse("stakeholders:group_move", args=[crop_farmers.pk]), {"parent": enterprises.pk})
    client.post(reverse("stakeholders:group_deactivate", args=[enterprises.pk]))
    entries = list(GroupChange.objects.order_by("pk"))
    assert [entry.action for entry in entries] == [
        ChangeAction.CREATED, ChangeAction.RENAMED, ChangeAction.MOVED,
        ChangeAction.DEACTIVATED, ChangeAction.DEACTIVATED,
    ]  # fmt: skip
    assert entries[1].changes == {"name": ["ด้านพืช", "ด้านพืชไร่"]}
    assert entries[2].changes == {"parent": ["เกษตรกร", "วิสาหกิจชุมชน"]}
    assert all(entry.changed_by == officer_a for entry in entries)


def test_the_history_page_shows_old_and_new_values(client_for, officer_a, crop_farmers):
    services.group_rename(group=crop_farmers, name="ด้านพืชสวน", by=officer_a)
    services.group_update(group=crop_farmers, influence=4, by=officer_a)
    content = client_for(officer_a).get(history_url(crop_farmers.agency)).content.decode()
    for text in ("ด้านพืช", "ด้านพืชสวน", officer_a.get_full_name()):
        assert text in content


def test_the_history_outlives_a_group_deleted_in_admin(officer_a, farmers):
    services.need_add(group=farmers, description="ความรู้", by=officer_a)
    farmers.needs.all().delete()
    farmers.delete()
    entry = GroupChange.objects.get()
    assert entry.group is None and entry.group_name == "เกษตรกร"


def test_administrator_sees_any_agencys_history(client_for, administrator, farmers):
    assert client_for(administrator).get(history_url(farmers.agency)).status_code == 200


def test_another_agencys_officer_and_the_facilitator_do_not_see_the_history(client_for, officer_b, facilitator,
                                                                            farmers):  # fmt: skip
    assert client_for(officer_b).get(history_url(farmers.agency)).status_code == 403
    assert client_for(facilitator).get(history_url(farmers.agency)).status_code == 403


def test_the_group_page_shows_its_history_only_to_those_who_may_see_it(client_for, officer_a, observer, farmers):
    services.group_rename(group=farmers, name="เกษตรกรไทย", by=officer_a)
    assert "เกษตรกรไทย" in client_for(officer_a).get(farmers.get_absolute_url()).content.decode()
    response = client_for(observer).get(farmers.get_absolute_url())
    assert response.status_code == 200
    assert response.context["changes"] is None


def test_choice_values_are_shown_by_their_labels(officer_a, farmers):
    from django.utils import translation

    services.group_update(group=farmers, kind="stakeholder", by=officer_a)
    with translation.override("en"):
        assert GroupChange.objects.get().field_changes() == [("kind", "Service recipient", "Stakeholder")]
