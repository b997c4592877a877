"""Lead questions of a meeting and the question bank."""

from django.urls import reverse

from meetings.models import LeadQuestion
from tests.factories import CriteriaItemFactory, DiscussionPointFactory, LeadQuestionFactory, MeetingFactory


def texts(meeting):
    return list(meeting.lead_questions.order_by("order").values_list("text", flat=True))


def test_facilitator_adds_questions_in_order(client_for, facilitator, meeting):
    client = client_for(facilitator)
    url = reverse("meetings:questions", args=[meeting.pk])
    item = CriteriaItemFactory(code="CS1")
    client.post(url, {"text": "กำหนดกลุ่มผู้รับบริการอย่างไร", "criteria_item": item.pk})
    client.post(url, {"text": "รับฟังความต้องการอย่างไร"})
    assert texts(meeting) == ["กำหนดกลุ่มผู้รับบริการอย่างไร", "รับฟังความต้องการอย่างไร"]
    assert meeting.lead_questions.first().criteria_item == item


def test_an_empty_question_is_refused(client_for, facilitator, meeting):
    response = client_for(facilitator).post(reverse("meetings:questions", args=[meeting.pk]), {"text": "  "})
    assert response.status_code == 200
    assert "text" in response.context["form"].errors


def test_move_a_question_up_with_htmx_returns_the_list(client_for, facilitator, meeting):
    first, second = LeadQuestionFactory(meeting=meeting, text="ก"), LeadQuestionFactory(meeting=meeting, text="ข")
    response = client_for(facilitator).post(
        reverse("meetings:question_move", args=[second.pk]), {"direction": "up"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "<html" not in response.content.decode()
    assert texts(meeting) == ["ข", "ก"]
    assert first.pk


def test_a_question_with_points_is_not_deleted(client_for, facilitator, meeting):
    question = LeadQuestionFactory(meeting=meeting)
    DiscussionPointFactory(meeting=meeting, lead_question=question)
    response = client_for(facilitator).post(reverse("meetings:question_delete", args=[question.pk]), follow=True)
    assert "กรุณาย้ายหรือลบออกก่อน" in response.content.decode()
    assert LeadQuestion.objects.filter(pk=question.pk).exists()


def test_a_question_without_points_is_deleted(client_for, facilitator, meeting):
    question = LeadQuestionFactory(meeting=meeting)
    client_for(facilitator).post(reverse("meetings:question_delete", args=[question.pk]))
    assert not LeadQuestion.objects.filter(pk=question.pk).exists()


def test_an_officer_cannot_change_questions(client_for, officer_a, meeting):
    question = LeadQuestionFactory(meeting=meeting)
    assert client_for(officer_a).post(reverse("meetings:question_delete", args=[question.pk])).status_code == 403
    assert (
        client_for(officer_a).post(reverse("meetings:questions", args=[meeting.pk]), {"text": "x"}).status_code == 403
    )


def test_bank_filters_by_item_across_provinces_and_copies_the_ticked(client_for, facilitator, meeting):
    cs1, other_item = CriteriaItemFactory(code="CS1"), CriteriaItemFactory(code="CS2")
    elsewhere = MeetingFactory()  # another working group, another meeting
    wanted = LeadQuestionFactory(meeting=elsewhere, text="ท่านแบ่งกลุ่มผู้รับบริการอย่างไร", criteria_item=cs1)
    LeadQuestionFactory(meeting=elsewhere, text="ความพึงพอใจวัดอย่างไร", criteria_item=other_item)
    client = client_for(facilitator)
    url = reverse("meetings:question_bank", args=[meeting.pk])
    page = client.get(url, {"criteria_item": cs1.pk}).content.decode()
    assert wanted.text in page and "ความพึงพอใจวัดอย่างไร" not in page
    client.post(url, {"questions": [wanted.pk]})
    copy = meeting.lead_questions.get()
    assert (copy.text, copy.criteria_item, copy.copied_from) == (wanted.text, cs1, wanted)
    client.post(url, {"questions": [wanted.pk]})
    assert meeting.lead_questions.count() == 1
