"""Dump every record of the portal to one file: `manage.py backup_data FILE`.

FILE ends in .jsonl or .json, optionally compressed (.gz, .bz2, .xz), e.g.
`pmqa-2568-09-30.jsonl.gz`; `restore_data FILE` loads it into an empty migrated
database. Content types and permissions are not dumped: `migrate` creates them in
the new database and records refer to them by natural key. Every other table is
dumped whole (soft-deleted rows too), with times to the microsecond, read in one
snapshot so that a portal in use still gives a consistent file. Uploaded files live
in MEDIA_ROOT, outside the database: copy that folder beside the dump.
"""

import bz2
import datetime
import gzip
import lzma

from django.apps import apps
from django.core import serializers
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, router, transaction

# Rebuilt by `migrate` in the target database; everything else is dumped.
REBUILT_BY_MIGRATE = {"contenttypes.contenttype", "auth.permission"}
OPENERS = {"": open, ".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}


def backup_format(path: str) -> tuple[str, str]:
    """('jsonl' or 'json', compression suffix), read from the file name as loaddata reads it."""
    for data_format in ("jsonl", "json"):
        for compression in OPENERS:
            if path.endswith(f".{data_format}{compression}"):
                return data_format, compression
    raise CommandError(f"The file name must end in .jsonl or .json, optionally with .gz, .bz2 or .xz: {path}")


class FullPrecisionEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to the millisecond; a backup keeps the microseconds."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def models_to_dump(database: str) -> list:
    """Every concrete model, those that others refer to by natural key first."""
    models = serializers.sort_dependencies(((config, None) for config in apps.get_app_configs()), allow_cycles=True)
    return [
        model
        for model in models
        if model._meta.label_lower not in REBUILT_BY_MIGRATE
        and not model._meta.proxy
        and router.allow_migrate_model(database, model)
    ]


def records(models: list, database: str):
    for model in models:
        yield from model._base_manager.using(database).order_by(model._meta.pk.name).iterator(chunk_size=2000)


class Command(BaseCommand):
    help = "Dump every record (all apps, natural keys for content types) to FILE for restore_data."

    def add_arguments(self, parser):
        parser.add_argument("file", help="e.g. backup.jsonl.gz")
        parser.add_argument("--database", default="default")

    def handle(self, *args, **options):
        path, database = options["file"], options["database"]
        data_format, compression = backup_format(path)
        connection = connections[database]
        snapshot = not connection.in_atomic_block
        with transaction.atomic(using=database), OPENERS[compression](path, "wt", encoding="utf-8") as stream:
            if snapshot and connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            serializers.serialize(
                data_format,
                records(models_to_dump(database), database),
                stream=stream,
                use_natural_foreign_keys=True,
                cls=FullPrecisionEncoder,
                ensure_ascii=False,
            )
        self.stdout.write(self.style.SUCCESS(f"Backed up to {path}"))
