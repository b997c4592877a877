"""Double submits: ten identical POSTs at the same instant, as from a double click or a slow network.

None may answer 500; what they ask is stored once, and the other browsers see
the form's usual refusal, or the work already done.
"""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext, ngettext

from meetings.models import (
    ActionItem,
    AgendaItemMinute,
    AgendaTemplate,
    DiscussionPoint,
    MeetingStatus,
    PointKind,
    PointSource,
    SummaryRevision,
    WorkingGroup,
)
from stakeholders.models import StakeholderGroup
from tests.concurrency import TIMES, failures, post_at_once, says
from tests.factories import (
    AgendaItemFactory,
    DiscussionPointFactory,
    LeadQuestionFactory,
    MeetingFactory,
    StakeholderGroupFactory,
    WorkingGroupMemberFactory,
    kamphaeng_phet,
    stakeholder_subgroup,
    start_meeting,
)

pytestmark = pytest.mark.usefixtures("shared_database")


def count_saying(answers, text: str) -> int:
    return sum(says(answer, text) for answer in answers)


# --- stakeholder groups ------------------------------------------------------------


def test_ten_adds_of_one_group_name_store_one_group_and_refuse_the_rest(officer_a, agency_a):
    answers = post_at_once(officer_a, reverse("stakeholders:group_add", args=[agency_a.pk, 2550]), {"name": "เกษตรกร"})

    assert not failures(answers)
    assert StakeholderGroup.objects.filter(agency=agency_a, fiscal_year=2550, name="เกษตรกร").count() == 1
    assert count_saying(answers, gettext("Group “%(name)s” added.") % {"name": "เกษตรกร"}) == 1
    refused = gettext("A top-level group with this name already exists for this fiscal year.")
    assert count_saying(answers, refused) == TIMES - 1


def test_ten_carry_forwards_copy_last_years_tree_once(officer_a, agency_a):
    farmers = StakeholderGroupFactory(agency=agency_a, fiscal_year=2549, name="เกษตรกร")
    stakeholder_subgroup(farmers, name="ด้านพืช")
    url = reverse("stakeholders:carry_forward", args=[agency_a.pk, 2550])

    answers = post_at_once(officer_a, url, {"source": "previous_year"})

    assert not failures(answers)
    copies = StakeholderGroup.objects.filter(agency=agency_a, fiscal_year=2550)
    assert sorted(copies.values_list("name", flat=True)) == ["ด้านพืช", "เกษตรกร"]
    assert count_saying(answers, gettext("%(count)s groups copied.") % {"count": 2}) == 1
    assert count_saying(answers, gettext("Every group is already in this year: nothing more was copied.")) == TIMES - 1


def _groups_file():
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["Parent group", "Group name"], ["", "เกษตรกร"], ["เกษตรกร", "ด้านพืช"]])
    return SimpleUploadedFile("groups.csv", buffer.getvalue().encode("utf-8-sig"), content_type="text/csv")


def test_ten_imports_of_one_file_import_it_once(officer_a, agency_a):
    url = reverse("stakeholders:group_import", args=[agency_a.pk, 2550])

    answers = post_at_once(officer_a, url, lambda: {"file": _groups_file()})

    assert not failures(answers)
    assert StakeholderGroup.objects.filter(agency=agency_a, fiscal_year=2550).count() == 2
    assert count_saying(answers, gettext("%(count)s groups imported.") % {"count": 2}) == 1
    refused = gettext("Nothing was imported: correct the rows below and import the file again.")
    assert count_saying(answers, refused) == TIMES - 1


# --- working groups and attendance ------------------------------------------------------


def test_ten_creations_of_one_working_group_name_store_one_group(facilitator):
    url = reverse("meetings:group_create")
    data = {"province": kamphaeng_phet().pk, "name": "คณะทำงาน PMQA จังหวัดกำแพงเพชร", "is_active": "on"}

    answers = post_at_once(facilitator, url, data)

    assert not failures(answers)
    assert WorkingGroup.objects.filter(name="คณะทำงาน PMQA จังหวัดกำแพงเพชร").count() == 1
    assert count_saying(answers, gettext("Working group created.")) == 1
    refused = gettext("The province already has a working group of this name.")
    assert count_saying(answers, refused) == TIMES - 1


