"""Load all 77 provinces (Bangkok included) from pmqa_portal/data/provinces.json."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "provinces.json"


def load_provinces(apps, schema_editor):
    Province = apps.get_model("pmqa_portal", "Province")
    for row in json.loads(DATA.read_text(encoding="utf-8")):
        Province.objects.update_or_create(
            code=row["code"], defaults={"name_th": row["name_th"], "name_en": row["name_en"]}
        )


class Migration(migrations.Migration):
    dependencies = [("pmqa_portal", "0001_initial")]
    operations = [migrations.RunPython(load_provinces, migrations.RunPython.noop)]
