"""Markdown typed by people, rendered as safe HTML in bounded time, and other people's text placed in it as text.

A facilitator writes the summary in Markdown, and the agencies' statements,
pre-meeting answers and proposals are pasted into it. Those are plain text:
`escape_markdown` turns one into Markdown that shows every character as typed.

`render_markdown` answers in a fraction of a second whatever the text, and shows
all of it. Where Python-Markdown's work grows faster than the text, the text is bounded:

- it recurses once per level of lists and quotes: markers past `MAX_NESTING` on a
  line are shown as text;
- it takes a block (lines without a blank line between them) apart a line at a
  time, copying the rest each time: a blank line is put after `MAX_BLOCK_LINES`;
- it costs some tens of microseconds per line and per level of nesting, and the PDF
  a page per fifty lines or so: past `MAX_STRUCTURE` of those, the rest of the text
  is shown as one plain paragraph;
- its inline pass rebuilds a paragraph once per piece of markup in it, and each `[`
  reads on to the end of the paragraph for the `]`, `(` or `)` that would close it:
  a paragraph whose estimated work would pass `INLINE_BUDGET` is shown as plain text;
- emphasis inside emphasis nests without end, and the .docx writer and WeasyPrint
  recurse through the elements too: elements past `MAX_ELEMENT_DEPTH` keep only their text.

Four of its block processors (tables, both kinds of heading, rules) search or split
the whole block each time the parser asks them about what is left of it; their
replacements below do that work once.
"""

import logging
import re
from collections import deque

import markdown
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from markdown.blockprocessors import HashHeaderProcessor, HRProcessor, SetextHeaderProcessor
from markdown.extensions.tables import TableProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from pmqa_portal.sanitize import clean_rich_text

logger = logging.getLogger(__name__)

# Longer text is formatted up to here and shown as a plain paragraph after; a summary
# holds at most 100,000 characters, and other people's text escaped can be twice its length.
MARKDOWN_MAX_LENGTH = 250_000
# Deeper lists and quotes show their further markers as text; minutes never need more.
MAX_NESTING = 8
# A blank line is put after this many lines without one between them.
MAX_BLOCK_LINES = 1000
# Lines plus the levels of nesting they open, formatted in one text: a tenth of a second of
# work, some sixty printed pages of the PDF, and room for a thousand one-line bullets.
MAX_STRUCTURE = 2000
# The inline work one text may cost, in characters read as estimated by _inline_cost (a few
# nanoseconds each): about a seventh of a second, room for some 5,000 formatted paragraphs.
INLINE_BUDGET = 50_000_000
# Each `[` makes the link patterns read on, character by character, about a hundred times slower.
BRACKET_WEIGHT = 100
# Trying every inline pattern on one text costs this much whatever its length.
NODE_COST = 10_000
# Eight lists deep is about twenty elements.
MAX_ELEMENT_DEPTH = 32


# --- other people's text ------------------------------------------------------

_SPACES = re.compile(r"\s+")
_INLINE_MARKUP = str.maketrans({character: "\\" + character for character in "\\`*_[]#|"})
# `&` before what reads as a character reference (`&amp;`, `&#42;`), which would show the character instead.
_REFERENCE_START = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# `<` that could open an automatic link (`<https://…>`, `<name@host>`).
_AUTOLINK_START = re.compile(r"<(?=[^\s<>!])")
_LEADING_MARKER = re.compile(r"^([>+-])")
_LEADING_NUMBER = re.compile(r"^(\d+)([.)])")


def escape_markdown(text: str) -> str:
    """`text` as Markdown that shows it as typed, on one line: line breaks and runs of spaces become one space.

    For statements, answers and proposals placed inside the facilitator's
    Markdown, in a list item or a heading: nothing in them starts a list, quote,
    heading, rule, table, code, emphasis, link or character reference.
    """
    text = _SPACES.sub(" ", text).strip()
    text = _REFERENCE_START.sub("&amp;", text)
    text = _AUTOLINK_START.sub("&lt;", text)
    text = text.translate(_INLINE_MARKUP)
    text = _LEADING_MARKER.sub(r"\\\1", text)
    return _LEADING_NUMBER.sub(r"\1\\\2", text)


