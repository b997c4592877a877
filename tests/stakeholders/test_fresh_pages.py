"""The group list and the comparison show every change at once, and never another reader's groups."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pmqa_portal.models import CriteriaItem, Province
from stakeholders import services
from stakeholders.models import StakeholderGroup
from tests.factories import AgencyFactory, StakeholderGroupFactory

LIST_URL = reverse("stakeholders:group_list")
COMPARE_URL = reverse("stakeholders:compare")


def _get(client, url, params=None, **headers) -> tuple[int, str]:
    """The number of queries the request ran, and the page."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params, headers=headers)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def _main(html: str) -> str:
    """The page's content, without the frame's per-response CSRF token."""
    return html[html.index('<main id="main"') :]


def test_the_list_and_its_htmx_results_show_the_same_groups(client_for, facilitator, farmers, crop_farmers):
    client = client_for(facilitator)
    _count, page = _get(client, LIST_URL)
    _count, results = _get(client, LIST_URL, HX_Request="true")
    assert farmers.name in _main(page) and crop_farmers.name in _main(page)
    assert farmers.name in results and crop_farmers.name in results


def test_the_list_shows_a_group_renamed_added_or_given_a_criteria_item(client_for, officer_a, farmers, crop_farmers):
    client = client_for(officer_a)
    assert "เกษตรกร" in _get(client, LIST_URL)[1]

    services.group_rename(group=farmers, name="เกษตรกรรายย่อย", by=officer_a)
    assert "เกษตรกรรายย่อย ›" in _get(client, LIST_URL)[1]  # the subgroup's parent path too

    StakeholderGroup.objects.filter(pk=crop_farmers.pk).update(name="ด้านพืชไร่")  # no model signal is sent
    assert "ด้านพืชไร่" in _get(client, LIST_URL)[1]
    assert "ด้านพืชไร่" in _get(client, LIST_URL, HX_Request="true")[1]

    services.group_create(agency=farmers.agency, fiscal_year=2550, name="ผู้ประกอบการโรงสี", by=officer_a)
    assert "ผู้ประกอบการโรงสี" in _get(client, LIST_URL)[1]

    crop_farmers.criteria_items.add(CriteriaItem.objects.get(code="CS1"))
    assert ">CS1</span>" in _get(client, LIST_URL)[1]


def test_an_officer_never_sees_the_list_cached_for_an_observer(client_for, observer, officer_a, farmers):
    observer.agency = officer_a.agency  # the same agency: only their roles tell their lists apart
    observer.save()
    elsewhere = AgencyFactory(province=Province.objects.exclude(code="TH-62").first())
    StakeholderGroupFactory(agency=elsewhere, name="กลุ่มของจังหวัดอื่น")
    assert "กลุ่มของจังหวัดอื่น" in client_for(observer).get(LIST_URL).content.decode()
    assert "กลุ่มของจังหวัดอื่น" in client_for(observer).get(LIST_URL, headers={"HX-Request": "true"}).content.decode()
    # Officer A reads only the groups of the agencies of their own province.
    officer_page = client_for(officer_a).get(LIST_URL).content.decode()
    assert "กลุ่มของจังหวัดอื่น" not in officer_page and "เกษตรกร" in officer_page
    officer_results = client_for(officer_a).get(LIST_URL, headers={"HX-Request": "true"}).content.decode()
    assert "กลุ่มของจังหวัดอื่น" not in officer_results


def test_officers_of_two_provinces_do_not_share_a_list(client_for, officer_a, officer_b, farmers, agency_b):
    agency_b.province = Province.objects.exclude(code="TH-62").first()
    agency_b.save()
    StakeholderGroupFactory(agency=agency_b, name="ผู้เลี้ยงสัตว์")
    assert "ผู้เลี้ยงสัตว์" not in client_for(officer_a).get(LIST_URL).content.decode()
    officer_b_page = client_for(officer_b).get(LIST_URL).content.decode()
    assert "ผู้เลี้ยงสัตว์" in officer_b_page and "เกษตรกร" not in officer_b_page


