"""Writes to stakeholder groups. Each change is logged in `GroupChange` with old and new values."""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from pmqa_portal.duplicates import save_unique
from pmqa_portal.models import Agency
from stakeholders.imports import plan_import, read_rows
from stakeholders.models import (
    ChangeAction,
    GroupChange,
    GroupKind,
    ListeningChannel,
    Need,
    StakeholderGroup,
    StakeholderTemplate,
    TreeShape,
    normalise_name,
)

# The fields a person edits on the group form; their old and new values go to the history.
DETAIL_FIELDS = [
    "name",
    "kind",
    "description",
    "segmentation_basis",
    "estimated_size",
    "services",
    "influence",
    "interest",
]


def _value(group: StakeholderGroup, name: str):
    if name == "parent":
        return group.parent.name if group.parent_id else None
    if name == "criteria_items":
        return sorted(item.code for item in group.criteria_items.all())
    return getattr(group, name)


def _snapshot(group: StakeholderGroup, names) -> dict:
    return {name: _value(group, name) for name in names}


def _diff(before: dict, after: dict) -> dict:
    return {name: [before[name], after[name]] for name in after if before.get(name) != after[name]}


def group_change_record(*, group: StakeholderGroup, action: str, changes: dict, by) -> GroupChange:
    """Write one history entry; the services call it for every change they make."""
    change = GroupChange(
        agency_id=group.agency_id,
        fiscal_year=group.fiscal_year,
        group=group,
        group_name=group.name,
        action=action,
        changes=changes,
        changed_by=by,
    )
    change.full_clean()
    change.save()
    return change


def _creation_changes(group: StakeholderGroup) -> dict:
    values = _snapshot(group, ["parent", *DETAIL_FIELDS])
    return {name: [None, value] for name, value in values.items() if value not in (None, "", [])}


def _lock_tree(agency_id: int) -> None:
    """Writes that add groups to an agency's tree take turns, each seeing the groups the one before
    it added: a double click adds a group (or copies a year, or imports a file) once, and the second
    is answered like any repeat. FOR NO KEY UPDATE on the agency's row does not hold up the rows that
    merely refer to the agency. (SQLite's transactions take turns from their start anyway.)"""
    Agency.objects.select_for_update(no_key=True).filter(pk=agency_id).values_list("pk", flat=True).first()


def _next_order(agency_id: int, fiscal_year: int, parent_id: int | None) -> int:
    siblings = StakeholderGroup.objects.filter(agency_id=agency_id, fiscal_year=fiscal_year, parent_id=parent_id)
    highest = siblings.aggregate(highest=Max("order"))["highest"]
    return 0 if highest is None else highest + 1


@transaction.atomic
def group_create(
    *,
    agency,
    fiscal_year: int,
    name: str,
    by,
    parent: StakeholderGroup | None = None,
    kind: str | None = None,
    **details,
) -> StakeholderGroup:
    """Add a group at the end of its siblings; a subgroup takes its parent's kind unless told otherwise."""
    _lock_tree(agency.pk)
    group = StakeholderGroup(
        agency=agency,
        fiscal_year=fiscal_year,
        parent=parent,
        name=normalise_name(name),
        kind=kind or (parent.kind if parent else GroupKind.SERVICE_RECIPIENT),
        **details,
    )
    if parent is not None and parent.agency_id == agency.pk and parent.fiscal_year == fiscal_year:
        TreeShape.load(agency.pk, fiscal_year).check_can_place(group, parent.pk)
    group.order = _next_order(agency.pk, fiscal_year, parent.pk if parent else None)
    group.full_clean()
    save_unique(group)
    group_change_record(group=group, action=ChangeAction.CREATED, changes=_creation_changes(group), by=by)
    return group


