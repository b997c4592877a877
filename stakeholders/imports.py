"""Read and check a CSV or XLSX file of groups before anything is written.

One row per group; the parent is named in its own column, by name ("เกษตรกร")
or, where a name is not unique, by path ("เกษตรกร > ด้านพืช"). The columns are
those of the export (`stakeholders.exports.COLUMNS`), found by their Thai or
English header; the agency and fiscal year are the ones chosen on the import page.
Every row is checked first; `ImportRejected` carries each wrong row's line and reason.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pmqa_portal.models import CriteriaItem
from pmqa_portal.spreadsheets import UnreadableSpreadsheet, csv_table, xlsx_table
from stakeholders.exports import COLUMNS, PATH_SEPARATOR
from stakeholders.models import MAX_DEPTH, GroupKind, Level, StakeholderGroup, normalise_name

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_ROWS = 20_000
IMPORTED_COLUMNS = [
    "parent",
    "name",
    "kind",
    "description",
    "segmentation_basis",
    "estimated_size",
    "services",
    "influence",
    "interest",
    "criteria_items",
]
# Thai headers and values accepted whatever the language of the portal's catalogue:
# files typed by hand in Thai use these words.
THAI_HEADERS = {
    "agency": ["หน่วยงาน"],
    "province": ["จังหวัด"],
    "fiscal_year": ["ปีงบประมาณ"],
    "parent": ["กลุ่มหลัก", "กลุ่มแม่"],
    "name": ["ชื่อกลุ่ม", "ชื่อ", "กลุ่ม"],
    "kind": ["ประเภท"],
    "description": ["คำอธิบาย", "รายละเอียด"],
    "segmentation_basis": ["เกณฑ์การแบ่งกลุ่ม"],
    "estimated_size": ["จำนวนโดยประมาณ", "จำนวน"],
    "services": ["บริการที่ให้แก่กลุ่ม", "บริการ"],
    "influence": ["อิทธิพล"],
    "interest": ["ความสนใจ"],
    "criteria_items": ["หัวข้อเกณฑ์ PMQA", "หัวข้อเกณฑ์"],
}
THAI_VALUES = {
    GroupKind.SERVICE_RECIPIENT: ["ผู้รับบริการ"],
    GroupKind.STAKEHOLDER: ["ผู้มีส่วนได้ส่วนเสีย"],
    Level.LOW: ["ต่ำ", "น้อย"],
    Level.MEDIUM: ["ปานกลาง"],
    Level.HIGH: ["สูง", "มาก"],
    Level.VERY_HIGH: ["สูงมาก", "มากที่สุด"],
}
ACCEPTED_SUFFIXES = (".csv", ".xlsx")
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


class ImportFileError(Exception):
    """The file as a whole cannot be read: wrong type, empty, too large, no header."""


@dataclass(frozen=True)
class RowError:
    line: int
    message: str


class ImportRejected(Exception):
    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} rows are wrong")
        self.errors = sorted(errors, key=lambda error: error.line)


@dataclass
class PlannedRow:
    line: int
    name: str
    parent_parts: list[str]
    cells: dict[str, str]
    instance: StakeholderGroup | None = None
    parent_node: tuple | None = None
    chain: list[str] = field(default_factory=list)
    criteria: list[CriteriaItem] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


# --- reading the file ---------------------------------------------------------


def read_rows(uploaded_file) -> list[tuple[int, dict[str, str]]]:
    """(line number, {column key: text}) for each non-blank row under the header.

    Every row counts against the limit, blank ones too, so that the work a file
    asks for is bounded by the limit whatever it holds.
    """
    suffix = PurePath(uploaded_file.name or "").suffix.lower()
    if suffix not in ACCEPTED_SUFFIXES:
        raise ImportFileError(
            _("Only CSV (.csv) and Excel (.xlsx) files can be imported; “%(name)s” is neither.")
            % {"name": uploaded_file.name}
        )
    if uploaded_file.size == 0:
        raise ImportFileError(_("The file is empty."))
    if uploaded_file.size > MAX_FILE_BYTES:
        raise ImportFileError(
            _("The file is larger than %(size)s MB. Split it into smaller files.")
            % {"size": MAX_FILE_BYTES // (1024 * 1024)}
        )
    content = uploaded_file.read()
    table = csv_table(content) if suffix == ".csv" else xlsx_table(content)
    try:
        return _rows_under_header(table)
    except UnreadableSpreadsheet as error:
        raise ImportFileError(str(error)) from None


def _header_key(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def _column_aliases() -> dict[str, str]:
    aliases = {}
    for column in COLUMNS:
        aliases[_header_key(column.key)] = column.key
        for language in ("en", "th"):
            with translation.override(language):
                aliases[_header_key(str(column.label))] = column.key
        for thai in THAI_HEADERS.get(column.key, []):
            aliases[_header_key(thai)] = column.key
    return aliases


def _rows_under_header(table) -> list[tuple[int, dict[str, str]]]:
    aliases = _column_aliases()
    header = None
    rows = []
    for line, cells in table:
        if line > MAX_ROWS + 1:
            raise ImportFileError(
                _(
                    "The file has more than %(rows)s rows, counting blank ones. "
                    "Delete the empty rows under the table, or split it into smaller files."
                )
                % {"rows": f"{MAX_ROWS:,}"}
            )
        if not any(cell.strip() for cell in cells):
            continue
        if header is None:
            header = [aliases.get(_header_key(cell)) for cell in cells]
            if "name" not in header:
                raise ImportFileError(
                    _("The first row must name the columns, and one of them must be “%(column)s”.")
                    % {"column": _("Group name")}
                )
            continue
        rows.append((line, {key: cell.strip() for key, cell in zip(header, cells, strict=False) if key}))
    if not rows:
        raise ImportFileError(_("The file has no rows of groups under its header row."))
    return rows


# --- checking the rows ----------------------------------------------------------


def _choice_aliases(choices, *, numbers: bool = False) -> dict[str, object]:
    aliases = {}
    for value, label in choices.choices:
        aliases[_header_key(str(value))] = value
        for language in ("en", "th"):
            with translation.override(language):
                aliases[_header_key(str(label))] = value
        for thai in THAI_VALUES.get(value, []):
            aliases[_header_key(thai)] = value
    if numbers:
        aliases.update({str(value): value for value in choices.values})
    return aliases


def _path_parts(text: str) -> list[str]:
    """ "เกษตรกร > ด้านพืช" → ["เกษตรกร", "ด้านพืช"]."""
    return [normalise_name(part) for part in text.split(PATH_SEPARATOR.strip()) if part.strip()]


class _Cycle(Exception):
    pass


class ImportPlan:
    """Resolves parents, checks each row, and orders the rows so that parents are created first."""

    def __init__(self, *, agency, fiscal_year: int, rows: list[tuple[int, dict[str, str]]]):
        self.agency = agency
        self.fiscal_year = fiscal_year
        self.rows = [
            PlannedRow(
                line=line,
                name=normalise_name(cells.get("name", "")),
                parent_parts=_path_parts(cells.get("parent", "")),
                cells=cells,
            )
            for line, cells in rows
        ]
        existing = list(
            StakeholderGroup.objects.of_agency(agency, fiscal_year).values_list("pk", "parent_id", "name", "kind")
        )
        self.existing_parent = {pk: parent_id for pk, parent_id, _name, _kind in existing}
        self.existing_name = {pk: name for pk, _parent, name, _kind in existing}
        self.existing_kind = {pk: kind for pk, _parent, _name, kind in existing}
        self.taken = {(("group", parent_id) if parent_id else None, name) for _pk, parent_id, name, _kind in existing}
        self.by_name = defaultdict(list)
        for pk, _parent, name, _kind in existing:
            self.by_name[name].append(("group", pk))
        for index, row in enumerate(self.rows):
            if row.name:
                self.by_name[row.name].append(("row", index))
        self._resolved: dict[int, tuple | None] = {}
        self._chains: dict[int, list[str]] = {}
        self._in_progress: set[int] = set()

    # parents and paths

    def _existing_chain(self, pk: int) -> list[str]:
        names = []
        while pk is not None and len(names) <= MAX_DEPTH:
            names.append(self.existing_name[pk])
            pk = self.existing_parent[pk]
        return names[::-1]

    def chain(self, node: tuple) -> list[str]:
        """The names from the root down to the node; _Cycle when a row's parents loop back to it."""
        kind, key = node
        if kind == "group":
            return self._existing_chain(key)
        if key in self._chains:
            return self._chains[key]
        if key in self._in_progress:
            raise _Cycle
        self._in_progress.add(key)
        try:
            parent = self.resolve(key)
            result = (self.chain(parent) if parent else []) + [self.rows[key].name]
        finally:
            self._in_progress.discard(key)
        self._chains[key] = result
        return result

    def resolve(self, index: int) -> tuple | None:
        """The node named in the row's parent column; ValidationError when none or several match."""
        if index in self._resolved:
            return self._resolved[index]
        row = self.rows[index]
        if not row.parent_parts:
            self._resolved[index] = None
            return None
        candidates = [node for node in self.by_name.get(row.parent_parts[-1], []) if node != ("row", index)]
        if len(row.parent_parts) > 1:
            candidates = [node for node in candidates if self._chain_or_none(node) == row.parent_parts]
        if not candidates:
            raise ValidationError(
                _("The parent group “%(parent)s” is neither in the file nor among the agency's groups of %(year)s.")
                % {"parent": PATH_SEPARATOR.join(row.parent_parts), "year": self.fiscal_year}
            )
        if len(candidates) > 1:
            raise ValidationError(
                _("More than one group is called “%(parent)s”: write the parent's full path, e.g. “%(example)s”.")
                % {
                    "parent": row.parent_parts[-1],
                    "example": PATH_SEPARATOR.join(self._chain_or_none(candidates[0]) or row.parent_parts),
                }
            )
        self._resolved[index] = candidates[0]
        return candidates[0]

    def _chain_or_none(self, node):
        try:
            return self.chain(node)
        except (_Cycle, ValidationError):
            return None

    def kind_of(self, node: tuple | None) -> str:
        if node is None:
            return GroupKind.SERVICE_RECIPIENT
        kind, key = node
        if kind == "group":
            return self.existing_kind[key]
        return self.rows[key].instance.kind if self.rows[key].instance else GroupKind.SERVICE_RECIPIENT

    # checking

    def check(self) -> list[PlannedRow]:
        kinds = _choice_aliases(GroupKind)
        levels = _choice_aliases(Level, numbers=True)
        items = defaultdict(list)
        for item in CriteriaItem.objects.all():
            items[_header_key(item.code)].append(item)
        seen: dict[tuple, int] = {}
        for index, row in enumerate(self.rows):
            if not row.name:
                row.errors.append(_("The group name is empty."))
                continue
            try:
                row.parent_node = self.resolve(index)
                row.chain = self.chain(("row", index))
            except _Cycle:
                row.errors.append(_("The parent column leads back to this row: the groups would form a loop."))
                continue
            except ValidationError as error:
                row.errors.extend(error.messages)
                continue
            if len(row.chain) > MAX_DEPTH:
                row.errors.append(_("The group would be more than %(max)s levels deep.") % {"max": MAX_DEPTH})
            key = (row.parent_node, row.name)
            if key in self.taken:
                row.errors.append(_("A group with this name already exists under the same parent in this fiscal year."))
            elif key in seen:
                row.errors.append(
                    _("Line %(line)s already has a group with this name under the same parent.") % {"line": seen[key]}
                )
            else:
                seen[key] = row.line
        # Parents first, so that a subgroup without a kind of its own takes its parent's.
        for row in self.ordered():
            if row.name:
                row.criteria = self._criteria(row, items)
                row.instance = self._instance(row, kinds, levels)
        return self.rows

    def ordered(self) -> list[PlannedRow]:
        """Rows with parents before children, in file order within a level."""
        return sorted(self.rows, key=lambda row: (len(row.chain), row.line))

    def _criteria(self, row: PlannedRow, items) -> list[CriteriaItem]:
        found = []
        for code in re.split(r"[,;]", row.cells.get("criteria_items", "")):
            key = _header_key(code)
            if not key:
                continue
            matches = items.get(key, [])
            if len(matches) != 1:
                message = (
                    _("There is no PMQA criteria item with the code “%(code)s”.")
                    if not matches
                    else _("The criteria item code “%(code)s” belongs to more than one edition.")
                )
                row.errors.append(message % {"code": code.strip()})
            else:
                found.append(matches[0])
        return found

    def _instance(self, row: PlannedRow, kinds, levels) -> StakeholderGroup:
        values = {}
        for name, aliases in (("kind", kinds), ("influence", levels), ("interest", levels)):
            text = row.cells.get(name, "")
            if not text:
                continue
            if _header_key(text) in aliases:
                values[name] = aliases[_header_key(text)]
            else:
                row.errors.append(
                    _("“%(value)s” is not a valid %(field)s.")
                    % {"value": text, "field": StakeholderGroup._meta.get_field(name).verbose_name}
                )
        if "kind" not in values:
            values["kind"] = self.kind_of(row.parent_node)
        size_text = row.cells.get("estimated_size", "").translate(THAI_DIGITS).replace(",", "").replace(" ", "")
        if size_text:
            if size_text.isdigit():
                values["estimated_size"] = int(size_text)
            else:
                row.errors.append(
                    _("The estimated size must be a whole number, not “%(value)s”.")
                    % {"value": row.cells["estimated_size"]}
                )
        instance = StakeholderGroup(
            agency=self.agency,
            fiscal_year=self.fiscal_year,
            name=row.name,
            description=row.cells.get("description", ""),
            segmentation_basis=row.cells.get("segmentation_basis", ""),
            services=row.cells.get("services", ""),
            **values,
        )
        try:
            # Uniqueness was checked above against every row at once, without a query per row.
            instance.full_clean(exclude=["parent", "agency"], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                label = StakeholderGroup._meta.get_field(name).verbose_name if name != "__all__" else ""
                row.errors.extend(f"{label}: {message}" if label else message for message in messages)
        return instance


def plan_import(*, agency, fiscal_year: int, rows) -> ImportPlan:
    """Check every row; raise ImportRejected listing each wrong row, else return the plan."""
    plan = ImportPlan(agency=agency, fiscal_year=fiscal_year, rows=rows)
    checked = plan.check()
    errors = [RowError(row.line, message) for row in checked for message in row.errors]
    if errors:
        raise ImportRejected(errors)
    return plan


IMPORT_HELP = gettext_lazy(
    "One row per group. The first row names the columns, as in the export: Group name (required), Parent group "
    "(empty for a top-level group; the parent's name, or its path such as “เกษตรกร > ด้านพืช”), Kind, Description, "
    "Basis of segmentation, Estimated size, Services given to the group, Influence, Interest (1–4 or low, medium, "
    "high, very high) and PMQA criteria items (codes separated by commas). Other columns are ignored."
)
