"""Editing, reordering, deleting and restoring points on the capture page, with and without JavaScript."""

import pytest
from django.urls import reverse

from meetings.models import DiscussionPoint, MeetingStatus, PointKind, PointSource
from meetings.services.points import CAPTURE_CLOSED
from tests.factories import DiscussionPointFactory, LeadQuestionFactory, start_meeting

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def live_meeting(meeting):
    return start_meeting(meeting)


@pytest.fixture
def question(live_meeting):
    return LeadQuestionFactory(meeting=live_meeting)


@pytest.fixture
def points(live_meeting, question, agency_a):
    return [
        DiscussionPointFactory(meeting=live_meeting, lead_question=question, agency=agency_a, order=n, text=f"ข้อ {n}")
        for n in (1, 2, 3)
    ]


def url(name, point):
    return reverse(f"meetings:{name}", args=[point.pk])


def edit_data(point, **changes):
    data = {"agency": point.agency_id, "lead_question": point.lead_question_id or "", "kind": point.kind,
            "text": point.text}  # fmt: skip
    return {**data, **changes}


def live_order(question):
    return list(DiscussionPoint.objects.live().filter(lead_question=question).order_by("order", "pk").values_list(
        "text", flat=True))  # fmt: skip


# --- edit in place ---


def test_edit_form_opens_in_the_points_place(client_for, note_taker, points):
    response = client_for(note_taker).get(url("point_update", points[0]), **HTMX)
    content = response.content.decode()
    assert content.lstrip().startswith('<li class="point point-editing')
    assert 'name="seen"' in content
    assert "ข้อ 1" in content


def test_htmx_edit_answers_the_updated_row(client_for, note_taker, points, agency_a):
    point = points[0]
    response = client_for(note_taker).post(url("point_update", point), edit_data(point, text="แก้แล้ว", kind="problem"),
                                           **HTMX)  # fmt: skip
    point.refresh_from_db()
    assert (point.text, point.kind) == ("แก้แล้ว", PointKind.PROBLEM)
    assert f'data-point="{point.pk}"' in response.content.decode()
    assert response["HX-Trigger"] == "points-changed"


def test_edit_can_move_a_point_to_another_question(client_for, note_taker, live_meeting, points):
    other = LeadQuestionFactory(meeting=live_meeting)
    response = client_for(note_taker).post(url("point_update", points[1]), edit_data(points[1], lead_question=other.pk),
                                           **HTMX)  # fmt: skip
    points[1].refresh_from_db()
    assert points[1].lead_question == other
    assert f'data-question="{other.pk}"' in response.content.decode()


def test_plain_edit_redirects_to_the_point_on_the_capture_page(client_for, note_taker, live_meeting, points):
    response = client_for(note_taker).post(url("point_update", points[0]), edit_data(points[0], text="แก้"))
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:capture", args=[live_meeting.pk]) + f"#point-{points[0].pk}"


def test_edit_with_empty_text_keeps_the_rest_and_says_why(client_for, note_taker, points):
    response = client_for(note_taker).post(url("point_update", points[0]), edit_data(points[0], text=""), **HTMX)
    assert list(response.context["form"].errors) == ["text"]
    points[0].refresh_from_db()
    assert points[0].text == "ข้อ 1"


def test_edit_of_a_point_someone_changed_meanwhile_is_refused_and_shows_theirs(client_for, note_taker, points):
    point = points[0]
    client = client_for(note_taker)
    seen = client.get(url("point_update", point), **HTMX).context["form"].initial["seen"]
    client.post(url("point_update", point), edit_data(point, text="ของอีกคน", seen=seen), **HTMX)
    response = client.post(url("point_update", point), edit_data(point, text="ของฉัน", seen=seen), **HTMX)
    content = response.content.decode()
    assert "ของอีกคน" in content and "ของฉัน" in content
    point.refresh_from_db()
    assert point.text == "ของอีกคน"
    # Saving again after seeing their version is a deliberate overwrite.
    again = response.context["form"].data["seen"]
    client.post(url("point_update", point), edit_data(point, text="ของฉัน", seen=again), **HTMX)
    point.refresh_from_db()
    assert point.text == "ของฉัน"


def test_cancel_answers_the_row(client_for, note_taker, points):
    content = client_for(note_taker).get(url("point_detail", points[0]), **HTMX).content.decode()
    assert content.lstrip().startswith('<li class="point list-group-item')


def test_point_page_without_javascript(client_for, observer, points):
    response = client_for(observer).get(url("point_detail", points[0]))
    assert response.status_code == 200
    assert "ข้อ 1" in response.content.decode()
    assert not response.context["can_edit"]


# --- reorder ---


