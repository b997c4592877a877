"""A digest of every row the portal keeps, to show that a refused request changed nothing."""

import hashlib

from django.apps import apps
from django.db import connection

# The project's own data plus the roles; sessions, django-axes' attempt log and
# admin's log change on every sign-in and are not the portal's records.
FINGERPRINTED_APPS = ("pmqa_portal", "stakeholders", "meetings", "auth")
# Touched by signing in, not by a change of records.
IGNORED_FIELDS = {("pmqa_portal", "user"): {"last_login"}}


def database_fingerprint() -> dict[str, str]:
    """{model label: digest of its rows}, so a failure names the table that changed."""
    digests = {}
    tables = set(connection.introspection.table_names())  # an app whose migration is still being written
    for app_label in FINGERPRINTED_APPS:
        try:
            app = apps.get_app_config(app_label)
        except LookupError:
            continue
        for model in app.get_models(include_auto_created=True):
            if model._meta.db_table not in tables:
                continue
            ignored = IGNORED_FIELDS.get((app_label, model._meta.model_name), set())
            fields = [field.attname for field in model._meta.concrete_fields if field.attname not in ignored]
            rows = model._base_manager.order_by("pk").values_list(*fields)
            digest = hashlib.sha256(repr(list(rows)).encode()).hexdigest()
            digests[model._meta.label] = digest
    return digests


def changed_tables(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(label for label in before.keys() | after.keys() if before.get(label) != after.get(label))