def _attendee(agency, **fields):
    return {"name": "นายสมชาย ใจดี", "agency": agency.pk, "role": "member", "attendance": "present", **fields}


def test_ten_adds_of_one_attendee_without_an_account_list_them_once(facilitator, meeting, agency_a):
    answers = post_at_once(facilitator, reverse("meetings:attendance", args=[meeting.pk]), _attendee(agency_a))

    assert not failures(answers)
    assert meeting.attendances.filter(name="นายสมชาย ใจดี").count() == 1
    assert count_saying(answers, gettext("Added to the attendance list.")) == 1
    assert count_saying(answers, gettext("This person is already listed for the meeting.")) == TIMES - 1


def test_ten_adds_of_one_user_list_them_once(facilitator, meeting, officer_a, agency_a):
    data = _attendee(agency_a, user=officer_a.pk, name="")

    answers = post_at_once(facilitator, reverse("meetings:attendance", args=[meeting.pk]), data)

    assert not failures(answers)
    assert meeting.attendances.filter(user=officer_a).count() == 1
    assert count_saying(answers, gettext("Added to the attendance list.")) == 1
    assert count_saying(answers, gettext("This person is already listed for the meeting.")) == TIMES - 1


def test_ten_fills_from_the_working_group_add_each_member_once(facilitator, meeting, officer_a, agency_a):
    group = meeting.working_group
    WorkingGroupMemberFactory(working_group=group, user=officer_a)
    WorkingGroupMemberFactory(working_group=group, user=None, name="นางสาวสมหญิง รักงาน", agency=agency_a)
    listed = meeting.attendances.count()

    answers = post_at_once(facilitator, reverse("meetings:attendance_fill_from_group", args=[meeting.pk]))

    assert not failures(answers)
    assert meeting.attendances.count() == listed + 2
    assert meeting.attendances.filter(name="นางสาวสมหญิง รักงาน").count() == 1
    added = gettext("%(count)s members of the working group added.") % {"count": 2}
    assert count_saying(answers, added) == 1
    assert count_saying(answers, gettext("Every member of the working group is already listed.")) == TIMES - 1


# --- pre-meeting answers and action items ------------------------------------------------


def test_ten_first_premeeting_answers_store_one_point_per_question(officer_a, meeting, agency_a):
    questions = LeadQuestionFactory.create_batch(5, meeting=meeting)
    url = reverse("meetings:premeeting", args=[meeting.pk])
    data = {f"answer_{question.pk}": f"คำตอบข้อ {number}" for number, question in enumerate(questions, start=1)}

    answers = post_at_once(officer_a, url, data)

    assert not failures(answers)
    points = DiscussionPoint.objects.live().filter(agency=agency_a, source=PointSource.PRE_MEETING)
    assert sorted(points.values_list("lead_question", "text")) == sorted(
        (question.pk, f"คำตอบข้อ {number}") for number, question in enumerate(questions, start=1)
    )
    sent = gettext("Your agency's answers were sent. You may change them until the meeting starts.")
    assert count_saying(answers, sent) == TIMES


def test_ten_action_item_creations_from_the_points_make_each_item_once(facilitator, meeting, agency_a):
    start_meeting(meeting)
    DiscussionPointFactory.create_batch(2, meeting=meeting, agency=agency_a, kind=PointKind.ACTION_ITEM)
    url = reverse("meetings:action_items_from_points", args=[meeting.pk])

    answers = post_at_once(facilitator, url)

    assert not failures(answers)
    assert ActionItem.objects.filter(meeting=meeting).count() == 2
    made = ngettext(
        "%(count)s action item created from the points.", "%(count)s action items created from the points.", 2
    ) % {"count": 2}
    assert count_saying(answers, made) == 1
    assert count_saying(answers, gettext("Every action-item point already has its action item.")) == TIMES - 1



# --- other write paths that looked before they added ------------------------------------


