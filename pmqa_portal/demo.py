"""Demo data of the core: Kamphaeng Phet, its agencies and one user per role.

Idempotent: every row is found by its natural key and updated, never duplicated.
Each app keeps its own `demo.py` with a `demo_load()`; `manage.py load_demo`
calls them in INSTALLED_APPS order so that later apps can lean on earlier ones.
"""

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from pmqa_portal.models import Agency, AgencyKind, Province, User
from pmqa_portal.roles import Role

DEMO_PASSWORD = "pmqa-demo-2550"  # noqa: S105 - printed by `make run` on purpose; demo accounts only.
KAMPHAENG_PHET = "TH-62"

# (key, Thai name, English name, short name, kind, parent key)
CENTRAL_AGENCIES = [
    ("moac", "กระทรวงเกษตรและสหกรณ์", "Ministry of Agriculture and Cooperatives", "กษ.", AgencyKind.MINISTRY, None),
    ("doae", "กรมส่งเสริมการเกษตร", "Department of Agricultural Extension", "กสก.", AgencyKind.DEPARTMENT, "moac"),
    ("dld", "กรมปศุสัตว์", "Department of Livestock Development", "ปศ.", AgencyKind.DEPARTMENT, "moac"),
    ("dof", "กรมประมง", "Department of Fisheries", "กป.", AgencyKind.DEPARTMENT, "moac"),
    ("cpd", "กรมส่งเสริมสหกรณ์", "Cooperative Promotion Department", "กสส.", AgencyKind.DEPARTMENT, "moac"),
    ("moi", "กระทรวงมหาดไทย", "Ministry of Interior", "มท.", AgencyKind.MINISTRY, None),
    ("opm-moi", "สำนักงานปลัดกระทรวงมหาดไทย", "Office of the Permanent Secretary for Interior", "สป.มท.",
     AgencyKind.DEPARTMENT, "moi"),
    ("cdd", "กรมการพัฒนาชุมชน", "Community Development Department", "พช.", AgencyKind.DEPARTMENT, "moi"),
    ("moph", "กระทรวงสาธารณสุข", "Ministry of Public Health", "สธ.", AgencyKind.MINISTRY, None),
    ("opm-moph", "สำนักงานปลัดกระทรวงสาธารณสุข", "Office of the Permanent Secretary for Public Health", "สป.สธ.",
     AgencyKind.DEPARTMENT, "moph"),
    ("msdhs", "กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์",
     "Ministry of Social Development and Human Security", "พม.", AgencyKind.MINISTRY, None),
    ("mol", "กระทรวงแรงงาน", "Ministry of Labour", "รง.", AgencyKind.MINISTRY, None),
    ("opdc", "สำนักงานคณะกรรมการพัฒนาระบบราชการ", "Office of the Public Sector Development Commission",
     "สำนักงาน ก.พ.ร.", AgencyKind.OTHER, None),
]  # fmt: skip

# Provincial agencies of Kamphaeng Phet: the provincial office, the three MOAC
# offices of the seed meeting and five other agencies that took part.
PROVINCIAL_AGENCIES = [
    ("kpp-office", "สำนักงานจังหวัดกำแพงเพชร", "Kamphaeng Phet Provincial Office", "สนจ.กพ.", "opm-moi"),
    ("kpp-agri", "สำนักงานเกษตรจังหวัดกำแพงเพชร", "Kamphaeng Phet Provincial Agricultural Extension Office",
     "กษจ.กพ.", "doae"),
    ("kpp-livestock", "สำนักงานปศุสัตว์จังหวัดกำแพงเพชร", "Kamphaeng Phet Provincial Livestock Office",
     "ปศจ.กพ.", "dld"),
    ("kpp-fisheries", "สำนักงานประมงจังหวัดกำแพงเพชร", "Kamphaeng Phet Provincial Fisheries Office",
     "ประมงจ.กพ.", "dof"),
    ("kpp-coop", "สำนักงานสหกรณ์จังหวัดกำแพงเพชร", "Kamphaeng Phet Provincial Cooperative Office",
     "สกจ.กพ.", "cpd"),
    ("kpp-cdd", "สำนักงานพัฒนาชุมชนจังหวัดกำแพงเพชร", "Kamphaeng Phet Provincial Community Development Office",
     "พช.กพ.", "cdd"),
    ("kpp-health", "สำนักงานสาธารณสุขจังหวัดกำแพงเพชร", "Kamphaeng Phet Provincial Public Health Office",
     "สสจ.กพ.", "opm-moph"),
    ("kpp-social", "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดกำแพงเพชร",
     "Kamphaeng Phet Provincial Office of Social Development and Human Security", "พมจ.กพ.", "msdhs"),
    ("kpp-labour", "สำนักงานแรงงานจังหวัดกำแพงเพชร", "Kamphaeng Phet Provincial Labour Office", "รง.กพ.", "mol"),
]  # fmt: skip

