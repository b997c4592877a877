from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "pmqa_portal"
    label = "pmqa_portal"
    verbose_name = _("Portal core")

    def ready(self):
        from pmqa_portal import sqlite_ints
        from pmqa_portal.roles import roles_grant_permissions

        sqlite_ints.install()

        # Permissions exist only after every app has migrated, so the
        # administrator role is granted them here rather than in a migration.
        post_migrate.connect(roles_grant_permissions, dispatch_uid="pmqa_roles_grant_permissions")
