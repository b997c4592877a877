"""The coverage matrix: agencies × lead questions, counts per cell, empty cells marked, in two queries."""

import pytest
from django.urls import reverse

from meetings.models import AttendanceStatus, PointSource
from meetings.selectors.points import coverage_matrix
from tests.factories import (
    AgencyFactory,
    AttendanceFactory,
    DiscussionPointFactory,
    LeadQuestionFactory,
    busy_meeting,
    start_meeting,
)


@pytest.fixture
def questions(meeting):
    return LeadQuestionFactory.create_batch(2, meeting=meeting)


def counts(coverage):
    return {row.agency.pk: [cell.count for cell in row.cells] for row in coverage.rows}


def test_counts_live_points_per_agency_and_question(meeting, questions, agency_a, agency_b):
    AttendanceFactory(meeting=meeting, agency=agency_b)
    DiscussionPointFactory.create_batch(2, meeting=meeting, lead_question=questions[0], agency=agency_a)
    DiscussionPointFactory(meeting=meeting, lead_question=questions[1], agency=agency_b)
    gone = DiscussionPointFactory(meeting=meeting, lead_question=questions[1], agency=agency_a)
    gone.deleted_at = gone.created_at
    gone.save()
    coverage = coverage_matrix(meeting)
    assert coverage.questions == questions
    assert counts(coverage) == {agency_a.pk: [2, 0], agency_b.pk: [0, 1]}
    assert (coverage.empty_cells, coverage.total_cells, coverage.total_points) == (2, 4, 3)
    assert not coverage.has_general and not coverage.is_complete


def test_attending_agencies_without_points_are_rows_and_absent_ones_are_not(meeting, questions, agency_a):
    silent = AgencyFactory()
    absent = AgencyFactory()
    AttendanceFactory(meeting=meeting, agency=silent)
    AttendanceFactory(meeting=meeting, agency=absent, attendance=AttendanceStatus.ABSENT)
    rows = {row.agency.pk: row for row in coverage_matrix(meeting).rows}
    assert set(rows) == {agency_a.pk, silent.pk}
    assert rows[silent.pk].empty_cells == 2


def test_an_agency_with_premeeting_input_but_no_attendance_is_a_row(meeting, questions):
    remote = AgencyFactory()
    DiscussionPointFactory(meeting=meeting, lead_question=questions[0], agency=remote, source=PointSource.PRE_MEETING)
    assert counts(coverage_matrix(meeting))[remote.pk] == [1, 0]


def test_general_points_get_their_own_column(meeting, questions, agency_a):
    DiscussionPointFactory(meeting=meeting, lead_question=None, agency=agency_a)
    coverage = coverage_matrix(meeting)
    assert coverage.has_general
    assert counts(coverage)[agency_a.pk] == [0, 0, 1]
    assert coverage.empty_cells == 2  # a general column is never "missing"


def test_rows_follow_the_attendance_order(meeting, questions):
    later, earlier = AgencyFactory(name_th="ก หน่วยงาน"), AgencyFactory(name_th="ฮ หน่วยงาน")
    AttendanceFactory(meeting=meeting, agency=later, order=9)
    AttendanceFactory(meeting=meeting, agency=earlier, order=1)
    order = [row.agency.pk for row in coverage_matrix(meeting).rows]
    assert order.index(earlier.pk) < order.index(later.pk)


def test_complete_when_every_agency_spoke_to_every_question(meeting, questions, agency_a):
    for question in questions:
        DiscussionPointFactory(meeting=meeting, lead_question=question, agency=agency_a)
    assert coverage_matrix(meeting).is_complete


def test_two_queries_whatever_the_size(meeting, django_assert_num_queries):
    busy_meeting(meeting, points=500, attendees=40)
    with django_assert_num_queries(2):
        coverage = coverage_matrix(meeting)
    assert len(coverage.rows) == 41  # the 40 attendees' agencies and agency A
    with django_assert_num_queries(1):
        coverage_matrix(meeting, lead_questions=coverage.questions)


# --- shown on the meeting page, beside the capture form and on its own page ---


def test_meeting_page_marks_empty_cells_with_an_icon_and_text(client_for, observer, meeting, questions, agency_a):
    DiscussionPointFactory(meeting=meeting, lead_question=questions[0], agency=agency_a)
    content = client_for(observer).get(reverse("meetings:meeting_detail", args=[meeting.pk])).content.decode()
    assert content.count('class="coverage-empty') == 1
    assert "bi-dash-circle-dotted" in content
    assert 'class="visually-hidden">' in content
    assert reverse("meetings:projector", args=[meeting.pk]) in content
    assert reverse("meetings:capture", args=[meeting.pk]) not in content  # observers do not capture


def test_capture_page_cells_choose_agency_and_question(client_for, note_taker, meeting, questions, agency_a):
    start_meeting(meeting)
    content = client_for(note_taker).get(reverse("meetings:capture", args=[meeting.pk])).content.decode()
    assert f'data-agency="{agency_a.pk}" data-question="{questions[1].pk}"' in content
    assert f"?agency={agency_a.pk}&amp;question={questions[1].pk}" in content


def test_coverage_panel_for_htmx_and_page_without(client_for, observer, meeting, questions):
    client = client_for(observer)
    url = reverse("meetings:coverage", args=[meeting.pk])
    partial = client.get(url + "?pick=1", HTTP_HX_REQUEST="true").content.decode()
    assert partial.lstrip().startswith("<section") or "<html" not in partial
    page = client.get(url)
    assert page.status_code == 200 and "<html" in page.content.decode()


def test_outsiders_are_refused_the_coverage(client_for, officer_b, meeting):
    assert client_for(officer_b).get(reverse("meetings:coverage", args=[meeting.pk])).status_code == 403


def test_the_capture_page_builds_the_same_matrix_from_what_it_loads(meeting, agency_a):
    busy_meeting(meeting, points=120, attendees=12)
    absent = AgencyFactory()
    AttendanceFactory(meeting=meeting, agency=absent, attendance=AttendanceStatus.ABSENT)
    DiscussionPointFactory(meeting=meeting, lead_question=None, agency=AgencyFactory(), source=PointSource.PRE_MEETING)
    from meetings.selectors.points import capture_page

    def shape(coverage):
        return [(row.agency.pk, [cell.count for cell in row.cells]) for row in coverage.rows], coverage.general_count

    assert shape(capture_page(meeting)["coverage"]) == shape(coverage_matrix(meeting))
