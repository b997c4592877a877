"""Seed the PMQA framework: two editions, their 8 categories, Category 3 in full.

Further items and editions are added by admins as data. The fundamental level's
items beyond CS1 follow its second revision (CS1 needs ... CS5 complaints) and
are editable in admin.
"""

from django.db import migrations

CATEGORIES = [
    # code, Thai (fundamental), English (fundamental), Thai (4.0), English (4.0)
    ("P", "ลักษณะสำคัญขององค์การ", "Organizational Profile", "ลักษณะสำคัญขององค์การ", "Organizational Profile"),
    ("1", "การนำองค์การ", "Leadership", "การนำองค์การ", "Leadership"),
    ("2", "การวางแผนเชิงยุทธศาสตร์", "Strategic Planning", "การวางแผนเชิงยุทธศาสตร์", "Strategic Planning"),
    (
        "3",
        "การให้ความสำคัญกับผู้รับบริการและผู้มีส่วนได้ส่วนเสีย",
        "Customer and Stakeholder Focus",
        "การให้ความสำคัญกับผู้รับบริการและผู้มีส่วนได้ส่วนเสีย",
        "Customer and Stakeholder Focus",
    ),
    (
        "4",
        "การวัด การวิเคราะห์ และการจัดการความรู้",
        "Measurement, Analysis and Knowledge Management",
        "การวัด การวิเคราะห์ และการจัดการความรู้",
        "Measurement, Analysis and Knowledge Management",
    ),
    ("5", "การมุ่งเน้นทรัพยากรบุคคล", "Human Resource Focus", "การมุ่งเน้นบุคลากร", "Workforce Focus"),
    ("6", "การจัดการกระบวนการ", "Process Management", "การมุ่งเน้นระบบปฏิบัติการ", "Operations Focus"),
    ("7", "ผลลัพธ์การดำเนินการ", "Results", "ผลลัพธ์การดำเนินการ", "Results"),
]

FUNDAMENTAL_CATEGORY_3 = [
    (
        "CS1",
        "การรู้จักผู้รับบริการและผู้มีส่วนได้ส่วนเสีย",
        "Knowledge of service recipients and stakeholders",
        "ส่วนราชการต้องกำหนดกลุ่มผู้รับบริการและผู้มีส่วนได้ส่วนเสียตามพันธกิจ "
        "และรู้ความต้องการของแต่ละกลุ่ม เพื่อให้สามารถตอบสนองความต้องการของทุกกลุ่มได้",
        "The agency defines its service-recipient and stakeholder groups according to its mission, "
        "and knows each group's needs, so that it can meet the needs of every group.",
    ),
    (
        "CS2",
        "ความพึงพอใจ",
        "Satisfaction",
        "ส่วนราชการต้องวัดความพึงพอใจของผู้รับบริการและผู้มีส่วนได้ส่วนเสีย และนำผลมาปรับปรุงการให้บริการ",
        "The agency measures the satisfaction of service recipients and stakeholders and uses the results "
        "to improve its services.",
    ),
    (
        "CS3",
        "ความไม่พึงพอใจ",
        "Dissatisfaction",
        "ส่วนราชการต้องวัดความไม่พึงพอใจของผู้รับบริการและผู้มีส่วนได้ส่วนเสีย และนำผลมาแก้ไขปรับปรุง",
        "The agency measures the dissatisfaction of service recipients and stakeholders and acts on it.",
    ),
    (
        "CS4",
        "ความสัมพันธ์",
        "Relationships",
        "ส่วนราชการต้องสร้างความสัมพันธ์ที่ดีกับผู้รับบริการและผู้มีส่วนได้ส่วนเสียแต่ละกลุ่ม",
        "The agency builds good relationships with each group of service recipients and stakeholders.",
    ),
    (
        "CS5",
        "ข้อร้องเรียน",
        "Complaints",
        "ส่วนราชการต้องมีระบบรับและจัดการข้อร้องเรียนที่ทันการณ์และนำข้อร้องเรียนมาปรับปรุงการทำงาน",
        "The agency receives and resolves complaints promptly and uses them to improve its work.",
    ),
]

