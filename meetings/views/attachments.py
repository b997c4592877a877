from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings import access
from meetings.forms import AttachmentForm
from meetings.services import attachments as services
from pmqa_portal.access import require


@login_required
def attachment_upload(request, pk):
    meeting = access.get_meeting_for_user(request.user, pk)
    require(access.can_upload_attachment(request.user, meeting))
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if form.is_valid():
        services.attachment_upload(meeting=meeting, by=request.user, **form.cleaned_data)
        messages.success(request, _("File attached."))
        return redirect(meeting)
    return render(request, "meetings/attachment_form.html", {"form": form, "meeting": meeting})


@login_required
def attachment_download(request, pk):
    """Served here, after the permission check, never from MEDIA_URL."""
    attachment = access.get_attachment_for_user(request.user, pk)
    inline = attachment.content_type in ("application/pdf", "image/jpeg", "image/png")
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=not inline,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=0"
    return response


@login_required
@require_POST
def attachment_delete(request, pk):
    attachment = access.get_attachment_for_user(request.user, pk, write=True)
    services.attachment_delete(attachment=attachment)
    messages.success(request, _("Attachment deleted."))
    return redirect(attachment.meeting)
