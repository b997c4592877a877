"""The meeting's points as CSV (UTF-8 with BOM, for Excel) and XLSX."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from meetings.models import MeetingStatus
from pmqa_portal.thai_dates import be_year
from tests.meetings.summary_helpers import meeting_in, seed_points

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(facilitator, agency_a, agency_b):
    meeting = meeting_in(MeetingStatus.NOTES_CLOSED, facilitator=facilitator, agencies=[agency_a, agency_b])
    seed_points(meeting, agency_a, agency_b)
    return meeting


def test_csv_starts_with_a_bom_and_holds_the_thai_points(meeting, observer, agency_b, client_for):
    response = client_for(observer).get(reverse("meetings:points_csv", args=[meeting.pk]))

    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert 'filename="points-' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1 + 6
    problem = next(row for row in rows if row[3] == "ข้อมูลทะเบียนไม่เป็นปัจจุบัน")
    assert problem[0] == "1. หน่วยงานกำหนดกลุ่มผู้รับบริการอย่างไร"
    assert problem[1] == agency_b.name_th
    assert problem[5].endswith(" น.") and str(be_year(timezone.localdate().year)) in problem[5]


def test_deleted_points_are_not_exported(meeting, observer, client_for):
    meeting.points.filter(text="ใช้แบบสอบถามออนไลน์").update(deleted_at=timezone.now())

    content = client_for(observer).get(reverse("meetings:points_csv", args=[meeting.pk])).content.decode("utf-8-sig")

    assert "ใช้แบบสอบถามออนไลน์" not in content


def test_xlsx_holds_the_same_rows(meeting, observer, client_for):
    response = client_for(observer).get(reverse("meetings:points_xlsx", args=[meeting.pk]))

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1 + 6
    assert "ใช้แบบสอบถามออนไลน์" in [row[3] for row in rows]
    assert sheet.title == meeting.number_label.replace("/", "-")


def test_outsider_cannot_export_points(meeting, outsider, client_for):
    client = client_for(outsider)
    assert client.get(reverse("meetings:points_csv", args=[meeting.pk])).status_code == 403
    assert client.get(reverse("meetings:points_xlsx", args=[meeting.pk])).status_code == 403
