"""Official minutes (รายงานการประชุม) as HTML, .docx and PDF; the points as CSV and XLSX.

The minutes follow the form of the Regulation on Correspondence B.E. 2526
(ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ): title and body, number/year, date,
place, those present, absent and attending, the opening time, each agenda item
with its discussion and resolution, the closing time, the minute-taker and the
checker. The form is prescribed in Thai, so its headings are Thai whatever the
language of the page that asks for it.
"""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.staticfiles import finders
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy

from meetings.models import (
    AgendaItem,
    AgendaItemMinute,
    Attendance,
    AttendanceStatus,
    DiscussionPoint,
    Meeting,
    MeetingRole,
    PointKind,
    PointSource,
    Summary,
    SummaryRevision,
)
from meetings.services.summaries import render_summary_text, summary_get_or_create
from pmqa_portal.thai_dates import thai_date, thai_time

# The headings of the form, in its order (the tests check each one in every output).
TITLE = "รายงานการประชุม"
NUMBER = "ครั้งที่"
DATE = "เมื่อวันที่"
PLACE = "ณ"
PRESENT = "ผู้มาประชุม"
ABSENT = "ผู้ไม่มาประชุม"
OTHERS = "ผู้เข้าร่วมประชุม"
OPENED = "เริ่มประชุมเวลา"
AGENDA_ITEM = "ระเบียบวาระที่"
RESOLUTION = "มติ"
CLOSED = "เลิกประชุมเวลา"
RECORDER = "ผู้จดรายงานการประชุม"
CHECKER = "ผู้ตรวจรายงานการประชุม"
SUBSTITUTE_FOR = "แทน"
SIGNED = "(ลงชื่อ)"
DRAFT = "ร่าง"
NONE = "-"

FONT = "Sarabun"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class MinutesPerson:
    name: str
    position: str
    substitute_for: str = ""
    reason: str = ""

    @property
    def note(self) -> str:
        """“แทน <whom>” for a substitute, “(<reason>)” for someone absent."""
        if self.substitute_for:
            return f"{SUBSTITUTE_FOR} {self.substitute_for}"
        return f"({self.reason})" if self.reason else ""


@dataclass
class MinutesItem:
    number: str
    title: str
    discussion: str
    resolution: str
    summary_html: SafeString = field(default_factory=SafeString)
    conclusions_html: SafeString = field(default_factory=SafeString)


@dataclass
class Minutes:
    meeting: Meeting
    body: str
    number_label: str
    date: str
    venue: str
    present: list[MinutesPerson]
    absent: list[MinutesPerson]
    others: list[MinutesPerson]
    opened: str
    closed: str
    items: list[MinutesItem]
    recorder: MinutesPerson
    checker: MinutesPerson
    revision: SummaryRevision | None
    is_draft: bool

    @property
    def filename(self) -> str:
        return f"minutes-{self.meeting.number}-{self.meeting.be_year}"


def _position(person: Attendance) -> str:
    if person.position:
        return person.position
    return person.agency.name_th if person.agency_id else ""


def _people(attendances) -> tuple[list, list, list]:
    present, absent, others = [], [], []
    for person in attendances:
        if person.attendance == AttendanceStatus.ABSENT:
            absent.append(MinutesPerson(person.name, _position(person), reason=person.absence_reason))
        elif person.attendance == AttendanceStatus.GUEST:
            others.append(MinutesPerson(person.name, _position(person)))
        elif person.attendance == AttendanceStatus.SUBSTITUTE:
            present.append(MinutesPerson(person.name, _position(person), substitute_for=person.substitute_label))
        else:
            present.append(MinutesPerson(person.name, _position(person)))
    return present, absent, others


def _first_in_role(attendances, *roles) -> MinutesPerson | None:
    for person in attendances:
        if person.role in roles and person.attendance != AttendanceStatus.ABSENT:
            return MinutesPerson(person.name, _position(person))
    return None


def _revision_for_minutes(summary: Summary | None) -> tuple[SummaryRevision | None, bool]:
    """The approved revision; without one, the latest text, marked as a draft."""
    if summary is None:
        return None, True
    if summary.approved_revision_id:
        return summary.approved_revision, False
    if summary.current_number:
        return SummaryRevision.objects.get(summary=summary, number=summary.current_number), True
    return None, True


