"""Stakeholder groups under load: the list, the comparison of 30 agencies and an agency's tree of 500 groups,
beside /healthz; and the time to import a file of 10,000 groups.

The bench database is filled once (1,000 agencies, 30 of them in Kamphaeng Phet, each with 21 groups in
three levels for five fiscal years: 105,000 groups, with needs, listening channels and criteria items; and
one agency with a tree of 500 groups) by COPY; a marker in the database skips the fill on later runs.

Targets (ratios of requests per second to /healthz in the same run): the list ≥ 0.25; the comparison of
30 agencies ≥ 0.10. The import of 10,000 rows is timed in this process (checking every row, then
writing), and the rows it adds are removed afterwards.
"""

import csv
import io
import time

FILL = "stakeholders-v1"
AGENCIES = 1_000
COMPARED = 30
YEARS = [2564, 2565, 2566, 2567, 2568]
YEAR = 2568
IMPORT_ROWS = 10_000
IMPORT_YEAR = 2569
BIG_TREE_AGENCY = "BENCH-SH หน่วยงานที่มี 500 กลุ่ม"
AGENCY_PREFIX = "BENCH-SH หน่วยงานทดสอบ"
COMPARED_PROVINCE = "TH-62"
USERS = {"bench_sh_facilitator": "facilitator", "bench_sh_officer": "agency_officer"}

TARGETS = {
    "group list": 0.25,
    "group list, one province and year": 0.25,
    f"comparison of {COMPARED} agencies": 0.10,
}

ROOT_NAMES = [
    "เกษตรกร",
    "วิสาหกิจชุมชน",
    "ประชาชนทั่วไป",
    "ผู้ประกอบการ",
    "ส่วนราชการในจังหวัด",
    "องค์กรปกครองส่วนท้องถิ่น",
    "กลุ่มเปราะบาง",
]
CHILD_NAMES = ["ด้านพืช", "ด้านปศุสัตว์", "ด้านประมง", "ด้านการผลิต", "ด้านการบริการ", "ด้านการตลาด"]
GRANDCHILD_NAMES = ["รายย่อย", "รายใหญ่"]


# --- filling the database ------------------------------------------------------------


def _agencies():
    from pmqa_portal.models import Agency, Province

    provinces = list(Province.objects.order_by("pk"))
    compared_province = next(province for province in provinces if province.code == COMPARED_PROVINCE)
    others = [province for province in provinces if province.code != COMPARED_PROVINCE]
    rows = [
        Agency(name_th=f"{AGENCY_PREFIX} {n + 1}", short_name=f"ทส.{n + 1}", province=compared_province)
        for n in range(COMPARED)
    ]
    rows += [
        Agency(name_th=f"{AGENCY_PREFIX} {n + 1}", short_name=f"ทส.{n + 1}", province=others[n % len(others)])
        for n in range(COMPARED, AGENCIES)
    ]
    rows.append(Agency(name_th=BIG_TREE_AGENCY, short_name="ทส.500", province=compared_province))
    return Agency.objects.bulk_create(rows)


def _users(officer_agency):
    from django.contrib.auth.models import Group

    from pmqa_portal.models import User

    for username, role in USERS.items():
        user, _created = User.objects.get_or_create(
            username=username,
            defaults={"full_name_th": f"ผู้ทดสอบความเร็ว {username}", "agency": officer_agency},
        )
        user.set_unusable_password()
        user.save()
        user.groups.add(Group.objects.get(name=role))


def _copy_level(h, rows, now):
    from stakeholders.models import StakeholderGroup

    return h.copy_rows(StakeholderGroup, ({**row, "created_at": now, "updated_at": now} for row in rows))


def _ids(agency_ids, names):
    """{(agency, year, parent, name): pk} of the groups just copied."""
    from stakeholders.models import StakeholderGroup

    rows = StakeholderGroup.objects.filter(agency_id__in=agency_ids, name__in=names).values_list(
        "pk", "agency_id", "fiscal_year", "parent_id", "name"
    )
    return {(agency, year, parent, name): pk for pk, agency, year, parent, name in rows}


