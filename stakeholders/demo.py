"""Demo stakeholder groups for fiscal year 2550 (the Kamphaeng Phet working group).

The agriculture, livestock and fisheries offices get the two groups and five
subgroups agreed at the meeting of 31 August 2550 (the MOAC template); the
other provincial agencies get a small tree of their own. Idempotent: rows are
found by their natural keys and updated, never duplicated, and no history is
written (the history records what people do).
"""

from pmqa_portal.demo import demo_agencies
from pmqa_portal.models import CriteriaItem
from stakeholders.models import (
    ChannelKind,
    Frequency,
    GroupKind,
    Level,
    ListeningChannel,
    Need,
    NeedKind,
    Priority,
    StakeholderGroup,
    StakeholderTemplate,
)

FISCAL_YEAR = 2550
MOAC_TEMPLATE = "moac-kamphaeng-phet-2550"
MOAC_OFFICES = ["kpp-agri", "kpp-livestock", "kpp-fisheries"]
R, S = GroupKind.SERVICE_RECIPIENT, GroupKind.STAKEHOLDER
HIGH, MEDIUM = Priority.HIGH, Priority.MEDIUM


def group(name, kind=R, *, influence=Level.MEDIUM, interest=Level.MEDIUM, basis="", size=None, services="",
          needs=(), channels=(), children=(), criteria=("CS1",)):  # fmt: skip
    return {
        "name": name,
        "kind": kind,
        "influence": influence,
        "interest": interest,
        "segmentation_basis": basis,
        "estimated_size": size,
        "services": services,
        "needs": needs,
        "channels": channels,
        "children": children,
        "criteria": criteria,
    }


# What the MOAC groups need and how the offices listen to them (the tree itself comes from the template).
MOAC_DETAILS = {
    "เกษตรกร": {
        "influence": Level.HIGH,
        "interest": Level.VERY_HIGH,
        "needs": [
            ("ได้รับความรู้และเทคโนโลยีการผลิตที่ทันสมัย", HIGH, NeedKind.NEED),
            ("ได้รับข้อมูลข่าวสารด้านราคาและการตลาดอย่างทันเวลา", MEDIUM, NeedKind.NEED),
            ("ได้รับความช่วยเหลืออย่างรวดเร็วเมื่อประสบภัยธรรมชาติหรือโรคระบาด", HIGH, NeedKind.EXPECTATION),
        ],
        "channels": [
            (ChannelKind.MEETING, Frequency.MONTHLY, "ประชุมผู้นำเกษตรกรประจำเดือน"),
            (ChannelKind.FIELD_VISIT, Frequency.MONTHLY, "เยี่ยมแปลงและฟาร์มของเกษตรกร"),
            (ChannelKind.HOTLINE, Frequency.AS_NEEDED, "สายด่วนของกรม"),
            (ChannelKind.SURVEY, Frequency.YEARLY, "สำรวจความพึงพอใจประจำปี"),
        ],
    },
    "วิสาหกิจชุมชน": {
        "influence": Level.MEDIUM,
        "interest": Level.HIGH,
        "needs": [
            ("การส่งเสริมการแปรรูปและพัฒนาผลิตภัณฑ์", HIGH, NeedKind.NEED),
            ("ช่องทางการตลาดและการจำหน่ายสินค้า", HIGH, NeedKind.NEED),
            ("การจดทะเบียนและต่ออายุที่สะดวก รวดเร็ว", MEDIUM, NeedKind.EXPECTATION),
        ],
        "channels": [
            (ChannelKind.MEETING, Frequency.QUARTERLY, "ประชุมเครือข่ายวิสาหกิจชุมชน"),
            (ChannelKind.SOCIAL_MEDIA, Frequency.CONTINUOUS, "กลุ่มไลน์วิสาหกิจชุมชนจังหวัด"),
        ],
    },
}
MOAC_SERVICES = {
    "kpp-agri": "ส่งเสริมการผลิตพืช ถ่ายทอดเทคโนโลยี ขึ้นทะเบียนเกษตรกร",
    "kpp-livestock": "ส่งเสริมการเลี้ยงสัตว์ ควบคุมและป้องกันโรคระบาดสัตว์ บริการสัตวแพทย์",
    "kpp-fisheries": "ส่งเสริมการเพาะเลี้ยงสัตว์น้ำ แจกพันธุ์สัตว์น้ำ ขึ้นทะเบียนผู้เพาะเลี้ยง",
}

