"""Text made to make the Markdown renderer recurse or crawl.

Statements, pre-meeting answers and accepted proposals are pasted into the
facilitator's Markdown as plain text; the facilitator's own Markdown is rendered
as typed. Whatever either holds, it renders in under a second (the bound the
summary page, the print view, the .docx and the PDF can afford), and every page
that shows it answers.
"""

import re
import time

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from lxml import html as lxml_html

from meetings.forms_capture import TEXT_MAX_LENGTH
from meetings.models import Meeting, MeetingStatus, PointKind, ReviewComment, Summary
from meetings.models.summaries import SUMMARY_MAX_LENGTH
from meetings.selectors.summaries import revision_diff
from meetings.services import summaries as services
from pmqa_portal.markdown_text import MARKDOWN_MAX_LENGTH, MAX_STRUCTURE, escape_markdown, render_markdown
from tests.factories import (
    LeadQuestionFactory,
    start_meeting,
)
from tests.meetings.summary_helpers import meeting_in, save_text

# A Thai syllable carrying a stack of vowel and tone marks, which shaping and line breaking must both survive.
THAI_WITH_MARKS = "ผู้รับบริการกิ่่่้้้๊๊ ที่ได้รับผลกระทบ "

CORPUS = {
    "list markers": "- " * 500,
    "quote markers": "> " * 1000,
    "8,000 brackets": "[" * 8000,
    "100,000 brackets": "[" * 100_000,
    "asterisks": "*" * 50_000,
    "backticks": "`" * 50_000,
    "ordered list markers": "1. " * 500,
    "angle brackets": "<" * 100_000,
    "underscores": "_" * 100_000,
    "link closers": "](" * 20_000,
    "thai with combining marks": THAI_WITH_MARKS * 2500,
    "unclosed links": "[a](" * 20_000,
    "unclosed references": "[a][" * 20_000,
    "nested emphasis": "**" * 2000 + "ก" + "**" * 2000,
    "nested links": "[" * 2000 + "ก" + "](b)" * 2000,
    "escapes": "\\*" * 50_000,
    "line breaks": "ก\n" * 50_000,
    "indented list": "\n".join("    " * depth + "- ก" for depth in range(200)),
    "nested quotes by line": "\n".join("> " * depth + "ก" for depth in range(300)),
    "entities": "&amp;" * 20_000,
    "pipes": "|" * 100_000,
    "table": "| ก | ข |\n| - | - |\n" + "| [ | * |\n" * 9000,
    "headings": "# ก\n" * 25_000,
    "underlined headings": "ก\n=\n" * 25_000,
    "rules between lines": "ก\n***\n" * 16_000,
    "mixed nesting": "- > - > - > - > - > ก\n" * 4000,
    "hashes": "#" * 100_000,
}
# The bound the issue sets, in CPU time of the rendering thread: what rendering costs, not how long
# a busy machine (parallel test processes, CI) made it wait.
SECOND = 1.0


def _visible_text(html: str) -> str:
    return " ".join(lxml_html.fragment_fromstring(html or "<p></p>", create_parent="div").text_content().split())


def _depth(html: str) -> int:
    deepest = depth = 0
    for closing, tag in re.findall(r"<(/?)([a-z0-9]+)", html):
        if tag == "br":
            continue
        depth += -1 if closing else 1
        deepest = max(deepest, depth)
    return deepest


def _timed(text: str) -> tuple[str, float]:
    start = time.thread_time()
    html = render_markdown(text)
    return html, time.thread_time() - start


@pytest.mark.parametrize("name", CORPUS)
def test_other_peoples_text_renders_as_typed_in_under_a_second(name):
    text = CORPUS[name]

    html, elapsed = _timed(f"- {escape_markdown(text)} (กษจ.กพ.)")

    assert elapsed < SECOND
    assert _visible_text(html) == " ".join(f"{text} (กษจ.กพ.)".split())
    assert html.startswith("<ul>\n<li>") and html.count("<li>") == 1


@pytest.mark.parametrize("name", CORPUS)
def test_facilitators_markdown_renders_in_under_a_second_and_nests_shallow(name):
    html, elapsed = _timed(CORPUS[name])

    assert elapsed < SECOND
    assert _depth(html) <= 40