def _fill(h) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from pmqa_portal.models import CriteriaItem
    from stakeholders.models import ListeningChannel, Need, StakeholderGroup

    now = timezone.now()
    started = time.monotonic()
    item = CriteriaItem.objects.get(category__edition__code="fundamental", code="CS1")
    with transaction.atomic():
        agencies = _agencies()
        big_tree = agencies[-1]
        agencies = agencies[:-1]
        _users(agencies[0])
        agency_ids = [agency.pk for agency in agencies]

        def roots_of(index):
            return [ROOT_NAMES[(index + offset) % len(ROOT_NAMES)] for offset in range(3)]

        _copy_level(
            h,
            (
                {"agency_id": agency.pk, "fiscal_year": year, "name": name, "order": order, "influence": 3}
                for index, agency in enumerate(agencies)
                for year in YEARS
                for order, name in enumerate(roots_of(index))
            ),
            now,
        )
        roots = _ids(agency_ids, ROOT_NAMES)
        _copy_level(
            h,
            (
                {"agency_id": agency, "fiscal_year": year, "parent_id": pk, "name": child, "order": order}
                for (agency, year, _parent, _name), pk in roots.items()
                for order, child in enumerate(CHILD_NAMES[:4])
            ),
            now,
        )
        children = _ids(agency_ids, CHILD_NAMES[:1])
        _copy_level(
            h,
            (
                {"agency_id": agency, "fiscal_year": year, "parent_id": pk, "name": name, "order": order}
                for (agency, year, _parent, _name), pk in children.items()
                for order, name in enumerate(GRANDCHILD_NAMES)
            ),
            now,
        )
        print(f"    groups: {StakeholderGroup.objects.count():,} ({time.monotonic() - started:.0f} s)", flush=True)

        h.copy_rows(
            Need,
            (
                {"group_id": pk, "kind": "need", "description": "ความรู้และข้อมูลข่าวสารที่ทันเวลา", "priority": 1}
                for pk in list(roots.values()) + list(children.values())
            ),
        )
        h.copy_rows(
            ListeningChannel,
            ({"group_id": pk, "kind": "meeting", "description": "ประชุมประจำเดือน", "frequency": "monthly"}
             for pk in roots.values()),
        )  # fmt: skip
        through = StakeholderGroup.criteria_items.through
        h.copy_rows(through, ({"stakeholdergroup_id": pk, "criteriaitem_id": item.pk} for pk in roots.values()))

        # One agency with a tree of 500 groups: 20 top-level groups, 4 subgroups each, 5 under each of those.
        big = StakeholderGroup.objects.bulk_create(
            StakeholderGroup(agency=big_tree, fiscal_year=YEAR, name=f"กลุ่ม {n + 1}", order=n) for n in range(20)
        )
        middle = StakeholderGroup.objects.bulk_create(
            StakeholderGroup(agency=big_tree, fiscal_year=YEAR, parent=root, name=f"กลุ่มย่อย {n + 1}", order=n)
            for root in big
            for n in range(4)
        )
        StakeholderGroup.objects.bulk_create(
            StakeholderGroup(agency=big_tree, fiscal_year=YEAR, parent=group, name=f"กลุ่มย่อยระดับสาม {n + 1}", order=n)
            for group in middle
            for n in range(5)
        )
        h.mark_filled(FILL)
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"    filled and analysed in {time.monotonic() - started:.0f} s", flush=True)


# --- the import -------------------------------------------------------------------------


