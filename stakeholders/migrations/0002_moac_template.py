"""Seed the shared template agreed at the Kamphaeng Phet meeting of 31 August 2550.

The provincial agriculture, livestock and fisheries offices agreed on two groups:
(1) farmers: crop growers, livestock raisers, fishers; (2) community enterprises:
production, service. Editable in admin; agencies copy it on their carry-forward page.
"""

from django.db import migrations

CODE = "moac-kamphaeng-phet-2550"
NAME = "กลุ่มผู้รับบริการของหน่วยงานสังกัดกระทรวงเกษตรและสหกรณ์ (ข้อตกลงคณะทำงาน PMQA จังหวัดกำแพงเพชร 2550)"
DESCRIPTION = (
    "ข้อตกลงของสำนักงานเกษตรจังหวัด สำนักงานปศุสัตว์จังหวัด และสำนักงานประมงจังหวัดกำแพงเพชร "
    "ในการประชุมคณะทำงาน PMQA เมื่อวันที่ 31 สิงหาคม 2550: (1) เกษตรกร ด้านพืช ด้านปศุสัตว์ ด้านประมง "
    "(2) วิสาหกิจชุมชน ด้านการผลิต ด้านการบริการ"
)
# (name, basis of segmentation, subgroups)
GROUPS = [
    ("เกษตรกร", "แบ่งตามประเภทการผลิต", ["ด้านพืช", "ด้านปศุสัตว์", "ด้านประมง"]),
    ("วิสาหกิจชุมชน", "แบ่งตามลักษณะกิจกรรม", ["ด้านการผลิต", "ด้านการบริการ"]),
]


def seed_template(apps, schema_editor):
    StakeholderTemplate = apps.get_model("stakeholders", "StakeholderTemplate")
    TemplateGroup = apps.get_model("stakeholders", "TemplateGroup")
    template, _ = StakeholderTemplate.objects.update_or_create(
        code=CODE, defaults={"name": NAME, "description": DESCRIPTION, "is_active": True}
    )
    for order, (name, basis, subgroups) in enumerate(GROUPS):
        group, _ = TemplateGroup.objects.update_or_create(
            template=template,
            parent=None,
            name=name,
            defaults={"kind": "service_recipient", "segmentation_basis": basis, "order": order},
        )
        for sub_order, subgroup in enumerate(subgroups):
            TemplateGroup.objects.update_or_create(
                template=template,
                parent=group,
                name=subgroup,
                defaults={"kind": "service_recipient", "order": sub_order},
            )


def remove_template(apps, schema_editor):
    StakeholderTemplate = apps.get_model("stakeholders", "StakeholderTemplate")
    TemplateGroup = apps.get_model("stakeholders", "TemplateGroup")
    TemplateGroup.objects.filter(template__code=CODE, parent__isnull=False).delete()
    StakeholderTemplate.objects.filter(code=CODE).delete()


class Migration(migrations.Migration):
    dependencies = [("stakeholders", "0001_initial")]

    operations = [migrations.RunPython(seed_template, remove_template)]
