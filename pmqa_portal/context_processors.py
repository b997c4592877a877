"""What the shared page frame (base.html) needs to know about the request."""

from django.utils.translation import get_language

from pmqa_portal.access import can_read_all_agencies, has_role
from pmqa_portal.roles import Role


class FrameLinks:
    """The key of the navbar's links: everything they depend on, worked out only when the navbar asks."""

    def __init__(self, request):
        self.request = request

    def __str__(self) -> str:
        user = getattr(self.request, "user", None)
        match = getattr(self.request, "resolver_match", None)
        signed_in = bool(user and user.is_authenticated)
        # The stakeholder link shows for any portal role (stakeholders.access.works_with_groups).
        works = signed_in and (can_read_all_agencies(user) or has_role(user, Role.AGENCY_OFFICER))
        staff = signed_in and user.is_staff
        return f"{get_language()}:{signed_in:d}{staff:d}{works:d}:{match.app_name if match else ''}"


def frame(request) -> dict:
    return {"frame_links": FrameLinks(request)}