OTHER_TREES = {
    "kpp-office": [
        group("ส่วนราชการในจังหวัด", influence=Level.HIGH, interest=Level.HIGH, basis="แบ่งตามสังกัด",
              services="ประสานแผนพัฒนาจังหวัด ติดตามและประเมินผล",
              needs=[("ข้อมูลยุทธศาสตร์จังหวัดที่ทันสมัย", HIGH, NeedKind.NEED)],
              channels=[(ChannelKind.MEETING, Frequency.MONTHLY, "ประชุมหัวหน้าส่วนราชการประจำเดือน")],
              children=[group("ส่วนราชการส่วนภูมิภาค"), group("ส่วนราชการส่วนกลางที่ตั้งอยู่ในจังหวัด")]),
        group("ประชาชนในจังหวัด", interest=Level.HIGH, size=727_000,
              needs=[("บริการที่รวดเร็ว โปร่งใส ณ จุดเดียว", HIGH, NeedKind.EXPECTATION)],
              channels=[(ChannelKind.HOTLINE, Frequency.CONTINUOUS, "ศูนย์ดำรงธรรมจังหวัด สายด่วน 1567"),
                        (ChannelKind.WEBSITE, Frequency.CONTINUOUS, "เว็บไซต์จังหวัด")]),
        group("ภาคเอกชน", S, influence=Level.HIGH, interest=Level.MEDIUM,
              children=[group("หอการค้าจังหวัด", S), group("สภาอุตสาหกรรมจังหวัด", S)],
              channels=[(ChannelKind.MEETING, Frequency.QUARTERLY, "คณะกรรมการร่วมภาครัฐและเอกชน (กรอ.)")]),
    ],
    "kpp-coop": [
        group("สหกรณ์", influence=Level.HIGH, interest=Level.VERY_HIGH, basis="แบ่งตามประเภทสหกรณ์",
              services="แนะนำส่งเสริมการบริหารจัดการ ตรวจการสหกรณ์",
              needs=[("คำแนะนำด้านการบริหารจัดการและบัญชี", HIGH, NeedKind.NEED)],
              channels=[(ChannelKind.FIELD_VISIT, Frequency.MONTHLY, "เจ้าหน้าที่ส่งเสริมสหกรณ์ประจำพื้นที่")],
              children=[group("สหกรณ์ภาคการเกษตร"), group("สหกรณ์นอกภาคการเกษตร")]),
        group("กลุ่มเกษตรกร", interest=Level.HIGH,
              needs=[("แหล่งเงินทุนดอกเบี้ยต่ำ", HIGH, NeedKind.NEED)],
              channels=[(ChannelKind.MEETING, Frequency.QUARTERLY, "ประชุมคณะกรรมการกลุ่มเกษตรกร")]),
        group("สมาชิกสหกรณ์", S, influence=Level.LOW, interest=Level.HIGH,
              channels=[(ChannelKind.SURVEY, Frequency.YEARLY, "แบบสำรวจความพึงพอใจสมาชิก")]),
    ],
    "kpp-cdd": [
        group("ผู้นำชุมชน", influence=Level.HIGH, interest=Level.HIGH,
              needs=[("การพัฒนาศักยภาพผู้นำ", MEDIUM, NeedKind.NEED)],
              channels=[(ChannelKind.MEETING, Frequency.MONTHLY, "ประชุมผู้นำชุมชนระดับอำเภอ")]),
        group("กลุ่มผู้ผลิตและผู้ประกอบการ OTOP", interest=Level.VERY_HIGH, basis="แบ่งตามบทบาทในห่วงโซ่",
              needs=[("ช่องทางจำหน่ายสินค้า OTOP", HIGH, NeedKind.NEED)],
              channels=[(ChannelKind.SOCIAL_MEDIA, Frequency.CONTINUOUS, "เพจ OTOP จังหวัด")],
              children=[group("ผู้ผลิต OTOP"), group("ผู้ประกอบการ OTOP")]),
        group("ครัวเรือนยากจน", influence=Level.LOW, interest=Level.HIGH,
              needs=[("อาชีพเสริมและรายได้ที่มั่นคง", HIGH, NeedKind.NEED)],
              channels=[(ChannelKind.FIELD_VISIT, Frequency.QUARTERLY, "เยี่ยมครัวเรือนเป้าหมาย")]),
    ],
    "kpp-health": [
        group("ประชาชนผู้รับบริการสุขภาพ", interest=Level.VERY_HIGH, basis="แบ่งตามช่วงวัยและภาวะสุขภาพ",
              needs=[("บริการสุขภาพที่ได้มาตรฐานใกล้บ้าน", HIGH, NeedKind.EXPECTATION)],
              channels=[(ChannelKind.HOTLINE, Frequency.CONTINUOUS, "สายด่วน 1669"),
                        (ChannelKind.SURVEY, Frequency.YEARLY, "สำรวจความพึงพอใจผู้รับบริการ")],
              children=[group("มารดาและเด็ก"), group("ผู้สูงอายุ"),
                        group("ผู้ป่วยโรคเรื้อรัง", children=[group("ผู้ป่วยเบาหวาน"), group("ผู้ป่วยความดันโลหิตสูง")])]),
        group("อาสาสมัครสาธารณสุขประจำหมู่บ้าน (อสม.)", S, influence=Level.HIGH, interest=Level.HIGH,
              channels=[(ChannelKind.MEETING, Frequency.MONTHLY, "ประชุม อสม. ประจำเดือน")]),
        group("โรงพยาบาลส่งเสริมสุขภาพตำบล", S, influence=Level.HIGH, interest=Level.MEDIUM),
    ],
    "kpp-social": [
        group("กลุ่มเปราะบาง", influence=Level.LOW, interest=Level.VERY_HIGH, basis="แบ่งตามกลุ่มเป้าหมายตามกฎหมาย",
              needs=[("เบี้ยยังชีพและสวัสดิการที่ทั่วถึง", HIGH, NeedKind.NEED)],
              channels=[(ChannelKind.HOTLINE, Frequency.CONTINUOUS, "ศูนย์ช่วยเหลือสังคม สายด่วน 1300")],
              children=[group("ผู้สูงอายุ"), group("คนพิการ"), group("เด็กและเยาวชน")]),
        group("องค์กรสวัสดิการชุมชน", S, influence=Level.MEDIUM, interest=Level.HIGH,
              channels=[(ChannelKind.MEETING, Frequency.QUARTERLY, "ประชุมเครือข่ายองค์กรสวัสดิการชุมชน")]),
    ],
    "kpp-labour": [
        group("ผู้ใช้แรงงาน", interest=Level.VERY_HIGH, basis="แบ่งตามการคุ้มครองตามกฎหมาย",
              needs=[("ความรู้ด้านสิทธิและการคุ้มครองแรงงาน", HIGH, NeedKind.NEED)],
              channels=[(ChannelKind.HOTLINE, Frequency.CONTINUOUS, "สายด่วนกระทรวงแรงงาน 1506")],
              children=[group("แรงงานในระบบ"), group("แรงงานนอกระบบ")]),
        group("นายจ้างและสถานประกอบการ", S, influence=Level.HIGH, interest=Level.MEDIUM,
              channels=[(ChannelKind.MEETING, Frequency.TWICE_A_YEAR, "ประชุมชี้แจงสถานประกอบการ")]),
        group("ผู้หางานทำ", interest=Level.HIGH,
              needs=[("ข้อมูลตำแหน่งงานว่างที่ตรงกับทักษะ", HIGH, NeedKind.NEED)],
              channels=[(ChannelKind.WEBSITE, Frequency.CONTINUOUS, "ระบบจัดหางานออนไลน์")]),
    ],
}  # fmt: skip