@transaction.atomic
def group_update(*, group: StakeholderGroup, by, criteria_items=None, **changes) -> StakeholderGroup:
    """Change a group's details; logs each field that changed with its old and new value."""
    unknown = set(changes) - set(DETAIL_FIELDS)
    if unknown:
        raise TypeError(f"group_update cannot change {sorted(unknown)}")
    names = [*DETAIL_FIELDS] + (["criteria_items"] if criteria_items is not None else [])
    before = _snapshot(group, names)
    for name, value in changes.items():
        setattr(group, name, value)
    group.full_clean()
    save_unique(group)
    if criteria_items is not None:
        group.criteria_items.set(criteria_items)
        # The prefetched items, if any, are stale now.
        getattr(group, "_prefetched_objects_cache", {}).pop("criteria_items", None)
    difference = _diff(before, _snapshot(group, names))
    if difference:
        action = ChangeAction.RENAMED if set(difference) == {"name"} else ChangeAction.UPDATED
        group_change_record(group=group, action=action, changes=difference, by=by)
    return group


def group_rename(*, group: StakeholderGroup, name: str, by) -> StakeholderGroup:
    return group_update(group=group, name=normalise_name(name), by=by)


@transaction.atomic
def group_move(*, group: StakeholderGroup, new_parent: StakeholderGroup | None, by) -> StakeholderGroup:
    """Put a group (with its subtree) under another parent of the same tree, or at the top level.

    Refused when the new parent is the group itself or one of its subgroups, or
    when the tree would grow deeper than allowed.
    """
    new_parent_id = new_parent.pk if new_parent else None
    if new_parent_id == group.parent_id:
        return group
    if new_parent is not None and (
        new_parent.agency_id != group.agency_id or new_parent.fiscal_year != group.fiscal_year
    ):
        raise ValidationError(
            {"parent": _("The parent group must belong to the same agency and fiscal year.")}, code="parent_elsewhere"
        )
    TreeShape.load(group.agency_id, group.fiscal_year).check_can_place(group, new_parent_id)
    old_parent = _value(group, "parent")
    group.parent = new_parent
    group.order = _next_order(group.agency_id, group.fiscal_year, new_parent_id)
    group.full_clean()
    save_unique(group)
    group_change_record(
        group=group, action=ChangeAction.MOVED, changes={"parent": [old_parent, _value(group, "parent")]}, by=by
    )
    return group


