"""Create the portal's roles as Django groups."""

from django.db import migrations

ROLE_NAMES = ["administrator", "facilitator", "note_taker", "agency_officer", "observer"]


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLE_NAMES:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("pmqa_portal", "0003_pmqa_framework"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
