"""Action items (per meeting and across meetings) and the meeting's After Action Review."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from meetings import access
from meetings.forms_summary import ActionItemFilter, ActionItemForm, ActionStatusForm, AfterActionReviewForm
from meetings.selectors.summaries import after_action_review_of
from meetings.services import actions as services
from meetings.views.common import form_error
from pmqa_portal.access import has_role, require
from pmqa_portal.pagination import paginate
from pmqa_portal.roles import Role


@login_required
def meeting_actions(request, pk):
    """The meeting's action items; its facilitators and note-takers add one by hand here."""
    meeting = access.get_meeting_for_user(request.user, pk)
    can_manage = access.can_manage_action_items(request.user, meeting)
    form = None
    if can_manage:
        form = ActionItemForm(request.POST or None, meeting=meeting)
    elif request.method == "POST":
        require(False)
    if form is not None and form.is_valid():
        try:
            services.action_item_create(meeting=meeting, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Action item added."))
            return redirect("meetings:meeting_actions", pk=meeting.pk)
    items = meeting.action_items.with_overdue_flag().for_list()
    context = {
        "meeting": meeting,
        "items": items,
        "form": form,
        "can_manage": can_manage,
        "status_choices": ActionStatusForm.base_fields["status"].choices,
    }
    return render(request, "meetings/actions/meeting_actions.html", context)


@login_required
@require_POST
def action_items_from_points(request, pk):
    meeting = access.get_meeting_for_user(request.user, pk)
    require(access.can_manage_action_items(request.user, meeting))
    try:
        created = services.action_items_from_points(meeting=meeting, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if created:
            messages.success(
                request,
                ngettext(
                    "%(count)s action item created from the points.",
                    "%(count)s action items created from the points.",
                    len(created),
                )
                % {"count": len(created)},
            )
        else:
            messages.info(request, _("Every action-item point already has its action item."))
    return redirect("meetings:meeting_actions", pk=meeting.pk)


@login_required
def action_edit(request, pk):
    item = access.get_action_item_for_user(request.user, pk, write=True)
    require(access.can_manage_action_items(request.user, item.meeting))
    form = ActionItemForm(request.POST or None, instance=item, meeting=item.meeting)
    if form.is_valid():
        try:
            services.action_item_update(item=item, **form.cleaned_data)
        except ValidationError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Action item saved."))
            return redirect("meetings:meeting_actions", pk=item.meeting_id)
    return render(request, "meetings/actions/action_form.html", {"form": form, "item": item, "meeting": item.meeting})


@login_required
@require_POST
def action_status(request, pk):
    """Report progress: the meeting's people or an officer of the responsible agency."""
    item = access.get_action_item_for_user(request.user, pk, write=True)
    form = ActionStatusForm(request.POST)
    if form.is_valid():
        services.action_item_set_status(item=item, status=form.cleaned_data["status"])
        messages.success(request, _("Status saved: %(status)s.") % {"status": item.get_status_display()})
    else:
        messages.error(request, _("Choose a valid status."))
    if request.htmx:
        item.overdue = item.is_overdue_on(timezone.localdate())
        context = {"item": item, "can_update": True, "status_choices": ActionStatusForm.base_fields["status"].choices}
        return render(request, "meetings/actions/_status_cell.html", context)
    next_url = request.POST.get("next", "")
    # Only a path on this site: `redirect()` would try to reverse anything else as a view name.
    safe = next_url.startswith("/") and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if safe:
        return HttpResponseRedirect(next_url)
    return redirect("meetings:action_list")


@login_required
def action_list(request):
    """Open action items across the meetings the user can see, filtered by agency, due date and status."""
    items = access.action_items_visible_to(request.user).with_overdue_flag().for_list()
    action_filter = ActionItemFilter(request.GET, queryset=items)
    page = paginate(request, action_filter.qs)
    template = "meetings/actions/_action_results.html" if request.htmx else "meetings/actions/action_list.html"
    # An officer reports progress on their own agency's items straight from the list.
    officer_agency_id = request.user.agency_id if has_role(request.user, Role.AGENCY_OFFICER) else None
    context = {
        "filter": action_filter,
        "page": page,
        "officer_agency_id": officer_agency_id,
        "status_choices": ActionStatusForm.base_fields["status"].choices,
    }
    return render(request, template, context)


# --- After Action Review -------------------------------------------------------


@login_required
def aar_edit(request, pk):
    meeting = access.get_meeting_for_user(request.user, pk)
    can_edit = access.can_edit_summary(request.user, meeting)
    review = after_action_review_of(meeting)
    if request.method == "POST":
        require(can_edit)
    form = AfterActionReviewForm(
        request.POST or None, instance=review, initial={"version": review.version if review else 0}
    )
    if can_edit and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.AAR_FIELDS}
        try:
            services.aar_save(meeting=meeting, by=request.user, version=form.cleaned_data["version"], **fields)
        except ValidationError as error:
            form_error(form, error)
        else:
            messages.success(request, _("After Action Review saved."))
            return redirect("meetings:aar_edit", pk=meeting.pk)
    context = {"meeting": meeting, "review": review, "form": form, "can_edit": can_edit}
    return render(request, "meetings/actions/aar.html", context)
