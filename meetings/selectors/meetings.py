"""What the meeting pages show, loaded in a fixed number of queries."""

from django.db.models import Prefetch

from meetings.access import meetings_visible_to
from meetings.models import Attendance, LeadQuestion, Meeting
from pmqa_portal.models import CriteriaItem


def meeting_list(user):
    """The meetings the user may see, newest first, with what a row shows."""
    return meetings_visible_to(user).for_list().order_by("-date", "-start_time", "-pk")


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
