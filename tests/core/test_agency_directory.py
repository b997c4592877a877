import pytest
from django.urls import reverse

from pmqa_portal.models import AgencyKind, Province
from tests.factories import AgencyFactory


@pytest.fixture
def directory(db):
    ministry = AgencyFactory(name_th="กระทรวงเกษตรและสหกรณ์", kind=AgencyKind.MINISTRY, province=None)
    department = AgencyFactory(name_th="กรมประมง", kind=AgencyKind.DEPARTMENT, province=None, parent=ministry)
    fisheries = AgencyFactory(name_th="สำนักงานประมงจังหวัดกำแพงเพชร", parent=department)
    other_ministry = AgencyFactory(name_th="กระทรวงแรงงาน", kind=AgencyKind.MINISTRY, province=None)
    labour = AgencyFactory(name_th="สำนักงานแรงงานจังหวัดกำแพงเพชร", parent=other_ministry)
    bangkok = AgencyFactory(name_th="สำนักงานประมงกรุงเทพมหานคร", parent=department,
                            province=Province.objects.get(code="TH-10"))  # fmt: skip
    closed = AgencyFactory(name_th="สำนักงานที่ยุบแล้ว", is_active=False)
    return {"ministry": ministry, "fisheries": fisheries, "labour": labour, "bangkok": bangkok, "closed": closed}


def names(response):
    return {agency.name_th for agency in response.context["page"]}


def test_visitor_is_sent_to_login(client):
    response = client.get(reverse("agency_list"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_province_filter_narrows_results(client_for, officer_a, directory):
    response = client_for(officer_a).get(reverse("agency_list"), {"province": directory["bangkok"].province_id})
    assert names(response) == {"สำนักงานประมงกรุงเทพมหานคร"}


def test_ministry_filter_takes_every_level_below_it(client_for, officer_a, directory):
    response = client_for(officer_a).get(reverse("agency_list"), {"ministry": directory["ministry"].pk})
    assert names(response) == {"กระทรวงเกษตรและสหกรณ์", "กรมประมง", "สำนักงานประมงจังหวัดกำแพงเพชร",
                               "สำนักงานประมงกรุงเทพมหานคร"}  # fmt: skip


def test_kind_filter(client_for, officer_a, directory):
    response = client_for(officer_a).get(reverse("agency_list"), {"kind": AgencyKind.MINISTRY})
    assert names(response) == {"กระทรวงเกษตรและสหกรณ์", "กระทรวงแรงงาน"}


def test_name_search_matches_thai_words(client_for, officer_a, directory):
    response = client_for(officer_a).get(reverse("agency_list"), {"q": "ประมง กำแพงเพชร"})
    assert names(response) == {"สำนักงานประมงจังหวัดกำแพงเพชร"}


def test_inactive_agencies_are_hidden_unless_asked_for(client_for, officer_a, directory):
    client = client_for(officer_a)
    assert "สำนักงานที่ยุบแล้ว" not in names(client.get(reverse("agency_list")))
    assert "สำนักงานที่ยุบแล้ว" in names(client.get(reverse("agency_list"), {"include_inactive": "on"}))


def test_a_bad_filter_value_shows_a_message_not_an_error(client_for, officer_a, directory):
    response = client_for(officer_a).get(reverse("agency_list"), {"province": "not-a-number", "page": "abc"})
    assert response.status_code == 200
    assert response.context["filter"].errors


def test_directory_is_paginated(client_for, officer_a, db):
    AgencyFactory.create_batch(30)
    response = client_for(officer_a).get(reverse("agency_list"), {"page": 2})
    assert response.context["page"].number == 2


def test_htmx_request_gets_only_the_results(client_for, officer_a, directory):
    response = client_for(officer_a).get(reverse("agency_list"), HTTP_HX_REQUEST="true")
    assert b"<html" not in response.content
    assert "สำนักงานประมงจังหวัดกำแพงเพชร" in response.content.decode()


def test_agency_detail_shows_its_chain(client_for, officer_a, directory):
    response = client_for(officer_a).get(directory["fisheries"].get_absolute_url())
    content = response.content.decode()
    assert "กรมประมง" in content and "กระทรวงเกษตรและสหกรณ์" in content


def test_directory_query_count_does_not_grow_with_rows(client_for, officer_a, django_assert_max_num_queries, db):
    AgencyFactory.create_batch(25)
    client = client_for(officer_a)
    with django_assert_max_num_queries(8):
        client.get(reverse("agency_list"))


def test_an_id_beyond_64_bits_is_just_not_found(client_for, officer_a, directory):
    response = client_for(officer_a).get(reverse("agency_list"), {"province": "9" * 30, "ministry": "9" * 30})
    assert response.status_code == 200
    assert response.context["filter"].errors