def _moac_tree(agency_key: str) -> list[dict]:
    template = StakeholderTemplate.objects.get(code=MOAC_TEMPLATE)
    template_groups = list(template.groups.order_by("order", "name"))
    roots = [item for item in template_groups if item.parent_id is None]
    tree = []
    for root in roots:
        children = [group(item.name, item.kind) for item in template_groups if item.parent_id == root.pk]
        tree.append(
            group(
                root.name,
                root.kind,
                basis=root.segmentation_basis,
                services=MOAC_SERVICES[agency_key],
                children=children,
                **MOAC_DETAILS.get(root.name, {}),
            )
        )
    return tree


def _ensure(agency, specs, parent, criteria_by_code) -> int:
    count = 0
    for order, spec in enumerate(specs):
        row, _ = StakeholderGroup.objects.update_or_create(
            agency=agency,
            fiscal_year=FISCAL_YEAR,
            parent=parent,
            name=spec["name"],
            defaults={
                "kind": spec["kind"],
                "order": order,
                "influence": spec["influence"],
                "interest": spec["interest"],
                "segmentation_basis": spec["segmentation_basis"],
                "estimated_size": spec["estimated_size"],
                "services": spec["services"],
                "is_active": True,
            },
        )
        if parent is None:
            row.criteria_items.set([criteria_by_code[code] for code in spec["criteria"] if code in criteria_by_code])
        for description, priority, kind in spec["needs"]:
            Need.objects.update_or_create(
                group=row, description=description, defaults={"priority": priority, "kind": kind}
            )
        for kind, frequency, description in spec["channels"]:
            ListeningChannel.objects.update_or_create(
                group=row, kind=kind, description=description, defaults={"frequency": frequency}
            )
        count += 1 + _ensure(agency, spec["children"], row, criteria_by_code)
    return count


def demo_load(stdout=None) -> None:
    agencies = demo_agencies()
    criteria_by_code = {item.code: item for item in CriteriaItem.objects.filter(category__edition__code="fundamental")}
    count = 0
    for key in MOAC_OFFICES:
        count += _ensure(agencies[key], _moac_tree(key), None, criteria_by_code)
    for key, tree in OTHER_TREES.items():
        count += _ensure(agencies[key], tree, None, criteria_by_code)
    if stdout is not None:
        stdout.write(f"stakeholders: {count} groups for fiscal year {FISCAL_YEAR}")
