"""Export groups to CSV and XLSX; the same columns are read back by `stakeholders.imports`."""

import csv
import io
from dataclasses import dataclass

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from pmqa_portal.spreadsheets import csv_row, xlsx_cell

# Rows fetched per database round trip while exporting (the criteria items, needs
# and channels of each chunk come in one query each).
CHUNK_SIZE = 2000
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PATH_SEPARATOR = " > "
LIST_SEPARATOR = "; "


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    width: int = 18


COLUMNS = [
    Column("agency", _("Agency"), 40),
    Column("province", _("Province"), 16),
    Column("fiscal_year", _("Fiscal year"), 10),
    Column("parent", _("Parent group"), 36),
    Column("name", _("Group name"), 36),
    Column("kind", _("Kind"), 18),
    Column("description", _("Description"), 40),
    Column("segmentation_basis", _("Basis of segmentation"), 24),
    Column("estimated_size", _("Estimated size"), 12),
    Column("services", _("Services given to the group"), 40),
    Column("influence", _("Influence"), 10),
    Column("interest", _("Interest"), 10),
    Column("criteria_items", _("PMQA criteria items"), 16),
    Column("needs", _("Needs and expectations"), 40),
    Column("channels", _("Listening channels"), 40),
    Column("is_active", _("Active"), 8),
]


def export_queryset(queryset):
    """The rows to export, in tree order, with what each row shows preloaded."""
    return queryset.select_related("agency__province").prefetch_related("criteria_items", "needs", "channels")


def group_row(group) -> list:
    """One group as exported: labels, not codes, so that a person can read the file."""
    return [
        group.agency.name_th,
        group.agency.province.name_th if group.agency.province_id else "",
        group.fiscal_year,
        group.parent_path,
        group.name,
        group.get_kind_display(),
        group.description,
        group.segmentation_basis,
        group.estimated_size if group.estimated_size is not None else "",
        group.services,
        group.get_influence_display(),
        group.get_interest_display(),
        ", ".join(item.code for item in group.criteria_items.all()),
        LIST_SEPARATOR.join(f"{need.description} ({need.get_priority_display()})" for need in group.needs.all()),
        LIST_SEPARATOR.join(
            f"{channel.get_kind_display()} ({channel.get_frequency_display()})"
            + (f" {channel.description}" if channel.description else "")
            for channel in group.channels.all()
        ),
        str(_("yes") if group.is_active else _("no")),
    ]


def header_row() -> list[str]:
    return [str(column.label) for column in COLUMNS]


def _rows(queryset):
    yield header_row()
    for group in export_queryset(queryset).iterator(chunk_size=CHUNK_SIZE):
        yield group_row(group)


class _Echo:
    def write(self, value):
        return value


def csv_response(queryset, filename: str) -> StreamingHttpResponse:
    """UTF-8 with a byte-order mark, so that Excel shows the Thai text correctly."""
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff"
        for row in _rows(queryset):
            yield writer.writerow(csv_row(row))

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(queryset, filename: str) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(_("Stakeholder groups"))[:31])
    for index, column in enumerate(COLUMNS):
        sheet.column_dimensions[get_column_letter(index + 1)].width = column.width
    bold = Font(bold=True)
    rows = _rows(queryset)
    sheet.freeze_panes = "A2"
    sheet.append([_bold_cell(sheet, value, bold) for value in next(rows)])
    for row in rows:
        sheet.append([xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def _bold_cell(sheet, value, font):
    cell = xlsx_cell(sheet, value)
    cell.font = font
    return cell
