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
    # --- stakeholders ---
]