def test_ten_adds_of_one_member_add_them_once(facilitator, meeting, officer_a):
    url = reverse("meetings:member_add", args=[meeting.working_group_id])

    answers = post_at_once(facilitator, url, {"user": officer_a.pk, "role": "member"})

    assert not failures(answers)
    assert meeting.working_group.members.filter(user=officer_a).count() == 1
    assert count_saying(answers, gettext("Member added.")) == 1
    assert count_saying(answers, gettext("This person is already a member of the group.")) == TIMES - 1


def test_ten_applications_of_the_agenda_template_leave_its_items_once(facilitator, meeting):
    template = AgendaTemplate.objects.get(is_default=True)
    url = reverse("meetings:agenda_apply_template", args=[meeting.pk])

    answers = post_at_once(facilitator, url, {"template": template.pk})

    assert not failures(answers)
    assert list(meeting.agenda.order_by("order").values_list("title", flat=True)) == list(
        template.items.order_by("order").values_list("title", flat=True)
    )


def test_ten_copies_from_the_question_bank_copy_each_question_once(facilitator, meeting):
    picked = LeadQuestionFactory.create_batch(2, meeting=MeetingFactory(working_group=meeting.working_group))
    url = reverse("meetings:question_bank", args=[meeting.pk])

    answers = post_at_once(facilitator, url, {"questions": [question.pk for question in picked]})

    assert not failures(answers)
    assert sorted(meeting.lead_questions.values_list("text", flat=True)) == sorted(q.text for q in picked)


def test_ten_first_saves_of_the_summary_keep_one_revision(facilitator, meeting):
    meeting.status = MeetingStatus.NOTES_CLOSED
    meeting.save(update_fields=["status"])
    url = reverse("meetings:summary_edit", args=[meeting.pk])

    answers = post_at_once(facilitator, url, {"text": "ที่ประชุมเห็นชอบ", "conclusions": "", "base_number": 0})

    assert not failures(answers)
    assert list(SummaryRevision.objects.filter(summary__meeting=meeting).values_list("number", "text")) == [
        (1, "ที่ประชุมเห็นชอบ")
    ]
    assert count_saying(answers, gettext("Saved as revision %(number)s.") % {"number": 1}) == TIMES


def test_ten_saves_of_the_minutes_keep_one_text_per_agenda_item(facilitator, meeting):
    item = AgendaItemFactory(meeting=meeting)
    data = {"discussion_agenda_item": item.pk, f"discussion_{item.pk}": "ที่ประชุมหารือ", f"resolution_{item.pk}": "รับทราบ"}

    answers = post_at_once(facilitator, reverse("meetings:minutes_edit", args=[meeting.pk]), data)

    assert not failures(answers)
    assert list(AgendaItemMinute.objects.filter(agenda_item=item).values_list("resolution", flat=True)) == ["รับทราบ"]


def test_ten_moves_of_a_stakeholder_group_take_turns(officer_a, agency_a):
    first = StakeholderGroupFactory(agency=agency_a, name="เกษตรกร", order=0)
    second = StakeholderGroupFactory(agency=agency_a, name="วิสาหกิจชุมชน", order=1)

    answers = post_at_once(officer_a, reverse("stakeholders:group_reorder", args=[second.pk]), {"direction": "up"})

    assert not failures(answers)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (second.order, first.order) == (0, 1)


# --- live capture ------------------------------------------------------------------


def test_ten_moves_of_one_point_at_once_take_turns(note_taker, meeting, agency_a):
    start_meeting(meeting)
    question = LeadQuestionFactory(meeting=meeting)
    points = [
        DiscussionPointFactory(meeting=meeting, lead_question=question, agency=agency_a, order=order)
        for order in range(1, 6)
    ]
    answers = post_at_once(note_taker, reverse("meetings:point_move", args=[points[4].pk]), {"direction": "up"})

    assert not failures(answers)
    orders = sorted(DiscussionPoint.objects.filter(lead_question=question).values_list("order", flat=True))
    assert orders == [1, 2, 3, 4, 5]
    points[4].refresh_from_db()
    assert points[4].order == 1  # ten moves up from the last place end at the top
