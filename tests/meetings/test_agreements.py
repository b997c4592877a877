"""From meeting to groups: a conclusion turned into (or linked to) stakeholder groups of the agencies
taking part, shown on the meeting page and on each group's page."""

import datetime

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from meetings.models import AgreedGroup, MeetingStatus, PointKind
from meetings.services.agreements import conclusion_groups_create, meeting_group_link, meeting_group_unlink
from stakeholders.models import ChangeAction, GroupChange, GroupKind, StakeholderGroup
from tests.factories import (
    AgencyFactory,
    AttendanceFactory,
    DiscussionPointFactory,
    MeetingFactory,
    StakeholderGroupFactory,
    stakeholder_subgroup,
)

CONCLUSION = "กลุ่มผู้รับบริการที่ตกลงร่วมกัน (1) เกษตรกร: ด้านพืช ด้านปศุสัตว์ ด้านประมง"


def th(message: str, **params) -> str:
    """The text a Thai user reads (the English msgid until the Thai catalogue is compiled)."""
    with translation.override("th"):
        text = translation.gettext(message)
    return text % params if params else text


@pytest.fixture
def agency_c(db):
    return AgencyFactory(name_th="สำนักงานประมงจังหวัดทดสอบ", name_en="Test Fisheries Office", short_name="ปม.ทส.")


@pytest.fixture
def three_agencies(meeting, agency_a, agency_b, agency_c):
    """Agency A is a member of the working group; B and C attend the meeting."""
    AttendanceFactory(meeting=meeting, agency=agency_b)
    AttendanceFactory(meeting=meeting, agency=agency_c)
    return [agency_a, agency_b, agency_c]


@pytest.fixture
def conclusion(meeting, agency_a):
    return DiscussionPointFactory(meeting=meeting, agency=agency_a, kind=PointKind.CONCLUSION, text=CONCLUSION)


def conclusion_url(point) -> str:
    return reverse("meetings:conclusion_groups", args=[point.pk])


def form_data(chosen_agencies, **fields) -> dict:
    data = {"name": "เกษตรกร", "kind": GroupKind.SERVICE_RECIPIENT, "fiscal_year": 2550, "parent_name": ""}
    data["agencies"] = [agency.pk for agency in chosen_agencies]
    return {**data, **fields}


def create(meeting, point, agencies, by, **fields):
    values = {"name": "เกษตรกร", "kind": GroupKind.SERVICE_RECIPIENT, "fiscal_year": 2550, **fields}
    return conclusion_groups_create(meeting=meeting, point=point, agencies=agencies, by=by, **values)


# --- creating groups from a conclusion ------------------------------------------


def test_facilitator_turns_a_conclusion_into_groups_of_three_agencies(
    client_for, facilitator, meeting, conclusion, three_agencies
):
    response = client_for(facilitator).post(conclusion_url(conclusion), form_data(three_agencies))

    assert response.status_code == 302
    assert response["Location"].endswith(f"{meeting.get_absolute_url()}#agreed-groups")
    groups = StakeholderGroup.objects.filter(name="เกษตรกร", fiscal_year=2550, parent=None)
    assert {group.agency_id for group in groups} == {agency.pk for agency in three_agencies}
    assert {group.kind for group in groups} == {GroupKind.SERVICE_RECIPIENT}
    links = AgreedGroup.objects.filter(meeting=meeting)
    assert {link.group_id for link in links} == {group.pk for group in groups}
    assert {link.point_id for link in links} == {conclusion.pk}
    assert {link.created_by_id for link in links} == {facilitator.pk}
    # The stakeholders side records who created each group, in each agency's history.
    history = GroupChange.objects.filter(group__in=groups)
    assert history.count() == 3
    assert {(change.action, change.changed_by_id) for change in history} == {(ChangeAction.CREATED, facilitator.pk)}


def test_a_subgroup_goes_under_the_named_top_level_group_found_or_created(
    facilitator, meeting, conclusion, three_agencies
):
    agency_a, agency_b, agency_c = three_agencies
    farmers_of_a = StakeholderGroupFactory(agency=agency_a, name="เกษตรกร")

    result = create(meeting, conclusion, three_agencies, facilitator, name="ด้านพืช", parent_name=" เกษตรกร ")

    assert result.created == 5  # the subgroup for each agency, the top-level group for B and C
    assert result.linked == 3
    assert [group.parent.name for group in result.groups] == ["เกษตรกร"] * 3
    assert result.groups[0].parent == farmers_of_a
    assert StakeholderGroup.objects.filter(agency=agency_a, name="เกษตรกร").count() == 1
    assert GroupChange.objects.filter(group=farmers_of_a).count() == 0  # found, not changed