def _import_file() -> bytes:
    """10,000 rows: 1,000 top-level groups with 9 subgroups each, parents named by name."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Parent group", "Group name", "Kind", "Influence", "Interest", "PMQA criteria items"])
    roots = IMPORT_ROWS // 10
    for n in range(roots):
        root = f"กลุ่มนำเข้า {n + 1}"
        writer.writerow(["", root, "ผู้รับบริการ", "สูง", "3", "CS1"])
        for m in range(9):
            writer.writerow([root, f"กลุ่มย่อย {m + 1}", "", "", "", ""])
    return ("\ufeff" + buffer.getvalue()).encode()


def _remove_imported(agency) -> None:
    from stakeholders.models import GroupChange, StakeholderGroup

    groups = StakeholderGroup.objects.filter(agency=agency, fiscal_year=IMPORT_YEAR)
    GroupChange.objects.filter(agency=agency, fiscal_year=IMPORT_YEAR).delete()
    groups.exclude(parent=None).delete()
    groups.delete()


def _time_import(h) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from pmqa_portal.models import Agency, User
    from stakeholders import services

    agency = Agency.objects.get(name_th=BIG_TREE_AGENCY)
    officer = User.objects.get(username="bench_sh_officer")
    content = _import_file()
    _remove_imported(agency)
    started = time.perf_counter()
    created = services.groups_import(
        agency=agency,
        fiscal_year=IMPORT_YEAR,
        uploaded_file=SimpleUploadedFile("groups.csv", content),
        by=officer,
    )
    elapsed = time.perf_counter() - started
    _remove_imported(agency)
    print(f"  import of {created:,} rows ({len(content) / 1024:.0f} KB CSV): {elapsed:.2f} s", flush=True)
    h.record(f"import {IMPORT_ROWS:,} rows (CSV, checked then written)", seconds=elapsed, rows=created)
    h.check(f"import of {IMPORT_ROWS:,} rows created them all", created == IMPORT_ROWS, f"{created:,} rows")


# --- measuring ------------------------------------------------------------------------------


def run(h) -> None:
    if not h.is_filled(FILL):
        print(
            f"filling the bench database ({AGENCIES:,} agencies × {len(YEARS)} years of groups); once only", flush=True
        )
        _fill(h)
    from urllib.parse import urlencode

    from django.urls import reverse

    from pmqa_portal.models import Agency, Province

    compared = list(
        Agency.objects.filter(name_th__startswith=AGENCY_PREFIX, province__code=COMPARED_PROVINCE)
        .order_by("pk")
        .values_list("pk", flat=True)[:COMPARED]
    )
    big_tree = Agency.objects.get(name_th=BIG_TREE_AGENCY)
    province = Province.objects.get(code=COMPARED_PROVINCE)
    facilitator = h.session_cookie("bench_sh_facilitator")
    officer = h.session_cookie("bench_sh_officer")
    compare_path = (
        reverse("stakeholders:compare")
        + "?"
        + urlencode([("fiscal_year", YEAR)] + [("agencies", pk) for pk in compared])
    )
    list_path = reverse("stakeholders:group_list")
    pages = [
        ("healthz", "/healthz", facilitator),
        # A reference, no target: a small page of the core (8 categories per edition), the floor of any full page.
        ("core framework page (reference)", reverse("edition_list"), facilitator),
        ("group list", list_path, facilitator),
        ("group list, one province and year", f"{list_path}?province={province.pk}&fiscal_year={YEAR}", facilitator),
        ("group list, page 40", f"{list_path}?page=40", facilitator),
        (f"comparison of {COMPARED} agencies", compare_path, facilitator),
        ("agency tree, 500 groups", reverse("stakeholders:agency_tree", args=[big_tree.pk, YEAR]), officer),
        ("stakeholder map (SVG), 500 groups", reverse("stakeholders:map_svg", args=[big_tree.pk, YEAR]), officer),
    ]
    results = []
    with h.server() as base_url:
        for name, path, cookie in pages:
            results.append(h.measure(base_url, path, cookie, name=name))
    h.print_table(
        f"Stakeholder groups (PostgreSQL, {AGENCIES:,} agencies, {AGENCIES * len(YEARS) * 21:,} groups)",
        results,
        targets=TARGETS,
    )
    by_name = {result.name: result for result in results}
    base = by_name["healthz"].rps
    for name, target in TARGETS.items():
        ratio = by_name[name].rps / base
        h.check(f"{name} ≥ {target:.2f} × healthz", ratio >= target, f"{ratio:.2f}")
    errors = sum(result.errors for result in results)
    h.check("stakeholder pages: no request failed", errors == 0, f"{errors} errors")
    _time_import(h)
