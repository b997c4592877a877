"""Every URL pattern of the project, found by walking the root URL conf."""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

# Covered elsewhere: Django admin (its own tests), static and media files, the
# language switch and django.contrib.auth's views (own checks in test_authorization).
EXCLUDED_NAMESPACES = {"admin"}
EXCLUDED_NAMES = {"set_language"}
EXCLUDED_VIEW_MODULES = ("django.contrib.auth.views", "django.views.static", "django.contrib.staticfiles.views")


@dataclass(frozen=True)
class FoundPattern:
    name: str | None  # "namespace:name", or None for an unnamed pattern
    route: str  # the full pattern, for messages
    view_module: str


def _walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in EXCLUDED_NAMESPACES:
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            callback = entry.callback
            module = getattr(callback, "__module__", "") or ""
            view_class = getattr(callback, "view_class", None)
            if view_class is not None:
                module = view_class.__module__
            name = f"{namespace}{entry.name}" if entry.name else None
            yield FoundPattern(name=name, route=prefix + str(entry.pattern), view_module=module)


def project_patterns() -> list[FoundPattern]:
    """The URL patterns the authorisation registry must cover."""
    found = []
    for pattern in _walk(get_resolver().url_patterns):
        if pattern.view_module.startswith(EXCLUDED_VIEW_MODULES):
            continue
        if pattern.name in EXCLUDED_NAMES:
            continue
        found.append(pattern)
    return found