def test_an_existing_group_is_linked_not_duplicated(facilitator, meeting, conclusion, three_agencies):
    agency_a = three_agencies[0]
    existing = StakeholderGroupFactory(agency=agency_a, name="เกษตรกร")

    result = create(meeting, conclusion, [agency_a], facilitator, name="  เกษตรกร ")

    assert (result.created, result.linked, result.groups) == (0, 1, [existing])
    assert not GroupChange.objects.filter(group=existing).exists()
    assert AgreedGroup.objects.get(meeting=meeting).group == existing


def test_doing_it_twice_creates_and_links_nothing_more(client_for, facilitator, meeting, conclusion, three_agencies):
    client = client_for(facilitator)
    client.post(conclusion_url(conclusion), form_data(three_agencies))
    counts = (StakeholderGroup.objects.count(), GroupChange.objects.count(), AgreedGroup.objects.count())

    response = client.post(conclusion_url(conclusion), form_data(three_agencies), follow=True)

    assert (StakeholderGroup.objects.count(), GroupChange.objects.count(), AgreedGroup.objects.count()) == counts
    with translation.override("th"):
        nothing_new = translation.ngettext("%(count)s group created", "%(count)s groups created", 0) % {"count": 0}
    assert nothing_new in response.content.decode()
    group = AgreedGroup.objects.first().group
    assert meeting_group_link(meeting=meeting, group=group, by=facilitator) == AgreedGroup.objects.get(group=group)
    assert AgreedGroup.objects.count() == counts[2]


def test_an_agency_not_taking_part_is_refused_and_nothing_changes(
    client_for, facilitator, meeting, conclusion, three_agencies
):
    outside = AgencyFactory(name_th="สำนักงานที่ไม่ได้เข้าร่วม")
    before = (StakeholderGroup.objects.count(), AgreedGroup.objects.count())

    response = client_for(facilitator).post(conclusion_url(conclusion), form_data([three_agencies[0], outside]))

    assert response.status_code == 200
    assert th("Choose only agencies taking part in this meeting.") in response.content.decode()
    assert response.context["form"]["name"].value() == "เกษตรกร"  # what was typed is kept
    with pytest.raises(ValidationError) as refused:
        create(meeting, conclusion, [three_agencies[0], outside], facilitator)
    assert "สำนักงานที่ไม่ได้เข้าร่วม" in refused.value.message_dict["agencies"][0]
    with pytest.raises(ValidationError):
        meeting_group_link(meeting=meeting, group=StakeholderGroupFactory(agency=outside), by=facilitator)
    assert (StakeholderGroup.objects.count() - 1, AgreedGroup.objects.count()) == before


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": "   "}, "name"),
        ({"fiscal_year": 2007}, "fiscal_year"),  # a Christian-era year
        ({"fiscal_year": 2700}, "fiscal_year"),
        ({"fiscal_year": "๒๕๕๐x"}, "fiscal_year"),
        ({"kind": "customer"}, "kind"),
        ({"agencies": []}, "agencies"),
    ],
)
def test_bad_input_gets_a_message_beside_the_field(client_for, facilitator, conclusion, three_agencies, fields, field):
    response = client_for(facilitator).post(conclusion_url(conclusion), form_data(three_agencies, **fields))

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field]
    assert escape(errors[field][0]) in response.content.decode()
    assert not AgreedGroup.objects.exists()


def test_the_service_refuses_a_point_that_is_not_a_conclusion_of_the_meeting(facilitator, meeting, three_agencies):
    practice = DiscussionPointFactory(meeting=meeting, agency=three_agencies[0], kind=PointKind.CURRENT_PRACTICE)
    elsewhere = DiscussionPointFactory(agency=three_agencies[0], kind=PointKind.CONCLUSION)
    for point in (practice, elsewhere):
        with pytest.raises(ValidationError) as refused:
            create(meeting, point, three_agencies, facilitator)
        assert "point" in refused.value.message_dict
    assert not StakeholderGroup.objects.exists()


# --- the form page ------------------------------------------------------------------


def test_the_form_is_prefilled_from_the_conclusion_and_the_meeting(
    client_for, facilitator, meeting, conclusion, three_agencies
):
    outside = AgencyFactory(name_th="สำนักงานที่ไม่ได้เข้าร่วม")
    response = client_for(facilitator).get(conclusion_url(conclusion))

    form = response.context["form"]
    assert form["name"].value() == CONCLUSION
    assert form["fiscal_year"].value() == 2550  # 31 August 2550 falls in fiscal year 2550
    assert form["agencies"].value() == [conclusion.agency_id]
    listed = set(form.fields["agencies"].queryset)
    assert set(three_agencies) <= listed and outside not in listed
    assert CONCLUSION in response.content.decode()