# --- bounding the block structure ---------------------------------------------

# Python-Markdown's own test for a horizontal rule, which comes before its test for a list.
_HORIZONTAL_RULE = re.compile(
    r"[ ]{0,3}(?=(?P<rule>(?:-+[ ]{0,2}){3,}|(?:_+[ ]{0,2}){3,}|(?:\*+[ ]{0,2}){3,}))(?P=rule)[ ]*$"
)
_CONTAINER_MARKER = re.compile(r">|[-+*](?=[ ]|$)|\d+\.(?=[ ]|$)")
_INDENT = re.compile(r"[ \t]*")
_INDENT_WIDTH = 4  # Python-Markdown's tab length: four more columns nest one level deeper.


def _shallow_line(line: str) -> tuple[str, int]:
    """`line` with the quote and list markers past MAX_NESTING escaped and its indentation cut to match,
    and the levels it opens."""
    depth, position = 0, 0
    while True:
        indent = _INDENT.match(line, position)
        levels = len(indent.group().expandtabs(_INDENT_WIDTH)) // _INDENT_WIDTH
        if depth + levels > MAX_NESTING:
            kept = " " * ((MAX_NESTING - depth) * _INDENT_WIDTH)
            line = line[:position] + kept + line[indent.end() :]
            depth, position = MAX_NESTING, position + len(kept)
        else:
            depth, position = depth + levels, indent.end()
        if _HORIZONTAL_RULE.match(line, position):
            return line, depth
        marker = _CONTAINER_MARKER.match(line, position)
        if marker is None:
            return line, depth
        if depth == MAX_NESTING:
            escaped = marker.group()[:-1] + "\\" + marker.group()[-1]
            return line[:position] + escaped + line[marker.end() :], depth
        depth, position = depth + 1, marker.end()


def _bounded(text: str) -> tuple[str, str]:
    """The part of `text` to format, its nesting and blocks bounded, and the rest, to show as plain text."""
    source = text.split("\n")
    lines, block_lines, structure = [], 0, 0
    for number, line in enumerate(source):
        if not line.strip():
            block_lines = 0
            lines.append(line)
            continue
        line, depth = _shallow_line(line)
        structure += 1 + depth
        if structure > MAX_STRUCTURE:
            return "\n".join(lines), "\n".join(source[number:])
        block_lines += 1
        if block_lines > MAX_BLOCK_LINES:
            lines.append("")
            block_lines = 1
        lines.append(line)
    return "\n".join(lines), ""


class _RemembersBlocksWithout:
    """For a block processor whose test searches the whole block for its kind of line (a heading, a rule):
    what is left of a block searched in vain, from the start of one of its lines, holds none either.

    A few blocks are remembered, one for each level the parser is in at once.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.searched_in_vain = deque(maxlen=2 * MAX_NESTING)

    def test(self, parent, block):
        for searched in self.searched_in_vain:
            if searched.endswith(block) and (len(searched) == len(block) or searched[-len(block) - 1] == "\n"):
                return False
        found = super().test(parent, block)
        if not found:
            self.searched_in_vain.append(block)
        return found


class _Headings(_RemembersBlocksWithout, HashHeaderProcessor):
    pass


class _Rules(_RemembersBlocksWithout, HRProcessor):
    pass


class _UnderlinedHeadings(SetextHeaderProcessor):
    """Underlined headings, taken off the front of the block without splitting the rest of it into lines."""

    def run(self, parent, blocks):
        heading, underline, *rest = blocks.pop(0).split("\n", 2)
        element = parent.makeelement("h1" if underline.startswith("=") else "h2", {})
        element.text = heading.strip()
        parent.append(element)
        if rest:
            blocks.insert(0, rest[0])


class _Tables(TableProcessor):
    """Tables, tried on the block's first two lines (the header and the separator) before the whole block,
    which the table processor splits into lines for its test."""

    def test(self, parent, block):
        second_line_end = block.find("\n", block.find("\n") + 1)
        head = block if second_line_end == -1 else block[:second_line_end]
        return super().test(parent, head) and super().test(parent, block)


# --- bounding the inline pass ----------------------------------------------------

# Every inline pattern needs one of these; a text without any is left as it is.
_MARKUP_CHARACTERS = "\\`*_[<&\n"


def _inline_cost(text: str) -> int:
    """A generous estimate of the work of Python-Markdown's inline pass over `text`, in characters read."""
    markup = sum(text.count(character) for character in _MARKUP_CHARACTERS)
    if not markup:
        return 0
    return NODE_COST + len(text) * (markup + BRACKET_WEIGHT * text.count("["))