@transaction.atomic
def group_reorder(*, group: StakeholderGroup, direction: str, by) -> StakeholderGroup:
    """Swap a group with the sibling above ("up") or below ("down"); nothing happens at either end."""
    if direction not in ("up", "down"):
        raise ValidationError(_("Choose up or down."), code="direction")
    # The siblings' rows are locked in their order, which the swap changes: two swaps at once
    # would take them in opposite orders and deadlock. They take turns on the agency's row first.
    _lock_tree(group.agency_id)
    siblings = list(
        StakeholderGroup.objects.select_for_update()
        .filter(agency_id=group.agency_id, fiscal_year=group.fiscal_year, parent_id=group.parent_id)
        .order_by("order", "name", "pk")
    )
    index = next(position for position, sibling in enumerate(siblings) if sibling.pk == group.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(siblings):
        return group
    old_order = siblings[index].order
    siblings[index], siblings[other] = siblings[other], siblings[index]
    renumbered = []
    for position, sibling in enumerate(siblings):
        if sibling.order != position:
            sibling.order = position
            renumbered.append(sibling)
    StakeholderGroup.objects.bulk_update(renumbered, ["order"])
    group.order = other
    group_change_record(group=group, action=ChangeAction.REORDERED, changes={"order": [old_order, group.order]}, by=by)
    return group


def _set_active(*, groups, active: bool, action: str, by) -> int:
    changed = [group for group in groups if group.is_active != active]
    for group in changed:
        group.is_active = active
    StakeholderGroup.objects.bulk_update(changed, ["is_active"])
    GroupChange.objects.bulk_create(
        GroupChange(
            agency_id=group.agency_id,
            fiscal_year=group.fiscal_year,
            group=group,
            group_name=group.name,
            action=action,
            changes={"is_active": [not active, active]},
            changed_by=by,
        )
        for group in changed
    )
    return len(changed)


def _with_subtree(group: StakeholderGroup) -> list[StakeholderGroup]:
    shape = TreeShape.load(group.agency_id, group.fiscal_year)
    subtree = shape.descendants_of(group.pk)
    return [group, *StakeholderGroup.objects.filter(pk__in=subtree)]


@transaction.atomic
def group_deactivate(*, group: StakeholderGroup, by) -> int:
    """Deactivate a group and every group under it; returns how many changed."""
    return _set_active(groups=_with_subtree(group), active=False, action=ChangeAction.DEACTIVATED, by=by)


@transaction.atomic
def group_reactivate(*, group: StakeholderGroup, by) -> int:
    """Reactivate a group and its subtree; refused while its parent is inactive."""
    if group.parent_id and not group.parent.is_active:
        raise ValidationError(
            _("Reactivate the parent group “%(parent)s” first.") % {"parent": group.parent.name}, code="parent_inactive"
        )
    return _set_active(groups=_with_subtree(group), active=True, action=ChangeAction.REACTIVATED, by=by)


# --- needs and listening channels ---------------------------------------------


@transaction.atomic
def need_add(*, group: StakeholderGroup, description: str, by, kind: str = "need", priority: int = 2) -> Need:
    need = Need(group=group, kind=kind, description=description.strip(), priority=priority)
    need.full_clean()
    need.save()
    group_change_record(group=group, action=ChangeAction.NEED_ADDED, changes={"needs": [None, need.description]}, by=by)
    return need


@transaction.atomic
def need_remove(*, need: Need, by) -> None:
    group = need.group
    group_change_record(
        group=group, action=ChangeAction.NEED_REMOVED, changes={"needs": [need.description, None]}, by=by
    )
    need.delete()


def _channel_text(channel: ListeningChannel) -> str:
    return f"{channel.get_kind_display()} ({channel.get_frequency_display()}) {channel.description}".strip()


@transaction.atomic
def channel_add(*, group: StakeholderGroup, kind: str, by, frequency: str = "as_needed", description: str = ""):
    channel = ListeningChannel(group=group, kind=kind, frequency=frequency, description=description.strip())
    channel.full_clean()
    channel.save()
    group_change_record(
        group=group, action=ChangeAction.CHANNEL_ADDED, changes={"channels": [None, _channel_text(channel)]}, by=by
    )
    return channel


@transaction.atomic
def channel_remove(*, channel: ListeningChannel, by) -> None:
    group_change_record(
        group=channel.group,
        action=ChangeAction.CHANNEL_REMOVED,
        changes={"channels": [_channel_text(channel), None]},
        by=by,
    )
    channel.delete()


# --- carry forward --------------------------------------------------------------


@transaction.atomic
def groups_carry_forward(*, source_agency, source_year: int, agency, fiscal_year: int, by) -> int:
    """Copy the active groups of one agency's year into another agency or year.

    The copies are independent: later changes on either side stay on that side.
    A group that already exists with the same name under the same parent is kept
    and its subgroups are merged into it. Returns the number of groups created.
    """
    if source_agency.pk == agency.pk and source_year == fiscal_year:
        raise ValidationError(_("Choose another year or another agency to copy from."), code="same_tree")
    _lock_tree(agency.pk)
    sources = list(
        StakeholderGroup.objects.of_agency(source_agency, source_year)
        .active()
        .prefetch_related("criteria_items", "needs", "channels")
    )
    if not sources:
        raise ValidationError(_("There are no active groups to copy from there."), code="nothing_to_copy")
    return _copy_tree(sources, agency=agency, fiscal_year=fiscal_year, by=by, copy_details=True)


@transaction.atomic
def groups_apply_template(*, template: StakeholderTemplate, agency, fiscal_year: int, by) -> int:
    """Start (or complete) an agency's tree from a shared template; returns the number of groups created."""
    sources = list(template.groups.all())
    if not sources:
        raise ValidationError(_("This template has no groups."), code="nothing_to_copy")
    _lock_tree(agency.pk)
    return _copy_tree(sources, agency=agency, fiscal_year=fiscal_year, by=by, copy_details=False)


def _copy_tree(sources, *, agency, fiscal_year: int, by, copy_details: bool) -> int:
    children = defaultdict(list)
    known = {source.pk for source in sources}
    for source in sources:
        children[source.parent_id if source.parent_id in known else None].append(source)
    existing = {
        (group.parent_id, group.name): group for group in StakeholderGroup.objects.of_agency(agency, fiscal_year)
    }
    next_order: dict[int | None, int] = defaultdict(int)
    for group in existing.values():
        next_order[group.parent_id] = max(next_order[group.parent_id], group.order + 1)

    created = 0
    stack = [(source, None) for source in sorted(children[None], key=_sibling_key, reverse=True)]
    while stack:
        source, target_parent = stack.pop()
        parent_id = target_parent.pk if target_parent else None
        name = normalise_name(source.name)
        target = existing.get((parent_id, name))
        if target is None:
            target = StakeholderGroup(
                agency=agency,
                fiscal_year=fiscal_year,
                parent=target_parent,
                kind=source.kind,
                name=name,
                description=source.description,
                segmentation_basis=source.segmentation_basis,
                order=next_order[parent_id],
            )
            if copy_details:
                for name_of_field in ("estimated_size", "services", "influence", "interest"):
                    setattr(target, name_of_field, getattr(source, name_of_field))
            target.full_clean()
            target.save()
            next_order[parent_id] += 1
            existing[(parent_id, name)] = target
            if copy_details:
                _copy_details(source, target)
            group_change_record(group=target, action=ChangeAction.COPIED, changes=_creation_changes(target), by=by)
            created += 1
        stack.extend((child, target) for child in sorted(children[source.pk], key=_sibling_key, reverse=True))
    return created


def _sibling_key(source):
    return (source.order, source.name, source.pk)


def _copy_details(source: StakeholderGroup, target: StakeholderGroup) -> None:
    target.criteria_items.set(source.criteria_items.all())
    Need.objects.bulk_create(
        Need(group=target, kind=need.kind, description=need.description, priority=need.priority)
        for need in source.needs.all()
    )
    ListeningChannel.objects.bulk_create(
        ListeningChannel(group=target, kind=channel.kind, description=channel.description, frequency=channel.frequency)
        for channel in source.channels.all()
    )


# --- import ---------------------------------------------------------------------


@transaction.atomic
def groups_import(*, agency, fiscal_year: int, uploaded_file, by) -> int:
    """Add the groups of a CSV or XLSX file to an agency's year; all rows or none.

    Raises ImportFileError for a file that cannot be read and ImportRejected
    (every wrong row with its line and reason) when any row is wrong.
    Returns the number of groups created.
    """
    rows = read_rows(uploaded_file)
    _lock_tree(agency.pk)
    plan = plan_import(agency=agency, fiscal_year=fiscal_year, rows=rows)
    next_order: dict[int | None, int] = defaultdict(int)
    for parent_id, order in StakeholderGroup.objects.of_agency(agency, fiscal_year).values_list("parent_id", "order"):
        next_order[parent_id] = max(next_order[parent_id], order + 1)

    ordered = plan.ordered()
    # One insert per level of the tree: a level's parents have their keys before their children are inserted.
    for depth in sorted({len(row.chain) for row in ordered}):
        level = [row for row in ordered if len(row.chain) == depth]
        for row in level:
            group = row.instance
            node = row.parent_node
            if node is not None:
                kind, key = node
                group.parent_id = key if kind == "group" else plan.rows[key].instance.pk
            group.order = next_order[group.parent_id]
            next_order[group.parent_id] += 1
        StakeholderGroup.objects.bulk_create([row.instance for row in level])

    Through = StakeholderGroup.criteria_items.through
    Through.objects.bulk_create(
        Through(stakeholdergroup_id=row.instance.pk, criteriaitem_id=item.pk)
        for row in ordered
        for item in row.criteria
    )
    names = {**plan.existing_name, **{row.instance.pk: row.instance.name for row in ordered}}
    GroupChange.objects.bulk_create(
        GroupChange(
            agency=agency,
            fiscal_year=fiscal_year,
            group=row.instance,
            group_name=row.instance.name,
            action=ChangeAction.IMPORTED,
            changes=_import_changes(row.instance, names, [item.code for item in row.criteria]),
            changed_by=by,
        )
        for row in ordered
    )
    return len(ordered)


def _import_changes(group: StakeholderGroup, names: dict, criteria_codes: list[str]) -> dict:
    values = {name: getattr(group, name) for name in DETAIL_FIELDS}
    values["parent"] = names.get(group.parent_id)
    values["criteria_items"] = sorted(criteria_codes)
    return {name: [None, value] for name, value in values.items() if value not in (None, "", [])}
