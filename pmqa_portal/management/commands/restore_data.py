"""Load a `backup_data` file into an empty migrated database: `manage.py restore_data FILE`.

Run `manage.py migrate` on the new database first. The restore empties every table
(the rows that migrations seed, such as provinces and the PMQA framework, come back
from the file with their original ids), rebuilds content types and permissions, and
loads the file, all in one transaction: if anything fails, nothing changes. It
refuses a database that already has users unless given --replace.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections, transaction

from pmqa_portal.management.commands.backup_data import backup_format


class Command(BaseCommand):
    help = "Restore a backup_data FILE into an empty migrated database (or, with --replace, over this one)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--replace", action="store_true", help="Delete every record already in the database before restoring."
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, **options):
        path, database = options["file"], options["database"]
        backup_format(path)
        if not options["replace"] and get_user_model()._default_manager.using(database).exists():
            raise CommandError(
                "This database already has users. Restore into an empty migrated database, "
                "or give --replace to delete everything in this one first."
            )
        with transaction.atomic(using=database):
            # Rows written earlier in this transaction leave deferred checks that would block TRUNCATE.
            connections[database].check_constraints()
            call_command("flush", database=database, interactive=False, inhibit_post_migrate=True, verbosity=0)
            for app_config in apps.get_app_configs():
                create_contenttypes(app_config, verbosity=0, using=database)
                create_permissions(app_config, verbosity=0, using=database)
            call_command("loaddata", path, database=database, verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"Restored {path}"))
