"""Exports: the files open in the csv module and openpyxl and hold what the list shows."""

import csv
import io

from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from pmqa_portal.models import CriteriaItem
from stakeholders.exports import COLUMNS
from tests.factories import ListeningChannelFactory, NeedFactory


def export(client, file_format, **params):
    return client.get(reverse("stakeholders:group_export", args=[file_format]), params)


def csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff"), "Excel needs the byte-order mark to read Thai"
    return list(csv.reader(io.StringIO(text[1:])))


def test_csv_export_holds_one_row_per_group_in_tree_order(client_for, officer_a, farmers, crop_farmers, rice_farmers,
                                                          group_b):  # fmt: skip
    farmers.criteria_items.set([CriteriaItem.objects.get(code="CS1")])
    NeedFactory(group=farmers, description="ราคาปุ๋ยที่เป็นธรรม", priority=1)
    ListeningChannelFactory(group=farmers, kind="hotline", description="สายด่วน 1170")
    response = export(client_for(officer_a), "csv", agency=farmers.agency_id)
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    header, *rows = csv_rows(response)
    assert len(header) == len(COLUMNS)
    by_key = [dict(zip([column.key for column in COLUMNS], row, strict=True)) for row in rows]
    assert [(row["parent"], row["name"]) for row in by_key] == [
        ("", "เกษตรกร"), ("เกษตรกร", "ด้านพืช"), ("เกษตรกร > ด้านพืช", "ชาวนา"),
    ]  # fmt: skip
    first = by_key[0]
    assert first["agency"] == farmers.agency.name_th
    assert first["fiscal_year"] == "2550"
    assert first["criteria_items"] == "CS1"
    assert "ราคาปุ๋ยที่เป็นธรรม" in first["needs"]
    assert "สายด่วน 1170" in first["channels"]


def test_xlsx_export_opens_in_openpyxl_with_the_same_rows(client_for, officer_a, farmers, crop_farmers):
    response = export(client_for(officer_a), "xlsx", agency=farmers.agency_id)
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    with translation.override("th"):
        assert list(values[0]) == [str(column.label) for column in COLUMNS]
    names = [(row[3] or "", row[4]) for row in values[1:]]
    assert names == [("", "เกษตรกร"), ("เกษตรกร", "ด้านพืช")]
    assert values[1][2] == 2550


def test_export_follows_the_filters(client_for, facilitator, farmers, crop_farmers, group_b):
    header, *rows = csv_rows(export(client_for(facilitator), "csv", q="ด้านพืช"))
    assert [row[4] for row in rows] == ["ด้านพืช"]


def test_export_leaves_out_inactive_groups_unless_asked(client_for, officer_a, farmers, crop_farmers):
    crop_farmers.is_active = False
    crop_farmers.save()
    client = client_for(officer_a)
    assert len(csv_rows(export(client, "csv", agency=farmers.agency_id))) == 2
    assert len(csv_rows(export(client, "csv", agency=farmers.agency_id, include_inactive="on"))) == 3


def test_an_unknown_export_format_is_a_404(client_for, officer_a):
    assert export(client_for(officer_a), "pdf").status_code == 404


def test_export_of_many_groups_runs_a_fixed_number_of_queries(client_for, facilitator, agency_a,
                                                              django_assert_max_num_queries):  # fmt: skip
    from stakeholders.models import StakeholderGroup

    StakeholderGroup.objects.bulk_create(
        StakeholderGroup(agency=agency_a, fiscal_year=2550, name=f"กลุ่ม {index}") for index in range(300)
    )
    client = client_for(facilitator)
    with django_assert_max_num_queries(10):
        response = export(client, "xlsx")
    assert load_workbook(io.BytesIO(response.content)).worksheets[0].max_row == 301
