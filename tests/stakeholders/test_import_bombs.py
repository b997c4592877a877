"""Spreadsheet bombs: a small upload that unpacks or parses into far more is refused quickly, in little memory.

The workbooks are written part by part with zipfile, as an attacker would, so that
each one exercises a single bound.
"""

import io
import random
import time
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from stakeholders.exports import COLUMNS
from stakeholders.imports import MAX_ROWS, ImportFileError, read_rows
from stakeholders.models import StakeholderGroup

MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = b"http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'
)
PACKAGE_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="' + PACKAGE_RELATIONSHIPS + b'">'
    b'<Relationship Id="rId1" Target="xl/workbook.xml" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>'
)
WORKBOOK = (
    b'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="' + MAIN + b'" xmlns:r="' + RELATIONSHIPS + b'">'
    b'<sheets><sheet name="groups" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="' + PACKAGE_RELATIONSHIPS + b'">'
    b'<Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="' + RELATIONSHIPS + b'/worksheet"/>'
    b'<Relationship Id="rId2" Target="sharedStrings.xml" Type="' + RELATIONSHIPS + b'/sharedStrings"/>'
    b"</Relationships>"
)
HEADER_ROW = b'<row r="1"><c r="A1" t="inlineStr"><is><t>Group name</t></is></c></row>'
FARMERS_ROW = '<row><c t="inlineStr"><is><t>เกษตร</t></is></c></row>'.encode()
TOO_MUCH = "holds far more data than a table would"
COLUMN_KEYS = [column.key for column in COLUMNS]


def sheet(*rows, before=b"", after=b""):
    """The parts of a worksheet: rows may be bytes or iterables of bytes, written as they come."""
    yield b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="' + MAIN + b'">' + before + b"<sheetData>"
    for row in rows:
        if isinstance(row, bytes):
            yield row
        else:
            yield from row
    yield b"</sheetData>" + after + b"</worksheet>"


def shared_strings(*items):
    yield b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="' + MAIN + b'">'
    for item in items:
        if isinstance(item, bytes):
            yield item
        else:
            yield from item
    yield b"</sst>"


def workbook(worksheet=None, strings=None, name="bomb.xlsx", **extra_parts):
    """An .xlsx built part by part; big parts are streamed into the archive, never held whole."""
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PACKAGE_RELS,
        "xl/workbook.xml": WORKBOOK,
        "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
        "xl/worksheets/sheet1.xml": worksheet if worksheet is not None else sheet(HEADER_ROW, FARMERS_ROW),
        "xl/sharedStrings.xml": strings if strings is not None else shared_strings(),
        **extra_parts,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for part_name, content in parts.items():
            with archive.open(part_name, "w", force_zip64=True) as part:
                for piece in [content] if isinstance(content, bytes) else content:
                    part.write(piece)
    return SimpleUploadedFile(name, buffer.getvalue())