def minutes_for_meeting(meeting: Meeting) -> Minutes:
    """Everything the minutes print, in four queries."""
    attendances = list(
        Attendance.objects.filter(meeting=meeting).select_related("agency", "substitute_for").order_by("order", "pk")
    )
    agenda = list(AgendaItem.objects.filter(meeting=meeting).select_related("minute").order_by("order", "pk"))
    summary = Summary.objects.filter(meeting=meeting).select_related("approved_revision__approved_by").first()
    revision, is_draft = _revision_for_minutes(summary)
    discussion_item_id = summary.discussion_agenda_item_id if summary else None
    items = []
    for agenda_item in agenda:
        minute = getattr(agenda_item, "minute", None)
        item = MinutesItem(
            number=agenda_item.number,
            title=agenda_item.title,
            discussion=minute.discussion if minute else "",
            resolution=minute.resolution if minute else "",
        )
        if revision is not None and agenda_item.pk == discussion_item_id:
            item.summary_html = render_summary_text(revision.text)
            item.conclusions_html = render_summary_text(revision.conclusions)
        items.append(item)
    if revision is not None and discussion_item_id is None:
        # No agenda to hang it on: the summary still belongs in the minutes.
        items.append(
            MinutesItem(
                number=str(len(items) + 1),
                title="สรุปผลการประชุม",
                discussion="",
                resolution="",
                summary_html=render_summary_text(revision.text),
                conclusions_html=render_summary_text(revision.conclusions),
            )
        )
    present, absent, others = _people(attendances)
    recorder = _first_in_role(attendances, MeetingRole.NOTE_TAKER) or MinutesPerson("", "")
    checker = _first_in_role(attendances, MeetingRole.CHAIR, MeetingRole.FACILITATOR) or MinutesPerson("", "")
    if revision is not None and revision.approved_by_id:
        checker = MinutesPerson(revision.approved_by.get_full_name(), revision.approved_by.position_title)
    if summary is not None:
        if summary.recorder_name:
            recorder = MinutesPerson(summary.recorder_name, summary.recorder_position)
        if summary.checker_name:
            checker = MinutesPerson(summary.checker_name, summary.checker_position)
    with translation.override("th"):
        date, opened, closed = thai_date(meeting.date), thai_time(meeting.start_time), thai_time(meeting.end_time)
    return Minutes(
        meeting=meeting,
        body=meeting.working_group.name,
        number_label=meeting.number_label,
        date=date,
        venue=meeting.venue,
        present=present,
        absent=absent,
        others=others,
        opened=opened,
        closed=closed,
        items=items,
        recorder=recorder,
        checker=checker,
        revision=revision,
        is_draft=is_draft,
    )


@transaction.atomic
def minutes_save(
    *,
    meeting: Meeting,
    by,
    discussion_agenda_item,
    recorder_name: str,
    recorder_position: str,
    checker_name: str,
    checker_position: str,
    item_texts: dict[int, tuple[str, str]],
) -> Summary:
    """Save who took and checked the minutes, where the summary goes, and each agenda item's text."""
    summary = summary_get_or_create(meeting=meeting)
    # Two saves at once would both find an agenda item without its text and both add it: they take
    # turns on the summary's row (the row a summary save holds before the meeting's, never after).
    Summary.objects.select_for_update(no_key=True).filter(pk=summary.pk).values_list("pk", flat=True).first()
    summary.discussion_agenda_item = discussion_agenda_item
    summary.recorder_name, summary.recorder_position = recorder_name.strip(), recorder_position.strip()
    summary.checker_name, summary.checker_position = checker_name.strip(), checker_position.strip()
    summary.full_clean()
    summary.save()
    existing = {
        minute.agenda_item_id: minute
        for minute in AgendaItemMinute.objects.filter(agenda_item__meeting=meeting, agenda_item_id__in=item_texts)
    }
    for agenda_item_id, (discussion, resolution) in item_texts.items():
        minute = existing.get(agenda_item_id) or AgendaItemMinute(agenda_item_id=agenda_item_id)
        discussion, resolution = discussion.strip(), resolution.strip()
        if minute.pk is None and not (discussion or resolution):
            continue
        minute.discussion, minute.resolution, minute.updated_by = discussion, resolution, by
        minute.full_clean(exclude=["agenda_item"])
        minute.save()
    return summary


# --- HTML and PDF -------------------------------------------------------------


def minutes_html(minutes: Minutes, *, for_pdf: bool = False) -> str:
    """The minutes as a whole HTML document (the print view and the PDF share it)."""
    with translation.override("th"):
        return render_to_string("meetings/minutes/document.html", {"minutes": minutes, "for_pdf": for_pdf})


