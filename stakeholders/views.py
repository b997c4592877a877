
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pmqa_portal.ids import as_id
from pmqa_portal.pagination import paginate
from stakeholders import exports, services
from stakeholders.access import (
    can_edit_groups_of,
    can_see_history_of,
    get_agency_for_user,
    get_agency_history_for_user,
    get_channel_for_user,
    get_group_for_user,
    get_need_for_user,
    readable_agencies,
    readable_changes,
    readable_groups,
    readable_templates,
)
from stakeholders.filters import StakeholderGroupFilter
from stakeholders.forms import (
    AddGroupForm,
    CarryForwardForm,
    ChannelForm,
    CompareForm,
    GroupForm,
    ImportForm,
    MoveForm,
    NeedForm,
    RenameForm,
    add_service_errors,
)
from stakeholders.imports import IMPORT_HELP, MAX_ROWS, ImportFileError, ImportRejected
from stakeholders.models import validate_fiscal_year
from stakeholders.selectors import (
    agency_tree,
    compare_agencies,
    default_fiscal_year,
    fiscal_years_of,
    group_list_page,
    stakeholder_map,
)

# --- list, export, comparison ---------------------------------------------------


def _group_filter(request):
    return StakeholderGroupFilter(request.GET, queryset=readable_groups(request.user), user=request.user)


@login_required
def group_list(request):
    group_filter = _group_filter(request)
    results = {"page": group_list_page(request, group_filter.qs)}
    if request.htmx:
        return render(request, "stakeholders/partials/_group_results.html", results)
    return render(request, "stakeholders/group_list.html", {"filter": group_filter, **results})


@login_required
def group_export(request, file_format):
    group_filter = _group_filter(request)
    groups = group_filter.qs.in_tree_order()
    if file_format == "csv":
        return exports.csv_response(groups, "stakeholder-groups")
    if file_format == "xlsx":
        return exports.xlsx_response(groups, "stakeholder-groups")
    raise Http404


@login_required
def compare(request):
    """The agencies of a province (by default the user's), or those ticked, side by side for one fiscal year."""
    return render(request, "stakeholders/compare.html", _compare_context(request))


def _compare_context(request) -> dict:
    """The form bound to the address (the reader's own province when none is named) and what it compares."""
    agencies = readable_agencies(request.user).filter(is_active=True).order_by("name_th", "pk")
    data = request.GET.copy()
    if "province" not in data and not data.getlist("agencies") and request.user.agency_id:
        data["province"] = agencies.filter(pk=request.user.agency_id).values_list("province", flat=True).first() or ""
    form = CompareForm(data, agencies=agencies)
    comparison, offered, chosen = None, [], []
    if form.is_valid():
        province, chosen = form.cleaned_data["province"], list(form.cleaned_data["agencies"])
        offered = list(agencies.filter(province=province)) if province else []
        offered += [agency for agency in chosen if agency not in offered]
        if chosen or province:
            compared = (
                agencies.filter(pk__in=[agency.pk for agency in chosen])
                if chosen
                else agencies.filter(province=province)
            )
            comparison = compare_agencies(compared, form.cleaned_data["fiscal_year"])
    return {"form": form, "comparison": comparison, "offered": offered, "chosen": {agency.pk for agency in chosen}}


# --- an agency's tree -------------------------------------------------------------


def _tree_context(request, agency, year):
    return {
        "agency": agency,
        "year": year,
        "rows": agency_tree(agency, year),
        "can_edit": can_edit_groups_of(request.user, agency),
        "add_form": AddGroupForm(),
    }


def _tree_changed(request, agency_id, year):
    """An htmx request gets the tree again (with the message); a plain form post goes back to the page."""
    if request.htmx:
        agency = get_agency_for_user(request.user, agency_id)
        context = _tree_context(request, agency, year)
        context["show_messages"] = True
        return render(request, "stakeholders/partials/_tree.html", context)
    return redirect("stakeholders:agency_tree", agency_id, year)


