"""Reads: an agency's tree, the comparison of many agencies, the fiscal years on offer.

Each loads every row it needs in a fixed number of queries and builds the
trees in Python, so the pages cost the same with 5 groups or 500.
"""

import functools
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from pmqa_portal.models import Agency
from pmqa_portal.thai_dates import current_fiscal_year
from stakeholders.models import (
    FISCAL_YEAR_MIN,
    MAX_DEPTH,
    Level,
    ListeningChannel,
    Need,
    StakeholderGroup,
    fiscal_year_max,
)


@dataclass
class TreeRow:
    group: StakeholderGroup
    depth: int
    is_first: bool
    is_last: bool
    has_children: bool

    @property
    def indent(self) -> range:
        return range(self.depth)


def _count_of(model):
    counts = model.objects.filter(group=OuterRef("pk")).order_by().values("group").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def tree_rows(groups, *, include_inactive: bool = True) -> list[TreeRow]:
    """Groups of one tree in display order: each after its parent, siblings by order then name.

    Without inactive groups, an inactive group's subtree is left out too.
    """
    children = defaultdict(list)
    known = {group.pk for group in groups}
    for group in groups:
        # A group whose parent is not among the rows is shown at the top rather than lost.
        children[group.parent_id if group.parent_id in known else None].append(group)
    for siblings in children.values():
        siblings.sort(key=lambda group: (group.order, group.name, group.pk))
    rows: list[TreeRow] = []
    stack = [(group, 0, index, len(children[None])) for index, group in enumerate(children[None])][::-1]
    seen = set()
    while stack:
        group, depth, index, count = stack.pop()
        if group.pk in seen or (not include_inactive and not group.is_active):
            continue
        seen.add(group.pk)
        kids = children.get(group.pk, [])
        rows.append(TreeRow(group, depth, index == 0, index == count - 1, bool(kids)))
        stack.extend((kid, depth + 1, position, len(kids)) for position, kid in reversed(list(enumerate(kids))))
    return rows


def agency_tree(agency: Agency, fiscal_year: int, *, include_inactive: bool = True) -> list[TreeRow]:
    """The agency's tree for one year with the number of needs and channels of each group: one query."""
    groups = list(
        StakeholderGroup.objects.of_agency(agency, fiscal_year).annotate(
            need_count=_count_of(Need), channel_count=_count_of(ListeningChannel)
        )
    )
    return tree_rows(groups, include_inactive=include_inactive)


def fiscal_years_of(agency: Agency, *, selected: int | None = None) -> list[int]:
    """Years to offer on the agency page: those with groups, this year, next year and the one shown."""
    years = set(StakeholderGroup.objects.filter(agency=agency).values_list("fiscal_year", flat=True).distinct())
    this_year = current_fiscal_year()
    years |= {this_year, this_year + 1}
    if selected:
        years.add(selected)
    return sorted((year for year in years if FISCAL_YEAR_MIN <= year <= fiscal_year_max()), reverse=True)


def default_fiscal_year(agency: Agency) -> int:
    """The latest year the agency has groups for, else the current fiscal year."""
    latest = (
        StakeholderGroup.objects.filter(agency=agency).order_by("-fiscal_year").values_list("fiscal_year", flat=True)
    )
    return latest.first() or current_fiscal_year()


LIST_PAGE_SIZE = 25
# Counting every group of the country costs a scan of the whole table on each page
# view; past this many the list says "more than 1,000" and keeps a Next link.
LIST_COUNT_CAP = 1000