def _escaped_character(escape: re.Match) -> str:
    return escape.group(1)


class _InlineBudget(Treeprocessor):
    """Show as plain text each paragraph, item or cell whose inline pass would overrun the budget."""

    def run(self, root):
        escape = re.compile(r"\\([" + re.escape("".join(self.md.ESCAPED_CHARS)) + "])")
        spent = 0
        for element in root.iter():
            for attribute in ("text", "tail"):
                value = getattr(element, attribute)
                if not value or isinstance(value, AtomicString):
                    continue
                cost = _inline_cost(value)
                if cost and spent + cost <= INLINE_BUDGET:
                    spent += cost
                    continue
                # Left out of the inline pass; a backslash escape still shows only the character it escapes.
                setattr(element, attribute, AtomicString(escape.sub(_escaped_character, value)))


class _DepthLimit(Treeprocessor):
    """Flatten the elements deeper than MAX_ELEMENT_DEPTH into their text."""

    def run(self, root):
        stack = [(root, 0)]
        while stack:
            element, depth = stack.pop()
            if depth < MAX_ELEMENT_DEPTH:
                stack.extend((child, depth + 1) for child in element)
            elif len(element):
                element.text = "".join(element.itertext())
                for child in list(element):
                    element.remove(child)


# --- rendering -----------------------------------------------------------------


def _renderer() -> markdown.Markdown:
    renderer = markdown.Markdown(extensions=["sane_lists", "nl2br", "tables"], output_format="html")
    # Markdown only: raw HTML typed into the text is shown as text, never passed on.
    renderer.preprocessors.deregister("html_block")
    renderer.inlinePatterns.deregister("html")
    blocks = renderer.parser.blockprocessors
    blocks.register(_Tables(renderer.parser, blocks["table"].config), "table", 75)
    blocks.register(_Headings(renderer.parser), "hashheader", 70)
    blocks.register(_UnderlinedHeadings(renderer.parser), "setextheader", 60)
    blocks.register(_Rules(renderer.parser), "hr", 50)
    # Just before the inline pass, and just after it.
    renderer.treeprocessors.register(_InlineBudget(renderer), "inline_budget", 25)
    renderer.treeprocessors.register(_DepthLimit(renderer), "depth_limit", 15)
    return renderer


def _plain(text: str) -> str:
    """`text` as one paragraph: it is shown whole, and takes as much paper as its characters, whatever its lines."""
    return format_html("<p>{}</p>", text) if text.strip() else ""


def render_markdown(text: str | None) -> SafeString:
    """`text`'s Markdown as HTML, cleaned by the portal's sanitiser, safe to show; never raises for any text."""
    if not text or not text.strip():
        return SafeString("")
    text = text.replace("\r\n", "\n")
    overflow = ""
    if len(text) > MARKDOWN_MAX_LENGTH:
        cut = text.rfind("\n", 0, MARKDOWN_MAX_LENGTH) + 1 or MARKDOWN_MAX_LENGTH
        text, overflow = text[:cut], text[cut:]
    formatted, rest = _bounded(text)
    rest = "\n".join(part for part in (rest, overflow) if part)
    try:
        html = _renderer().convert(formatted)
    except RecursionError:
        # Not expected within the bounds above; should a text still find a way, it is shown rather than lost.
        logger.warning("Markdown too deep to format; shown as plain text (%s characters).", len(text))
        html, rest = "", text + overflow
    # Safe because nh3 has just removed everything outside the portal's allow-list (pmqa_portal.sanitize).
    return mark_safe(clean_rich_text(html + _plain(rest)))  # noqa: S308  # nosec B308 B703
