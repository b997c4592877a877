"""Who may do what with working groups, meetings and their records.

Built on the core's role predicates (`pmqa_portal.access`). A meeting's own
people are its attendances that have a user account: those with the role
facilitator manage the meeting, facilitators and note-takers capture points.
Administrators may do everything; the chair and facilitators of the working
group manage all of the group's meetings, so a group is never locked out.

Predicates answer "is this person allowed"; whether the meeting's status lets
it happen now is the meeting's own business (`meeting.capture_open`,
`meeting.premeeting_open`), so a view can tell "not allowed" (403) from
"not now" (a message).
"""


from django.db.models import CharField, Exists, OuterRef, Value
from django.http import Http404
from django.shortcuts import get_object_or_404

from meetings.models import (
    AgendaItem,
    Attachment,
    Attendance,
    DiscussionPoint,
    LeadQuestion,
    Meeting,
    MeetingRole,
    MemberRole,
    PointSource,
    WorkingGroup,
    WorkingGroupMember,
)
from pmqa_portal.access import (
    can_read_all_agencies,
    has_role,
    is_administrator,
    is_facilitator,
    require,
)
from pmqa_portal.roles import Role

GROUP_MANAGER_ROLES = (MemberRole.CHAIR, MemberRole.FACILITATOR)
CAPTURE_ROLES = frozenset({MeetingRole.FACILITATOR, MeetingRole.NOTE_TAKER})


# --- working groups --------------------------------------------------------


def groups_visible_to(user):
    """Everyone who reads all agencies sees every group; others their own agency's and their own."""
    groups = WorkingGroup.objects.all()
    if can_read_all_agencies(user):
        return groups
    if not user.is_authenticated:
        return groups.none()
    member = WorkingGroupMember.objects.filter(working_group=OuterRef("pk"), user=user)
    condition = Exists(member)
    if user.agency_id:
        agency = WorkingGroup.member_agencies.through.objects.filter(
            workinggroup=OuterRef("pk"), agency_id=user.agency_id
        )
        condition |= Exists(agency)
    return groups.filter(condition)


def _group_member_roles(user, group: WorkingGroup) -> frozenset[str]:
    """The user's roles in a working group, read once and kept on the group object."""
    if not user.is_authenticated:
        return frozenset()
    cache = group.__dict__.setdefault("_member_roles", {})
    if user.pk not in cache:
        cache[user.pk] = frozenset(group.members.filter(user=user).values_list("role", flat=True))
    return cache[user.pk]


def can_create_group(user) -> bool:
    return is_facilitator(user)


def can_view_group(user, group: WorkingGroup) -> bool:
    if can_read_all_agencies(user) or _group_member_roles(user, group):
        return True
    return bool(user.is_authenticated and user.agency_id) and group.member_agencies.filter(pk=user.agency_id).exists()


def can_manage_group(user, group: WorkingGroup) -> bool:
    """The administrators and the group's chair and facilitators edit it and create its meetings."""
    return is_administrator(user) or bool(_group_member_roles(user, group) & set(GROUP_MANAGER_ROLES))


def get_working_group_for_user(user, pk: int, *, write: bool = False) -> WorkingGroup:
    group = get_object_or_404(WorkingGroup.objects.select_related("province"), pk=pk)
    require(can_manage_group(user, group) if write else can_view_group(user, group))
    return group


def get_member_for_user(user, pk: int) -> WorkingGroupMember:
    """A group member, for editing or removing: needs the group's manager."""
    member = get_object_or_404(WorkingGroupMember.objects.select_related("working_group__province", "user"), pk=pk)
    require(can_manage_group(user, member.working_group))
    return member


# --- meetings ----------------------------------------------------------------


def meetings_visible_to(user):
    """All meetings for those who read every agency; else those the user or their agency takes part in."""
    meetings = Meeting.objects.all()
    if can_read_all_agencies(user):
        return meetings
    if not user.is_authenticated:
        return meetings.none()
    return meetings.with_participant(user)


def meeting_list_scope(user) -> str:
    """Which meetings_visible_to() set the user sees: one for every reader of all agencies, else their own."""
    if can_read_all_agencies(user):
        return "all"
    if not user.is_authenticated:
        return "none"
    return f"user:{user.pk}:agency:{user.agency_id}"


def meeting_roles(user, meeting: Meeting) -> frozenset[str]:
    """The user's roles in this meeting (from their attendance), read once per meeting object."""
    if not user.is_authenticated:
        return frozenset()
    cache = meeting.__dict__.setdefault("_user_roles", {})
    if user.pk not in cache:
        cache[user.pk] = frozenset(meeting.attendances.filter(user=user).values_list("role", flat=True))
    return cache[user.pk]


def agency_takes_part(meeting: Meeting, agency_id: int | None) -> bool:
    """Whether the agency attends the meeting or is a member of its working group."""
    if agency_id is None:
        return False
    cache = meeting.__dict__.setdefault("_agencies_taking_part", {})
    if agency_id not in cache:
        cache[agency_id] = Meeting.objects.filter(pk=meeting.pk).with_agency_taking_part(agency_id).exists()
    return cache[agency_id]


