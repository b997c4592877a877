"""Property-based tests: arbitrary text (Thai included), dates and numbers posted into
every form of the portal never give a server error.

Each form is one `FormCase` line in FORMS: its URL, the persona who fills it, the
method and the fields to fill. Every example runs in a transaction that is rolled
back, so the world stays the same from one example to the next.
"""

import os
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.authz.registry import closed_agreement, closed_conclusion
from tests.authz.world import build_world

THAI = st.characters(min_codepoint=0x0E00, max_codepoint=0x0E7F)
thai_text = st.text(alphabet=st.one_of(THAI, st.sampled_from(" .,-/0123456789")), max_size=80)
any_text = st.text(max_size=200)  # every code point but surrogates, NUL and other controls included
numbers = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["0", "-1", "1e309", "๑๒๓", "1,000", "0x1F", " 7 "]),
)


@st.composite
def dates(draw):
    """Dates as people type them: BE or CE years, several separators, impossible days."""
    day = draw(st.integers(0, 40))
    month = draw(st.integers(0, 14))
    year = draw(st.one_of(st.integers(1, 9999), st.integers(2400, 2700), st.integers(1900, 2100)))
    separator = draw(st.sampled_from(["/", "-", ".", " ", ""]))
    if draw(st.booleans()):
        return f"{year:04d}-{month:02d}-{day:02d}"
    return f"{day:02d}{separator}{month:02d}{separator}{year}"


times = st.one_of(
    st.tuples(st.integers(-1, 30), st.integers(-1, 70)).map(lambda t: f"{t[0]:02d}:{t[1]:02d}"),
    st.tuples(st.integers(0, 24), st.integers(0, 60)).map(lambda t: f"{t[0]}.{t[1]:02d} น."),
)
anything = st.one_of(any_text, thai_text, numbers, dates(), times, st.just(""))


def many(strategy):
    """A field that may arrive once, several times or not at all."""
    if not isinstance(strategy, st.SearchStrategy):
        return lambda world: many(strategy(world))
    return st.one_of(strategy, st.lists(strategy, max_size=3))


def valid_or_not(values: Callable) -> Callable:
    """A field that takes ids or codes: often a valid one (so the form gets further), else anything."""
    return lambda world: st.one_of(st.sampled_from([str(value) for value in values(world)]), anything)


