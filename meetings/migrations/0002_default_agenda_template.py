"""Seed the usual five-item agenda (ระเบียบวาระ) as the default template; editable in admin."""

from django.db import migrations

DEFAULT_TEMPLATE = "ระเบียบวาระการประชุมทั่วไป"
ITEMS = [
    ("1", "เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ", 10),
    ("2", "รับรองรายงานการประชุมครั้งที่แล้ว", 10),
    ("3", "เรื่องสืบเนื่อง", 20),
    ("4", "เรื่องเพื่อพิจารณา", 120),
    ("5", "เรื่องอื่น ๆ", 20),
]


def seed(apps, schema_editor):
    AgendaTemplate = apps.get_model("meetings", "AgendaTemplate")
    AgendaTemplateItem = apps.get_model("meetings", "AgendaTemplateItem")
    template, created = AgendaTemplate.objects.get_or_create(name=DEFAULT_TEMPLATE, defaults={"is_default": True})
    if not created:
        return
    for order, (number, title, minutes) in enumerate(ITEMS, start=1):
        AgendaTemplateItem.objects.create(
            template=template, order=order, number=number, title=title, planned_minutes=minutes
        )


def unseed(apps, schema_editor):
    apps.get_model("meetings", "AgendaTemplate").objects.filter(name=DEFAULT_TEMPLATE).delete()


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