def _static_path(name: str) -> Path:
    found = finders.find(name)
    if not found:
        raise FileNotFoundError(name)
    return Path(found).resolve()


# (file stem part, weight, style) of the vendored Sarabun woff2 files.
_PDF_FACES = (("400-normal", 400, "normal"), ("700-normal", 700, "normal"), ("400-italic", 400, "italic"))


def _pdf_font_css(fonts_dir: Path) -> str:
    """@font-face rules for the PDF: the Latin and the Thai subsets as two families, Latin first.

    The browser's stylesheet gives both subsets one family split by
    unicode-range; WeasyPrint then draws Latin letters and digits with glyph
    numbers of the Thai file. Two families, the Thai one as the fallback for
    what the Latin one lacks, keep each glyph in its own file.
    """
    rules = []
    for subset in ("latin", "thai"):
        for stem, weight, style in _PDF_FACES:
            url = (fonts_dir / f"sarabun-{subset}-{stem}.woff2").as_uri()
            rules.append(
                f'@font-face {{ font-family: "Sarabun {subset} PDF"; font-weight: {weight}; '
                f'font-style: {style}; src: url("{url}") format("woff2"); }}'
            )
    family = '"Sarabun latin PDF", "Sarabun thai PDF", sans-serif'
    rules.append(f"html, body, .minutes, .minutes * {{ font-family: {family}; }}")
    rules.append(f"@page {{ @bottom-center {{ font-family: {family}; }} }}")
    return "\n".join(rules)


def minutes_pdf(minutes: Minutes) -> bytes:
    """The minutes as PDF, in Sarabun from the vendored woff2 files (file:// URLs, nothing fetched from afar)."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

    fonts_dir = _static_path("vendor/sarabun/files/sarabun-thai-400-normal.woff2").parent
    page_css = _static_path("css/minutes.css")
    allowed = (fonts_dir.as_uri() + "/", page_css.parent.as_uri() + "/")

    class StaticFilesOnly(URLFetcher):
        """Fetch the vendored fonts and the minutes' stylesheet; refuse every other URL."""

        def fetch(self, url, headers=None):
            if not url.startswith(allowed):
                raise ValueError(f"Not fetched for the minutes: {url}")
            return super().fetch(url, headers)

    fetcher = StaticFilesOnly(allowed_protocols=["file"])
    font_config = FontConfiguration()
    stylesheets = [
        CSS(filename=str(page_css), font_config=font_config, url_fetcher=fetcher),
        CSS(string=_pdf_font_css(fonts_dir), font_config=font_config, url_fetcher=fetcher),
    ]
    document = HTML(string=minutes_html(minutes, for_pdf=True), base_url=page_css.parent.as_uri(), url_fetcher=fetcher)
    return document.write_pdf(stylesheets=stylesheets, font_config=font_config)


# --- .docx ---------------------------------------------------------------------