def uploaded_file(name: str):
    """A file upload with arbitrary content (text in several encodings, or raw bytes)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = st.one_of(
        st.binary(max_size=2000),
        st.text(max_size=500).map(lambda text: text.encode("utf-8")),
        st.lists(st.lists(anything, max_size=6).map(",".join), max_size=8).map(lambda rows: "\r\n".join(rows).encode()),
    )
    return content.map(lambda data: SimpleUploadedFile(name, data))


@dataclass(frozen=True)
class FormCase:
    name: str
    url: Callable
    # {field name: strategy, or a function of the world giving one}, or a function of the world giving that dict
    fields: dict | Callable
    persona: str = "officer_a"
    method: str = "post"

    def strategies(self, world) -> dict:
        fields = self.fields(world) if callable(self.fields) else self.fields
        return {name: value if isinstance(value, st.SearchStrategy) else value(world) for name, value in fields.items()}


FORMS = [
    # --- core and django.contrib.auth ---
    FormCase("login", lambda w: reverse("login"), {"username": anything, "password": anything, "next": anything},
             persona="visitor"),
    FormCase("password_reset", lambda w: reverse("password_reset"),
             {"email": st.one_of(anything, st.emails())}, persona="visitor"),
    FormCase("password_change", lambda w: reverse("password_change"),
             {"old_password": anything, "new_password1": anything, "new_password2": anything}),
    FormCase("agency_filter", lambda w: reverse("agency_list"),
             {"q": anything, "province": many(anything), "ministry": many(anything), "kind": many(anything),
              "include_inactive": anything, "page": numbers}, method="get"),
    FormCase("set_language", lambda w: reverse("set_language"), {"language": anything, "next": anything}),
    # --- meetings ---
    FormCase("meeting_list_filter", lambda w: reverse("meetings:meeting_list"),
             {"province": anything, "working_group": anything, "category": anything, "status": anything,
              "date_from": dates(), "date_to": dates(), "agency": anything, "page": numbers}, method="get"),
    FormCase("meeting_create", lambda w: reverse("meetings:meeting_create"),
             {"working_group": valid_or_not(lambda w: [w.working_group.pk]), "title": anything, "number": numbers,
              "be_year": numbers, "date": dates(), "start_time": times, "end_time": times, "venue": anything,
              "category": valid_or_not(lambda w: [w.category_3.pk]),
              "criteria_items": many(anything), "objectives": anything,
              "agenda_template": valid_or_not(lambda w: [w.agenda_template.pk])}, persona="facilitator"),
    FormCase("meeting_update", lambda w: reverse("meetings:meeting_update", args=[w.planned.pk]),
             {"title": anything, "number": numbers, "be_year": numbers, "date": dates(), "start_time": times,
              "end_time": times, "venue": anything, "version": numbers, "objectives": anything},
             persona="facilitator"),
    FormCase("meeting_duplicate", lambda w: reverse("meetings:meeting_duplicate", args=[w.planned.pk]),
             {"title": anything, "date": dates(), "start_time": times, "end_time": times, "venue": anything},
             persona="facilitator"),
    FormCase("meeting_status", lambda w: reverse("meetings:meeting_status", args=[w.planned.pk]),
             {"status": st.one_of(st.sampled_from(["planned", "in_session", "notes_closed", "approved"]), anything)},
             persona="facilitator"),
    FormCase("agenda_item", lambda w: reverse("meetings:agenda", args=[w.planned.pk]),
             {"number": anything, "title": anything, "planned_minutes": numbers, "details": anything},
             persona="facilitator"),
    FormCase("attendance", lambda w: reverse("meetings:attendance", args=[w.planned.pk]),
             {"user": valid_or_not(lambda w: [w.officer_b.pk]), "name": anything,
              "agency": valid_or_not(lambda w: [w.agency_b.pk]), "position": anything, "role": anything,
              "attendance": st.one_of(st.sampled_from(["present", "absent", "substitute", "guest"]), anything),
              "substitute_for": valid_or_not(lambda w: [w.attendance.pk]), "substitute_for_name": anything,
              "absence_reason": anything}, persona="facilitator"),
    FormCase("attachment", lambda w: reverse("meetings:attachment_upload", args=[w.planned.pk]),
             {"file": st.one_of(uploaded_file("ไฟล์.pdf"), uploaded_file("slides.pptx"), uploaded_file("x.exe")),
              "kind": anything, "title": anything}, persona="facilitator"),
    FormCase("lead_question", lambda w: reverse("meetings:questions", args=[w.planned.pk]),
             {"text": anything, "criteria_item": anything}, persona="facilitator"),
    FormCase("question_bank", lambda w: reverse("meetings:question_bank", args=[w.planned.pk]),
             {"questions": many(valid_or_not(lambda w: [w.live_question.pk]))}, persona="facilitator"),
    FormCase("question_bank_filter", lambda w: reverse("meetings:question_bank", args=[w.planned.pk]),
             {"category": anything, "criteria_item": anything, "province": anything, "q": anything, "page": numbers},
             persona="facilitator", method="get"),
    FormCase("working_group", lambda w: reverse("meetings:group_create"),
             {"province": valid_or_not(lambda w: [w.province.pk]), "name": anything, "description": anything,
              "member_agencies": many(anything), "is_active": anything}, persona="facilitator"),
    FormCase("group_member", lambda w: reverse("meetings:member_add", args=[w.working_group.pk]),
             {"user": anything, "name": anything, "agency": anything, "position": anything, "role": anything},
             persona="facilitator"),
    FormCase("capture", lambda w: reverse("meetings:capture", args=[w.live.pk]),
             {"agency": valid_or_not(lambda w: [w.agency_a.pk]),
              "lead_question": valid_or_not(lambda w: [w.live_question.pk, ""]),
              "kind": st.one_of(st.sampled_from(["current_practice", "problem", "action_item"]), anything),
              "text": anything}, persona="note_taker"),
    FormCase("point_edit", lambda w: reverse("meetings:point_update", args=[w.point.pk]),
             {"agency": valid_or_not(lambda w: [w.agency_a.pk]), "lead_question": anything, "kind": anything,
              "text": anything, "seen": numbers}, persona="note_taker"),
    FormCase("point_move", lambda w: reverse("meetings:point_move", args=[w.point.pk]),
             {"direction": anything}, persona="note_taker"),
    FormCase("point_changes_poll", lambda w: reverse("meetings:point_changes", args=[w.live.pk]),
             {"since": st.one_of(anything, st.integers().map(lambda n: f"{n}-abc"))}, persona="note_taker",
             method="get"),
    FormCase("projector", lambda w: reverse("meetings:projector", args=[w.live.pk]),
             {"question": anything, "since": anything}, persona="note_taker", method="get"),
    FormCase("premeeting", lambda w: reverse("meetings:premeeting", args=[w.planned.pk]),
             lambda w: {f"answer_{w.question.pk}": anything, f"answer_{w.spare_question.pk}": anything,
                        "answer_0": anything}),
    FormCase("summary_edit", lambda w: reverse("meetings:summary_edit", args=[w.closed.pk]),
             {"text": anything, "conclusions": anything, "base_number": numbers}, persona="facilitator"),
    FormCase("summary_send_for_review", lambda w: reverse("meetings:summary_send_for_review", args=[w.closed.pk]),
             {"revision": numbers}, persona="facilitator"),
    FormCase("summary_revisions", lambda w: reverse("meetings:summary_revisions", args=[w.closed.pk]),
             {"old": numbers, "new": numbers}, persona="facilitator", method="get"),
    FormCase("review_comment", lambda w: reverse("meetings:review_comment_add", args=[w.in_review.pk]),
             {"kind": st.one_of(st.sampled_from(["comment", "proposal"]), anything), "text": anything}),
    FormCase("comment_decision", lambda w: reverse("meetings:review_comment_decide", args=[w.comment.pk]),
             {"decision": st.one_of(st.sampled_from(["accept", "decline"]), anything), "note": anything},
             persona="facilitator"),
    FormCase("action_item", lambda w: reverse("meetings:meeting_actions", args=[w.closed.pk]),
             {"title": anything, "agency": valid_or_not(lambda w: [w.agency_a.pk]), "responsible_person": anything,
              "due_date": dates(), "status": anything, "note": anything}, persona="note_taker"),
    FormCase("action_status", lambda w: reverse("meetings:action_status", args=[w.action_item.pk]),
             {"status": anything, "next": anything}),
    FormCase("action_list_filter", lambda w: reverse("meetings:action_list"),
             {"agency": anything, "status": many(anything), "due_from": dates(), "due_until": dates(),
              "overdue": anything, "page": numbers}, method="get"),
    FormCase("after_action_review", lambda w: reverse("meetings:aar_edit", args=[w.closed.pk]),
             {"expected": anything, "happened": anything, "difference": anything, "keep": anything,
              "change": anything, "version": numbers}, persona="facilitator"),
    FormCase("minutes_details", lambda w: reverse("meetings:minutes_edit", args=[w.closed.pk]),
             {"discussion_agenda_item": anything, "recorder_name": anything, "recorder_position": anything,
              "checker_name": anything, "checker_position": anything}, persona="facilitator"),
    # meeting → stakeholder groups
    FormCase("conclusion_groups", lambda w: reverse("meetings:conclusion_groups", args=[closed_conclusion(w).pk]),
             {"name": anything, "kind": st.one_of(st.sampled_from(["service_recipient", "stakeholder"]), anything),
              "fiscal_year": numbers, "parent_name": anything,
              "agencies": many(valid_or_not(lambda w: [w.agency_a.pk, w.agency_b.pk]))}, persona="facilitator"),
    FormCase("agreement_link", lambda w: reverse("meetings:agreement_link", args=[w.closed.pk]),
             {"group": valid_or_not(lambda w: [w.stakeholder_group.pk, w.subgroup.pk, w.inactive_group.pk]),
              "point": valid_or_not(lambda w: [closed_conclusion(w).pk])}, persona="facilitator"),
    FormCase("agreement_unlink", lambda w: reverse("meetings:agreement_unlink", args=[w.closed.pk]),
             {"group": valid_or_not(lambda w: [closed_agreement(w).group_id])}, persona="facilitator"),
    # --- stakeholders ---
    FormCase("stakeholder_filter", lambda w: reverse("stakeholders:group_list"),
             {"q": anything, "province": anything, "ministry": anything, "agency": anything, "fiscal_year": numbers,
              "kind": anything, "criteria_item": anything, "include_inactive": anything, "page": numbers},
             method="get"),
    FormCase("stakeholder_compare", lambda w: reverse("stakeholders:compare"),
             {"fiscal_year": numbers, "province": anything, "agencies": many(anything)}, method="get"),
    FormCase("stakeholder_year", lambda w: reverse("stakeholders:agency_groups", args=[w.agency_a.pk]),
             {"year": numbers}, method="get"),
    FormCase("stakeholder_group_add",
             lambda w: reverse("stakeholders:group_add", args=[w.agency_a.pk, w.fiscal_year]),
             {"name": anything, "kind": anything, "parent": valid_or_not(lambda w: [w.stakeholder_group.pk])}),
    FormCase("stakeholder_group_edit", lambda w: reverse("stakeholders:group_edit", args=[w.stakeholder_group.pk]),
             {"name": anything, "kind": anything, "description": anything, "segmentation_basis": anything,
              "estimated_size": numbers, "services": anything, "influence": numbers, "interest": numbers,
              "criteria_items": many(anything)}),
    FormCase("stakeholder_rename", lambda w: reverse("stakeholders:group_rename", args=[w.stakeholder_group.pk]),
             {"name": anything}),
    FormCase("stakeholder_move", lambda w: reverse("stakeholders:group_move", args=[w.subgroup.pk]),
             {"parent": valid_or_not(lambda w: [w.sibling_group.pk, w.subgroup.pk, w.stakeholder_group.pk])}),
    FormCase("stakeholder_reorder", lambda w: reverse("stakeholders:group_reorder", args=[w.stakeholder_group.pk]),
             {"direction": anything}),
    FormCase("stakeholder_need", lambda w: reverse("stakeholders:need_add", args=[w.stakeholder_group.pk]),
             {"description": anything, "kind": anything, "priority": numbers}),
    FormCase("stakeholder_channel", lambda w: reverse("stakeholders:channel_add", args=[w.stakeholder_group.pk]),
             {"kind": anything, "frequency": anything, "description": anything}),
    FormCase("stakeholder_carry_forward",
             lambda w: reverse("stakeholders:carry_forward", args=[w.agency_a.pk, w.fiscal_year + 1]),
             {"source": st.one_of(st.sampled_from(["previous_year", "agency", "template"]), anything),
              "source_agency": valid_or_not(lambda w: [w.agency_b.pk]), "source_year": numbers,
              "template": anything}),
    FormCase("stakeholder_import",
             lambda w: reverse("stakeholders:group_import", args=[w.agency_a.pk, w.fiscal_year + 1]),
             {"file": st.one_of(uploaded_file("groups.csv"), uploaded_file("groups.xlsx"))}),
]  # fmt: skip


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return build_world()


def fill(data, fields: dict) -> dict:
    """Draw a value for a random subset of the fields (a missing field is bad input too)."""
    chosen = data.draw(st.lists(st.sampled_from(sorted(fields)), unique=True, min_size=1), label="fields")
    return {name: data.draw(fields[name], label=name) for name in chosen}


def client_for(world, persona: str) -> Client:
    """One signed-in client per persona and world, reused by every example."""
    clients = world.__dict__.setdefault("_clients", {})
    if persona not in clients:
        client = clients[persona] = Client()
        user = getattr(world, persona)
        if user is not None:
            client.force_login(user)
    return clients[persona]


# HYPOTHESIS_PROFILE=thorough for a long run before a release.
settings.register_profile(
    "default",
    max_examples=15,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile("thorough", settings.get_profile("default"), max_examples=300)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.mark.parametrize("case", [pytest.param(case, id=case.name) for case in FORMS])
@given(data=st.data())
def test_no_input_gives_a_server_error(world, case, data):
    client = client_for(world, case.persona)
    payload = fill(data, case.strategies(world))
    with transaction.atomic():
        response = getattr(client, case.method)(case.url(world), payload)
        transaction.set_rollback(True)
    assert response.status_code < 500


NASTY = {
    "nul": "\x00",
    "inner-nul": "a\x00b",
    "edge-code-points": "\ud7ff\ufffd\U0010ffff",
    "sql": "' OR 1=1 --",
    "script": "<script>alert(1)</script>",
    "long": "๐" * 5000,
    "feb-31": "31/02/2550",
    "id-beyond-64-bits": "9223372036854775808",
    "negative-id": "-9223372036854775809",
}


@pytest.mark.parametrize("case", [pytest.param(case, id=case.name) for case in FORMS])
def test_known_nasty_values_in_every_field(world, case):
    client = client_for(world, case.persona)
    for label, value in NASTY.items():
        payload = dict.fromkeys(case.strategies(world), value)
        payload.pop("file", None)  # a file field takes an upload, tried by the property-based test
        with transaction.atomic():
            response = getattr(client, case.method)(case.url(world), payload)
            transaction.set_rollback(True)
        assert response.status_code < 500, label
