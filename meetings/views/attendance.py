from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings import access
from meetings.forms import AttendanceForm
from meetings.services import meetings as services
from meetings.views.common import form_error


@login_required
def attendance(request, pk):
    """The attendance list of a meeting; a POST adds a person."""
    meeting = access.get_meeting_for_user(request.user, pk, write=True)
    form = AttendanceForm(request.POST or None, meeting=meeting)
    if form.is_valid():
        try:
            services.attendance_add(meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Added to the attendance list."))
            return redirect("meetings:attendance", pk=meeting.pk)
    attendances = meeting.attendances.select_related("user", "agency", "substitute_for").order_by("order", "pk")
    context = {"meeting": meeting, "attendances": attendances, "form": form}
    return render(request, "meetings/attendance.html", context)


@login_required
@require_POST
def attendance_fill_from_group(request, pk):
    meeting = access.get_meeting_for_user(request.user, pk, write=True)
    added = services.attendance_fill_from_group(meeting=meeting)
    if added:
        messages.success(request, _("%(count)s members of the working group added.") % {"count": added})
    else:
        messages.info(request, _("Every member of the working group is already listed."))
    return redirect("meetings:attendance", pk=meeting.pk)


@login_required
def attendance_update(request, pk):
    person = access.get_attendance_for_user(request.user, pk, write=True)
    form = AttendanceForm(request.POST or None, instance=person, meeting=person.meeting)
    if form.is_valid():
        try:
            services.attendance_update(person=person, **form.cleaned_data)
        except ValidationError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Attendance saved."))
            return redirect("meetings:attendance", pk=person.meeting_id)
    context = {"form": form, "person": person, "meeting": person.meeting}
    return render(request, "meetings/attendance_form.html", context)


@login_required
@require_POST
def attendance_remove(request, pk):
    person = access.get_attendance_for_user(request.user, pk, write=True)
    services.attendance_remove(person=person)
    messages.success(request, _("Removed from the attendance list."))
    return redirect("meetings:attendance", pk=person.meeting_id)
