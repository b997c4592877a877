"""backup_data and restore_data: the round trip keeps every row of every model."""

import io

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from pmqa_portal.models import Agency, User
from pmqa_portal.roles import Role
from tests.authz.fingerprint import database_fingerprint
from tests.authz.world import build_world
from tests.factories import AgencyFactory, UserFactory

# Rebuilt by migrate rather than restored: their ids (and so the links to them) may
# differ after a restore, their rows may not.
REBUILT = {"contenttypes.contenttype", "auth.permission", "pmqa_portal.user_user_permissions",
           "auth.group_permissions"}  # fmt: skip


def populate() -> dict:
    """At least one row in every model of the portal, Thai text and odd values included."""
    world = build_world()  # every state of a meeting, a stakeholder tree (tests/authz/world.py)
    call_command("load_demo", stdout=io.StringIO())
    AgencyFactory(name_th="หน่วยงานที่ยุบแล้ว", is_active=False, parent=world.agency_a)
    UserFactory(username="inactive", is_active=False, role=Role.OBSERVER, full_name_th='นาง ก. "อัญประกาศ" \' & <>')
    world.officer_a.user_permissions.add(*Group.objects.get(name=Role.ADMINISTRATOR).permissions.all()[:2])
    populate_meetings(world)
    return vars(world)


def populate_meetings(world) -> None:
    """Rows the demo and the authorisation world do not make."""
    from meetings.models import AgreedGroup

    AgreedGroup.objects.create(meeting=world.closed, group=world.stakeholder_group, created_by=world.facilitator)


def row_counts() -> dict[str, int]:
    return {
        model._meta.label_lower: model._base_manager.count() for model in apps.get_models(include_auto_created=True)
    }


def many_to_many_links() -> dict[str, list]:
    """The rows of every many-to-many table of the portal, without their ids."""
    links = {}
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label_lower
        if model._meta.auto_created and label not in REBUILT and label.split(".")[0] != "auth":
            fields = [field.attname for field in model._meta.concrete_fields if not field.primary_key]
            links[label] = sorted(model.objects.values_list(*fields))
    return links


@pytest.fixture
def backup_file(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return str(tmp_path / "pmqa-backup.jsonl.gz")


@pytest.mark.django_db
def test_round_trip_keeps_every_row(backup_file):
    populate()
    counts_before = row_counts()
    fingerprint_before = database_fingerprint()
    links_before = many_to_many_links()
    project_models = [label for label in counts_before if label.split(".")[0] in {"pmqa_portal", "meetings",
                                                                                    "stakeholders"}]  # fmt: skip
    empty = [label for label in project_models if counts_before[label] == 0]
    assert not empty, f"populate() must put a row in every model so the round trip covers it: {empty}"

    call_command("backup_data", backup_file, verbosity=0)
    connection.check_constraints()  # settle the test transaction's deferred checks, as a fresh database has none
    call_command("flush", interactive=False, verbosity=0)
    assert not User.objects.exists()
    call_command("restore_data", backup_file, verbosity=0)

    assert row_counts() == counts_before
    after = database_fingerprint()
    for label, digest in fingerprint_before.items():
        if label.lower() in REBUILT or apps.get_model(label)._meta.auto_created:
            continue
        assert after[label] == digest, f"{label} differs after the round trip"
    # Many-to-many links are restored by their ends (their own ids are new).
    assert links_before == many_to_many_links()


@pytest.mark.django_db
def test_values_and_permissions_survive(backup_file):
    world = populate()
    call_command("backup_data", backup_file, verbosity=0)
    call_command("restore_data", backup_file, "--replace", verbosity=0)

    officer = User.objects.get(username="officer_a")
    assert officer.agency.name_th == "สำนักงานเกษตรจังหวัดทดสอบ"
    assert officer.check_password("test-pass-123!")
    assert list(officer.groups.values_list("name", flat=True)) == [Role.AGENCY_OFFICER]
    assert officer.user_permissions.count() == 2
    assert User.objects.get(username="inactive").full_name_th == 'นาง ก. "อัญประกาศ" \' & <>'
    assert Agency.objects.get(name_th="หน่วยงานที่ยุบแล้ว").parent_id == world["agency_a"].pk
    administrators = Group.objects.get(name=Role.ADMINISTRATOR)
    assert administrators.permissions.count() == Group.objects.get(name=Role.ADMINISTRATOR).permissions.count() > 0


@pytest.mark.django_db
def test_restore_refuses_a_database_with_users(backup_file):
    populate()
    call_command("backup_data", backup_file, verbosity=0)
    with pytest.raises(CommandError, match="already has users"):
        call_command("restore_data", backup_file, verbosity=0)


@pytest.mark.django_db
def test_new_rows_after_a_restore_get_fresh_ids(backup_file):
    populate()
    highest = Agency.objects.order_by("-pk").first().pk
    call_command("backup_data", backup_file, verbosity=0)
    call_command("restore_data", backup_file, "--replace", verbosity=0)
    assert AgencyFactory().pk > highest


def test_a_file_name_without_a_known_format_is_refused():
    with pytest.raises(CommandError, match=".jsonl or .json"):
        call_command("backup_data", "backup.sql")