def test_a_meeting_in_october_defaults_to_the_next_fiscal_year(client_for, facilitator, group, agency_a):
    october = MeetingFactory(working_group=group, date=datetime.date(2007, 10, 5))
    AttendanceFactory(meeting=october, user=facilitator, role="facilitator")
    point = DiscussionPointFactory(meeting=october, agency=agency_a, kind=PointKind.CONCLUSION)

    response = client_for(facilitator).get(conclusion_url(point))

    assert response.context["form"]["fiscal_year"].value() == 2551


def test_only_a_live_conclusion_has_the_form(client_for, facilitator, meeting, conclusion, agency_a):
    practice = DiscussionPointFactory(meeting=meeting, agency=agency_a, kind=PointKind.PROBLEM)
    conclusion.deleted_at = timezone.now()
    conclusion.save()
    client = client_for(facilitator)
    assert client.get(conclusion_url(practice)).status_code == 404
    assert client.get(conclusion_url(conclusion)).status_code == 404
    assert client.get(reverse("meetings:conclusion_groups", args=[999999])).status_code == 404


def test_the_meeting_state_does_not_matter(client_for, facilitator, meeting, conclusion, three_agencies):
    for status in (MeetingStatus.PLANNED, MeetingStatus.NOTES_CLOSED, MeetingStatus.APPROVED):
        type(meeting).objects.filter(pk=meeting.pk).update(status=status)
        response = client_for(facilitator).post(conclusion_url(conclusion), form_data(three_agencies[:1]))
        assert response.status_code == 302, status
    assert AgreedGroup.objects.count() == 1


# --- permissions ----------------------------------------------------------------


@pytest.mark.parametrize("persona", ["officer_a", "officer_b", "observer", "note_taker", "outsider"])
def test_only_the_meetings_facilitators_create_or_link(
    request, client_for, meeting, conclusion, three_agencies, persona
):
    client = client_for(request.getfixturevalue(persona))
    existing = StakeholderGroupFactory(agency=three_agencies[0], name="วิสาหกิจชุมชน")
    linked = StakeholderGroupFactory(agency=three_agencies[1], name="เกษตรกร")
    AgreedGroup.objects.create(meeting=meeting, group=linked)
    link_url = reverse("meetings:agreement_link", args=[meeting.pk])
    unlink_url = reverse("meetings:agreement_unlink", args=[meeting.pk])

    assert client.get(conclusion_url(conclusion)).status_code == 403
    assert client.post(conclusion_url(conclusion), form_data(three_agencies)).status_code == 403
    assert client.get(link_url).status_code == 403
    assert client.post(link_url, {"group": existing.pk}).status_code == 403
    assert client.post(unlink_url, {"group": linked.pk}).status_code == 403
    assert list(AgreedGroup.objects.values_list("group_id", flat=True)) == [linked.pk]
    assert StakeholderGroup.objects.count() == 2


def test_an_administrator_may_do_it_too(client_for, administrator, meeting, conclusion, three_agencies):
    response = client_for(administrator).post(conclusion_url(conclusion), form_data(three_agencies))
    assert response.status_code == 302
    assert AgreedGroup.objects.filter(meeting=meeting).count() == 3


# --- linking and unlinking existing groups ----------------------------------------


def test_facilitator_links_an_existing_group_to_a_conclusion(
    client_for, facilitator, meeting, conclusion, three_agencies
):
    farmers = StakeholderGroupFactory(agency=three_agencies[1], name="เกษตรกร")
    crops = stakeholder_subgroup(farmers, name="ด้านพืช")
    next_year = StakeholderGroupFactory(agency=three_agencies[2], name="วิสาหกิจชุมชน", fiscal_year=2551)
    too_old = StakeholderGroupFactory(agency=three_agencies[2], name="กลุ่มปีเก่า", fiscal_year=2548)
    client = client_for(facilitator)
    url = reverse("meetings:agreement_link", args=[meeting.pk])

    page = client.get(url, {"point": conclusion.pk})
    choices = set(page.context["form"].fields["group"].queryset)
    assert {farmers, crops, next_year} <= choices and too_old not in choices
    assert page.context["form"]["point"].value() == str(conclusion.pk)
    assert "เกษตรกร &gt; ด้านพืช" in page.content.decode()

    response = client.post(url, {"group": crops.pk, "point": conclusion.pk})
    assert response.status_code == 302
    agreement = AgreedGroup.objects.get(meeting=meeting)
    assert (agreement.group, agreement.point, agreement.created_by) == (crops, conclusion, facilitator)
    client.post(url, {"group": crops.pk})
    assert AgreedGroup.objects.count() == 1


