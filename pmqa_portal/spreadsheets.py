"""Spreadsheet cells in and out: exports that no spreadsheet runs, uploads read within fixed bounds.

A cell that starts with = + - @, a tab or a carriage return is a formula to Excel,
LibreOffice and Google Sheets, and a formula can open links or run commands on the
reader's computer. Text a person typed into the portal (a group name, a discussion
point) must reach the reader as text (OWASP, "CSV injection"): CSV exports put a
single quote before such a text, which spreadsheets read as "this is text" and
`csv_table` takes away again; XLSX exports store it as a text cell that Excel keeps
as text even when someone edits it (`quotePrefix`). Numbers stay numbers.

An uploaded workbook is a zip of XML parts, and both layers can hold far more than
the upload's size suggests (a "zip bomb", an "XML bomb"): a few hundred kilobytes
can unpack to gigabytes, or to millions of rows and elements that are cheap to store
and slow to read. So `xlsx_table` checks the sizes the archive declares before it
unpacks anything (zipfile never unpacks more than a member declares) and reads only
the first sheet and its shared strings, as a stream, counting as it goes; a general
workbook library would build every part in memory first. `csv_table` applies the same
bounds to a CSV file.
"""

import csv
import io
import math
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from xml.parsers import expat

from django.utils.translation import gettext as _
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Excel holds at most this many characters in a cell; a longer one comes from no real table.
MAX_CELL_CHARS = 32_767
# Columns read from each row; those further right are ignored.
MAX_COLUMNS = 50
# The text of all cells together: shared strings let one long text fill every cell of a
# small file, and each copy the import makes of it would cost its full length.
MAX_TABLE_CHARS = 10_000_000
MAX_ARCHIVE_MEMBERS = 500
MAX_UNPACKED_BYTES = 60 * 1024 * 1024
MAX_MEMBER_BYTES = 50 * 1024 * 1024
# Spreadsheet XML packs about 5 to 30 times; a member packed far tighter is mostly repetition.
MAX_COMPRESSION_RATIO = 100
RATIO_CHECKED_FROM_BYTES = 1024 * 1024
# XML elements read from all parts of a workbook: a sheet of 20,000 rows of 16 cells has about a million.
MAX_XML_ELEMENTS = 2_000_000

CSV_ENCODINGS = ("utf-8-sig", "cp874")  # Thai Windows and Thai Excel's "CSV" use code page 874
READ_CHUNK_BYTES = 64 * 1024
CELL_REFERENCE = re.compile(r"([A-Za-z]{1,3})[0-9]*")


class UnreadableSpreadsheet(Exception):
    """The upload cannot be read as a table within the bounds; the message tells the person why."""


# --- writing ------------------------------------------------------------------------


def _looks_like_formula(text: str) -> bool:
    # Quotes already in front count too, so that reading back undoes exactly one added quote.
    return text.lstrip("'").startswith(FORMULA_STARTS)


def csv_value(value):
    """A value for a CSV cell: a text that a spreadsheet would run as a formula gets a leading quote."""
    if isinstance(value, str) and _looks_like_formula(value):
        return "'" + value
    return value


def csv_row(values: Iterable) -> list:
    return [csv_value(value) for value in values]


def xlsx_cell(sheet, value) -> WriteOnlyCell:
    """A write-only cell that holds text as text: never a formula, an error code or a character XML forbids."""
    if not isinstance(value, str):
        return WriteOnlyCell(sheet, value=value)
    text = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True
    return cell


# --- reading: what a refusal says -----------------------------------------------------


def _too_much() -> UnreadableSpreadsheet:
    return UnreadableSpreadsheet(
        _(
            "The workbook holds far more data than a table would, so it was not read. "
            "Copy the table into a new workbook, save it as .xlsx and import that file."
        )
    )


def _cell_too_long(line: int) -> UnreadableSpreadsheet:
    return UnreadableSpreadsheet(
        _("A cell in row %(line)s is longer than %(max)s characters, the most a spreadsheet cell holds.")
        % {"line": line, "max": f"{MAX_CELL_CHARS:,}"}
    )


