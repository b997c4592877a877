"""Demo data: the groups agreed at the Kamphaeng Phet meeting of 31 August 2550, and more."""

from django.core.management import call_command

from pmqa_portal.models import Agency
from stakeholders.models import StakeholderGroup

MOAC_OFFICES = ["สำนักงานเกษตรจังหวัดกำแพงเพชร", "สำนักงานปศุสัตว์จังหวัดกำแพงเพชร", "สำนักงานประมงจังหวัดกำแพงเพชร"]
OTHER_OFFICES = [
    "สำนักงานจังหวัดกำแพงเพชร",
    "สำนักงานสหกรณ์จังหวัดกำแพงเพชร",
    "สำนักงานพัฒนาชุมชนจังหวัดกำแพงเพชร",
    "สำนักงานสาธารณสุขจังหวัดกำแพงเพชร",
    "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดกำแพงเพชร",
    "สำนักงานแรงงานจังหวัดกำแพงเพชร",
]


def load_demo():
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def tree_of(name):
    agency = Agency.objects.get(name_th=name)
    return [(group.depth, group.name) for group in StakeholderGroup.objects.filter(agency=agency).in_tree_order()]


def test_the_three_moac_offices_have_the_two_groups_and_five_subgroups_of_2550(db):
    load_demo()
    for office in MOAC_OFFICES:
        assert tree_of(office) == [
            (0, "เกษตรกร"), (1, "ด้านพืช"), (1, "ด้านปศุสัตว์"), (1, "ด้านประมง"),
            (0, "วิสาหกิจชุมชน"), (1, "ด้านการผลิต"), (1, "ด้านการบริการ"),
        ], office  # fmt: skip
    assert StakeholderGroup.objects.filter(fiscal_year=2550, name="เกษตรกร").exclude(needs=None).count() >= 3


def test_every_other_demo_agency_has_a_small_tree_with_needs_and_channels(db):
    load_demo()
    for office in OTHER_OFFICES:
        groups = StakeholderGroup.objects.filter(agency__name_th=office, fiscal_year=2550)
        assert groups.count() >= 4, office
        assert groups.filter(parent__isnull=False).exists(), office
        assert groups.exclude(channels=None).exists(), office


def test_loading_the_demo_twice_changes_nothing(db):
    load_demo()
    first = list(StakeholderGroup.objects.order_by("pk").values_list("pk", "name", "parent_id", "order"))
    load_demo()
    assert list(StakeholderGroup.objects.order_by("pk").values_list("pk", "name", "parent_id", "order")) == first