def test_the_list_and_comparison_do_not_mix_languages(client, facilitator, farmers):
    client.force_login(facilitator)
    compare_params = {"fiscal_year": 2550, "province": farmers.agency.province_id}
    thai_list, thai_comparison = _get(client, LIST_URL)[1], _get(client, COMPARE_URL, compare_params)[1]
    assert "ทุกจังหวัด" in thai_list and "ส่งออกเป็น CSV" in thai_list  # the filter and the results
    assert "กลุ่มของแต่ละหน่วยงาน" in thai_comparison

    client.post(reverse("set_language"), {"language": "en", "next": LIST_URL})
    english_list, english_comparison = _get(client, LIST_URL)[1], _get(client, COMPARE_URL, compare_params)[1]
    assert "All provinces" in english_list and "Export CSV" in english_list
    assert "ทุกจังหวัด" not in english_list and "ส่งออกเป็น CSV" not in english_list
    assert "Each agency's groups" in english_comparison and "กลุ่มของแต่ละหน่วยงาน" not in english_comparison

    client.post(reverse("set_language"), {"language": "th", "next": LIST_URL})
    assert _main(_get(client, LIST_URL)[1]) == _main(thai_list)


def test_the_comparison_shows_a_changed_group(client_for, observer, farmers, group_b):
    client = client_for(observer)
    params = {"fiscal_year": 2550, "province": farmers.agency.province_id}
    assert "เกษตรกร" in _get(client, COMPARE_URL, params)[1]

    StakeholderGroup.objects.filter(pk=farmers.pk).update(name="ชาวไร่")
    assert "ชาวไร่" in _get(client, COMPARE_URL, params)[1]
    services.group_create(agency=group_b.agency, fiscal_year=2550, name="ชาวประมง", by=observer)
    assert "ชาวประมง" in _get(client, COMPARE_URL, params)[1]


def test_a_wrong_year_keeps_its_message_and_what_was_typed(client_for, observer, farmers):
    client = client_for(observer)
    params = {"fiscal_year": 2007, "province": farmers.agency.province_id}
    for _request in range(2):  # drawn, then from the cache
        html = _get(client, COMPARE_URL, params)[1]
        assert 'value="2007"' in html and "is-invalid" in html and "invalid-feedback" in html
        assert "เกษตรกร" not in html
    corrected = _get(client, COMPARE_URL, {**params, "fiscal_year": 2550})[1]
    assert "is-invalid" not in corrected and "เกษตรกร" in corrected


def test_the_comparison_defaults_to_each_readers_own_province(client_for, facilitator, observer, farmers):
    elsewhere = AgencyFactory(province=Province.objects.exclude(code="TH-62").first())
    StakeholderGroupFactory(agency=elsewhere, name="กลุ่มของจังหวัดอื่น")
    facilitator.agency = farmers.agency
    facilitator.save()
    observer.agency = elsewhere
    observer.save()
    facilitators_page = client_for(facilitator).get(COMPARE_URL, {"fiscal_year": 2550}).content.decode()
    assert "เกษตรกร" in facilitators_page and "กลุ่มของจังหวัดอื่น" not in facilitators_page
    observers_page = client_for(observer).get(COMPARE_URL, {"fiscal_year": 2550}).content.decode()
    assert "กลุ่มของจังหวัดอื่น" in observers_page and "เกษตรกร" not in observers_page


def test_an_officer_never_sees_the_comparison_cached_for_an_observer(client_for, observer, officer_a, db):
    observer.agency = officer_a.agency  # the same agency: only their roles tell their pages apart
    observer.save()
    elsewhere = AgencyFactory(province=Province.objects.exclude(code="TH-62").first())
    StakeholderGroupFactory(agency=elsewhere, name="กลุ่มของจังหวัดอื่น")
    params = {"fiscal_year": 2550, "agencies": [elsewhere.pk]}
    assert "กลุ่มของจังหวัดอื่น" in client_for(observer).get(COMPARE_URL, params).content.decode()
    assert "กลุ่มของจังหวัดอื่น" not in client_for(officer_a).get(COMPARE_URL, params).content.decode()
