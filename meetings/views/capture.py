"""Live capture, its polls, the coverage matrix, the projector and pre-meeting input.

Each view answers a full page, or for htmx the piece of it that changed; every
action also works as a plain form post followed by a redirect (JavaScript off).
"""

import json
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from meetings import access
from meetings.forms_capture import PointEditForm, PointForm, PremeetingAnswerForm, PremeetingForm
from meetings.models import PointKind
from meetings.selectors import points as selectors
from meetings.selectors.points import ChangeToken
from meetings.services import points as services
from meetings.views.common import form_error, moving_up
from pmqa_portal.access import require
from pmqa_portal.ids import as_id

# htmx event that makes the capture page's coverage matrix reload itself.
POINTS_CHANGED = "points-changed"


def _capture_url(meeting_id: int, *, kept: dict | None = None, anchor: str = "") -> str:
    """The capture page, with the agency, question and kind to keep in the form (JavaScript off)."""
    names = {"agency": "agency", "lead_question": "question", "kind": "kind"}
    query = {names[key]: value for key, value in (kept or {}).items() if value}
    url = reverse("meetings:capture", args=[meeting_id])
    return url + (f"?{urlencode(query)}" if query else "") + (f"#{anchor}" if anchor else "")


def _kept_from_query(query) -> dict:
    kind = query.get("kind")
    return {
        "agency": query.get("agency"),
        "lead_question": query.get("question"),
        "kind": kind if kind in PointKind.values else PointKind.CURRENT_PRACTICE,
    }


def _changed(response: HttpResponse) -> HttpResponse:
    response["HX-Trigger"] = POINTS_CHANGED
    return response


def _capture_page(request, meeting, *, form=None):
    page = selectors.capture_page(meeting)
    if form is None:
        form = PointForm(initial=_kept_from_query(request.GET), agencies=page["agencies"], questions=page["questions"])
    else:
        form.offer(agencies=page["agencies"], questions=page["questions"])
    context = {
        **page,
        "meeting": meeting,
        "form": form,
        "can_capture": True,
        "kinds": list(PointKind),
        "undo_point": selectors.deleted_point(meeting, request.GET.get("undo")),
    }
    return render(request, "meetings/capture/capture.html", context)