def repeated(piece: bytes, times: int, batch: int = 10_000):
    for _ in range(times // batch):
        yield piece * batch
    yield piece * (times % batch)


def measured(uploaded):
    """Read the upload; (the refusal or the rows, CPU seconds, peak megabytes allocated while reading)."""
    tracemalloc.start()
    started = time.process_time()
    try:
        outcome = read_rows(uploaded)
    except ImportFileError as error:
        outcome = error
    finally:
        seconds = time.process_time() - started
        peak = tracemalloc.get_traced_memory()[1] / (1024 * 1024)
        tracemalloc.stop()
    return outcome, seconds, peak


def timed(uploaded):
    """Read the upload without tracing memory, which slows Python several times; (outcome, CPU seconds)."""
    started = time.process_time()
    try:
        outcome = read_rows(uploaded)
    except ImportFileError as error:
        outcome = error
    return outcome, time.process_time() - started


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


def test_a_huge_shared_string_is_refused_before_it_is_unpacked():
    text = repeated(b"a" * 1024, 200 * 1024, batch=1024)  # 200 MB of one string
    uploaded = workbook(strings=shared_strings(b"<si><t>", text, b"</t></si>"))
    assert uploaded.size < 2 * 1024 * 1024
    outcome, seconds, peak = measured(uploaded)
    assert isinstance(outcome, ImportFileError) and TOO_MUCH in str(outcome)
    assert seconds < 3
    assert peak < 200


def test_a_million_blank_rows_are_refused_before_they_are_read():
    uploaded = workbook(sheet(HEADER_ROW, repeated(b"<row/>", 1_000_000)))
    outcome, seconds, peak = measured(uploaded)
    assert isinstance(outcome, ImportFileError) and TOO_MUCH in str(outcome)
    assert seconds < 3
    assert peak < 200


def test_blank_rows_count_against_the_row_limit_in_a_workbook():
    # Small enough to unpack: the row limit, not the packing, must stop it.
    rows = (b'<row r="%d"/>' % number for number in range(2, MAX_ROWS + 3))
    outcome, seconds = timed(workbook(sheet(HEADER_ROW, rows, FARMERS_ROW)))
    assert isinstance(outcome, ImportFileError)
    assert "20,000 rows" in str(outcome) and "blank" in str(outcome)
    assert seconds < 3


def test_blank_lines_count_against_the_row_limit_in_a_csv_file():
    uploaded = SimpleUploadedFile("groups.csv", b"Group name\r\n" + b"\r\n" * MAX_ROWS + b"x\r\n")
    with pytest.raises(ImportFileError, match="20,000 rows"):
        read_rows(uploaded)


def test_a_full_table_is_still_read_in_a_few_seconds():
    random_names = random.Random(3)
    rows = (
        b'<row><c t="inlineStr"><is><t>group %d %d</t></is></c></row>' % (number, random_names.randrange(10**9))
        for number in range(MAX_ROWS)
    )
    outcome, seconds = timed(workbook(sheet(HEADER_ROW, rows)))
    assert len(outcome) == MAX_ROWS
    assert seconds < 5


def test_a_sheet_that_jumps_to_its_last_row_is_refused_at_once():
    last = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    uploaded = workbook(sheet(HEADER_ROW, last, before=b'<dimension ref="A1:XFD1048576"/>'))
    outcome, seconds = timed(uploaded)
    assert isinstance(outcome, ImportFileError) and "20,000 rows" in str(outcome)
    assert seconds < 1


def test_row_numbers_that_do_not_go_forward_still_count():
    outcome, _seconds = timed(workbook(sheet(HEADER_ROW, repeated(b'<row r="2"/>', MAX_ROWS + 1))))
    assert isinstance(outcome, ImportFileError) and "20,000 rows" in str(outcome)


def test_millions_of_elements_before_the_rows_are_refused_in_a_few_seconds():
    # Two element names in random order: too varied to pack tightly, each one cheap to store and costly to parse.
    eight = [b"".join(b"<b/>" if byte >> bit & 1 else b"<a/>" for bit in range(8)) for byte in range(256)]
    elements = b"".join(eight[byte] for byte in random.Random(5).randbytes(750_000))
    uploaded = workbook(sheet(HEADER_ROW, FARMERS_ROW, before=b"<extLst>" + elements + b"</extLst>"))
    assert uploaded.size < 2 * 1024 * 1024
    outcome, seconds = timed(uploaded)
    assert isinstance(outcome, ImportFileError) and TOO_MUCH in str(outcome)
    assert seconds < 5


def test_what_follows_the_rows_is_not_read():
    validation = b'<dataValidation type="list" sqref="A%d"><formula1>"a,b"</formula1></dataValidation>'
    validations = (validation % number for number in range(300_000))
    uploaded = workbook(
        sheet(HEADER_ROW, FARMERS_ROW, after=b"<dataValidations>" + b"".join(validations) + b"</dataValidations>")
    )
    outcome, seconds, peak = measured(uploaded)
    assert [cells["name"] for _line, cells in outcome] == ["เกษตร"]
    assert seconds < 3
    assert peak < 200


def test_hundreds_of_thousands_of_tiny_shared_strings_are_read_in_a_few_seconds():
    tiny = [b"<si><t>%02x</t></si>" % byte for byte in range(256)]
    items = b"".join(tiny[byte] for byte in random.Random(7).randbytes(400_000))
    outcome, seconds = timed(workbook(strings=shared_strings(items)))
    assert [cells["name"] for _line, cells in outcome] == ["เกษตร"]
    assert seconds < 5


def test_one_long_shared_string_in_every_cell_cannot_fill_the_memory():
    # Every cell names the same 32,000 characters; the leading space makes each stripped copy a new string.
    header = b"<row>" + b"".join(b'<c t="inlineStr"><is><t>%s</t></is></c>' % key.encode() for key in COLUMN_KEYS)
    text = b" " + b"x" * 32_000
    row = b"<row>" + b'<c t="s"><v>0</v></c>' * len(COLUMN_KEYS) + b"</row>"
    uploaded = workbook(sheet(header + b"</row>", row * 500), shared_strings(b"<si><t>", text, b"</t></si>"))
    outcome, seconds, peak = measured(uploaded)
    assert isinstance(outcome, ImportFileError) and TOO_MUCH in str(outcome)
    assert peak < 200


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_a_cell_longer_than_excel_allows_is_refused_with_its_row(file_format):
    long_name = "ก" * 40_000
    if file_format == "csv":
        uploaded = SimpleUploadedFile("groups.csv", f"Group name\r\nดี\r\n{long_name}\r\n".encode())
    else:
        row = b'<row r="3"><c t="inlineStr"><is><t>' + long_name.encode() + b"</t></is></c></row>"
        uploaded = workbook(sheet(HEADER_ROW, FARMERS_ROW, row))
    with pytest.raises(ImportFileError, match="row 3 is longer than 32,767 characters"):
        read_rows(uploaded)


def test_entities_that_expand_are_refused():
    entities = b"".join(b'<!ENTITY e%d "%s">' % (level, b"&e%d;" % (level - 1) * 10) for level in range(1, 10))
    declaration = b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY e0 "lol">' + entities + b"]>"
    strings = declaration + b'<sst xmlns="' + MAIN + b'"><si><t>&e9;</t></si></sst>'
    row = b'<row><c t="s"><v>0</v></c></row>'
    outcome, seconds, peak = measured(workbook(sheet(HEADER_ROW, row), strings))
    assert isinstance(outcome, ImportFileError) and "cannot be read" in str(outcome)
    assert seconds < 1
    assert peak < 200


def test_an_archive_of_too_many_parts_is_refused():
    parts = {f"xl/media/part{number}.xml": b"<x/>" for number in range(600)}
    with pytest.raises(ImportFileError, match=TOO_MUCH):
        read_rows(workbook(**parts))


def test_a_member_packed_with_another_method_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_LZMA) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
    with pytest.raises(ImportFileError, match="not an Excel .xlsx workbook"):
        read_rows(SimpleUploadedFile("groups.xlsx", buffer.getvalue()))


