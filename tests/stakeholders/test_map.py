"""The stakeholder map: an influence × interest grid drawn as SVG on the server."""

import xml.etree.ElementTree as ET

from django.urls import reverse

SVG = "{http://www.w3.org/2000/svg}"


def parse(response):
    return ET.fromstring(response.content)  # noqa: S314 - the portal's own output, not untrusted data


def map_svg(client, agency, year=2550):
    return client.get(reverse("stakeholders:map_svg", args=[agency.pk, year]))


def test_the_svg_file_is_well_formed_and_places_each_active_group(client_for, officer_a, farmers, crop_farmers,
                                                                  enterprises):  # fmt: skip
    farmers.influence, farmers.interest = 4, 4
    farmers.save()
    crop_farmers.is_active = False
    crop_farmers.save()
    response = map_svg(client_for(officer_a), farmers.agency)
    assert response["Content-Type"] == "image/svg+xml"
    root = parse(response)
    circles = root.findall(f".//{SVG}circle")
    assert len(circles) == 2
    texts = "".join(root.itertext())
    assert "เกษตรกร" in texts and "วิสาหกิจชุมชน" in texts and "ด้านพืช" not in texts


def test_a_group_of_high_influence_and_interest_sits_top_right(client_for, officer_a, farmers, enterprises):
    farmers.influence, farmers.interest = 4, 4
    farmers.save()
    enterprises.influence, enterprises.interest = 1, 1
    enterprises.save()
    root = parse(map_svg(client_for(officer_a), farmers.agency))
    top_right, bottom_left = [(float(c.get("cx")), float(c.get("cy"))) for c in root.findall(f".//{SVG}circle")]
    assert top_right[0] > bottom_left[0]
    assert top_right[1] < bottom_left[1]


def test_groups_in_one_cell_do_not_overlap(client_for, officer_a, agency_a):
    from tests.factories import StakeholderGroupFactory

    for index in range(6):
        StakeholderGroupFactory(agency=agency_a, name=f"กลุ่ม {index}", influence=3, interest=3)
    root = parse(map_svg(client_for(officer_a), agency_a))
    centres = {(c.get("cx"), c.get("cy")) for c in root.findall(f".//{SVG}circle")}
    assert len(centres) == 6


def test_the_map_page_draws_the_svg_inline_without_script(client_for, facilitator, farmers):
    response = client_for(facilitator).get(reverse("stakeholders:map", args=[farmers.agency_id, 2550]))
    content = response.content.decode()
    assert "<svg" in content and "เกษตรกร" in content
    svg = content[content.index("<svg") : content.index("</svg>")]
    assert "<script" not in svg
    assert " style=" not in svg, "the Content-Security-Policy forbids inline styles"


def test_an_empty_year_still_draws_the_grid(client_for, officer_a, agency_a):
    root = parse(map_svg(client_for(officer_a), agency_a, 2560))
    assert root.findall(f".//{SVG}rect")
    assert not root.findall(f".//{SVG}circle")
