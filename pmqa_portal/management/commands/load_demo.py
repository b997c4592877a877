"""Load the demo data of every app: `python manage.py load_demo` (safe to repeat)."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from pmqa_portal.demo import DEMO_PASSWORD, DEMO_USERS


def _demo_modules():
    # Each app may ship a `demo` module; core first, then the apps that build on it.
    for app_config in apps.get_app_configs():
        name = f"{app_config.name}.demo"
        if find_spec(name) is not None:
            yield import_module(name)


class Command(BaseCommand):
    help = "Load the Kamphaeng Phet demo data: agencies, users, meetings, stakeholder groups."

    def handle(self, *args, **options):
        with transaction.atomic():
            for module in _demo_modules():
                module.demo_load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded. Demo logins (password for all: {DEMO_PASSWORD}):"))
        for username, full_name, _position, _agency, role, _superuser in DEMO_USERS:
            self.stdout.write(f"  {username:<12} {role.label}  ({full_name})")
