from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings import access
from meetings.forms import AgendaItemForm, AgendaTemplateChoiceForm
from meetings.services import meetings as services
from meetings.views.common import moving_up


def _agenda_page(request, meeting, form=None, template_form=None):
    context = {
        "meeting": meeting,
        "agenda": meeting.agenda.order_by("order", "pk"),
        "form": form or AgendaItemForm(),
        "template_form": template_form or AgendaTemplateChoiceForm(),
    }
    if request.htmx and form is None:
        return render(request, "meetings/partials/_agenda_editor.html", context)
    return render(request, "meetings/agenda.html", context)


@login_required
def agenda(request, pk):
    """The agenda editor; a POST adds an item."""
    meeting = access.get_meeting_for_user(request.user, pk, write=True)
    form = AgendaItemForm(request.POST or None)
    if form.is_valid():
        services.agenda_item_add(meeting=meeting, **form.cleaned_data)
        messages.success(request, _("Agenda item added."))
        return redirect("meetings:agenda", pk=meeting.pk)
    return _agenda_page(request, meeting, form=form)


@login_required
@require_POST
def agenda_apply_template(request, pk):
    meeting = access.get_meeting_for_user(request.user, pk, write=True)
    form = AgendaTemplateChoiceForm(request.POST)
    if not form.is_valid():
        return _agenda_page(request, meeting, template_form=form)
    services.agenda_apply_template(meeting=meeting, template=form.cleaned_data["template"])
    messages.success(request, _("The agenda was replaced by the template's items."))
    return redirect("meetings:agenda", pk=meeting.pk)


@login_required
def agenda_item_update(request, pk):
    item = access.get_agenda_item_for_user(request.user, pk, write=True)
    form = AgendaItemForm(request.POST or None, instance=item)
    if form.is_valid():
        services.agenda_item_update(item=item, **form.cleaned_data)
        messages.success(request, _("Agenda item saved."))
        return redirect("meetings:agenda", pk=item.meeting_id)
    return render(request, "meetings/agenda_item_form.html", {"form": form, "item": item, "meeting": item.meeting})


@login_required
@require_POST
def agenda_item_move(request, pk):
    item = access.get_agenda_item_for_user(request.user, pk, write=True)
    services.agenda_item_move(item=item, up=moving_up(request))
    if request.htmx:
        return _agenda_page(request, item.meeting)
    return redirect("meetings:agenda", pk=item.meeting_id)


@login_required
@require_POST
def agenda_item_delete(request, pk):
    item = access.get_agenda_item_for_user(request.user, pk, write=True)
    services.agenda_item_delete(item=item)
    if request.htmx:
        return _agenda_page(request, item.meeting)
    messages.success(request, _("Agenda item deleted."))
    return redirect("meetings:agenda", pk=item.meeting_id)