def test_markdown_past_the_length_bound_is_shown_as_plain_text():
    text = "**ก**\n\n" + ("ข" * 200 + "\n\n") * (MARKDOWN_MAX_LENGTH // 200) + "**ท้ายสุด** <b>"

    html, elapsed = _timed(text)

    assert elapsed < SECOND
    assert "<strong>ก</strong>" in html
    assert "**ท้ายสุด** &lt;b&gt;" in html


def test_lines_past_the_structure_bound_are_shown_as_one_plain_paragraph():
    html, elapsed = _timed("- **ก**\n" * MAX_STRUCTURE + "\n\n- **ท้ายสุด**\n- <b>")

    assert elapsed < SECOND
    # A bullet is a line and a level of nesting: the first half are formatted, the rest shown as typed.
    assert html.count("<strong>ก</strong>") == MAX_STRUCTURE // 2
    assert html.endswith("- **ก**\n\n\n- **ท้ายสุด**\n- &lt;b&gt;</p>")


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("**ตัวหนา** _เอียง_ `code`", "**ตัวหนา** _เอียง_ `code`"),
        ("# หัวข้อ", "# หัวข้อ"),
        ("> อ้างอิง", "> อ้างอิง"),
        ("- ข้อ", "- ข้อ"),
        ("+ ข้อ", "+ ข้อ"),
        ("1. ข้อ", "1. ข้อ"),
        ("๑. ข้อ", "๑. ข้อ"),
        ("--- ", "---"),
        (
            "[ลิงก์](https://example.org) <https://example.org> <a@b.th>",
            "[ลิงก์](https://example.org) <https://example.org> <a@b.th>",
        ),
        ("&amp; &#42; R&D", "&amp; &#42; R&D"),
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
        ("a | b\n| - |", "a | b | - |"),
        ("\\*ไม่หนา\\*", "\\*ไม่หนา\\*"),
        ("บรรทัด\n\n    โค้ด", "บรรทัด โค้ด"),
    ],
)
def test_escaped_text_shows_every_character_typed(typed, shown):
    html = render_markdown(f"- {escape_markdown(typed)}")

    assert _visible_text(html) == shown
    assert "<a " not in html and "<strong>" not in html and "<em>" not in html and "<h1>" not in html


def test_facilitators_markdown_keeps_its_formatting():
    html = render_markdown(
        "## หัวข้อ\n\n- **ตัวหนา** และ *เอียง*\n    - ย่อย\n\n> อ้าง\n\n1. หนึ่ง\n2. สอง\n\n"
        "| ก | ข |\n| - | - |\n| 1 | 2 |\n\n[ลิงก์](https://example.org)\nบรรทัดใหม่"
    )

    for fragment in ("<h2>หัวข้อ</h2>", "<strong>ตัวหนา</strong>", "<em>เอียง</em>", "<li>ย่อย</li>",
                     "<blockquote>", "<ol>", "<td>1</td>", '<a href="https://example.org"', "<br>"):  # fmt: skip
        assert fragment in html


def test_nesting_past_the_limit_shows_the_further_markers_as_text():
    html = render_markdown("> " * 20 + "ลึก")

    assert html.count("<blockquote>") < 20
    assert _visible_text(html).endswith("> > ลึก")


# --- the pages that show it ----------------------------------------------------


def _signed_in(user) -> Client:
    """A client of its own for each person, as when several people use the portal at once."""
    client = Client()
    client.force_login(user)
    return client


PAGES = ("summary_detail", "minutes_print", "minutes_docx", "minutes_pdf")
# The corpus at the length the forms take, each kind of input once: the PDF of each costs seconds.
PAGE_CORPUS = [
    name
    for name in CORPUS
    if name not in ("100,000 brackets", "unclosed references", "escapes", "entities", "pipes", "hashes")
]


def _pages(client, meeting) -> dict[str, int]:
    return {name: client.get(reverse(f"meetings:{name}", args=[meeting.pk])).status_code for name in PAGES}


def _shown(client, url_name: str, meeting, css_class: str) -> str:
    """The text a person reads in the page's element of `css_class` (the summary, or the minutes' summary)."""
    page = lxml_html.document_fromstring(client.get(reverse(url_name, args=[meeting.pk])).content)
    (element,) = page.find_class(css_class)[:1]
    return " ".join(element.text_content().split())


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGE_CORPUS)
def test_pages_answer_with_the_text_in_a_point_an_answer_and_a_proposal(
    name, meeting, facilitator, note_taker, officer_a, agency_a
):
    # Words after the markup: a statement of punctuation alone is left out of the draft.
    text = CORPUS[name][: TEXT_MAX_LENGTH - 20] + " ท้ายประเด็น"
    question = LeadQuestionFactory(meeting=meeting, text="หน่วยงานกำหนดกลุ่มผู้รับบริการอย่างไร")
    officer, chair = _signed_in(officer_a), _signed_in(facilitator)
    answered = officer.post(reverse("meetings:premeeting", args=[meeting.pk]), {f"answer_{question.pk}": text})
    assert answered.status_code == 302
    start_meeting(meeting)
    point = {"agency": agency_a.pk, "lead_question": question.pk, "kind": PointKind.PROBLEM, "text": text}
    assert _signed_in(note_taker).post(reverse("meetings:capture", args=[meeting.pk]), point).status_code == 302
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.NOTES_CLOSED)

    assert chair.post(reverse("meetings:summary_draft", args=[meeting.pk])).status_code == 302
    summary = Summary.objects.get(meeting=meeting)
    chair.post(reverse("meetings:summary_send_for_review", args=[meeting.pk]), {"revision": summary.current_number})
    officer.post(reverse("meetings:review_comment_add", args=[meeting.pk]), {"kind": "proposal", "text": text})
    proposal = ReviewComment.objects.get(summary=summary)
    chair.post(reverse("meetings:review_comment_decide", args=[proposal.pk]), {"decision": "accept"})

    proposal.refresh_from_db()
    assert proposal.resulting_revision is not None
    assert _pages(chair, meeting) == dict.fromkeys(PAGES, 200)
    typed = " ".join(text.split())
    # The answer and the point (two kinds), and the proposal: each shown as it was typed.
    assert _shown(chair, "meetings:summary_detail", meeting, "summary-text").count(typed) == 3
    assert _shown(chair, "meetings:minutes_print", meeting, "minutes-summary").count(typed) == 3


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGE_CORPUS)
def test_pages_answer_with_the_text_as_the_facilitators_markdown(name, facilitator, agency_a):
    meeting = meeting_in(MeetingStatus.NOTES_CLOSED, facilitator=facilitator, agencies=[agency_a])
    chair = _signed_in(facilitator)
    text = CORPUS[name][:TEXT_MAX_LENGTH]

    saved = chair.post(
        reverse("meetings:summary_edit", args=[meeting.pk]),
        {"text": text, "conclusions": text[:1000], "base_number": 0},
    )

    assert saved.status_code == 302
    assert _pages(chair, meeting) == dict.fromkeys(PAGES, 200)


