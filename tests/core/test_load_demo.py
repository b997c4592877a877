from django.apps import apps
from django.core.management import call_command

from pmqa_portal.models import Agency


def row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_load_demo_twice_gives_the_same_rows(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = row_counts()
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert row_counts() == first


def test_load_demo_creates_the_kamphaeng_phet_agencies(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    province_agencies = Agency.objects.filter(province__code="TH-62")
    assert province_agencies.filter(name_th="สำนักงานจังหวัดกำแพงเพชร").exists()
    for name in ("สำนักงานเกษตรจังหวัดกำแพงเพชร", "สำนักงานปศุสัตว์จังหวัดกำแพงเพชร", "สำนักงานประมงจังหวัดกำแพงเพชร"):
        assert province_agencies.filter(name_th=name).exists()
    assert province_agencies.count() >= 9
