"""From a meeting to stakeholder groups: a conclusion turned into groups of the agencies taking part,
an existing group linked, a link removed. Only the meeting's facilitators (and administrators)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from meetings import access
from meetings.forms_agreements import ConclusionGroupsForm, GroupLinkForm, GroupUnlinkForm
from meetings.models import PointKind
from meetings.services import agreements as services
from meetings.views.common import form_error
from pmqa_portal.access import require

PANEL = "meetings/agreements/_meeting_panel.html"


def _back_to_panel(meeting):
    return redirect(f"{meeting.get_absolute_url()}#agreed-groups")


def _created_message(result) -> str:
    created = ngettext("%(count)s group created", "%(count)s groups created", result.created) % {
        "count": result.created
    }
    linked = ngettext(
        "%(count)s group linked to this meeting.", "%(count)s groups linked to this meeting.", result.linked
    ) % {"count": result.linked}
    return _("%(created)s and %(linked)s") % {"created": created, "linked": linked}


@login_required
def conclusion_groups(request, pk):
    """The form that turns one agreed conclusion into a group for each chosen agency."""
    point = access.get_point_for_user(request.user, pk)
    meeting = point.meeting
    require(access.can_manage(request.user, meeting))
    if point.is_deleted or point.kind != PointKind.CONCLUSION:
        raise Http404
    form = ConclusionGroupsForm(request.POST or None, meeting=meeting, point=point)
    if form.is_valid():
        fields = form.cleaned_data
        try:
            result = services.conclusion_groups_create(meeting=meeting, point=point, by=request.user, **fields)
        except ValidationError as error:
            form_error(form, error)
        else:
            messages.success(request, _created_message(result))
            return _back_to_panel(meeting)
    context = {"meeting": meeting, "point": point, "form": form}
    return render(request, "meetings/agreements/conclusion_groups.html", context)


@login_required
def agreement_link(request, pk):
    """Link a group that already exists, optionally to the conclusion it came from."""
    meeting = access.get_meeting_for_user(request.user, pk, write=True)
    form = GroupLinkForm(request.POST or None, meeting=meeting, initial={"point": request.GET.get("point")})
    if form.is_valid():
        try:
            agreement = services.meeting_group_link(meeting=meeting, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_error(form, error)
        else:
            messages.success(request, _("“%(group)s” is linked to this meeting.") % {"group": agreement.group.name})
            return _back_to_panel(meeting)
    return render(request, "meetings/agreements/agreement_link.html", {"meeting": meeting, "form": form})


@login_required
@require_POST
def agreement_unlink(request, pk):
    """Remove a group from the meeting's agreed groups; the group itself stays with its agency."""
    meeting = access.get_meeting_for_user(request.user, pk, write=True)
    form = GroupUnlinkForm(request.POST, meeting=meeting)
    if form.is_valid():
        group = form.cleaned_data["group"]
        services.meeting_group_unlink(meeting=meeting, group=group)
        level, text = messages.SUCCESS, _("“%(group)s” is no longer linked to this meeting.") % {"group": group.name}
    else:
        level, text = messages.ERROR, _("Choose a group linked to this meeting.")
    if request.htmx:
        return render(request, PANEL, {"meeting": meeting, "can_manage": True, "notice": text})
    messages.add_message(request, level, text)
    return _back_to_panel(meeting)
