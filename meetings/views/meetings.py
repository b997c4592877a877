from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings import access
from meetings.calendar import meeting_calendar
from meetings.filters import MeetingFilter
from meetings.forms import MeetingDuplicateForm, MeetingForm, StatusForm
from meetings.selectors import meetings as selectors
from meetings.selectors.points import coverage_matrix
from meetings.services import meetings as services
from meetings.services.lifecycle import next_statuses
from meetings.views.common import form_error
from pmqa_portal.access import require
from pmqa_portal.pagination import paginate


@login_required
def meeting_list(request):
    meeting_filter = MeetingFilter(request.GET, queryset=selectors.meeting_list(request.user))
    context = {"filter": meeting_filter, "page": paginate(request, meeting_filter.qs)}
    if request.htmx:
        return render(request, "meetings/partials/_meeting_results.html", context)
    context["can_create"] = access.can_create_meeting(request.user)
    return render(request, "meetings/meeting_list.html", context)


@login_required
def meeting_detail(request, pk):
    meeting = access.get_meeting_for_user(request.user, pk)
    page = selectors.meeting_page(meeting)
    context = {
        "meeting": meeting,
        **page,
        "can_manage": access.can_manage(request.user, meeting),
        "can_capture": access.can_capture(request.user, meeting),
        "can_submit_premeeting": access.can_submit_premeeting(request.user, meeting),
        "coverage": coverage_matrix(meeting, lead_questions=page["lead_questions"]),
        "next_statuses": next_statuses(meeting),
    }
    return render(request, "meetings/meeting_detail.html", context)


@login_required
def meeting_create(request):
    require(access.can_create_meeting(request.user))
    form = MeetingForm(request.POST or None, user=request.user, initial={"working_group": request.GET.get("group")})
    if form.is_valid():
        try:
            meeting = services.meeting_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Meeting %(number)s created.") % {"number": meeting.number_label})
            return redirect(meeting)
    return render(request, "meetings/meeting_form.html", {"form": form})


@login_required
def meeting_update(request, pk):
    meeting = access.get_meeting_for_user(request.user, pk, write=True)
    form = MeetingForm(request.POST or None, instance=meeting, user=request.user)
    if form.is_valid():
        fields = {name: value for name, value in form.cleaned_data.items() if name != "working_group"}
        try:
            services.meeting_update(meeting=meeting, **fields)
        except ValidationError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Meeting saved."))
            return redirect(meeting)
    return render(request, "meetings/meeting_form.html", {"form": form, "meeting": meeting})


@login_required
@require_POST
def meeting_status(request, pk):
    meeting = access.get_meeting_for_user(request.user, pk, write=True)
    form = StatusForm(request.POST)
    try:
        require(form.is_valid())
        services.meeting_set_status(meeting=meeting, status=form.cleaned_data["status"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The meeting is now “%(status)s”.") % {"status": meeting.get_status_display()})
    return redirect(meeting)


@login_required
def meeting_duplicate(request, pk):
    meeting = access.get_meeting_for_user(request.user, pk, write=True)
    initial = {"title": meeting.title, "venue": meeting.venue, "start_time": meeting.start_time,
               "end_time": meeting.end_time}  # fmt: skip
    form = MeetingDuplicateForm(request.POST or None, initial=initial)
    if form.is_valid():
        source = selectors.meeting_for_duplicate(meeting)
        copy = services.meeting_duplicate(meeting=source, by=request.user, **form.cleaned_data)
        messages.success(request, _("Meeting %(number)s created from this one.") % {"number": copy.number_label})
        return redirect(copy)
    return render(request, "meetings/meeting_duplicate.html", {"form": form, "meeting": meeting})


@login_required
@require_POST
def meeting_delete(request, pk):
    meeting = access.get_meeting_for_user(request.user, pk, write=True)
    try:
        services.meeting_delete(meeting=meeting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(meeting)
    messages.success(request, _("Meeting deleted."))
    return redirect("meetings:meeting_list")


@login_required
def meeting_ics(request, pk):
    meeting = access.get_meeting_for_user(request.user, pk)
    body = meeting_calendar(meeting, url=request.build_absolute_uri(meeting.get_absolute_url()))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.number}-{meeting.be_year}.ics"'
    return response