def test_htmx_move_up_answers_both_moved_rows(client_for, note_taker, question, points):
    response = client_for(note_taker).post(url("point_move", points[2]), {"direction": "up"}, **HTMX)
    assert live_order(question) == ["ข้อ 1", "ข้อ 3", "ข้อ 2"]
    content = response.content.decode()
    assert content.count('class="point list-group-item') == 2


def test_plain_move_down_redirects(client_for, note_taker, question, points):
    response = client_for(note_taker).post(url("point_move", points[0]), {"direction": "down"})
    assert response.status_code == 302
    assert live_order(question) == ["ข้อ 2", "ข้อ 1", "ข้อ 3"]


def test_moving_is_post_only(client_for, note_taker, points):
    assert client_for(note_taker).get(url("point_move", points[0])).status_code == 405


# --- delete and undo ---


def test_htmx_delete_leaves_an_undo_button_in_place(client_for, note_taker, question, points):
    response = client_for(note_taker).post(url("point_delete", points[1]), **HTMX)
    content = response.content.decode()
    assert live_order(question) == ["ข้อ 1", "ข้อ 3"]
    assert "point-undo" in content
    assert url("point_restore", points[1]) in content


def test_undo_restores_the_point_in_its_place(client_for, note_taker, question, points):
    client = client_for(note_taker)
    client.post(url("point_delete", points[1]), **HTMX)
    response = client.post(url("point_restore", points[1]), **HTMX)
    assert live_order(question) == ["ข้อ 1", "ข้อ 2", "ข้อ 3"]
    assert f'data-point="{points[1].pk}"' in response.content.decode()


def test_plain_delete_offers_undo_at_the_top_of_the_page(client_for, note_taker, live_meeting, points):
    client = client_for(note_taker)
    response = client.post(url("point_delete", points[0]), follow=True)
    content = response.content.decode()
    assert response.redirect_chain[-1][0].endswith(f"?undo={points[0].pk}")
    assert response.context["undo_point"] == points[0]
    assert f'formaction="{url("point_restore", points[0])}"' in content
    assert 'id="row-actions"' in content


def test_row_buttons_work_without_javascript(client_for, note_taker, live_meeting, points):
    content = client_for(note_taker).get(reverse("meetings:capture", args=[live_meeting.pk])).content.decode()
    move = url("point_move", points[0])
    assert f'form="row-actions" formaction="{move}" name="direction" value="up"' in content
    assert f'href="{url("point_update", points[0])}"' in content


# --- permissions and status ---


@pytest.mark.parametrize("persona", ["observer", "officer_a", "officer_b"])
@pytest.mark.parametrize("name", ["point_move", "point_delete", "point_restore"])
def test_only_capturers_change_live_points(request, client_for, points, persona, name):
    response = client_for(request.getfixturevalue(persona)).post(url(name, points[0]), {"direction": "down"})
    assert response.status_code == 403
    assert DiscussionPoint.objects.get(pk=points[0].pk).order == 1
    assert not DiscussionPoint.objects.deleted().exists()


@pytest.mark.parametrize("persona", ["observer", "officer_a"])
def test_only_capturers_edit_live_points(request, client_for, points, persona):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(url("point_update", points[0])).status_code == 403
    assert client.post(url("point_update", points[0]), edit_data(points[0], text="x")).status_code == 403
    assert DiscussionPoint.objects.get(pk=points[0].pk).text == "ข้อ 1"


def test_an_officer_edits_their_own_premeeting_point_before_the_meeting(client_for, officer_a, meeting, agency_a):
    question = LeadQuestionFactory(meeting=meeting)
    point = DiscussionPointFactory(meeting=meeting, lead_question=question, agency=agency_a,
                                   source=PointSource.PRE_MEETING)  # fmt: skip
    response = client_for(officer_a).post(url("point_update", point), edit_data(point, text="ปรับแล้ว"))
    assert response["Location"] == reverse("meetings:premeeting", args=[meeting.pk])
    point.refresh_from_db()
    assert point.text == "ปรับแล้ว"


@pytest.mark.parametrize("headers", [HTMX, {}], ids=["htmx", "plain"])
def test_changes_after_the_notes_are_closed_are_refused_with_a_message(
    client_for, note_taker, live_meeting, points, headers
):
    live_meeting.status = MeetingStatus.NOTES_CLOSED
    live_meeting.save()
    client = client_for(note_taker)
    response = client.post(url("point_delete", points[0]), follow=not headers, **headers)
    assert str(CAPTURE_CLOSED) in response.content.decode()
    assert not DiscussionPoint.objects.deleted().exists()
    response = client.post(url("point_update", points[0]), edit_data(points[0], text="สาย"), **headers)
    assert response.context["form"].errors == {"text": [str(CAPTURE_CLOSED)]}
    assert "สาย" in response.content.decode()
