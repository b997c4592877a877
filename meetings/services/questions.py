"""Lead questions of a meeting, and picking questions from the bank."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from meetings.models import LeadQuestion, Meeting
from meetings.services.meetings import meeting_lock
from meetings.services.ordering import move, next_order, renumber


@transaction.atomic
def lead_question_add(*, meeting: Meeting, by, text: str, criteria_item=None) -> LeadQuestion:
    question = LeadQuestion(
        meeting=meeting,
        order=next_order(meeting.lead_questions.all()),
        text=text.strip(),
        criteria_item=criteria_item,
        created_by=by,
    )
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def lead_question_update(*, question: LeadQuestion, text: str, criteria_item=None) -> LeadQuestion:
    question.text = text.strip()
    question.criteria_item = criteria_item
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def lead_question_move(*, question: LeadQuestion, up: bool) -> None:
    move(question, question.meeting.lead_questions.all(), up=up)


@transaction.atomic
def lead_question_delete(*, question: LeadQuestion) -> None:
    """Delete a question that has no points; its deleted (undoable) points go with it."""
    live = question.points.live().count()
    if live:
        raise ValidationError(
            _("This question has %(count)s discussion points. Move or delete them first."),
            code="has_points",
            params={"count": live},
        )
    question.points.deleted().delete()
    meeting = question.meeting
    question.delete()
    renumber(meeting.lead_questions.all())


@transaction.atomic
def lead_questions_copy(*, meeting: Meeting, by, questions) -> list[LeadQuestion]:
    """Copy questions picked from the bank to the end of the meeting's list; a text already there is skipped."""
    meeting_lock(meeting=meeting)
    existing = {text.strip() for text in meeting.lead_questions.values_list("text", flat=True)}
    order = next_order(meeting.lead_questions.all())
    copies = []
    for question in questions:
        if question.text.strip() in existing or question.meeting_id == meeting.pk:
            continue
        existing.add(question.text.strip())
        copies.append(
            LeadQuestion(
                meeting=meeting,
                order=order,
                text=question.text,
                criteria_item_id=question.criteria_item_id,
                copied_from=question,
                created_by=by,
            )
        )
        order += 1
    return LeadQuestion.objects.bulk_create(copies)