def _thai_run_properties(rpr) -> None:
    """Sarabun for Latin, East Asian and complex-script (Thai) text, and Thai as the run's language,
    so that Word picks the font and shapes the Thai vowels and tone marks."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), FONT)
    if rpr.find(qn("w:cs")) is None:
        rpr.append(OxmlElement("w:cs"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "th-TH")
    lang.set(qn("w:eastAsia"), "th-TH")
    lang.set(qn("w:bidi"), "th-TH")


class _DocxWriter:
    SIZE_PT = 15

    def __init__(self):
        from docx import Document
        from docx.shared import Cm, Pt, RGBColor

        self.Pt, self.Cm = Pt, Cm
        self.document = Document()
        section = self.document.sections[0]
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.0)
        section.left_margin, section.right_margin = Cm(3.0), Cm(2.0)
        styles = self.document.styles
        for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Table Grid"):
            style = styles[name]
            style.font.name = FONT
            style.font.size = Pt(self.SIZE_PT if name == "Normal" else self.SIZE_PT + 2)
            if name != "Normal":
                style.font.color.rgb = RGBColor(0, 0, 0)
            rpr = style.element.get_or_add_rPr()
            _thai_run_properties(rpr)
            self._complex_script_size(rpr, style.font.size.pt)
        defaults = self.document.styles.element.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}docDefaults"
        )
        if defaults is not None:
            rpr = defaults.find(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rPr")
            if rpr is not None:
                _thai_run_properties(rpr)
        normal = styles["Normal"].paragraph_format
        normal.space_after = Pt(0)
        normal.line_spacing = 1.0

    def _complex_script_size(self, rpr, points: float) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        size_cs = rpr.find(qn("w:szCs"))
        if size_cs is None:
            size_cs = OxmlElement("w:szCs")
            rpr.append(size_cs)
        size_cs.set(qn("w:val"), str(int(points * 2)))

    def paragraph(
        self, text: str = "", *, bold=False, italic=False, center=False, right=False, indent_cm=0.0, space_before=0
    ):
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        paragraph = self.document.add_paragraph()
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif right:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if indent_cm:
            paragraph.paragraph_format.left_indent = self.Cm(indent_cm)
        if space_before:
            paragraph.paragraph_format.space_before = self.Pt(space_before)
        if text:
            self.run(paragraph, text, bold=bold, italic=italic)
        return paragraph

    def run(self, paragraph, text: str, *, bold=False, italic=False, underline=False, size=None):
        run = paragraph.add_run(text)
        run.bold, run.italic, run.underline = bold or None, italic or None, underline or None
        rpr = run._element.get_or_add_rPr()
        _thai_run_properties(rpr)
        if bold:
            from docx.oxml import OxmlElement

            rpr.append(OxmlElement("w:bCs"))
        if size:
            run.font.size = self.Pt(size)
            self._complex_script_size(rpr, size)
        return run

    def people(self, heading: str, people: list[MinutesPerson]) -> None:
        self.paragraph(heading, bold=True, space_before=6)
        if not people:
            self.paragraph(NONE, indent_cm=1.0)
        for number, person in enumerate(people, start=1):
            line = f"{number}. {person.name}"
            if person.position:
                line += f"  {person.position}"
            if person.note:
                line += f"  {person.note}"
            self.paragraph(line, indent_cm=1.0)

    def html(self, html: str, *, indent_cm: float = 1.0) -> None:
        """The sanitised summary HTML as paragraphs: headings, paragraphs, lists, quotes and tables."""
        if not html.strip():
            return
        from lxml import html as lxml_html

        for element in lxml_html.fragments_fromstring(html):
            if isinstance(element, str):
                if element.strip():
                    self.paragraph(element.strip(), indent_cm=indent_cm)
                continue
            self._block(element, indent_cm)

    def _block(self, element, indent_cm: float, list_level: int = 0) -> None:
        tag = element.tag
        if tag in ("h2", "h3", "h4"):
            paragraph = self.paragraph(indent_cm=indent_cm, space_before=6)
            self._inline(paragraph, element, bold=True)
        elif tag in ("ul", "ol"):
            for number, item in enumerate(element.findall("li"), start=1):
                marker = f"{number}." if tag == "ol" else "•"
                paragraph = self.paragraph(indent_cm=indent_cm + 0.75 * (list_level + 1))
                paragraph.paragraph_format.first_line_indent = self.Cm(-0.5)
                self.run(paragraph, f"{marker} ")
                self._inline(paragraph, item, skip_lists=True)
                for nested in item:
                    if nested.tag in ("ul", "ol"):
                        self._block(nested, indent_cm, list_level + 1)
        elif tag == "blockquote":
            for child in element:
                self._block(child, indent_cm + 1.0)
        elif tag == "table":
            rows = element.findall(".//tr")
            columns = max((len(row.findall("th")) + len(row.findall("td")) for row in rows), default=0)
            if rows and columns:
                table = self.document.add_table(rows=len(rows), cols=columns)
                table.style = self.document.styles["Table Grid"]
                # Row by row: Table.cell() walks every cell of the table on each call.
                for row, word_row in zip(rows, table.rows, strict=True):
                    for cell, word_cell in zip(row.findall("*")[:columns], word_row.cells, strict=False):
                        self._inline(word_cell.paragraphs[0], cell, bold=cell.tag == "th")
        else:
            paragraph = self.paragraph(indent_cm=indent_cm)
            self._inline(paragraph, element)

    def _inline(self, paragraph, element, *, bold=False, italic=False, underline=False, skip_lists=False):
        if element.text:
            self.run(paragraph, element.text, bold=bold, italic=italic, underline=underline)
        for child in element:
            if skip_lists and child.tag in ("ul", "ol"):
                continue
            if child.tag == "br":
                paragraph.add_run().add_break()
            else:
                self._inline(
                    paragraph,
                    child,
                    bold=bold or child.tag in ("strong", "b", "th"),
                    italic=italic or child.tag in ("em", "i"),
                    underline=underline or child.tag == "u",
                )
            if child.tail:
                self.run(paragraph, child.tail, bold=bold, italic=italic, underline=underline)

    def text_block(self, text: str, *, indent_cm: float = 1.0) -> None:
        for line in text.splitlines():
            if line.strip():
                self.paragraph(line.strip(), indent_cm=indent_cm)

    def signature(self, person: MinutesPerson, role: str) -> None:
        self.paragraph(f"{SIGNED} {'.' * 38} {role}", right=True, space_before=18)
        self.paragraph(f"({person.name or '.' * 40})", right=True)
        if person.position:
            self.paragraph(person.position, right=True)

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def minutes_docx(minutes: Minutes) -> bytes:
    """The minutes as an editable Word document in Sarabun, for officers to correct and sign."""
    writer = _DocxWriter()
    if minutes.is_draft:
        writer.paragraph(DRAFT, bold=True, right=True)
    writer.paragraph(f"{TITLE}{minutes.body}", bold=True, center=True)
    writer.paragraph(f"{NUMBER} {minutes.number_label}", bold=True, center=True)
    writer.paragraph(f"{DATE} {minutes.date}", bold=True, center=True)
    writer.paragraph(f"{PLACE} {minutes.venue or NONE}", bold=True, center=True)
    writer.paragraph("_" * 40, center=True)
    writer.people(PRESENT, minutes.present)
    writer.people(ABSENT, minutes.absent)
    writer.people(OTHERS, minutes.others)
    writer.paragraph(f"{OPENED} {minutes.opened}", bold=True, space_before=12)
    for item in minutes.items:
        writer.paragraph(f"{AGENDA_ITEM} {item.number}  {item.title}", bold=True, space_before=12)
        writer.text_block(item.discussion)
        writer.html(item.summary_html)
        resolution = writer.paragraph(indent_cm=1.0, space_before=6)
        writer.run(resolution, f"{RESOLUTION} ", bold=True)
        if item.resolution:
            writer.run(resolution, item.resolution.strip())
        elif not item.conclusions_html:
            writer.run(resolution, NONE)
        writer.html(item.conclusions_html, indent_cm=1.5)
    writer.paragraph(f"{CLOSED} {minutes.closed}", bold=True, space_before=12)
    writer.signature(minutes.recorder, RECORDER)
    writer.signature(minutes.checker, CHECKER)
    return writer.save()


# --- the points as CSV and XLSX ---------------------------------------------------

POINT_COLUMNS = (
    gettext_lazy("Lead question"),
    gettext_lazy("Agency"),
    gettext_lazy("Kind"),
    gettext_lazy("Text"),
    gettext_lazy("Source"),
    gettext_lazy("Recorded"),
)
GENERAL_POINTS = gettext_lazy("General points")


def point_rows(meeting: Meeting):
    """The meeting's live points as rows of labels (one query)."""
    kinds, sources = dict(PointKind.choices), dict(PointSource.choices)
    points = (
        DiscussionPoint.objects.live()
        .filter(meeting=meeting)
        .order_by("lead_question__order", "lead_question_id", "order", "pk")
        .values_list(
            "lead_question__order", "lead_question__text", "agency__name_th", "kind", "text", "source", "created_at"
        )
    )
    for question_order, question, agency, kind, text, source, created_at in points:
        question_label = f"{question_order}. {question}" if question else str(GENERAL_POINTS)
        local = timezone.localtime(created_at)
        recorded = f"{thai_date(local)} {thai_time(local)}"
        yield [question_label, agency, str(kinds.get(kind, kind)), text, str(sources.get(source, source)), recorded]


def point_header() -> list[str]:
    return [str(label) for label in POINT_COLUMNS]


def points_csv(meeting: Meeting) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel opens the Thai text correctly."""
    from pmqa_portal.spreadsheets import csv_row

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(point_header())
    writer.writerows(csv_row(row) for row in point_rows(meeting))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def points_xlsx(meeting: Meeting) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from pmqa_portal.spreadsheets import xlsx_cell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=meeting.number_label.replace("/", "-"))
    for column, width in zip("ABCDEF", (40, 36, 22, 70, 24, 20), strict=True):
        sheet.column_dimensions[column].width = width
    header = []
    for label in point_header():
        cell = xlsx_cell(sheet, label)
        cell.font = Font(bold=True, name=FONT)
        header.append(cell)
    sheet.append(header)
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in point_rows(meeting):
        cells = []
        for value in row:
            cell = xlsx_cell(sheet, value)
            cell.alignment = wrap
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
