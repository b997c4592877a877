"""The main pages: each is screenshotted at phone and desktop size and checked by axe-core.

Add a page with one `PageCase` line: a name for its screenshots, the demo user who
opens it (None: a visitor) and how to build its address from the demo data.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class PageCase:
    name: str
    persona: str | None
    path: Callable[[dict], str]
    # Text the page must show, proving it is the page meant and not an error or the login form.
    shows: str = ""


def demo_agency(username: str):
    def path(demo):
        return reverse("agency_detail", args=[demo[username].agency_id])

    return path


def category_3(demo) -> str:
    from pmqa_portal.models import Category

    return Category.objects.get(edition__code="pmqa-4-0", code="3").get_absolute_url()


def seed_meeting() -> int:
    """The demo's seed meeting of 31 August 2550 (approved, with points and a summary)."""
    from meetings.models import Meeting

    return Meeting.objects.order_by("date", "pk").values_list("pk", flat=True).first()


def next_meeting() -> int:
    """The demo's planned next meeting."""
    from meetings.models import Meeting, MeetingStatus

    return Meeting.objects.filter(status=MeetingStatus.PLANNED).order_by("date", "pk").values_list("pk", flat=True)[0]


def seed_group() -> int:
    from meetings.models import WorkingGroup

    return WorkingGroup.objects.order_by("pk").values_list("pk", flat=True).first()


def first_group(user) -> int:
    from stakeholders.models import StakeholderGroup

    return StakeholderGroup.objects.filter(agency=user.agency_id).order_by("fiscal_year", "pk")[0].pk


PAGES = [
    # --- core ---
    PageCase("home-visitor", None, lambda demo: reverse("home"), shows="เข้าสู่ระบบ"),
    PageCase("login", None, lambda demo: reverse("login"), shows="ชื่อผู้ใช้"),
    PageCase("password-reset", None, lambda demo: reverse("password_reset")),
    PageCase("home-officer", "officer", lambda demo: reverse("home"), shows="สำนักงานเกษตรจังหวัดกำแพงเพชร"),
    PageCase("agency-directory", "officer", lambda demo: reverse("agency_list"), shows="สำนักงานปศุสัตว์จังหวัดกำแพงเพชร"),
    PageCase("agency-detail", "officer", demo_agency("officer"), shows="สำนักงานเกษตรจังหวัดกำแพงเพชร"),
    PageCase("framework", "officer", lambda demo: reverse("edition_list"), shows="ระดับพื้นฐาน"),
    PageCase("framework-edition", "officer", lambda demo: reverse("edition_detail", args=["pmqa-4-0"])),
    PageCase("framework-category-3", "officer", category_3, shows="การให้ความสำคัญกับผู้รับบริการ"),
    PageCase("password-change", "officer", lambda demo: reverse("password_change")),
    # --- meetings ---
    PageCase("meeting-list", "facilitator", lambda demo: reverse("meetings:meeting_list")),
    PageCase("meeting-detail", "facilitator", lambda demo: reverse("meetings:meeting_detail", args=[seed_meeting()])),
    PageCase("meeting-form", "facilitator", lambda demo: reverse("meetings:meeting_create")),
    PageCase("agenda", "facilitator", lambda demo: reverse("meetings:agenda", args=[next_meeting()])),
    PageCase("attendance", "facilitator", lambda demo: reverse("meetings:attendance", args=[next_meeting()])),
    PageCase("lead-questions", "facilitator", lambda demo: reverse("meetings:questions", args=[next_meeting()])),
    PageCase("question-bank", "facilitator", lambda demo: reverse("meetings:question_bank", args=[next_meeting()])),
    PageCase("capture", "notetaker", lambda demo: reverse("meetings:capture", args=[seed_meeting()])),
    PageCase("coverage", "facilitator", lambda demo: reverse("meetings:coverage", args=[seed_meeting()])),
    PageCase("projector", "facilitator", lambda demo: reverse("meetings:projector", args=[seed_meeting()])),
    PageCase("premeeting", "officer", lambda demo: reverse("meetings:premeeting", args=[next_meeting()])),
    PageCase("summary", "facilitator", lambda demo: reverse("meetings:summary_detail", args=[seed_meeting()])),
    PageCase("summary-revisions", "facilitator",
             lambda demo: reverse("meetings:summary_revisions", args=[seed_meeting()])),
    PageCase("minutes", "facilitator", lambda demo: reverse("meetings:minutes_print", args=[seed_meeting()])),
    PageCase("minutes-edit", "facilitator", lambda demo: reverse("meetings:minutes_edit", args=[seed_meeting()])),
    PageCase("meeting-actions", "facilitator", lambda demo: reverse("meetings:meeting_actions", args=[seed_meeting()])),
    PageCase("action-list", "officer", lambda demo: reverse("meetings:action_list")),
    PageCase("after-action-review", "facilitator", lambda demo: reverse("meetings:aar_edit", args=[seed_meeting()])),
    PageCase("working-groups", "facilitator", lambda demo: reverse("meetings:group_list")),
    PageCase("working-group", "facilitator", lambda demo: reverse("meetings:group_detail", args=[seed_group()])),
    # --- stakeholders ---
    PageCase("stakeholder-groups", "observer", lambda demo: reverse("stakeholders:group_list")),
    PageCase("stakeholder-tree", "officer", lambda demo: reverse("stakeholders:agency_groups",
                                                                args=[demo["officer"].agency_id])),
    PageCase("stakeholder-group", "officer", lambda demo: reverse("stakeholders:group_detail",
                                                                 args=[first_group(demo["officer"])])),
    PageCase("stakeholder-group-edit", "officer", lambda demo: reverse("stakeholders:group_edit",
                                                                      args=[first_group(demo["officer"])])),
    PageCase("stakeholder-map", "officer", lambda demo: reverse("stakeholders:map",
                                                               args=[demo["officer"].agency_id, 2550])),
    PageCase("stakeholder-compare", "facilitator", lambda demo: reverse("stakeholders:compare")),
    PageCase("stakeholder-carry-forward", "officer", lambda demo: reverse("stakeholders:carry_forward",
                                                                         args=[demo["officer"].agency_id, 2551])),
]