@dataclass
class ListPage:
    """A page of the list without an exact total when the total is large."""

    object_list: list
    number: int
    count: int
    count_is_exact: bool
    has_next: bool

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def num_pages(self) -> int | None:
        return max(1, -(-self.count // LIST_PAGE_SIZE)) if self.count_is_exact else None


def _page_number(request) -> int:
    text = request.GET.get("page", "1")
    return max(1, int(text)) if text.isascii() and text.isdigit() and len(text) <= 9 else 1


def group_list_page(request, queryset) -> ListPage:
    """One page of the list: newest year first, agency by agency, in the order the groups were made.

    The page's keys come first (an index gives the order), then that page's groups
    with their agency and criteria items, then their ancestors' names one level at a
    time: the cost does not grow with the groups on other pages.
    """
    keys = queryset.order_by("-fiscal_year", "agency_id", "pk").values_list("pk", flat=True)
    # The first keys, up to the cap, both count the list and hold its first forty pages.
    window = list(keys[: LIST_COUNT_CAP + 1])
    count = len(window)
    exact = count <= LIST_COUNT_CAP
    number = _page_number(request)
    if exact:
        number = min(number, max(1, -(-count // LIST_PAGE_SIZE)))
    start = (number - 1) * LIST_PAGE_SIZE
    end = start + LIST_PAGE_SIZE + 1
    ids = window[start:end] if end <= len(window) or exact else list(keys[start:end])
    if not ids and number > 1:  # past the end of a list too long to count
        number, ids = 1, window[: LIST_PAGE_SIZE + 1]
    has_next, ids = len(ids) > LIST_PAGE_SIZE, ids[:LIST_PAGE_SIZE]
    groups = StakeholderGroup.objects.filter(pk__in=ids).order_by().select_related("agency__province")
    by_pk = {group.pk: group for group in groups.prefetch_related("criteria_items")}
    rows = [by_pk[pk] for pk in ids]
    add_parent_paths(rows)
    return ListPage(rows, number, min(count, LIST_COUNT_CAP), exact, has_next)


def add_parent_paths(groups) -> None:
    """Set `parent_path` ("เกษตรกร > ด้านพืช") on each group: one query per level above them, MAX_DEPTH - 1 at most."""
    known: dict[int, tuple[int | None, str]] = {}
    wanted = {group.parent_id for group in groups if group.parent_id}
    for _level in range(MAX_DEPTH - 1):
        wanted -= known.keys()
        if not wanted:
            break
        rows = StakeholderGroup.objects.filter(pk__in=wanted).order_by().values_list("pk", "parent_id", "name")
        known.update({pk: (parent_id, name) for pk, parent_id, name in rows})
        wanted = {parent_id for parent_id, _name in known.values() if parent_id}
    for group in groups:
        names, current = [], group.parent_id
        while current in known and len(names) < MAX_DEPTH:
            parent_id, name = known[current]
            names.append(name)
            current = parent_id
        group.parent_path = " > ".join(reversed(names))


# "1. ", "(2) ", "๓) ": a list number typed in front of the name.
_LEADING_NUMBERING = re.compile(r"^\s*[(\[]?[\d๐-๙]+[.)\]]\s*")
# Letters (L), marks (M: Thai vowels and tone marks) and digits (N) carry the name; the rest is spacing and punctuation.
_KEPT_CATEGORIES = ("L", "M", "N")


@functools.lru_cache(maxsize=4096)
def comparison_key(name: str) -> str:
    """A name reduced for comparing across agencies: no numbering, spacing, punctuation or case.

    Words are kept: "กลุ่มเกษตรกร" (a registered farmer group) is not "เกษตรกร" (farmers).
    """
    text = unicodedata.normalize("NFC", name).casefold().replace("\u200b", "")
    text = _LEADING_NUMBERING.sub("", text)
    return "".join(char for char in text if unicodedata.category(char)[0] in _KEPT_CATEGORIES)


@dataclass
class AgencyColumn:
    agency: Agency
    rows: list[TreeRow]


@dataclass
class SharedGroup:
    key: str
    name: str
    agencies: list[Agency]

    @property
    def count(self) -> int:
        return len(self.agencies)

    @property
    def agency_names(self) -> str:
        return ", ".join(agency.short_name or agency.name for agency in self.agencies)


@dataclass
class Comparison:
    fiscal_year: int
    columns: list[AgencyColumn]
    shared: list[SharedGroup] = field(default_factory=list)

    @property
    def agencies_without_groups(self) -> list[Agency]:
        return [column.agency for column in self.columns if not column.rows]

    @property
    def agencies_with_groups(self) -> list[AgencyColumn]:
        return [column for column in self.columns if column.rows]


@dataclass
class ComparedGroup:
    """The few fields of a group the comparison shows: cheaper to build than 600 model instances."""

    pk: int
    agency_id: int
    parent_id: int | None
    name: str
    order: int
    is_active: bool = True
    key: str = ""
    shared_count: int = 0


def compare_agencies(agencies, fiscal_year: int) -> Comparison:
    """The active groups of the given agencies in one year, side by side: two queries."""
    agencies = list(agencies.select_related("province").order_by("name_th", "pk"))
    rows = (
        StakeholderGroup.objects.active()
        .filter(agency__in=[agency.pk for agency in agencies], fiscal_year=fiscal_year)
        .order_by()
        .values_list("pk", "agency_id", "parent_id", "name", "order")
    )
    by_agency = defaultdict(list)
    for row in rows:
        group = ComparedGroup(*row)
        group.key = comparison_key(group.name)
        by_agency[group.agency_id].append(group)
    columns = [AgencyColumn(agency, tree_rows(by_agency.get(agency.pk, []))) for agency in agencies]

    agencies_by_key: dict[str, dict[int, Agency]] = defaultdict(dict)
    spellings: dict[str, Counter] = defaultdict(Counter)
    for column in columns:
        for row in column.rows:
            if row.group.key:
                agencies_by_key[row.group.key][column.agency.pk] = column.agency
                spellings[row.group.key][row.group.name] += 1
    for column in columns:
        for row in column.rows:
            # How many of the compared agencies have a group of this name: shown beside it.
            row.group.shared_count = len(agencies_by_key.get(row.group.key, ()))
    shared = [
        SharedGroup(key, spellings[key].most_common(1)[0][0], list(found.values()))
        for key, found in agencies_by_key.items()
        if len(found) > 1
    ]
    shared.sort(key=lambda item: (-item.count, item.name))
    return Comparison(fiscal_year, columns, shared)


# --- stakeholder map ----------------------------------------------------------


@dataclass
class MapPoint:
    group: StakeholderGroup
    x: float
    y: float
    label_number: int


@dataclass
class MapText:
    x: float
    y: float
    text: str


@dataclass
class MapBox:
    x: float
    y: float
    width: float
    height: float
    shaded: bool
    label: MapText


@dataclass
class StakeholderMap:
    """An influence × interest grid in SVG units: the template only writes out what is computed here.

    Interest runs across (low to very high), influence up; the four quarters carry
    the usual advice (monitor, keep informed, keep satisfied, manage closely).
    """

    points: list[MapPoint] = field(default_factory=list)
    width: int = 720
    height: int = 560
    left: int = 110
    right: int = 700
    top: int = 20
    bottom: int = 480
    levels: int = 4
    legend_line_height: int = 26

    @property
    def cell_width(self) -> float:
        return (self.right - self.left) / self.levels

    @property
    def cell_height(self) -> float:
        return (self.bottom - self.top) / self.levels

    @property
    def middle_x(self) -> float:
        return (self.left + self.right) / 2

    @property
    def middle_y(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def plot_width(self) -> float:
        return self.right - self.left

    @property
    def plot_height(self) -> float:
        return self.bottom - self.top

    def quarters(self) -> list[MapBox]:
        half_width, half_height = self.plot_width / 2, self.plot_height / 2
        boxes = [
            (self.left, self.top, False, _("Keep satisfied")),
            (self.middle_x, self.top, True, _("Manage closely")),
            (self.left, self.middle_y, False, _("Monitor")),
            (self.middle_x, self.middle_y, False, _("Keep informed")),
        ]
        return [
            MapBox(x, y, half_width, half_height, shaded, MapText(x + 8, y + 20, str(label)))
            for x, y, shaded, label in boxes
        ]

    def grid_lines(self) -> list[tuple[float, float, float, float]]:
        """The thin lines between levels (the thick middle lines are drawn apart)."""
        lines = []
        for step in range(1, self.levels):
            x = self.left + step * self.cell_width
            y = self.top + step * self.cell_height
            lines.append((x, self.top, x, self.bottom))
            lines.append((self.left, y, self.right, y))
        return lines

    def x_ticks(self) -> list[MapText]:
        return [
            MapText(self.left + (level - 0.5) * self.cell_width, self.bottom + 22, str(label))
            for level, label in Level.choices
        ]

    def y_ticks(self) -> list[MapText]:
        return [
            MapText(self.left - 8, self.bottom - (level - 0.5) * self.cell_height, str(label))
            for level, label in Level.choices
        ]

    @property
    def x_title(self) -> MapText:
        return MapText(self.middle_x, self.bottom + 52, str(_("Interest")))

    @property
    def y_title(self) -> MapText:
        return MapText(22, self.middle_y, str(_("Influence")))

    @property
    def legend_top(self) -> float:
        return self.height

    @property
    def total_height(self) -> float:
        return self.legend_top + self.legend_line_height * max(1, len(self.points)) + 10

    def legend(self):
        """(point, y) for each line of the legend under the grid."""
        for index, point in enumerate(self.points):
            yield point, self.legend_top + self.legend_line_height * (index + 0.7)


def stakeholder_map(rows: list[TreeRow]) -> StakeholderMap:
    """Place active groups in their cell (interest across, influence up), spread so that none overlap."""
    chart = StakeholderMap()
    active = [row.group for row in rows if row.group.is_active]
    by_cell = defaultdict(list)
    for group in active:
        by_cell[(group.interest, group.influence)].append(group)
    numbers = {group.pk: number for number, group in enumerate(active, start=1)}
    for (interest, influence), groups in by_cell.items():
        columns = max(1, min(4, len(groups)))
        rows_needed = (len(groups) + columns - 1) // columns
        cell_left = chart.left + (interest - 1) * chart.cell_width
        cell_top = chart.bottom - influence * chart.cell_height
        for index, group in enumerate(groups):
            column, row = index % columns, index // columns
            x = cell_left + chart.cell_width * (column + 1) / (columns + 1)
            y = cell_top + chart.cell_height * (row + 1) / (rows_needed + 1)
            chart.points.append(MapPoint(group, round(x, 1), round(y, 1), numbers[group.pk]))
    chart.points.sort(key=lambda point: point.label_number)
    return chart
