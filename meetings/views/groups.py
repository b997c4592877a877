from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings import access
from meetings.forms import MemberForm, WorkingGroupForm
from meetings.services import groups as group_services
from meetings.views.common import form_error
from pmqa_portal.access import require
from pmqa_portal.pagination import paginate


@login_required
def group_list(request):
    groups = (
        access.groups_visible_to(request.user)
        .select_related("province")
        .annotate(member_count=Count("members", distinct=True), meeting_count=Count("meetings", distinct=True))
        .order_by("province__name_th", "name", "pk")
    )
    page = paginate(request, groups)
    can_create = access.can_create_group(request.user)
    return render(request, "meetings/group_list.html", {"page": page, "can_create": can_create})


@login_required
def group_detail(request, pk):
    group = access.get_working_group_for_user(request.user, pk)
    members = group.members.select_related("user", "agency").order_by("order", "pk")
    agencies = group.member_agencies.order_by("name_th")
    meetings = group.meetings.select_related("category__edition")[:20]
    context = {
        "group": group,
        "members": members,
        "agencies": agencies,
        "meetings": meetings,
        "can_manage": access.can_manage_group(request.user, group),
        "member_form": MemberForm(group=group),
    }
    return render(request, "meetings/group_detail.html", context)


@login_required
def group_create(request):
    require(access.can_create_group(request.user))
    form = WorkingGroupForm(request.POST or None)
    if form.is_valid():
        try:
            group = group_services.working_group_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Working group created."))
            return redirect(group)
    return render(request, "meetings/group_form.html", {"form": form})


@login_required
def group_update(request, pk):
    group = access.get_working_group_for_user(request.user, pk, write=True)
    form = WorkingGroupForm(request.POST or None, instance=group)
    if form.is_valid():
        try:
            group_services.working_group_update(group=group, **form.cleaned_data)
        except ValidationError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Working group saved."))
            return redirect(group)
    return render(request, "meetings/group_form.html", {"form": form, "group": group})


@login_required
def member_add(request, pk):
    group = access.get_working_group_for_user(request.user, pk, write=True)
    form = MemberForm(request.POST or None, group=group)
    if form.is_valid():
        try:
            group_services.member_add(group=group, **form.cleaned_data)
        except ValidationError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Member added."))
            return redirect(group)
    return render(request, "meetings/member_form.html", {"form": form, "group": group})


@login_required
def member_update(request, pk):
    member = access.get_member_for_user(request.user, pk)
    group = member.working_group
    form = MemberForm(request.POST or None, instance=member, group=group)
    if form.is_valid():
        try:
            group_services.member_update(member=member, **form.cleaned_data)
        except ValidationError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Member saved."))
            return redirect(group)
    return render(request, "meetings/member_form.html", {"form": form, "group": group, "member": member})


@login_required
@require_POST
def member_remove(request, pk):
    member = access.get_member_for_user(request.user, pk)
    group_services.member_remove(member=member)
    messages.success(request, _("Member removed."))
    return redirect(member.working_group)