def can_view(user, meeting: Meeting) -> bool:
    if can_read_all_agencies(user) or meeting_roles(user, meeting):
        return True
    return bool(user.is_authenticated) and agency_takes_part(meeting, user.agency_id)


def can_manage(user, meeting: Meeting) -> bool:
    """Edit the meeting, its agenda, questions, attendance; move its status."""
    if is_administrator(user) or MeetingRole.FACILITATOR in meeting_roles(user, meeting):
        return True
    return can_manage_group(user, meeting.working_group)


def can_capture(user, meeting: Meeting) -> bool:
    """Add, edit, reorder and delete discussion points (live capture)."""
    return can_manage(user, meeting) or bool(meeting_roles(user, meeting) & CAPTURE_ROLES)


def can_submit_premeeting(user, meeting: Meeting) -> bool:
    """An agency officer sends their own agency's answers to the lead questions before the meeting."""
    return user.is_authenticated and has_role(user, Role.AGENCY_OFFICER) and agency_takes_part(meeting, user.agency_id)


def can_upload_attachment(user, meeting: Meeting) -> bool:
    return can_capture(user, meeting)


def can_create_meeting(user) -> bool:
    """Administrators, and the chair or a facilitator of at least one working group."""
    if is_administrator(user):
        return True
    return user.is_authenticated and WorkingGroupMember.objects.filter(user=user, role__in=GROUP_MANAGER_ROLES).exists()


def get_meeting_for_user(user, pk: int, *, write: bool = False, header: bool = True) -> Meeting:
    """The meeting with its header loaded; 404 if missing, 403 if the user may not see (or, with write, manage) it.

    `header=False` joins only the working group: enough to work out the user's rights (meeting_rights()).
    """
    related = ("working_group__province", "category__edition", "created_by") if header else ("working_group",)
    meeting = get_object_or_404(Meeting.objects.select_related(*related), pk=pk)
    _load_roles(user, meeting)
    require(can_manage(user, meeting) if write else can_view(user, meeting))
    return meeting


def _load_roles(user, meeting: Meeting) -> None:
    """The user's roles in the meeting and in its working group, in one query, kept where
    meeting_roles() and _group_member_roles() look for them."""
    if not user.is_authenticated:
        return
    in_meeting = (
        Attendance.objects.filter(meeting=meeting, user=user)
        .order_by()
        .values_list(Value("m", output_field=CharField()), "role")
    )
    in_group = (
        WorkingGroupMember.objects.filter(working_group_id=meeting.working_group_id, user=user)
        .order_by()
        .values_list(Value("g", output_field=CharField()), "role")
    )
    rows = list(in_meeting.union(in_group, all=True))
    meeting.__dict__.setdefault("_user_roles", {})[user.pk] = frozenset(role for side, role in rows if side == "m")
    group_roles = frozenset(role for side, role in rows if side == "g")
    meeting.working_group.__dict__.setdefault("_member_roles", {})[user.pk] = group_roles


# --- records inside a meeting ------------------------------------------------


def _child_for_user(queryset, user, pk: int, *, write: bool):
    record = get_object_or_404(queryset.select_related("meeting__working_group__province", "meeting__category"), pk=pk)
    require(can_manage(user, record.meeting) if write else can_view(user, record.meeting))
    return record


def get_lead_question_for_user(user, pk: int, *, write: bool = False) -> LeadQuestion:
    return _child_for_user(LeadQuestion.objects.select_related("criteria_item"), user, pk, write=write)


def get_agenda_item_for_user(user, pk: int, *, write: bool = False) -> AgendaItem:
    return _child_for_user(AgendaItem.objects.all(), user, pk, write=write)


def get_attendance_for_user(user, pk: int, *, write: bool = False) -> Attendance:
    return _child_for_user(Attendance.objects.select_related("user", "agency"), user, pk, write=write)


def can_delete_attachment(user, attachment: Attachment) -> bool:
    own = user.is_authenticated and attachment.uploaded_by_id == user.pk
    return can_manage(user, attachment.meeting) or (own and can_upload_attachment(user, attachment.meeting))


def get_attachment_for_user(user, pk: int, *, write: bool = False) -> Attachment:
    """Reading an attachment needs the meeting; deleting it its manager or its uploader."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("meeting__working_group__province", "meeting__category"), pk=pk
    )
    require(can_delete_attachment(user, attachment) if write else can_view(user, attachment.meeting))
    return attachment


def is_own_premeeting_answer(user, point: DiscussionPoint) -> bool:
    """The point is an answer the user's agency sent before the meeting, and the user is one of its officers."""
    return (
        point.source == PointSource.PRE_MEETING
        and user.is_authenticated
        and point.agency_id == user.agency_id
        and can_submit_premeeting(user, point.meeting)
    )