@pytest.mark.parametrize(
    "uploaded",
    [
        pytest.param(workbook(sheet(HEADER_ROW, b"<row><c><v>1</c></row>")), id="corrupt-xml"),
        pytest.param(
            workbook(sheet(HEADER_ROW, b'<row><c t="inlineStr"><is><t>\xff\xfe</t></is></c></row>')), id="invalid-utf8"
        ),
        pytest.param(workbook(sheet(HEADER_ROW, b'<row><c t="s"><v>7</v></c></row>')), id="missing-shared-string"),
        pytest.param(workbook(sheet(HEADER_ROW), **{"xl/workbook.xml": b"<workbook/>"}), id="no-sheet"),
        pytest.param(workbook(**{"_rels/.rels": b"<Relationships"}), id="truncated-part"),
    ],
)
def test_a_damaged_workbook_gets_a_message(uploaded):
    with pytest.raises(ImportFileError, match="workbook"):
        read_rows(uploaded)


def test_a_workbook_whose_packed_data_is_corrupt_gets_a_message():
    content = bytearray(workbook().read())
    start = content.find(b"xl/worksheets/sheet1.xml") + len(b"xl/worksheets/sheet1.xml")
    content[start + 20 : start + 60] = b"\x00" * 40
    with pytest.raises(ImportFileError, match="cannot be read"):
        read_rows(SimpleUploadedFile("groups.xlsx", bytes(content)))


def test_a_csv_file_in_no_thai_encoding_gets_a_message():
    with pytest.raises(ImportFileError, match="CSV UTF-8"):
        read_rows(SimpleUploadedFile("groups.csv", b"Group name\r\n\xfc\xfd\xfe\r\n"))


def test_the_import_page_explains_a_refused_bomb_in_thai(client_for, officer_a, agency_a, settings):
    settings.LANGUAGE_CODE = "th"
    uploaded = workbook(sheet(HEADER_ROW, repeated(b"<row/>", 1_000_000)))
    response = client_for(officer_a).post(reverse("stakeholders:group_import", args=[agency_a.pk, 2550]),
                                          {"file": uploaded})  # fmt: skip
    assert response.status_code == 200
    message = " ".join(response.context["form"].errors["file"])
    assert "สมุดงาน" in message
    assert message in response.content.decode()
    assert not StakeholderGroup.objects.exists()
