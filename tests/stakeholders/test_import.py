"""Importing groups from CSV or XLSX: every row is checked first; any wrong row and nothing is imported."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from stakeholders import services
from stakeholders.imports import MAX_ROWS, ImportFileError, ImportRejected
from stakeholders.models import ChangeAction, GroupChange, StakeholderGroup

HEADER_TH = ["กลุ่มหลัก", "ชื่อกลุ่ม", "ประเภท", "อิทธิพล", "ความสนใจ", "หัวข้อเกณฑ์ PMQA"]
HEADER_EN = ["Parent group", "Group name", "Kind", "Influence", "Interest", "PMQA criteria items"]
GOOD_ROWS = [
    ["", "เกษตรกร", "service_recipient", "3", "very high", "CS1"],
    ["เกษตรกร", "ด้านพืช", "", "", "", ""],
    ["เกษตรกร > ด้านพืช", "ชาวนา", "", "2", "3", "CS1, 3.1"],
    ["", "วิสาหกิจชุมชน", "ผู้รับบริการ", "ปานกลาง", "high", ""],
    ["วิสาหกิจชุมชน", "ด้านการผลิต", "Stakeholder", "1", "ต่ำ", ""],
]


def csv_file(rows, header=HEADER_EN, name="groups.csv", encoding="utf-8-sig"):
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, *rows])
    text = buffer.getvalue()
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def xlsx_file(rows, header=HEADER_TH, name="groups.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append([int(cell) if cell.isdigit() else cell for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def import_file(agency, user, uploaded, year=2550):
    return services.groups_import(agency=agency, fiscal_year=year, uploaded_file=uploaded, by=user)


def tree(agency):
    return [
        (group.depth, group.name, group.kind)
        for group in StakeholderGroup.objects.filter(agency=agency).in_tree_order()
    ]


EXPECTED_TREE = [
    (0, "เกษตรกร", "service_recipient"),
    (1, "ด้านพืช", "service_recipient"),
    (2, "ชาวนา", "service_recipient"),
    (0, "วิสาหกิจชุมชน", "service_recipient"),
    (1, "ด้านการผลิต", "stakeholder"),
]


def test_a_good_csv_file_is_imported_with_its_tree(officer_a, agency_a):
    assert import_file(agency_a, officer_a, csv_file(GOOD_ROWS)) == 5
    assert tree(agency_a) == EXPECTED_TREE
    rice = StakeholderGroup.objects.get(name="ชาวนา")
    assert (rice.influence, rice.interest) == (2, 3)
    assert sorted(rice.criteria_items.values_list("code", flat=True)) == ["3.1", "CS1"]
    assert StakeholderGroup.objects.get(name="เกษตรกร").interest == 4
    assert GroupChange.objects.filter(action=ChangeAction.IMPORTED).count() == 5


def test_a_good_xlsx_file_with_thai_headers_is_imported(officer_a, agency_a):
    assert import_file(agency_a, officer_a, xlsx_file(GOOD_ROWS)) == 5
    assert tree(agency_a) == EXPECTED_TREE


def test_a_csv_file_in_thai_windows_encoding_is_read(officer_a, agency_a):
    assert import_file(agency_a, officer_a, csv_file(GOOD_ROWS, header=HEADER_TH, encoding="cp874")) == 5


def test_rows_may_come_before_their_parent_and_hang_under_existing_groups(officer_a, farmers):
    rows = [["เกษตรกร > ด้านพืช", "ชาวนา", "", "", "", ""], ["เกษตรกร", "ด้านพืช", "", "", "", ""]]
    assert import_file(farmers.agency, officer_a, csv_file(rows)) == 2
    assert [name for _depth, name, _kind in tree(farmers.agency)] == ["เกษตรกร", "ด้านพืช", "ชาวนา"]


def test_a_file_with_bad_rows_imports_nothing_and_names_each_bad_line(officer_a, farmers):
    rows = [
        ["", "กลุ่มดี", "", "", "", ""],  # line 2: fine
        ["", "", "", "", "", ""],  # line 3: blank, skipped
        ["ไม่มีกลุ่มนี้", "ลูก", "", "", "", ""],  # line 4: unknown parent
        ["", "เกษตรกร", "", "", "", ""],  # line 5: already exists
        ["", "กลุ่มดี", "", "", "", ""],  # line 6: same as line 2
        ["", "อิทธิพลแปลก", "", "มาก ๆ", "", ""],  # line 7: bad influence
        ["", "เกณฑ์แปลก", "", "", "", "ZZ9"],  # line 8: unknown criteria item
        ["", "x" * 201, "", "", "", ""],  # line 9: name too long
        ["", "ชนิดแปลก", "ลูกค้า", "", "", ""],  # line 10: bad kind
    ]
    with pytest.raises(ImportRejected) as caught:
        import_file(farmers.agency, officer_a, csv_file(rows))
    lines = [error.line for error in caught.value.errors]
    assert lines == [4, 5, 6, 7, 8, 9, 10]
    assert all(error.message for error in caught.value.errors)
    assert StakeholderGroup.objects.count() == 1
    assert not GroupChange.objects.exists()


def test_parents_that_point_at_each_other_are_a_loop(officer_a, agency_a):
    rows = [["ข", "ก", "", "", "", ""], ["ก", "ข", "", "", "", ""]]
    with pytest.raises(ImportRejected) as caught:
        import_file(agency_a, officer_a, csv_file(rows))
    assert [error.line for error in caught.value.errors] == [2, 3]
    assert not StakeholderGroup.objects.exists()


def test_an_ambiguous_parent_name_asks_for_the_path(officer_a, agency_a):
    rows = [
        ["", "เกษตรกร", "", "", "", ""],
        ["", "วิสาหกิจชุมชน", "", "", "", ""],
        ["เกษตรกร", "ด้านการผลิต", "", "", "", ""],
        ["วิสาหกิจชุมชน", "ด้านการผลิต", "", "", "", ""],
        ["ด้านการผลิต", "ข้าว", "", "", "", ""],
    ]
    with pytest.raises(ImportRejected) as caught:
        import_file(agency_a, officer_a, csv_file(rows))
    assert [error.line for error in caught.value.errors] == [6]
    assert ">" in caught.value.errors[0].message
    rows[-1][0] = "วิสาหกิจชุมชน > ด้านการผลิต"
    assert import_file(agency_a, officer_a, csv_file(rows)) == 5


@pytest.mark.parametrize(
    ("uploaded", "reason"),
    [
        (SimpleUploadedFile("groups.pdf", b"%PDF-1.4 not a table"), "CSV"),
        (SimpleUploadedFile("groups.xls", b"\xd0\xcf\x11\xe0 old excel"), "xlsx"),
        (SimpleUploadedFile("groups.csv", b""), "empty"),
        (SimpleUploadedFile("groups.xlsx", b"PK\x03\x04 broken zip"), "xlsx"),
        (SimpleUploadedFile("groups.xlsx", b"just text, not a workbook"), "xlsx"),
        (SimpleUploadedFile("groups.csv", b"\x00\x01\x02binary"), "CSV"),
        (SimpleUploadedFile("groups.csv", b"Group name\r\n"), "no rows"),
        (SimpleUploadedFile("groups.csv", "Something,Else\r\nก,ข\r\n".encode()), "Group name"),
    ],
    ids=["pdf", "xls", "empty", "broken-xlsx", "text-as-xlsx", "binary-csv", "header-only", "no-name-column"],
)
def test_a_file_that_cannot_be_read_is_refused_as_a_whole(officer_a, agency_a, uploaded, reason, settings):
    settings.LANGUAGE_CODE = "en"
    with pytest.raises(ImportFileError) as caught:
        import_file(agency_a, officer_a, uploaded)
    assert reason.lower() in str(caught.value).lower()
    assert not StakeholderGroup.objects.exists()


def test_a_file_larger_than_2_mb_is_refused(officer_a, agency_a):
    big = SimpleUploadedFile("groups.csv", b"Group name\r\n" + b"x" * (2 * 1024 * 1024))
    with pytest.raises(ImportFileError) as caught:
        import_file(agency_a, officer_a, big)
    assert "2 MB" in str(caught.value)


def test_a_file_with_too_many_rows_is_refused(officer_a, agency_a):
    rows = "\r\n".join(f"ก{index}" for index in range(MAX_ROWS + 1))
    uploaded = SimpleUploadedFile("groups.csv", f"Group name\r\n{rows}\r\n".encode())
    with pytest.raises(ImportFileError) as caught:
        import_file(agency_a, officer_a, uploaded)
    assert "20,000" in str(caught.value)
    assert not StakeholderGroup.objects.exists()


def test_an_exported_file_imports_back_into_another_year(client_for, officer_a, farmers, crop_farmers, rice_farmers):
    response = client_for(officer_a).get(
        reverse("stakeholders:group_export", args=["xlsx"]), {"agency": farmers.agency_id, "fiscal_year": 2550}
    )
    uploaded = SimpleUploadedFile("export.xlsx", response.content)
    assert import_file(farmers.agency, officer_a, uploaded, year=2551) == 3
    copies = StakeholderGroup.objects.filter(fiscal_year=2551).in_tree_order()
    assert [(group.depth, group.name) for group in copies] == [(0, "เกษตรกร"), (1, "ด้านพืช"), (2, "ชาวนา")]


# --- the page ---


def import_url(agency, year=2550):
    return reverse("stakeholders:group_import", args=[agency.pk, year])


def test_the_page_imports_a_good_file_and_returns_to_the_tree(client_for, officer_a, agency_a):
    response = client_for(officer_a).post(import_url(agency_a), {"file": csv_file(GOOD_ROWS)})
    assert response.status_code == 302
    assert StakeholderGroup.objects.filter(agency=agency_a).count() == 5


def test_the_page_lists_each_bad_row_with_its_line(client_for, officer_a, agency_a):
    rows = [["", "ดี", "", "", "", ""], ["ไม่มี", "ลูก", "", "", "", ""], ["", "", "", "9", "", ""]]
    rows[2][1] = "อิทธิพลเกิน"
    response = client_for(officer_a).post(import_url(agency_a), {"file": csv_file(rows)})
    assert response.status_code == 200
    errors = response.context["row_errors"]
    assert [error.line for error in errors] == [3, 4]
    content = response.content.decode()
    assert "ไม่มี" in content and "<td>3</td>" in content and "<td>4</td>" in content
    assert not StakeholderGroup.objects.exists()


def test_the_page_explains_a_refused_file_beside_the_field(client_for, officer_a, agency_a):
    response = client_for(officer_a).post(import_url(agency_a), {"file": SimpleUploadedFile("notes.txt", b"hello")})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]


def test_officer_cannot_import_into_another_agency(client_for, officer_b, agency_a):
    response = client_for(officer_b).post(import_url(agency_a), {"file": csv_file(GOOD_ROWS)})
    assert response.status_code == 403
    assert not StakeholderGroup.objects.exists()


def test_the_example_file_imports_cleanly(client_for, officer_a, agency_a):
    response = client_for(officer_a).get(reverse("stakeholders:import_example"))
    uploaded = SimpleUploadedFile("example.csv", response.content)
    assert import_file(agency_a, officer_a, uploaded) == 7
