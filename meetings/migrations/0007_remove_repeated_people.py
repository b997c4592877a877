"""Remove people listed twice, before 0008 makes it impossible.

A person without an account is one person per name and agency: the attendance of
a meeting, and the members of a working group, keep their first listing of each
(the lowest id). Whoever stood in for a removed repeat stands in for the listing kept.
People with an account were unique already.
"""

from django.db import migrations


def _repeats(rows, owner: str) -> dict[int, int]:
    """{id of a repeated listing: id of the first listing of the same person}, for rows without a user."""
    first, repeats = {}, {}
    for pk, *person in rows.filter(user=None).order_by("pk").values_list("pk", owner, "name", "agency_id").iterator():
        person = tuple(person)
        if person in first:
            repeats[pk] = first[person]
        else:
            first[person] = pk
    return repeats


def remove_repeats(apps, schema_editor):
    Attendance = apps.get_model("meetings", "Attendance")
    WorkingGroupMember = apps.get_model("meetings", "WorkingGroupMember")

    repeated = _repeats(Attendance.objects, "meeting_id")
    for repeat, kept in repeated.items():
        Attendance.objects.filter(substitute_for_id=repeat).exclude(pk=kept).update(substitute_for_id=kept)
        # Standing in for oneself is refused by attendance_not_own_substitute.
        Attendance.objects.filter(pk=kept, substitute_for_id=repeat).update(substitute_for_id=None)
    Attendance.objects.filter(pk__in=list(repeated)).delete()

    WorkingGroupMember.objects.filter(pk__in=list(_repeats(WorkingGroupMember.objects, "working_group_id"))).delete()


class Migration(migrations.Migration):
    dependencies = [("meetings", "0006_fewer_point_indexes")]

    # The removed rows cannot be told apart from the kept ones: nothing to put back.
    operations = [migrations.RunPython(remove_repeats, migrations.RunPython.noop)]