PMQA40_CATEGORY_3 = [
    (
        "3.1",
        "ระบบข้อมูลผู้รับบริการที่ทันสมัยและรวดเร็ว",
        "A modern, fast service-information system",
        "ส่วนราชการมีระบบข้อมูลการให้บริการที่ทันสมัยและรวดเร็ว ทุกระดับเข้าถึงได้ "
        "ตั้งแต่ข้อมูลผู้รับบริการ เครื่องมือดิจิทัลเพื่อค้นหาความต้องการ ไปจนถึงนโยบายเชิงรุก",
        "A modern, fast service-information system that every level can reach: customer data, "
        "digital tools to find needs, proactive policy.",
    ),
    (
        "3.2",
        "การวัดความพึงพอใจและความผูกพัน",
        "Satisfaction and engagement",
        "ส่วนราชการวัดความพึงพอใจและความผูกพันของผู้รับบริการและผู้มีส่วนได้ส่วนเสีย และนำผลไปใช้",
        "Measuring satisfaction and engagement and using the results.",
    ),
    (
        "3.3",
        "นวัตกรรมการบริการสำหรับกลุ่มเฉพาะ",
        "Service innovation for specific groups",
        "ส่วนราชการสร้างนวัตกรรมการบริการสำหรับกลุ่มผู้รับบริการเฉพาะ จำแนกกลุ่มและให้บริการเฉพาะบุคคล",
        "Service innovation for specific groups: segments and personalised service.",
    ),
    (
        "3.4",
        "กระบวนการแก้ไขข้อร้องเรียนที่รวดเร็วและสร้างสรรค์",
        "Fast and creative complaint resolution",
        "ส่วนราชการมีกระบวนการแก้ไขข้อร้องเรียนที่รวดเร็วและสร้างสรรค์",
        "A fast and creative complaint-resolution process.",
    ),
]

EDITIONS = [
    # code, Thai name, English name, first fiscal year, order, Thai-name index, items
    (
        "fundamental",
        "เกณฑ์คุณภาพการบริหารจัดการภาครัฐ ระดับพื้นฐาน",
        "PMQA Fundamental Level",
        2552,
        1,
        (1, 2),
        FUNDAMENTAL_CATEGORY_3,
    ),
    ("pmqa-4-0", "เกณฑ์คุณภาพการบริหารจัดการภาครัฐ 4.0", "PMQA 4.0", 2562, 2, (3, 4), PMQA40_CATEGORY_3),
]


def seed_framework(apps, schema_editor):
    Edition = apps.get_model("pmqa_portal", "Edition")
    Category = apps.get_model("pmqa_portal", "Category")
    CriteriaItem = apps.get_model("pmqa_portal", "CriteriaItem")
    for code, name_th, name_en, first_year, order, (th_col, en_col), items in EDITIONS:
        edition, _ = Edition.objects.update_or_create(
            code=code,
            defaults={"name_th": name_th, "name_en": name_en, "first_fiscal_year": first_year, "order": order},
        )
        for position, row in enumerate(CATEGORIES):
            category, _ = Category.objects.update_or_create(
                edition=edition,
                code=row[0],
                defaults={"name_th": row[th_col], "name_en": row[en_col], "order": position},
            )
            if row[0] != "3":
                continue
            for item_order, (item_code, title_th, title_en, text_th, text_en) in enumerate(items, start=1):
                CriteriaItem.objects.update_or_create(
                    category=category,
                    code=item_code,
                    defaults={
                        "title_th": title_th,
                        "title_en": title_en,
                        "text_th": text_th,
                        "text_en": text_en,
                        "order": item_order,
                    },
                )


class Migration(migrations.Migration):
    dependencies = [("pmqa_portal", "0002_provinces")]
    operations = [migrations.RunPython(seed_framework, migrations.RunPython.noop)]