def test_unlinking_keeps_the_group_and_answers_htmx_with_the_panel(client_for, facilitator, meeting, agency_a):
    group = StakeholderGroupFactory(agency=agency_a, name="เกษตรกร")
    meeting_group_link(meeting=meeting, group=group, by=facilitator)
    client = client_for(facilitator)
    url = reverse("meetings:agreement_unlink", args=[meeting.pk])

    response = client.post(url, {"group": group.pk}, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert 'id="agreed-groups"' in response.content.decode()
    assert not AgreedGroup.objects.exists()
    assert StakeholderGroup.objects.filter(pk=group.pk).exists()
    assert client.get(url).status_code == 405
    assert client.post(url, {"group": group.pk}).status_code == 302  # nothing to unlink: a message, no error
    assert meeting_group_unlink(meeting=meeting, group=group) is False


# --- what the pages show --------------------------------------------------------------


def test_the_group_page_shows_the_meeting_where_it_was_agreed(client_for, officer_a, facilitator, meeting, agency_a):
    group = StakeholderGroupFactory(agency=agency_a, name="เกษตรกร")
    meeting_group_link(meeting=meeting, group=group, by=facilitator)

    content = client_for(officer_a).get(group.get_absolute_url()).content.decode()

    assert th("Agreed at the meeting") in content
    assert th("No. %(number)s", number=meeting.number_label) in content
    assert th("on %(date)s", date="31 สิงหาคม 2550") in content
    assert f'href="{meeting.get_absolute_url()}"' in content


def test_a_group_agreed_nowhere_shows_no_meeting(client_for, officer_a, agency_a):
    group = StakeholderGroupFactory(agency=agency_a, name="เกษตรกร")
    assert th("Agreed at the meeting") not in client_for(officer_a).get(group.get_absolute_url()).content.decode()


def count_queries(client, url) -> int:
    cache.clear()  # a cold request each time: the session is read from the database
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_group_page_query_count_does_not_grow_with_its_meetings(
    client_for, officer_a, facilitator, group, agency_a
):
    farmers = StakeholderGroupFactory(agency=agency_a, name="เกษตรกร")
    client = client_for(officer_a)
    counts = []
    for total in (1, 6):
        while farmers.meeting_agreements.count() < total:
            MeetingFactory(working_group=group).agreed_groups.create(group=farmers, created_by=facilitator)
        counts.append(count_queries(client, farmers.get_absolute_url()))
    assert counts[0] == counts[1], counts


def test_the_meeting_page_lists_the_agreed_groups_read_only_for_observers_and_officers(
    client_for, facilitator, officer_a, observer, meeting, conclusion, three_agencies
):
    create(meeting, conclusion, three_agencies, facilitator)
    groups = StakeholderGroup.objects.filter(name="เกษตรกร")

    for persona in (observer, officer_a):
        content = client_for(persona).get(meeting.get_absolute_url()).content.decode()
        assert th("Stakeholder groups agreed at this meeting") in content
        for group in groups:
            assert f'href="{group.get_absolute_url()}"' in content
        assert "ปม.ทส." in content
        assert reverse("meetings:agreement_unlink", args=[meeting.pk]) not in content
        assert conclusion_url(conclusion) not in content

    content = client_for(facilitator).get(meeting.get_absolute_url()).content.decode()
    assert conclusion_url(conclusion) in content
    assert th("Turn into stakeholder groups") in content
    assert reverse("meetings:agreement_unlink", args=[meeting.pk]) in content


def test_the_meeting_page_query_count_does_not_grow_with_its_groups(
    client_for, facilitator, meeting, conclusion, three_agencies, django_assert_max_num_queries
):
    client = client_for(facilitator)
    create(meeting, conclusion, three_agencies[:1], facilitator)
    small = count_queries(client, meeting.get_absolute_url())
    for number in range(12):
        point = DiscussionPointFactory(meeting=meeting, agency=three_agencies[number % 3], kind=PointKind.CONCLUSION)
        create(meeting, point, three_agencies, facilitator, name=f"กลุ่มที่ {number}", parent_name="เกษตรกร")
    assert count_queries(client, meeting.get_absolute_url()) == small
    with django_assert_max_num_queries(16):
        client.get(meeting.get_absolute_url())


# --- demo data ----------------------------------------------------------------------


def test_the_demo_links_the_seed_meetings_agreed_groups(db):
    from meetings.demo import seed_meeting

    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    agreements = AgreedGroup.objects.filter(meeting=seed_meeting()).select_related("group__agency", "point")
    assert agreements.count() == 6
    assert {(a.group.agency.short_name, a.group.name) for a in agreements} == {
        (office, name) for office in ("กษจ.กพ.", "ปศจ.กพ.", "ประมงจ.กพ.") for name in ("เกษตรกร", "วิสาหกิจชุมชน")
    }
    for agreement in agreements:
        assert agreement.group.fiscal_year == 2550
        assert agreement.point.kind == PointKind.CONCLUSION
        assert agreement.point.agency_id == agreement.group.agency_id
        assert agreement.group.name in agreement.point.text