# --- reading CSV --------------------------------------------------------------------


def csv_text(text: str) -> str:
    """A CSV cell as the person meant it: the quote that `csv_value` put before a formula-like text taken away."""
    if text.startswith("'") and _looks_like_formula(text):
        return text[1:]
    return text


def csv_table(content: bytes) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) for every row of a CSV file, blank rows too.

    The number is the row a spreadsheet shows: a quoted cell with line breaks does not start a new row.
    """
    if b"\x00" in content[:4096] or content[:4] == b"PK\x03\x04":
        raise UnreadableSpreadsheet(_("The file is not a CSV text file. Save it from Excel as “CSV UTF-8”."))
    for encoding in CSV_ENCODINGS:
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UnreadableSpreadsheet(_("The file's text could not be read. Save it from Excel as “CSV UTF-8”."))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    line = 1
    try:
        for number, row in enumerate(reader, start=1):
            cells = row[:MAX_COLUMNS]
            if any(len(cell) > MAX_CELL_CHARS for cell in cells):
                raise _cell_too_long(number)
            yield number, [csv_text(cell) for cell in cells]
            line = reader.line_num + 1
    except csv.Error as error:
        raise UnreadableSpreadsheet(
            _("Line %(line)s of the CSV file cannot be read: %(error)s") % {"line": line, "error": error}
        ) from None


# --- reading XLSX -------------------------------------------------------------------


def xlsx_table(content: bytes) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells as text) for each row of the workbook's first worksheet.

    Cells hold the values Excel last calculated, never formulas. Rows the sheet
    skips are not yielded; their numbers still count, so a caller that bounds the
    row number bounds the work, blank rows included.
    """
    if not content.startswith(b"PK\x03\x04"):
        raise _not_a_workbook()
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError):
        raise _not_a_workbook() from None
    with archive:
        _check_archive(archive)
        workbook = _Workbook(archive)
        try:
            sheet, strings = workbook.first_sheet_parts()
            shared = workbook.read(strings, _SharedStrings()).strings if strings else []
            rows = _SheetRows(shared)
            for _chunk in workbook.feed(sheet, rows):
                yield from rows.ready
                rows.ready = []
        # What zipfile and expat raise for a damaged archive or part (a bad header, an impossible
        # offset or version, a wrong checksum, an encrypted member, XML that is not well formed).
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError, KeyError,
                NotImplementedError, expat.ExpatError, _DoctypeFound):  # fmt: skip
            raise UnreadableSpreadsheet(
                _("The Excel workbook cannot be read (%(error)s). Save it again as .xlsx.") % {"error": workbook.part}
            ) from None


def _not_a_workbook() -> UnreadableSpreadsheet:
    return UnreadableSpreadsheet(_("The file is not an Excel .xlsx workbook. Save it as .xlsx or .csv."))


def _check_archive(archive: zipfile.ZipFile) -> None:
    members = archive.infolist()
    if len(members) > MAX_ARCHIVE_MEMBERS:
        raise _too_much()
    if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
        raise _too_much()
    for member in members:
        # Excel packs with deflate; other methods pack some data thousands of times tighter.
        if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _not_a_workbook()
        if member.file_size > MAX_MEMBER_BYTES:
            raise _too_much()
        packed_tighter = member.file_size > MAX_COMPRESSION_RATIO * member.compress_size
        if member.file_size >= RATIO_CHECKED_FROM_BYTES and packed_tighter:
            raise _too_much()


class _DoctypeFound(Exception):
    """Office XML never declares a DTD; one in an upload is there to expand entities."""


class _EndOfPart(Exception):
    """What the reader needs from the part has been read."""


class _PartReader:
    """Handlers for the elements of one XML part, by their names without namespace."""

    def start(self, tag: str, attributes: dict) -> None:
        pass

    def end(self, tag: str) -> None:
        pass

    def text(self, data: str) -> None:
        pass