# (username, Thai full name, position, agency key, role, is superuser)
DEMO_USERS = [
    ("admin", "ผู้ดูแลระบบ (สาธิต)", "ผู้ดูแลระบบ", "kpp-office", Role.ADMINISTRATOR, True),
    ("facilitator", "นางสาวสมศรี ใจดี", "หัวหน้ากลุ่มงานยุทธศาสตร์และข้อมูลเพื่อการพัฒนาจังหวัด", "kpp-office",
     Role.FACILITATOR, False),
    ("notetaker", "นายสมชาย บันทึกดี", "นักวิเคราะห์นโยบายและแผน ชำนาญการ", "kpp-office", Role.NOTE_TAKER, False),
    ("officer", "นายประเสริฐ ส่งเสริม", "นักวิชาการส่งเสริมการเกษตร ชำนาญการ", "kpp-agri", Role.AGENCY_OFFICER, False),
    ("officer2", "นางวันดี รักสัตว์", "นายสัตวแพทย์ ชำนาญการ", "kpp-livestock", Role.AGENCY_OFFICER, False),
    ("observer", "นายวิชัย ที่ปรึกษา", "ที่ปรึกษาสำนักงาน ก.พ.ร.", "opdc", Role.OBSERVER, False),
]  # fmt: skip


def demo_agencies() -> dict[str, Agency]:
    """The demo agencies by key, created or brought up to date."""
    province = Province.objects.get(code=KAMPHAENG_PHET)
    agencies: dict[str, Agency] = {}
    for key, name_th, name_en, short, kind, parent_key in CENTRAL_AGENCIES:
        agencies[key], _ = Agency.objects.update_or_create(
            name_th=name_th,
            province=None,
            defaults={"name_en": name_en, "short_name": short, "kind": kind, "parent": agencies.get(parent_key)},
        )
    for key, name_th, name_en, short, parent_key in PROVINCIAL_AGENCIES:
        agencies[key], _ = Agency.objects.update_or_create(
            name_th=name_th,
            province=province,
            defaults={
                "name_en": name_en,
                "short_name": short,
                "kind": AgencyKind.PROVINCIAL_OFFICE,
                "parent": agencies[parent_key],
            },
        )
    return agencies


def demo_users(agencies: dict[str, Agency]) -> dict[str, User]:
    users: dict[str, User] = {}
    # One password for every demo login, hashed once: each hash is meant to cost a third of a second.
    password = None
    for username, full_name, position, agency_key, role, superuser in DEMO_USERS:
        user, created = User.objects.update_or_create(
            username=username,
            defaults={
                "full_name_th": full_name,
                "position_title": position,
                "agency": agencies[agency_key],
                "email": f"{username}@example.go.th",
                "is_staff": superuser,
                "is_superuser": superuser,
            },
        )
        if created or not user.has_usable_password():
            password = password or make_password(DEMO_PASSWORD)
            user.password = password
            user.save(update_fields=["password"])
        user.groups.set([Group.objects.get(name=role)])
        users[username] = user
    return users


def demo_load(stdout=None) -> None:
    agencies = demo_agencies()
    users = demo_users(agencies)
    if stdout is not None:
        stdout.write(f"core: {len(agencies)} agencies, {len(users)} demo users")