def _report(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def _posted_parent(request):
    """The parent group named in the form (empty for the top level), through the access helper."""
    value = request.POST.get("parent", "").strip()
    if not value:
        return None
    parent_id = as_id(value)
    if parent_id is None:
        raise ValidationError(_("Choose the parent group from the list."), code="parent")
    return get_group_for_user(request.user, parent_id, write=True)


def _valid_year_or_404(year: int) -> int:
    try:
        validate_fiscal_year(year)
    except ValidationError:
        raise Http404 from None
    return year


@login_required
def agency_groups(request, agency_pk):
    """The agency's groups: the year asked (?year=, from the year selector) or the latest year it has groups for."""
    agency = get_agency_for_user(request.user, agency_pk)
    year = request.GET.get("year")
    if year is None:
        return _agency_tree_page(request, agency, default_fiscal_year(agency))
    try:
        validate_fiscal_year(int(year))
    except ValueError:
        messages.error(request, _("Enter the fiscal year as a Buddhist-era year, e.g. 2550."))
        return redirect("stakeholders:agency_groups", agency.pk)
    except ValidationError as error:
        _report(request, error)
        return redirect("stakeholders:agency_groups", agency.pk)
    return redirect("stakeholders:agency_tree", agency.pk, int(year))


@login_required
def agency_tree_view(request, agency_pk, year):
    agency = get_agency_for_user(request.user, agency_pk)
    return _agency_tree_page(request, agency, _valid_year_or_404(year))


def _agency_tree_page(request, agency, year):
    context = _tree_context(request, agency, year)
    context["years"] = fiscal_years_of(agency, selected=year)
    context["can_see_history"] = can_see_history_of(request.user, agency)
    return render(request, "stakeholders/agency_tree.html", context)


@require_POST
@login_required
def group_add(request, agency_pk, year):
    agency = get_agency_for_user(request.user, agency_pk, write=True)
    form = AddGroupForm(request.POST)
    if form.is_valid():
        try:
            parent = _posted_parent(request)
            group = services.group_create(
                agency=agency, fiscal_year=year, parent=parent, by=request.user, **form.cleaned_data
            )
            messages.success(request, _("Group “%(name)s” added.") % {"name": group.name})
        except ValidationError as error:
            _report(request, error)
    else:
        messages.error(request, _("Enter a name for the new group."))
    return _tree_changed(request, agency.pk, year)


@login_required
def group_manage(request, pk):
    """The editing panel of one group on the agency page: rename, add a subgroup, move, deactivate."""
    group = get_group_for_user(request.user, pk, write=True)
    rows = agency_tree(group.agency, group.fiscal_year)
    context = {
        "group": group,
        "rename_form": RenameForm(initial={"name": group.name}),
        "add_form": AddGroupForm(),
        "move_form": MoveForm(group=group, tree_rows=rows),
    }
    template = "stakeholders/partials/_group_manage.html" if request.htmx else "stakeholders/group_manage.html"
    return render(request, template, context)


@require_POST
@login_required
def group_rename(request, pk):
    group = get_group_for_user(request.user, pk, write=True)
    form = RenameForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Enter the new name."))
        services.group_rename(group=group, name=form.cleaned_data["name"], by=request.user)
        messages.success(request, _("Group renamed to “%(name)s”.") % {"name": group.name})
    except ValidationError as error:
        _report(request, error)
    return _tree_changed(request, group.agency_id, group.fiscal_year)


@require_POST
@login_required
def group_move(request, pk):
    group = get_group_for_user(request.user, pk, write=True)
    try:
        services.group_move(group=group, new_parent=_posted_parent(request), by=request.user)
        messages.success(request, _("Group “%(name)s” moved.") % {"name": group.name})
    except ValidationError as error:
        _report(request, error)
    return _tree_changed(request, group.agency_id, group.fiscal_year)


@require_POST
@login_required
def group_reorder(request, pk):
    group = get_group_for_user(request.user, pk, write=True)
    try:
        services.group_reorder(group=group, direction=request.POST.get("direction", ""), by=request.user)
    except ValidationError as error:
        _report(request, error)
    return _tree_changed(request, group.agency_id, group.fiscal_year)


@require_POST
@login_required
def group_deactivate(request, pk):
    group = get_group_for_user(request.user, pk, write=True)
    count = services.group_deactivate(group=group, by=request.user)
    messages.success(request, _("%(count)s groups deactivated.") % {"count": count})
    return _tree_changed(request, group.agency_id, group.fiscal_year)


@require_POST
@login_required
def group_reactivate(request, pk):
    group = get_group_for_user(request.user, pk, write=True)
    try:
        count = services.group_reactivate(group=group, by=request.user)
        messages.success(request, _("%(count)s groups reactivated.") % {"count": count})
    except ValidationError as error:
        _report(request, error)
    return _tree_changed(request, group.agency_id, group.fiscal_year)


# --- one group --------------------------------------------------------------------


@login_required
def group_detail(request, pk):
    group = get_group_for_user(request.user, pk)
    can_see_history = can_see_history_of(request.user, group.agency)
    context = {
        "group": group,
        "children": group.children.order_by("order", "name"),
        "needs": group.needs.all(),
        "channels": group.channels.all(),
        "criteria_items": group.criteria_items.select_related("category__edition"),
        "can_edit": can_edit_groups_of(request.user, group.agency),
        "changes": group.history_entries.select_related("changed_by")[:20] if can_see_history else None,
        "need_form": NeedForm(),
        "channel_form": ChannelForm(),
    }
    return render(request, "stakeholders/group_detail.html", context)


@login_required
def group_edit(request, pk):
    group = get_group_for_user(request.user, pk, write=True)
    form = GroupForm.for_group(group, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        details = {name: value for name, value in form.cleaned_data.items() if name != "criteria_items"}
        try:
            services.group_update(
                group=group, by=request.user, criteria_items=form.cleaned_data["criteria_items"], **details
            )
            messages.success(request, _("Group “%(name)s” saved.") % {"name": group.name})
            return redirect(group)
        except ValidationError as error:
            add_service_errors(form, error)
    return render(request, "stakeholders/group_edit.html", {"group": group, "form": form})


def _needs_and_channels_changed(request, group):
    if request.htmx:
        context = {"group": group, "can_edit": True, "needs": group.needs.all(), "channels": group.channels.all()}
        context.update(need_form=NeedForm(), channel_form=ChannelForm())
        return render(request, "stakeholders/partials/_needs_and_channels.html", context)
    return redirect(group)


@require_POST
@login_required
def need_add(request, pk):
    group = get_group_for_user(request.user, pk, write=True)
    form = NeedForm(request.POST)
    if form.is_valid():
        services.need_add(group=group, by=request.user, **form.cleaned_data)
    else:
        messages.error(request, _("Describe the need before adding it."))
    return _needs_and_channels_changed(request, group)


@require_POST
@login_required
def need_delete(request, pk):
    need = get_need_for_user(request.user, pk, write=True)
    group = need.group
    services.need_remove(need=need, by=request.user)
    return _needs_and_channels_changed(request, group)


@require_POST
@login_required
def channel_add(request, pk):
    group = get_group_for_user(request.user, pk, write=True)
    form = ChannelForm(request.POST)
    if form.is_valid():
        services.channel_add(group=group, by=request.user, **form.cleaned_data)
    else:
        messages.error(request, _("Choose a listening channel and how often it is used."))
    return _needs_and_channels_changed(request, group)


@require_POST
@login_required
def channel_delete(request, pk):
    channel = get_channel_for_user(request.user, pk, write=True)
    group = channel.group
    services.channel_remove(channel=channel, by=request.user)
    return _needs_and_channels_changed(request, group)


# --- carry forward and import --------------------------------------------------------


@login_required
def carry_forward(request, agency_pk, year):
    agency = get_agency_for_user(request.user, agency_pk, write=True)
    _valid_year_or_404(year)
    form = CarryForwardForm(
        request.POST or None,
        initial={"source_agency": agency.pk, "source_year": year - 1},
        agencies=readable_agencies(request.user).filter(is_active=True).order_by("name_th"),
        templates=readable_templates(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["source"] == CarryForwardForm.TEMPLATE:
                created = services.groups_apply_template(
                    template=data["template"], agency=agency, fiscal_year=year, by=request.user
                )
            else:
                from_agency = data["source_agency"] if data["source"] == CarryForwardForm.AGENCY else agency
                from_year = data["source_year"] if data["source"] == CarryForwardForm.AGENCY else year - 1
                created = services.groups_carry_forward(
                    source_agency=from_agency, source_year=from_year, agency=agency, fiscal_year=year, by=request.user
                )
            if created:
                messages.success(request, _("%(count)s groups copied.") % {"count": created})
            else:
                messages.info(request, _("Every group is already in this year: nothing more was copied."))
            return redirect("stakeholders:agency_tree", agency.pk, year)
        except ValidationError as error:
            add_service_errors(form, error)
    return render(request, "stakeholders/carry_forward.html", {"agency": agency, "year": year, "form": form})


@login_required
def group_import(request, agency_pk, year):
    agency = get_agency_for_user(request.user, agency_pk, write=True)
    _valid_year_or_404(year)
    form = ImportForm(request.POST or None, request.FILES or None)
    row_errors = []
    if request.method == "POST" and form.is_valid():
        try:
            created = services.groups_import(
                agency=agency, fiscal_year=year, uploaded_file=form.cleaned_data["file"], by=request.user
            )
            messages.success(request, _("%(count)s groups imported.") % {"count": created})
            return redirect("stakeholders:agency_tree", agency.pk, year)
        except ImportFileError as error:
            form.add_error("file", str(error))
        except ImportRejected as rejected:
            row_errors = rejected.errors
            form.add_error(None, _("Nothing was imported: correct the rows below and import the file again."))
    context = {
        "agency": agency,
        "year": year,
        "form": form,
        "row_errors": row_errors,
        "help": IMPORT_HELP,
        "max_rows": MAX_ROWS,
    }
    return render(request, "stakeholders/import.html", context)


# --- map and history --------------------------------------------------------------------


def _map_context(request, agency_pk, year):
    agency = get_agency_for_user(request.user, agency_pk)
    _valid_year_or_404(year)
    return {"agency": agency, "year": year, "chart": stakeholder_map(agency_tree(agency, year))}


@login_required
def map_page(request, agency_pk, year):
    return render(request, "stakeholders/map.html", _map_context(request, agency_pk, year))


@login_required
def map_svg(request, agency_pk, year):
    """The same picture as a standalone file: to download, print or put in a report."""
    svg = render_to_string("stakeholders/partials/_map_svg.html", _map_context(request, agency_pk, year), request)
    response = HttpResponse('<?xml version="1.0" encoding="UTF-8"?>\n' + svg, content_type="image/svg+xml")
    response["Content-Disposition"] = f'inline; filename="stakeholder-map-{agency_pk}-{year}.svg"'
    return response


@login_required
def history(request, agency_pk, year):
    agency = get_agency_history_for_user(request.user, agency_pk)
    changes = readable_changes(request.user, agency).filter(fiscal_year=year).select_related("changed_by", "group")
    page = paginate(request, changes)
    return render(request, "stakeholders/history.html", {"agency": agency, "year": year, "page": page})


@login_required
def import_example(request):
    """A small file in the import format: the template the agriculture, livestock and fisheries offices agreed on."""
    lines = [",".join(str(column.label) for column in exports.COLUMNS if column.key in _EXAMPLE_COLUMNS)]
    lines += [",".join(row) for row in _EXAMPLE_ROWS]
    response = HttpResponse("\ufeff" + "\r\n".join(lines) + "\r\n", content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="stakeholder-groups-example.csv"'
    return response


_EXAMPLE_COLUMNS = {"parent", "name", "kind", "influence", "interest", "criteria_items"}
# In the order of exports.COLUMNS: parent, name, kind, influence, interest, criteria items.
_EXAMPLE_ROWS = [
    ("", "เกษตรกร", "service_recipient", "3", "4", "CS1"),
    ("เกษตรกร", "ด้านพืช", "", "", "", ""),
    ("เกษตรกร", "ด้านปศุสัตว์", "", "", "", ""),
    ("เกษตรกร", "ด้านประมง", "", "", "", ""),
    ("", "วิสาหกิจชุมชน", "service_recipient", "2", "3", "CS1"),
    ("วิสาหกิจชุมชน", "ด้านการผลิต", "", "", "", ""),
    ("วิสาหกิจชุมชน", "ด้านการบริการ", "", "", "", ""),
]
