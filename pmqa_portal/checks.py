"""System checks of the portal's own settings (run by `manage.py check --deploy`)."""

from django.conf import settings
from django.core import checks

LOCAL_CACHES = ("django.core.cache.backends.locmem.LocMemCache", "django.core.cache.backends.dummy.DummyCache")


@checks.register(checks.Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs):
    """Cached pages stay correct only if every app process sees the same table versions (pmqa_portal.versions)."""
    if settings.CACHES["default"]["BACKEND"] in LOCAL_CACHES:
        return [
            checks.Warning(
                "The default cache is local to each process (REDIS_URL is not set).",
                hint="Set REDIS_URL: with several app processes, a page cached by one would not be renewed "
                "by a write made through another.",
                id="pmqa.W001",
            )
        ]
    return []
