"""The consolidated summary: page, drafting, editing with conflict detection, review, approval, revisions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings import access
from meetings.forms_summary import CommentDecisionForm, CompareForm, ReviewCommentForm, RevisionNumberForm, SummaryForm
from meetings.models import MeetingStatus
from meetings.selectors import summaries as selectors
from meetings.services import summaries as services
from meetings.views.common import form_error
from pmqa_portal.access import require


def _summary_url(meeting) -> str:
    return reverse("meetings:summary_detail", args=[meeting.pk])


def _page_context(request, meeting, comment_form=None) -> dict:
    page = selectors.summary_page(meeting)
    can_comment = access.can_comment_on_summary(request.user, meeting)
    in_review = meeting.status == MeetingStatus.SUMMARY_IN_REVIEW
    if comment_form is None and can_comment and in_review:
        comment_form = ReviewCommentForm()
    return {
        "meeting": meeting,
        "page": page,
        "current_html": services.render_summary_text(page.current.text) if page.current else "",
        "conclusions_html": services.render_summary_text(page.current.conclusions) if page.current else "",
        "can_edit": access.can_edit_summary(request.user, meeting),
        "can_comment": can_comment,
        "in_review": in_review,
        "comment_form": comment_form,
    }


@login_required
def summary_detail(request, pk):
    meeting = access.get_meeting_for_user(request.user, pk)
    return render(request, "meetings/summary/detail.html", _page_context(request, meeting))


@login_required
@require_POST
def summary_draft(request, pk):
    meeting = access.get_meeting_for_user(request.user, pk, write=True)
    try:
        revision = services.summary_draft(meeting=meeting, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_summary_url(meeting))
    messages.success(
        request, _("Revision %(number)s drafted from the points. Edit it below.") % {"number": revision.number}
    )
    return redirect("meetings:summary_edit", pk=meeting.pk)


def _rebased(form_data, number: int):
    data = form_data.copy()
    data["base_number"] = str(number)
    return data


@login_required
def summary_edit(request, pk):
    meeting = access.get_meeting_for_user(request.user, pk, write=True)
    summary = selectors.summary_for_meeting(meeting)
    current = services.current_revision(summary) if summary else None
    initial = {
        "text": current.text if current else "",
        "conclusions": current.conclusions if current else "",
        "base_number": current.number if current else 0,
    }
    form = SummaryForm(request.POST or None, initial=initial)
    theirs = None
    if form.is_valid():
        summary = summary or services.summary_get_or_create(meeting=meeting)
        try:
            revision = services.summary_save(
                summary=summary,
                text=form.cleaned_data["text"],
                conclusions=form.cleaned_data["conclusions"],
                base_number=form.cleaned_data["base_number"],
                by=request.user,
            )
        except services.SummaryConflict as conflict:
            # Keep what they typed; the next save is based on the newer revision once they have merged.
            theirs = conflict.current
            form = SummaryForm(_rebased(request.POST, theirs.number if theirs else 0), initial=initial)
            form.add_error(None, conflict)
        except ValidationError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Saved as revision %(number)s.") % {"number": revision.number})
            return redirect(_summary_url(meeting))
    context = {
        "meeting": meeting,
        "form": form,
        "current": current,
        "theirs": theirs,
        "diff": selectors.revision_diff(theirs.text, form.data.get("text", "")) if theirs else None,
        "conclusions_diff": (
            selectors.revision_diff(theirs.conclusions, form.data.get("conclusions", "")) if theirs else None
        ),
        "frozen": meeting.status == MeetingStatus.APPROVED,
    }
    return render(request, "meetings/summary/edit.html", context, status=409 if theirs else 200)


def _status_change(request, pk, service, success_message):
    meeting = access.get_meeting_for_user(request.user, pk, write=True)
    summary = selectors.summary_for_meeting(meeting)
    form = RevisionNumberForm(request.POST)
    if summary is None or not form.is_valid():
        messages.error(request, _("The summary is empty. Write or draft the summary first."))
        return redirect(_summary_url(meeting))
    try:
        service(summary=summary, revision_number=form.cleaned_data["revision"], by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success_message)
    return redirect(_summary_url(meeting))


@login_required
@require_POST
def summary_send_for_review(request, pk):
    return _status_change(
        request, pk, services.summary_send_for_review, _("The summary is in review: the agencies can comment now.")
    )


@login_required
@require_POST
def summary_approve(request, pk):
    return _status_change(request, pk, services.summary_approve, _("The summary is approved. The minutes are ready."))


@login_required
@require_POST
def summary_new_revision(request, pk):
    meeting = access.get_meeting_for_user(request.user, pk, write=True)
    summary = selectors.summary_for_meeting(meeting)
    if summary is None:
        raise Http404
    try:
        services.summary_start_new_revision(summary=summary, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_summary_url(meeting))
    messages.success(request, _("You can edit the summary again; the approved revision stays as it was."))
    return redirect("meetings:summary_edit", pk=meeting.pk)


@login_required
@require_POST
def review_comment_add(request, pk):
    meeting = access.get_meeting_for_user(request.user, pk)
    require(access.can_comment_on_summary(request.user, meeting))
    form = ReviewCommentForm(request.POST)
    if form.is_valid():
        summary = selectors.summary_for_meeting(meeting)
        try:
            if summary is None:
                raise ValidationError(
                    _("Comments are taken only while the summary is in review."), code="not_in_review"
                )
            services.review_comment_add(summary=summary, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Thank you: your comment is on the record."))
            if request.htmx:
                form = ReviewCommentForm()
            else:
                return redirect(f"{_summary_url(meeting)}#comments")
    context = _page_context(request, meeting, comment_form=form)
    template = "meetings/summary/_comments.html" if request.htmx else "meetings/summary/detail.html"
    return render(request, template, context)


@login_required
@require_POST
def review_comment_decide(request, pk):
    comment = access.get_review_comment_for_user(request.user, pk, write=True)
    meeting = comment.summary.meeting
    form = CommentDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.review_comment_decide(
                comment=comment, accept=form.accepted, by=request.user, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Accepted.") if form.accepted else _("Declined."))
    else:
        messages.error(request, _("Choose to accept or decline."))
    return redirect(f"{_summary_url(meeting)}#comment-{comment.pk}")


@login_required
def summary_revisions(request, pk):
    meeting = access.get_meeting_for_user(request.user, pk)
    page = selectors.summary_page(meeting)
    compare = CompareForm(request.GET or None)
    diff = None
    if compare.is_valid() and page.summary is not None:
        pair = selectors.revisions_to_compare(page.summary, compare.cleaned_data["old"], compare.cleaned_data["new"])
        if pair is None:
            compare.add_error(None, _("Choose two revisions of this summary."))
        else:
            old, new = pair
            diff = {
                "old": old,
                "new": new,
                "text": selectors.revision_diff(old.text, new.text),
                "conclusions": selectors.revision_diff(old.conclusions, new.conclusions),
            }
    context = {"meeting": meeting, "page": page, "compare": compare, "diff": diff}
    return render(request, "meetings/summary/revisions.html", context)
