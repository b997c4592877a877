"""The way in: the navigation link, the agency page's section and the home card."""

from django.urls import reverse


def test_the_navigation_links_to_the_groups(client_for, officer_a):
    content = client_for(officer_a).get(reverse("home")).content.decode()
    assert reverse("stakeholders:group_list") in content


def test_the_agency_page_links_to_its_groups(client_for, officer_a, agency_b):
    content = client_for(officer_a).get(agency_b.get_absolute_url()).content.decode()
    assert reverse("stakeholders:agency_groups", args=[agency_b.pk]) in content


def test_an_outsider_gets_no_link_to_groups_they_cannot_read(client_for, outsider, agency_a):
    content = client_for(outsider).get(agency_a.get_absolute_url()).content.decode()
    assert reverse("stakeholders:agency_groups", args=[agency_a.pk]) not in content
    assert reverse("stakeholders:group_list") not in client_for(outsider).get(reverse("home")).content.decode()


def test_the_home_page_links_an_officer_to_their_agencys_groups(client_for, officer_a):
    content = client_for(officer_a).get(reverse("home")).content.decode()
    assert reverse("stakeholders:agency_groups", args=[officer_a.agency_id]) in content