class _Workbook:
    """The parts of an archive as XML streams, with one bound on the elements read from all of them."""

    def __init__(self, archive: zipfile.ZipFile):
        self.archive = archive
        self.part = "[Content_Types].xml"
        self.elements = 0

    def feed(self, name: str, reader: _PartReader) -> Iterator[None]:
        """Parse the part chunk by chunk, pausing after each so that the reader's results can be taken."""
        self.part = name
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.buffer_text = True
        parser.StartDoctypeDeclHandler = self._doctype
        parser.StartElementHandler = lambda name, attributes: self._start(reader, name, attributes)
        parser.EndElementHandler = lambda name: reader.end(name.rpartition(" ")[2])
        parser.CharacterDataHandler = reader.text
        try:
            with self.archive.open(name) as stream:
                while chunk := stream.read(READ_CHUNK_BYTES):
                    parser.Parse(chunk, False)
                    yield
            parser.Parse(b"", True)
        except _EndOfPart:
            pass
        yield

    def _doctype(self, *args):
        raise _DoctypeFound

    def _start(self, reader: _PartReader, name: str, attributes: dict) -> None:
        self.elements += 1
        if self.elements > MAX_XML_ELEMENTS:
            raise _too_much()
        reader.start(name.rpartition(" ")[2], attributes)

    def read(self, name: str, reader):
        for _chunk in self.feed(name, reader):
            pass
        return reader

    def relationships_of(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id → (type, target part) of a part ("" for the package itself)."""
        folder, name = posixpath.split(part)
        path = posixpath.join(folder, "_rels", f"{name}.rels")
        if path not in self.archive.NameToInfo:
            return {}
        targets = self.read(path, _Relationships()).targets
        return {key: (kind, _resolve(part, target)) for key, (kind, target) in targets.items()}

    def first_sheet_parts(self) -> tuple[str, str | None]:
        """The first worksheet (chart sheets hold no cells) and the shared strings, if any."""
        package = self.relationships_of("").values()
        workbook = next((target for kind, target in package if kind.endswith("/officeDocument")), "xl/workbook.xml")
        relationships = self.relationships_of(workbook)
        sheets = self.read(workbook, _SheetList()).relationship_ids
        worksheets = [
            relationships[key][1] for key in sheets if relationships.get(key, ("",))[0].endswith("/worksheet")
        ]
        if not worksheets:
            raise UnreadableSpreadsheet(_("The Excel workbook has no worksheet to import."))
        strings = next((target for kind, target in relationships.values() if kind.endswith("/sharedStrings")), None)
        return worksheets[0], strings


def _resolve(source_part: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_part), target))


def _attribute(attributes: dict, local_name: str) -> str | None:
    """An attribute by its name whatever its namespace (transitional and strict Office XML differ)."""
    for key, value in attributes.items():
        if key.rpartition(" ")[2] == local_name:
            return value
    return None


class _Relationships(_PartReader):
    def __init__(self):
        self.targets: dict[str, tuple[str, str]] = {}

    def start(self, tag, attributes):
        if tag == "Relationship":
            self.targets[attributes.get("Id", "")] = (attributes.get("Type", ""), attributes.get("Target", ""))


class _SheetList(_PartReader):
    def __init__(self):
        self.relationship_ids: list[str] = []

    def start(self, tag, attributes):
        if tag == "sheet":
            self.relationship_ids.append(_attribute(attributes, "id") or "")

    def end(self, tag):
        if tag == "sheets":
            raise _EndOfPart


class _TextCollector(_PartReader):
    """Gathers the text of one cell or shared string, leaving out phonetic guides (<rPh>), its length bounded."""

    def __init__(self):
        self.in_text = False
        self.in_phonetic = False
        self.pieces: list[str] = []
        self.length = 0

    def too_long(self) -> UnreadableSpreadsheet:
        return _too_much()

    def collect(self, data: str) -> None:
        self.length += len(data)
        if self.length > MAX_CELL_CHARS:
            raise self.too_long()
        self.pieces.append(data)

    def take(self) -> str:
        text = "".join(self.pieces)
        self.pieces, self.length = [], 0
        return text

    def text(self, data):
        if self.in_text and not self.in_phonetic:
            self.collect(data)


class _SharedStrings(_TextCollector):
    def __init__(self):
        super().__init__()
        self.strings: list[str] = []

    def start(self, tag, attributes):
        if tag == "t":
            self.in_text = True
        elif tag == "rPh":
            self.in_phonetic = True
        elif tag == "si":
            self.take()

    def end(self, tag):
        if tag == "t":
            self.in_text = False
        elif tag == "rPh":
            self.in_phonetic = False
        elif tag == "si":
            self.strings.append(self.take())


def _column_index(reference: str | None) -> int | None:
    """The column of a reference ("C7" → 3); None when the reference is missing or not a cell's."""
    match = CELL_REFERENCE.fullmatch(reference or "")
    if match is None:
        return None
    index = 0
    for letter in match.group(1).upper():
        index = index * 26 + ord(letter) - ord("A") + 1
    return index


def _number_text(text: str) -> str:
    try:
        number = float(text)
    except ValueError:
        return text
    if math.isfinite(number) and number.is_integer():
        return str(int(number))
    return str(number)


class _SheetRows(_TextCollector):
    """The rows of <sheetData> as lists of cell texts; the rest of the sheet is left unread."""

    def __init__(self, shared: list[str]):
        super().__init__()
        self.shared = shared
        self.ready: list[tuple[int, list[str]]] = []
        self.cells: dict[int, str] = {}
        self.column = 0
        self.cell_type = "n"
        self.in_value = False
        self.table_chars = 0
        self.line = 0

    def too_long(self):
        return _cell_too_long(self.line)

    def start(self, tag, attributes):
        if tag == "row":
            number = attributes.get("r", "")
            # Rows come in order; a number that does not go forward still makes a new row.
            known = number.isdecimal() and len(number) <= 9
            self.line = max(int(number), self.line + 1) if known else self.line + 1
            self.cells = {}
            self.column = 0
        elif tag == "c":
            index = _column_index(attributes.get("r"))
            self.column = index if index is not None and index > self.column else self.column + 1
            self.cell_type = attributes.get("t", "n")
            self.take()
        elif tag == "v":
            self.in_value = True
        elif tag == "t":
            self.in_text = self.cell_type == "inlineStr"
        elif tag == "rPh":
            self.in_phonetic = True

    def text(self, data):
        if self.column <= MAX_COLUMNS and (self.in_value or (self.in_text and not self.in_phonetic)):
            self.collect(data)

    def end(self, tag):
        if tag == "v":
            self.in_value = False
        elif tag == "t":
            self.in_text = False
        elif tag == "rPh":
            self.in_phonetic = False
        elif tag == "c" and self.column <= MAX_COLUMNS:
            value = self._value(self.take())
            self.table_chars += len(value)
            if self.table_chars > MAX_TABLE_CHARS:
                raise _too_much()
            if value:
                self.cells[self.column] = value
        elif tag == "row":
            width = max(self.cells, default=0)
            self.ready.append((self.line, [self.cells.get(column, "") for column in range(1, width + 1)]))
        elif tag == "sheetData":
            raise _EndOfPart

    def _value(self, text: str) -> str:
        if self.cell_type not in ("n", "s", "b"):
            return text
        text = text.strip()
        if not text:
            return ""
        if self.cell_type == "s":
            if not (text.isdecimal() and len(text) <= 9 and int(text) < len(self.shared)):
                raise UnreadableSpreadsheet(
                    _("The Excel workbook cannot be read (%(error)s). Save it again as .xlsx.")
                    % {"error": "sharedStrings"}
                )
            return self.shared[int(text)]
        if self.cell_type == "b":
            return "TRUE" if text == "1" else "FALSE"
        return _number_text(text)