def can_edit_point(user, point: DiscussionPoint) -> bool:
    """Edit, delete and restore. The meeting's capturers do so with every point (its agency, question and
    kind too); an officer only words, withdraws and brings back their own agency's pre-meeting answers."""
    return can_capture(user, point.meeting) or is_own_premeeting_answer(user, point)


def can_move_point(user, point: DiscussionPoint) -> bool:
    """Reordering moves the neighbouring points of other agencies too: only the meeting's capturers."""
    return can_capture(user, point.meeting)


def get_point_for_user(user, pk: int, *, write: bool = False, move: bool = False) -> DiscussionPoint:
    """A point; 403 if the user may not see its meeting or, with write, edit it (with move, reorder it).

    A deleted point is kept only so that it can be brought back: whoever may not restore it
    gets a 404, as once it is purged.
    """
    point = get_object_or_404(
        DiscussionPoint.objects.select_related(
            "meeting__working_group__province", "meeting__category", "agency", "lead_question"
        ),
        pk=pk,
    )
    require(can_view(user, point.meeting))
    if point.is_deleted and not can_edit_point(user, point):
        raise Http404
    if move:
        require(can_move_point(user, point))
    elif write:
        require(can_edit_point(user, point))
    return point


# summary (P2) --------------------------------------------------------------
# The consolidated summary, review comments, action items, AAR and minutes.
# Persona-only like the predicates above: whether the meeting's status lets it
# happen now is checked by the services, which answer with a message.

from django.db.models import Q  # noqa: E402

from meetings.models import ActionItem, ReviewComment  # noqa: E402
from pmqa_portal.access import is_officer_of  # noqa: E402


def can_edit_summary(user, meeting: Meeting) -> bool:
    """Only the meeting's facilitators (and the group's managers) edit, send for review and approve the summary."""
    return can_manage(user, meeting)


def agency_attends(meeting: Meeting, agency_id: int | None) -> bool:
    """Whether someone of the agency is listed as attending (not absent), read once per meeting object."""
    if agency_id is None:
        return False
    cache = meeting.__dict__.setdefault("_attending_agencies", None)
    if cache is None:
        cache = frozenset(meeting.attendances.attending().exclude(agency=None).values_list("agency_id", flat=True))
        meeting.__dict__["_attending_agencies"] = cache
    return agency_id in cache


def can_comment_on_summary(user, meeting: Meeting) -> bool:
    """Officers of the attending agencies comment and propose additions; the facilitators may too."""
    if can_edit_summary(user, meeting):
        return True
    return is_officer_of(user, user.agency_id) and agency_attends(meeting, user.agency_id)


def get_review_comment_for_user(user, pk: int, *, write: bool = False) -> ReviewComment:
    """A review comment; deciding on it (write) needs the summary's editor."""
    comment = get_object_or_404(
        ReviewComment.objects.select_related(
            "summary__meeting__working_group__province", "summary__meeting__category", "agency", "author"
        ),
        pk=pk,
    )
    meeting = comment.summary.meeting
    require(can_edit_summary(user, meeting) if write else can_view(user, meeting))
    return comment


def can_manage_action_items(user, meeting: Meeting) -> bool:
    """The meeting's facilitators and note-takers create and edit its action items."""
    return can_capture(user, meeting)


def can_update_action_item(user, item: ActionItem) -> bool:
    """Besides the meeting's people, an officer of the responsible agency reports its progress."""
    return can_manage_action_items(user, item.meeting) or is_officer_of(user, item.agency_id)


def get_action_item_for_user(user, pk: int, *, write: bool = False) -> ActionItem:
    item = get_object_or_404(
        ActionItem.objects.select_related("meeting__working_group__province", "meeting__category", "agency"), pk=pk
    )
    if write:
        require(can_update_action_item(user, item))
    else:
        require(can_view(user, item.meeting) or is_officer_of(user, item.agency_id))
    return item


def action_items_visible_to(user):
    """Action items of the meetings the user may see, and those their agency is responsible for."""
    items = ActionItem.objects.all()
    if can_read_all_agencies(user):
        return items
    if not user.is_authenticated:
        return items.none()
    visible = Exists(meetings_visible_to(user).filter(pk=OuterRef("meeting_id")))
    if user.agency_id:
        return items.filter(visible | Q(agency_id=user.agency_id))
    return items.filter(visible)


# --- live capture (M2) ---------------------------------------------------------


def get_point_changes_for_user(user, pk: int, token):
    """A meeting's points changed since the poll token, fetched with the meeting in one query.

    The capture page and the projector poll this every few seconds, so it stays
    cheap; 404 if the meeting is missing, 403 if the user may not see it.
    """
    from django.http import Http404

    from meetings.selectors.points import meeting_with_point_changes

    changes = meeting_with_point_changes(pk, token)
    if changes is None:
        raise Http404
    require(can_view(user, changes.meeting))
    return changes