@login_required
def capture(request, pk):
    """The live capture page. A POST adds a point: htmx gets the new row, and the form (which it
    keeps, with its agency, question and kind) is cleared; without JavaScript the page reloads."""
    meeting = access.get_meeting_for_user(request.user, pk)
    require(access.can_capture(request.user, meeting))
    if request.method != "POST":
        return _capture_page(request, meeting)
    choices = selectors.capture_choices(meeting)
    form = PointForm(request.POST, agencies=choices.agencies, questions=choices.questions)
    point = None
    if form.is_valid():
        try:
            point = services.point_capture(meeting=meeting, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_error(form, error)
    if point is None:
        if not request.htmx:
            return _capture_page(request, meeting, form=form)
        return render(request, "meetings/capture/_capture_form.html", {"meeting": meeting, "form": form})
    if not request.htmx:
        messages.success(request, _("Point saved."))
        return redirect(_capture_url(meeting.pk, kept=form.kept(), anchor=f"point-{point.pk}"))
    context = {"saved_points": [point]}
    response = render(request, "meetings/capture/_capture_saved.html", context)
    response["HX-Reswap"] = "none"  # the form stays; meetings.js clears its text on "point-captured"
    response["HX-Trigger"] = json.dumps({POINTS_CHANGED: None, "point-captured": None})
    return response


@login_required
@require_GET
def point_changes(request, pk):
    """The capture page's poll: the points changed since its token, or 204 when nothing changed."""
    token = ChangeToken.parse(request.GET.get("since"))
    changes = access.get_point_changes_for_user(request.user, pk, token)
    if not changes.changed:
        return HttpResponse(status=204)
    context = {"points": changes.points, "since": token.advance(changes.points)}
    return _changed(render(request, "meetings/capture/_point_changes.html", context))


@login_required
@require_GET
def coverage(request, pk):
    """The coverage matrix on its own page; for htmx, the capture page's panel (reloaded when points change)."""
    meeting = access.get_meeting_for_user(request.user, pk)
    context = {
        "meeting": meeting,
        "coverage": selectors.coverage_matrix(meeting),
        "can_capture": access.can_capture(request.user, meeting),
        "pick": request.GET.get("pick") == "1",
    }
    template = "meetings/capture/_coverage.html" if request.htmx else "meetings/capture/coverage.html"
    return render(request, template, context)


def _captures(request, point) -> bool:
    """Whether the user captures the point's meeting; else they are an officer changing their agency's answer."""
    return access.can_capture(request.user, point.meeting)


def _back_url(request, point) -> str:
    """Where a plain (JavaScript off) post returns: the capture page, or an officer's pre-meeting form."""
    if _captures(request, point):
        return _capture_url(point.meeting_id, anchor=f"point-{point.pk}")
    return reverse("meetings:premeeting", args=[point.meeting_id])


def _row(request, point):
    """The point's row; its buttons (edit, move, delete) are for those who capture."""
    context = {"points": [point], "actions": _captures(request, point)}
    return render(request, "meetings/capture/_point_rows.html", context)


def _refused(request, point, error: ValidationError):
    """A write the meeting's status does not allow now: a message, not an error page."""
    message = " ".join(error.messages)
    if request.htmx:
        response = render(request, "meetings/capture/_status.html", {"status_message": message})
        response["HX-Reswap"] = "none"
        return response
    messages.error(request, message)
    return redirect(_back_url(request, point))


@login_required
@require_GET
def point_detail(request, pk):
    """One point; for htmx its row (the capture page's "cancel" of an edit)."""
    point = access.get_point_for_user(request.user, pk)
    if request.htmx:
        return _row(request, point)
    context = {"point": point, "meeting": point.meeting, "can_edit": access.can_edit_point(request.user, point)}
    return render(request, "meetings/capture/point_detail.html", context)


def _point_edit_form(request, point):
    """The capturers' form (agency, question, kind and text), or an officer's (their answer's text only)."""
    seen = PointEditForm.stamp(point.updated_at)
    if not _captures(request, point):
        return PremeetingAnswerForm(request.POST or None, initial={"text": point.text, "seen": seen})
    meeting = point.meeting
    taking_part = selectors.agencies_taking_part(meeting)
    agencies = [*taking_part.values(), *([] if point.agency_id in taking_part else [point.agency])]
    initial = {"agency": point.agency_id, "lead_question": point.lead_question_id, "kind": point.kind,
               "text": point.text, "seen": seen}  # fmt: skip
    return PointEditForm(
        request.POST or None, initial=initial, agencies=agencies, questions=selectors.lead_questions_of(meeting)
    )


@login_required
def point_update(request, pk):
    """Edit a point in its place (htmx) or on its own page: agency, question (moves it), kind and text;
    an officer edits only the text of their agency's answer sent before the meeting."""
    point = access.get_point_for_user(request.user, pk, write=True)
    form = _point_edit_form(request, point)
    save = services.point_update if _captures(request, point) else services.premeeting_answer_update
    current_text = ""
    if form.is_valid():
        fields = {name: value for name, value in form.cleaned_data.items() if name != "seen"}
        try:
            save(point=point, seen_updated_at=form.cleaned_data["seen"], **fields)
        except ValidationError as error:
            form_error(form, error)
            if getattr(error, "code", None) == "changed_meanwhile":
                # Show their version; saving again (on purpose) then overwrites it.
                point.refresh_from_db()
                current_text = point.text
                form.data = form.data.copy()
                form.data["seen"] = PointEditForm.stamp(point.updated_at)
        else:
            if request.htmx:
                return _changed(_row(request, point))
            messages.success(request, _("Point saved."))
            return redirect(_back_url(request, point))
    context = {"point": point, "meeting": point.meeting, "form": form, "current_text": current_text,
               "back_url": _back_url(request, point)}  # fmt: skip
    template = "meetings/capture/_point_edit.html" if request.htmx else "meetings/capture/point_form.html"
    return render(request, template, context)


@login_required
@require_POST
def point_move(request, pk):
    """Move a point one place up or down within its question."""
    point = access.get_point_for_user(request.user, pk, move=True)
    try:
        moved = services.point_move(point=point, up=moving_up(request))
    except ValidationError as error:
        return _refused(request, point, error)
    if request.htmx:
        context = {"points": moved, "actions": True}
        return render(request, "meetings/capture/_point_rows.html", context)
    return redirect(_back_url(request, point))


@login_required
@require_POST
def point_delete(request, pk):
    """Delete a point; the answer offers to undo it (htmx: in the point's place; else at the top of the page)."""
    point = access.get_point_for_user(request.user, pk, write=True)
    delete = services.point_delete if _captures(request, point) else services.premeeting_answer_withdraw
    try:
        delete(point=point)
    except ValidationError as error:
        return _refused(request, point, error)
    if request.htmx:
        return _changed(render(request, "meetings/capture/_point_undo.html", {"point": point}))
    messages.success(request, _("Point deleted."))
    if _captures(request, point):
        return redirect(_capture_url(point.meeting_id) + f"?undo={point.pk}")
    return redirect(_back_url(request, point))


@login_required
@require_POST
def point_restore(request, pk):
    """Undo a deletion."""
    point = access.get_point_for_user(request.user, pk, write=True)
    restore = services.point_restore if _captures(request, point) else services.premeeting_answer_restore
    try:
        restore(point=point)
    except ValidationError as error:
        return _refused(request, point, error)
    if request.htmx:
        return _changed(_row(request, point))
    messages.success(request, _("Point restored."))
    return redirect(_back_url(request, point))


def _pinned(query) -> tuple[int | None, bool]:
    """The question the projector is pinned to: (question id, general points?); none means follow."""
    value = query.get("question", "")
    if value == "general":
        return None, True
    return as_id(value), False


@login_required
@require_GET
def projector(request, pk):
    """The room's screen: the current lead question and its points by agency, large and read-only.

    It polls itself with its token: 204 while nothing changed, else its refreshed body.
    """
    pinned, general = _pinned(request.GET)
    since = request.GET.get("since")
    if request.htmx and since:
        changes = access.get_point_changes_for_user(request.user, pk, ChangeToken.parse(since))
        if not changes.changed:
            return HttpResponse(status=204)
        meeting = changes.meeting
    else:
        meeting = access.get_meeting_for_user(request.user, pk)
    page = selectors.projector_page(meeting, pinned_question_id=pinned, general=general)
    query = {"question": request.GET["question"]} if pinned or general else {}
    poll_url = reverse("meetings:projector", args=[meeting.pk]) + "?" + urlencode({**query, "since": page["since"]})
    context = {**page, "meeting": meeting, "poll_url": poll_url}
    template = "meetings/capture/_projector_body.html" if request.htmx else "meetings/capture/projector.html"
    return render(request, template, context)


@login_required
def premeeting(request, pk):
    """An officer sends their agency's answers to the lead questions before the meeting (one box per question)."""
    meeting = access.get_meeting_for_user(request.user, pk)
    require(access.can_submit_premeeting(request.user, meeting))
    agency = request.user.agency
    questions = selectors.lead_questions_of(meeting)
    answers = selectors.premeeting_answers(meeting, agency.pk)
    initial = {PremeetingForm.field_name(q): answers[q.pk].text for q in questions if q.pk in answers}
    form = PremeetingForm(request.POST or None, initial=initial, questions=questions)
    if form.is_valid():
        try:
            services.premeeting_submit(meeting=meeting, agency=agency, answers=form.answers(), by=request.user)
        except ValidationError as error:
            form_error(form, error)
        else:
            messages.success(
                request, _("Your agency's answers were sent. You may change them until the meeting starts.")
            )
            return redirect("meetings:premeeting", pk=meeting.pk)
    if not meeting.premeeting_open and not form.is_bound:
        for field in form.fields.values():
            field.disabled = True
    context = {"meeting": meeting, "agency": agency, "questions": questions, "form": form}
    return render(request, "meetings/capture/premeeting.html", context)
