from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings import access
from meetings.filters import QuestionBankFilter
from meetings.forms import LeadQuestionForm, QuestionPickForm
from meetings.selectors import meetings as selectors
from meetings.services import questions as services
from meetings.views.common import moving_up
from pmqa_portal.pagination import paginate


def _questions(meeting):
    return meeting.lead_questions.select_related("criteria_item").order_by("order", "pk")


def _question_page(request, meeting, form=None):
    context = {"meeting": meeting, "questions": _questions(meeting), "form": form or LeadQuestionForm()}
    if request.htmx and form is None:
        return render(request, "meetings/partials/_question_editor.html", context)
    return render(request, "meetings/questions.html", context)


@login_required
def questions(request, pk):
    """The meeting's lead questions in order; a POST adds one."""
    meeting = access.get_meeting_for_user(request.user, pk, write=True)
    form = LeadQuestionForm(request.POST or None)
    if form.is_valid():
        services.lead_question_add(meeting=meeting, by=request.user, **form.cleaned_data)
        messages.success(request, _("Lead question added."))
        return redirect("meetings:questions", pk=meeting.pk)
    return _question_page(request, meeting, form=form)


@login_required
def question_update(request, pk):
    question = access.get_lead_question_for_user(request.user, pk, write=True)
    form = LeadQuestionForm(request.POST or None, instance=question)
    if form.is_valid():
        services.lead_question_update(question=question, **form.cleaned_data)
        messages.success(request, _("Lead question saved."))
        return redirect("meetings:questions", pk=question.meeting_id)
    context = {"form": form, "question": question, "meeting": question.meeting}
    return render(request, "meetings/question_form.html", context)


@login_required
@require_POST
def question_move(request, pk):
    question = access.get_lead_question_for_user(request.user, pk, write=True)
    services.lead_question_move(question=question, up=moving_up(request))
    if request.htmx:
        return _question_page(request, question.meeting)
    return redirect("meetings:questions", pk=question.meeting_id)


@login_required
@require_POST
def question_delete(request, pk):
    question = access.get_lead_question_for_user(request.user, pk, write=True)
    try:
        services.lead_question_delete(question=question)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Lead question deleted."))
    if request.htmx:
        return _question_page(request, question.meeting)
    return redirect("meetings:questions", pk=question.meeting_id)


@login_required
def question_bank(request, pk):
    """Questions of earlier meetings, any province; a POST copies the ticked ones into this meeting."""
    meeting = access.get_meeting_for_user(request.user, pk, write=True)
    if request.method == "POST":
        pick = QuestionPickForm(request.POST)
        if pick.is_valid():
            copied = services.lead_questions_copy(
                meeting=meeting, by=request.user, questions=pick.cleaned_data["questions"]
            )
            messages.success(request, _("%(count)s questions copied into this meeting.") % {"count": len(copied)})
            return redirect("meetings:questions", pk=meeting.pk)
        messages.error(request, _("Tick at least one question."))
    bank_filter = QuestionBankFilter(request.GET, queryset=selectors.question_bank(meeting))
    page = paginate(request, bank_filter.qs)
    template = "meetings/partials/_question_bank_results.html" if request.htmx else "meetings/question_bank.html"
    return render(request, template, {"meeting": meeting, "filter": bank_filter, "page": page})
