"""Empty the shared cache: after rows were changed outside Django (psql, a restored dump by other means),
so that no cached page shows them as they were. Signed-in users whose sessions are only in the
cache keep them (sessions are cached_db: the database copy is read again)."""

from django.core.cache import caches
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Empty the cache (pages, table versions, cached users); sessions are read again from the database."

    def handle(self, *args, **options):
        for alias in caches:
            caches[alias].clear()
        self.stdout.write(self.style.SUCCESS("Cache emptied."))