# --- the summary's length --------------------------------------------------------


@pytest.mark.django_db
def test_a_summary_longer_than_the_cap_is_refused_with_a_message_that_keeps_the_text(facilitator, agency_a, client_for):
    meeting = meeting_in(MeetingStatus.NOTES_CLOSED, facilitator=facilitator, agencies=[agency_a])
    typed = "ก" * (SUMMARY_MAX_LENGTH + 1)

    response = client_for(facilitator).post(
        reverse("meetings:summary_edit", args=[meeting.pk]), {"text": typed, "conclusions": "ข้อสรุป", "base_number": 0}
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "100,000" in page or "100000" in page
    assert typed in page and "ข้อสรุป" in page
    assert not Summary.objects.filter(meeting=meeting, current_number__gt=0).exists()


@pytest.mark.django_db
def test_a_summary_at_the_cap_is_saved(facilitator, agency_a):
    meeting = meeting_in(MeetingStatus.NOTES_CLOSED, facilitator=facilitator, agencies=[agency_a])

    revision = save_text(meeting, facilitator, text="ก" * SUMMARY_MAX_LENGTH, conclusions="")

    assert len(revision.text) == SUMMARY_MAX_LENGTH


@pytest.mark.django_db
def test_accepting_a_proposal_that_would_pass_the_cap_is_refused_and_the_proposal_waits(
    facilitator, officer_a, agency_a, client_for
):
    meeting = meeting_in(MeetingStatus.NOTES_CLOSED, facilitator=facilitator, agencies=[agency_a])
    save_text(meeting, facilitator, text="ก" * (SUMMARY_MAX_LENGTH - 10), conclusions="")
    summary = services.summary_get_or_create(meeting=meeting)
    services.summary_send_for_review(summary=summary, revision_number=1, by=facilitator)
    meeting.refresh_from_db()
    summary.meeting = meeting
    proposal = services.review_comment_add(summary=summary, by=officer_a, kind="proposal", text="ข้อเสนอเพิ่มเติม")

    response = client_for(facilitator).post(
        reverse("meetings:review_comment_decide", args=[proposal.pk]), {"decision": "accept"}, follow=True
    )

    assert response.status_code == 200
    assert "100,000" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.is_pending
    assert Summary.objects.get(pk=summary.pk).current_number == 1


@pytest.mark.django_db
def test_the_service_refuses_a_summary_longer_than_the_cap(facilitator, agency_a):
    meeting = meeting_in(MeetingStatus.NOTES_CLOSED, facilitator=facilitator, agencies=[agency_a])

    with pytest.raises(ValidationError) as refused:
        save_text(meeting, facilitator, text="ก", conclusions="ข" * (SUMMARY_MAX_LENGTH + 1))

    assert refused.value.code == "too_long"


# --- comparing two revisions ------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("ก" * 20_000, "ข" + "ก" * 20_000),
        ("ก ข " * 5000, "ข ก " * 5000),
        ("- ก\n" * 25_000, "- ก\n" * 12_000 + "- ข\n" + "- ก\n" * 13_000),
    ],
)
def test_comparing_long_revisions_of_repeated_text_takes_under_a_second(old, new):
    start = time.thread_time()
    rows = revision_diff(old, new)

    assert time.thread_time() - start < SECOND
    assert any(row.kind != "equal" and row.new.startswith(("<ins>ข", "<ins>- ข")) for row in rows)


@pytest.mark.django_db
def test_the_revisions_page_compares_two_long_revisions(facilitator, agency_a):
    meeting = meeting_in(MeetingStatus.NOTES_CLOSED, facilitator=facilitator, agencies=[agency_a])
    save_text(meeting, facilitator, text="ก" * 20_000, conclusions="")
    save_text(meeting, facilitator, text="ข" + "ก" * 20_000, conclusions="")

    response = _signed_in(facilitator).get(
        reverse("meetings:summary_revisions", args=[meeting.pk]), {"old": 1, "new": 2}
    )

    assert response.status_code == 200
    assert "<ins>ข</ins>" in response.content.decode()
