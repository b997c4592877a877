"""Every URL of the portal, how to build its arguments and who may read or change it.

`tests/test_authorization.py` walks the URL conf and fails for any pattern that has
no entry here, so a new page is covered by adding one `Route(...)` line:

    Route("meetings:meeting_detail", kwargs=meeting_pk, read=MEETING_READERS, owner="facilitator"),
    Route("meetings:point_create", kwargs=meeting_pk, read=POST_ONLY, owner="note_taker", write=new_point),

- `kwargs(world)` builds the URL's arguments from the world (`tests/authz/world.py`).
- `read`: who gets the page with GET: PUBLIC (visitors too), SIGNED_IN (any signed-in
  user), POST_ONLY (GET is answered 405), or a set of persona names (the owner is
  always a reader; a signed-in persona outside it gets 403, a visitor the login page).
- `owner`: the right user, the one persona that may change what the URL changes.
- `write(world)`: a valid POST body for the owner. The owner's POST must change the
  database; the same POST by anyone else must be refused and change nothing. Leave it
  out for a page that changes nothing: then no POST may change anything.
- `refusal`: the status a refused signed-in persona gets (403; 404 where a view hides
  that the record exists).
- `ok`: the statuses a reader may get (200; a poll may also answer 204 "nothing new").
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from tests.authz.world import pdf_upload

PUBLIC = "public"
SIGNED_IN = "signed_in"
POST_ONLY = "post_only"


def no_arguments(world) -> dict:
    return {}


@dataclass(frozen=True)
class Route:
    name: str
    kwargs: Callable = no_arguments
    read: str | frozenset = SIGNED_IN
    owner: str = "officer_a"
    write: Callable | None = None
    query: str = ""
    refusal: frozenset = field(default=frozenset({403}))
    ok: frozenset = field(default=frozenset({200}))

    def may_read(self, persona: str) -> bool:
        if persona == self.owner:
            return self.read != POST_ONLY
        if self.read == PUBLIC:
            return True
        if self.read == SIGNED_IN:
            return persona != "visitor"
        if self.read == POST_ONLY:
            return False
        return persona in self.read


# --- core (pmqa_portal) ---
CORE = [
    Route("home", read=PUBLIC),
    Route("healthz", read=PUBLIC),
    Route("readyz", read=PUBLIC),
    Route("password_reset", read=PUBLIC),
    Route("agency_list", query="?q=เกษตร&kind=provincial_office"),
    Route("agency_detail", kwargs=lambda w: {"pk": w.agency_a.pk}),
    Route("edition_list"),
    Route("edition_detail", kwargs=lambda w: {"code": w.category_3.edition.code}),
    Route("category_detail", kwargs=lambda w: {"pk": w.category_3.pk}),
]

# --- meetings ---
# Who reads a meeting: everyone who reads all agencies, its people and the officers of the
# agencies taking part (agency A); agency B's officer does not take part.
MEETING_READERS = frozenset({"observer", "officer_a", "facilitator", "note_taker"})
OWNER_ONLY = frozenset()
GROUP_READERS = frozenset({"observer", "officer_a", "facilitator"})


def pk_of(attribute: str) -> Callable:
    return lambda world: {"pk": getattr(world, attribute).pk}


def meeting_form(world) -> dict:
    return {"working_group": world.working_group.pk, "title": "ประชุมคณะทำงาน ครั้งใหม่", "date": "15/09/2550",
            "start_time": "09.00", "end_time": "12.00", "venue": "ห้องประชุมศาลากลาง", "objectives": "กำหนดกลุ่ม"}


def meeting_edit_form(world) -> dict:
    meeting = world.planned
    return {**meeting_form(world), "number": meeting.number, "be_year": meeting.be_year, "version": meeting.version,
            "criteria_items": [item.pk for item in world.category_3.items.all()[:1]],
            "category": world.category_3.pk}


def attendance_form(world) -> dict:
    return {"name": "นายทดสอบ เพิ่มเติม", "agency": world.agency_a.pk, "position": "นักวิชาการ", "role": "member",
            "attendance": "present"}


def point_form(world) -> dict:
    return {"agency": world.agency_a.pk, "lead_question": world.live_question.pk, "kind": "problem",
            "text": "ข้อมูลทะเบียนเกษตรกรไม่เป็นปัจจุบัน"}


def group_form(world) -> dict:
    return {"province": world.province.pk, "name": "คณะทำงาน PMQA ชุดใหม่", "description": "ทดสอบ",
            "member_agencies": [world.agency_a.pk], "is_active": "on"}


def action_form(world) -> dict:
    return {"title": "ทบทวนทะเบียนเกษตรกรให้เป็นปัจจุบัน", "agency": world.agency_a.pk, "responsible_person": "ผอ.",
            "due_date": "30/09/2550", "status": "open", "note": ""}


def revision_of(attribute: str) -> Callable:
    return lambda world: {"revision": getattr(world, attribute).number}


# meeting → stakeholder groups. The world has no agreed conclusion nor agreed group, so these add one to
# the closed meeting on first use; both a route's arguments and its payload call them, whichever comes
# first, so that the row exists before the database is fingerprinted.
def closed_conclusion(world):
    from meetings.models import DiscussionPoint, PointKind
    from tests.factories import DiscussionPointFactory

    point = DiscussionPoint.objects.filter(meeting=world.closed, kind=PointKind.CONCLUSION).first()
    if point is None:
        point = DiscussionPointFactory(
            meeting=world.closed, lead_question=None, agency=world.agency_a, kind=PointKind.CONCLUSION, text="เกษตรกร"
        )
    return point


def closed_agreement(world):
    from meetings.models import AgreedGroup

    point = closed_conclusion(world)
    return AgreedGroup.objects.get_or_create(meeting=world.closed, group=world.stakeholder_group, point=point)[0]


def conclusion_groups_form(world) -> dict:
    closed_conclusion(world)
    return {"name": "ผู้บริโภค", "kind": "service_recipient", "fiscal_year": 2550, "agencies": [world.agency_a.pk]}


MEETINGS = [
    Route("meetings:meeting_list", query="?status=planned"),
    Route("meetings:meeting_create", read=OWNER_ONLY, owner="facilitator", write=meeting_form),
    Route("meetings:meeting_detail", pk_of("planned"), read=MEETING_READERS, owner="facilitator"),
    Route("meetings:meeting_update", pk_of("planned"), read=OWNER_ONLY, owner="facilitator", write=meeting_edit_form),
    Route("meetings:meeting_status", pk_of("planned"), read=POST_ONLY, owner="facilitator",
          write=lambda w: {"status": "in_session"}),
    Route("meetings:meeting_duplicate", pk_of("planned"), read=OWNER_ONLY, owner="facilitator",
          write=lambda w: {"title": "ครั้งถัดไป", "date": "12/10/2550", "start_time": "13.30", "end_time": "16.30"}),
    Route("meetings:meeting_delete", pk_of("spare"), read=POST_ONLY, owner="facilitator", write=lambda w: {}),
    Route("meetings:meeting_ics", pk_of("planned"), read=MEETING_READERS, owner="facilitator"),
    Route("meetings:agenda", pk_of("planned"), read=OWNER_ONLY, owner="facilitator",
          write=lambda w: {"title": "เรื่องอื่น ๆ", "planned_minutes": 10, "details": ""}),
    Route("meetings:agenda_apply_template", pk_of("planned"), read=POST_ONLY, owner="facilitator",
          write=lambda w: {"template": w.agenda_template.pk}),
    Route("meetings:agenda_item_update", pk_of("agenda_item"), read=OWNER_ONLY, owner="facilitator",
          write=lambda w: {"number": "1", "title": "เรื่องที่ประธานแจ้ง", "planned_minutes": 5, "details": ""}),
    Route("meetings:agenda_item_move", pk_of("agenda_item"), read=POST_ONLY, owner="facilitator",
          write=lambda w: {"direction": "down"}),
    Route("meetings:agenda_item_delete", pk_of("agenda_item"), read=POST_ONLY, owner="facilitator",
          write=lambda w: {}),
    Route("meetings:attendance", pk_of("planned"), read=OWNER_ONLY, owner="facilitator", write=attendance_form),
    Route("meetings:attendance_fill_from_group", pk_of("planned"), read=POST_ONLY, owner="facilitator",
          write=lambda w: {}),
    Route("meetings:attendance_update", pk_of("attendance"), read=OWNER_ONLY, owner="facilitator",
          write=attendance_form),
    Route("meetings:attendance_remove", pk_of("attendance"), read=POST_ONLY, owner="facilitator", write=lambda w: {}),
    Route("meetings:attachment_upload", pk_of("planned"), read=OWNER_ONLY, owner="facilitator",
          write=lambda w: {"file": pdf_upload(), "kind": "slides", "title": "สไลด์"}),
    Route("meetings:attachment_download", pk_of("attachment"), read=MEETING_READERS, owner="facilitator"),
    Route("meetings:attachment_delete", pk_of("attachment"), read=POST_ONLY, owner="facilitator", write=lambda w: {}),
    Route("meetings:questions", pk_of("planned"), read=OWNER_ONLY, owner="facilitator",
          write=lambda w: {"text": "หน่วยงานรับฟังเสียงผู้รับบริการอย่างไร"}),
    Route("meetings:question_bank", pk_of("planned"), read=OWNER_ONLY, owner="facilitator",
          write=lambda w: {"questions": [w.live_question.pk]}),
    Route("meetings:question_update", pk_of("question"), read=OWNER_ONLY, owner="facilitator",
          write=lambda w: {"text": "หน่วยงานกำหนดกลุ่มผู้รับบริการอย่างไร", "criteria_item": ""}),
    Route("meetings:question_move", pk_of("question"), read=POST_ONLY, owner="facilitator",
          write=lambda w: {"direction": "down"}),
    Route("meetings:question_delete", pk_of("spare_question"), read=POST_ONLY, owner="facilitator",
          write=lambda w: {}),
    Route("meetings:group_list"),
    Route("meetings:group_create", read=OWNER_ONLY, owner="facilitator", write=group_form),
    Route("meetings:group_detail", pk_of("working_group"), read=GROUP_READERS, owner="facilitator"),
    Route("meetings:group_update", pk_of("working_group"), read=OWNER_ONLY, owner="facilitator", write=group_form),
    Route("meetings:member_add", pk_of("working_group"), read=OWNER_ONLY, owner="facilitator",
          write=lambda w: {"name": "นางสมาชิก ใหม่", "agency": w.agency_a.pk, "position": "", "role": "member"}),
    Route("meetings:member_update", pk_of("group_member"), read=OWNER_ONLY, owner="facilitator",
          write=lambda w: {"user": w.officer_a.pk, "agency": w.agency_a.pk, "position": "ผู้แทน", "role": "advisor"}),
    Route("meetings:member_remove", pk_of("group_member"), read=POST_ONLY, owner="facilitator", write=lambda w: {}),
    # live capture
    Route("meetings:capture", pk_of("live"), read=OWNER_ONLY, owner="note_taker", write=point_form),
    Route("meetings:point_changes", pk_of("live"), read=MEETING_READERS, owner="note_taker", query="?since=",
          ok=frozenset({200, 204})),
    Route("meetings:coverage", pk_of("live"), read=MEETING_READERS, owner="note_taker"),
    Route("meetings:projector", pk_of("live"), read=MEETING_READERS, owner="note_taker"),
    Route("meetings:premeeting", pk_of("planned"), read=OWNER_ONLY, owner="officer_a",
          write=lambda w: {f"answer_{w.question.pk}": "แบ่งกลุ่มตามประเภทเกษตรกร",
                           f"answer_{w.spare_question.pk}": "แบบสอบถามออนไลน์"}),
    Route("meetings:point_detail", pk_of("point"), read=MEETING_READERS, owner="note_taker"),
    Route("meetings:point_update", pk_of("point"), read=OWNER_ONLY, owner="note_taker", write=point_form),
    Route("meetings:point_move", pk_of("point"), read=POST_ONLY, owner="note_taker",
          write=lambda w: {"direction": "down"}),
    Route("meetings:point_delete", pk_of("point"), read=POST_ONLY, owner="note_taker", write=lambda w: {}),
    # A deleted point is hidden (404) from the meeting's readers who may not restore it.
    Route("meetings:point_restore", pk_of("deleted_point"), read=POST_ONLY, owner="note_taker", write=lambda w: {},
          refusal=frozenset({403, 404})),
    # summary, review, actions, AAR, minutes
    Route("meetings:summary_detail", pk_of("closed"), read=MEETING_READERS, owner="facilitator"),
    Route("meetings:summary_draft", pk_of("closed"), read=POST_ONLY, owner="facilitator", write=lambda w: {}),
    Route("meetings:summary_edit", pk_of("closed"), read=OWNER_ONLY, owner="facilitator",
          write=lambda w: {"text": "## สรุป\n\n- เกษตรกร\n- วิสาหกิจชุมชน", "conclusions": "- สองกลุ่ม",
                           "base_number": w.closed_revision.number}),
    Route("meetings:summary_send_for_review", pk_of("closed"), read=POST_ONLY, owner="facilitator",
          write=revision_of("closed_revision")),
    Route("meetings:summary_approve", pk_of("in_review"), read=POST_ONLY, owner="facilitator",
          write=revision_of("review_revision")),
    Route("meetings:summary_new_revision", pk_of("approved"), read=POST_ONLY, owner="facilitator",
          write=lambda w: {}),
    Route("meetings:summary_revisions", pk_of("closed"), read=MEETING_READERS, owner="facilitator"),
    Route("meetings:review_comment_add", pk_of("in_review"), read=POST_ONLY, owner="officer_a",
          write=lambda w: {"kind": "proposal", "text": "เพิ่มกลุ่มผู้บริโภค"}),
    Route("meetings:review_comment_decide", pk_of("comment"), read=POST_ONLY, owner="facilitator",
          write=lambda w: {"decision": "accept", "note": ""}),
    Route("meetings:meeting_actions", pk_of("closed"), read=MEETING_READERS, owner="note_taker", write=action_form),
    Route("meetings:action_items_from_points", pk_of("closed"), read=POST_ONLY, owner="facilitator",
          write=lambda w: {}),
    Route("meetings:action_list"),
    Route("meetings:action_edit", pk_of("action_item"), read=OWNER_ONLY, owner="facilitator", write=action_form),
    # An officer of the responsible agency reports progress on its action item.
    Route("meetings:action_status", pk_of("action_item"), read=POST_ONLY, owner="officer_a",
          write=lambda w: {"status": "in_progress"}),
    Route("meetings:aar_edit", pk_of("closed"), read=MEETING_READERS, owner="facilitator",
          write=lambda w: {"expected": "ได้กลุ่มผู้รับบริการ", "happened": "ได้สองกลุ่ม", "difference": "",
                           "keep": "ใช้คำถามนำ", "change": "", "version": 0}),
    Route("meetings:minutes_print", pk_of("closed"), read=MEETING_READERS, owner="facilitator"),
    Route("meetings:minutes_edit", pk_of("closed"), read=OWNER_ONLY, owner="facilitator",
          write=lambda w: {"recorder_name": "นายสมชาย บันทึกดี", "recorder_position": "นักวิเคราะห์นโยบายและแผน"}),
    Route("meetings:minutes_docx", pk_of("closed"), read=MEETING_READERS, owner="facilitator"),
    Route("meetings:minutes_pdf", pk_of("closed"), read=MEETING_READERS, owner="facilitator"),
    Route("meetings:points_csv", pk_of("closed"), read=MEETING_READERS, owner="facilitator"),
    Route("meetings:points_xlsx", pk_of("closed"), read=MEETING_READERS, owner="facilitator"),
    # meeting → stakeholder groups: only the meeting's facilitators; observers and officers read the panel only
    Route("meetings:conclusion_groups", lambda w: {"pk": closed_conclusion(w).pk}, read=OWNER_ONLY,
          owner="facilitator", write=conclusion_groups_form),
    Route("meetings:agreement_link", lambda w: {"pk": closed_conclusion(w).meeting_id}, read=OWNER_ONLY,
          owner="facilitator", write=lambda w: {"group": w.sibling_group.pk, "point": closed_conclusion(w).pk}),
    Route("meetings:agreement_unlink", lambda w: {"pk": closed_agreement(w).meeting_id}, read=POST_ONLY,
          owner="facilitator", write=lambda w: {"group": closed_agreement(w).group_id}),
]  # fmt: skip

# --- stakeholders ---
# Every officer of the province reads agency A's groups (the working group compares
# them); only agency A's officer changes them, and only they see the history.
TREE_READERS = frozenset({"observer", "officer_b"})


def tree_of(attribute: str = "fiscal_year", offset: int = 0) -> Callable:
    return lambda world: {"agency_pk": world.agency_a.pk, "year": getattr(world, attribute) + offset}


def example_import_file(world):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(world.officer_a)
    content = client.get(reverse("stakeholders:import_example")).content
    return {"file": SimpleUploadedFile("กลุ่มผู้รับบริการ.csv", content, content_type="text/csv")}


def group_details(world) -> dict:
    return {"name": "เกษตรกร", "kind": "service_recipient", "description": "ผู้ประกอบอาชีพเกษตร",
            "segmentation_basis": "", "estimated_size": 12000, "services": "ส่งเสริมการผลิต", "influence": 3,
            "interest": 4, "criteria_items": [item.pk for item in world.category_3.items.all()[:1]]}


STAKEHOLDERS = [
    Route("stakeholders:group_list", query="?fiscal_year=2550"),
    Route("stakeholders:group_export", lambda w: {"file_format": "csv"}),
    Route("stakeholders:compare"),
    Route("stakeholders:import_example"),
    Route("stakeholders:agency_groups", lambda w: {"agency_pk": w.agency_a.pk}, read=TREE_READERS),
    Route("stakeholders:agency_tree", tree_of(), read=TREE_READERS),
    Route("stakeholders:group_add", tree_of(), read=POST_ONLY, write=lambda w: {"name": "ผู้บริโภค", "kind": ""}),
    Route("stakeholders:carry_forward", tree_of(offset=1), read=OWNER_ONLY,
          write=lambda w: {"source": "previous_year"}),
    Route("stakeholders:group_import", tree_of(offset=1), read=OWNER_ONLY, write=example_import_file),
    Route("stakeholders:map", tree_of(), read=TREE_READERS),
    Route("stakeholders:map_svg", tree_of(), read=TREE_READERS),
    Route("stakeholders:history", tree_of(), read=OWNER_ONLY),
    Route("stakeholders:group_detail", pk_of("stakeholder_group"), read=TREE_READERS),
    Route("stakeholders:group_edit", pk_of("stakeholder_group"), read=OWNER_ONLY, write=group_details),
    Route("stakeholders:group_manage", pk_of("stakeholder_group"), read=OWNER_ONLY),
    Route("stakeholders:group_rename", pk_of("stakeholder_group"), read=POST_ONLY,
          write=lambda w: {"name": "เกษตรกรรายย่อย"}),
    Route("stakeholders:group_move", pk_of("subgroup"), read=POST_ONLY,
          write=lambda w: {"parent": w.sibling_group.pk}),
    Route("stakeholders:group_reorder", pk_of("stakeholder_group"), read=POST_ONLY,
          write=lambda w: {"direction": "down"}),
    Route("stakeholders:group_deactivate", pk_of("stakeholder_group"), read=POST_ONLY, write=lambda w: {}),
    Route("stakeholders:group_reactivate", pk_of("inactive_group"), read=POST_ONLY, write=lambda w: {}),
    Route("stakeholders:need_add", pk_of("stakeholder_group"), read=POST_ONLY,
          write=lambda w: {"description": "ราคาผลผลิตที่เป็นธรรม", "kind": "need", "priority": 1}),
    Route("stakeholders:channel_add", pk_of("stakeholder_group"), read=POST_ONLY,
          write=lambda w: {"kind": "hotline", "frequency": "monthly", "description": "สายด่วน"}),
    Route("stakeholders:need_delete", pk_of("need"), read=POST_ONLY, write=lambda w: {}),
    Route("stakeholders:channel_delete", pk_of("channel"), read=POST_ONLY, write=lambda w: {}),
]  # fmt: skip

ROUTES: dict[str, Route] = {route.name: route for route in CORE + MEETINGS + STAKEHOLDERS}
