"""Official minutes (print view, .docx, PDF), their details, and the points as CSV and XLSX."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from meetings import access
from meetings.forms_summary import MinutesForm
from meetings.selectors.summaries import summary_for_meeting
from meetings.services import minutes as services


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def minutes_print(request, pk):
    """The minutes as a page to print (A4, print CSS); the approved revision, or the draft marked ร่าง."""
    meeting = access.get_meeting_for_user(request.user, pk)
    return HttpResponse(services.minutes_html(services.minutes_for_meeting(meeting)))


@login_required
def minutes_docx(request, pk):
    meeting = access.get_meeting_for_user(request.user, pk)
    minutes = services.minutes_for_meeting(meeting)
    return _download(services.minutes_docx(minutes), services.DOCX_CONTENT_TYPE, f"{minutes.filename}.docx")


@login_required
def minutes_pdf(request, pk):
    meeting = access.get_meeting_for_user(request.user, pk)
    minutes = services.minutes_for_meeting(meeting)
    return _download(services.minutes_pdf(minutes), "application/pdf", f"{minutes.filename}.pdf")


@login_required
def minutes_edit(request, pk):
    """Who took and checked the minutes, where the summary goes, and what each other agenda item says."""
    meeting = access.get_meeting_for_user(request.user, pk, write=True)
    agenda = list(meeting.agenda.select_related("minute").order_by("order", "pk"))
    summary = summary_for_meeting(meeting)
    form = MinutesForm(request.POST or None, agenda_items=agenda, initial=MinutesForm.initial_for(summary, agenda))
    if form.is_valid():
        data = {name: form.cleaned_data[name] for name in MinutesForm.SUMMARY_FIELDS}
        services.minutes_save(meeting=meeting, by=request.user, item_texts=form.item_texts(), **data)
        messages.success(request, _("The minutes' details are saved."))
        return redirect("meetings:minutes_print", pk=meeting.pk)
    return render(request, "meetings/minutes/edit.html", {"meeting": meeting, "form": form})


@login_required
def points_csv(request, pk):
    meeting = access.get_meeting_for_user(request.user, pk)
    filename = f"points-{meeting.number}-{meeting.be_year}.csv"
    return _download(services.points_csv(meeting), "text/csv; charset=utf-8", filename)


@login_required
def points_xlsx(request, pk):
    meeting = access.get_meeting_for_user(request.user, pk)
    filename = f"points-{meeting.number}-{meeting.be_year}.xlsx"
    return _download(services.points_xlsx(meeting), services.XLSX_CONTENT_TYPE, filename)
