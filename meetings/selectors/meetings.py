"""What the meeting pages show, loaded in a fixed number of queries."""

from django.contrib.auth.models import Group
from django.db.models import Prefetch
from django.template.loader import render_to_string

from meetings.access import can_create_meeting, meeting_list_scope, meetings_visible_to
from meetings.models import Attendance, LeadQuestion, Meeting, WorkingGroup, WorkingGroupMember
from pmqa_portal import fragments
from pmqa_portal.models import Agency, Category, CriteriaItem, Edition, Province, User
from pmqa_portal.pagination import paginate

# What the meeting list's rows, filter options and visibility rules read (the reader's roles and agency
# too, as the page is kept per reader): a write to any renews its cache.
MEETING_LIST_TABLES = (
    User,
    User.groups.through,
    Group,
    Meeting,
    WorkingGroup,
    WorkingGroup.member_agencies.through,
    WorkingGroupMember,
    Attendance,
    Agency,
    Province,
    Category,
    Edition,
)


def meeting_list(user):
    """The meetings the user may see, newest first, with what a row shows."""
    return meetings_visible_to(user).for_list().order_by("-date", "-start_time", "-pk")


def meeting_list_results(request, meeting_filter) -> str:
    """The list's count, rows and pagination for this query string, rendered once per change of the meetings.

    `meeting_filter()` binds the filter set, called only when the fragment has to be rendered.
    """

    def render():
        bound = meeting_filter()
        context = {"filter": bound, "page": paginate(request, bound.qs)}
        return render_to_string("meetings/partials/_meeting_results.html", context, request)

    vary = (meeting_list_scope(request.user), request.GET.urlencode())
    return fragments.cached("meeting-list", tables=MEETING_LIST_TABLES, vary=vary, render=render)


def meeting_list_content(request, meeting_filter) -> str:
    """The whole list page's content (heading, filter, results), kept per reader: it shows whether they may
    create a meeting, and which meetings they may see."""

    def render():
        bound = meeting_filter()
        context = {
            "filter": bound,
            "page": paginate(request, bound.qs),
            "can_create": can_create_meeting(request.user),
        }
        return render_to_string("meetings/partials/_meeting_list_content.html", context, request)

    vary = (request.user.pk, request.GET.urlencode())
    return fragments.cached("meeting-list-page", tables=MEETING_LIST_TABLES, vary=vary, render=render)


def meeting_page(meeting: Meeting) -> dict:
    """Agenda, criteria items, lead questions, attendance and attachments of one meeting."""
    attendances = list(meeting.attendances.select_related("user", "agency", "substitute_for").order_by("order", "pk"))
    agencies = {}
    for person in attendances:
        if person.agency_id and person.agency_id not in agencies:
            agencies[person.agency_id] = person.agency
    return {
        "agenda": list(meeting.agenda.order_by("order", "pk")),
        "criteria_items": list(meeting.criteria_items.select_related("category").order_by("order")),
        "lead_questions": list(meeting.lead_questions.select_related("criteria_item").order_by("order", "pk")),
        "attendances": attendances,
        "attending_agencies": sorted(agencies.values(), key=lambda agency: agency.name_th),
        "attachments": list(meeting.attachments.select_related("uploaded_by").order_by("uploaded_at", "pk")),
    }


def upcoming_meetings_for(user, *, limit: int = 5) -> list[Meeting]:
    """The next meetings the user attends or their agency takes part in (home page)."""
    if not user.is_authenticated:
        return []
    return list(Meeting.objects.with_participant(user).upcoming().for_list()[:limit])


def question_bank(meeting: Meeting):
    """Lead questions of other meetings, any province, newest meeting first."""
    return LeadQuestion.objects.exclude(meeting=meeting).for_bank()


def meeting_for_duplicate(meeting: Meeting) -> Meeting:
    return Meeting.objects.prefetch_related(
        "agenda",
        "lead_questions",
        Prefetch("attendances", queryset=Attendance.objects.order_by("order", "pk")),
        Prefetch("criteria_items", queryset=CriteriaItem.objects.all()),
    ).get(pk=meeting.pk)
